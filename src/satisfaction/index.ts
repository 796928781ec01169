// #16 core: the figures the dashboards read (TR-3)

export type { SatisfactionRatingsTable } from "./satisfaction.table.js";
export { type SatisfactionFigure, satisfactionFigures } from "./satisfaction-figures.js";
// #16 dashboards
export { scopedSatisfactionFigures } from "./scoped-satisfaction-figures.js";
