import { type Capability, PROCESSES, type Tool } from "./processes.js";
import type { AnswerValue, Level } from "./survey-types.js";

export type LiveState = Record<Capability, boolean>;
export type Answers = Record<string, { value: AnswerValue; note: string }>;

/** A tool's state: ticked by this install's live configuration, by the agency's own "have", or not. */
export interface ToolState {
  tool: Tool;
  live: boolean;
  declared: boolean;
}

export interface ProcessLevel {
  processId: string;
  level: Level;
  tools: Record<Level, ToolState[]>;
}

const toolState = (tool: Tool, live: LiveState, answers: Answers): ToolState => ({
  tool,
  live: tool.live.some((c) => live[c]),
  declared: tool.items.some((item) => answers[item]?.value === "have"),
});

const inPlace = (states: ToolState[]) => states.every((s) => s.live || s.declared);

/**
 * RD-2, the rule of seed 001 appendix ก.3: a process is at the level whose recommended tools are all in
 * place, levels climbing in order (Basic → Standard → Advance; advanced needs standard first). Basic is
 * where every agency starts: its tools include paper and the agency's own account, so a process is never
 * below *initial*. A tool is in place when this install provides it (read live) or the agency answered
 * "have" for the channel it runs outside this install; "in progress" and "don't have" do not count.
 */
export function assessLevels(live: LiveState, answers: Answers): ProcessLevel[] {
  return PROCESSES.map((process) => {
    const tools = {
      initial: process.tools.initial.map((t) => toolState(t, live, answers)),
      standard: process.tools.standard.map((t) => toolState(t, live, answers)),
      advanced: process.tools.advanced.map((t) => toolState(t, live, answers)),
    };
    const standard = inPlace(tools.standard);
    const level: Level = standard && inPlace(tools.advanced) ? "advanced" : standard ? "standard" : "initial";
    return { processId: process.id, level, tools };
  });
}

/** The agency's level as a whole: its weakest process (a chain is as ready as its least ready step). */
export function overallLevel(levels: readonly ProcessLevel[]): Level {
  const order: Level[] = ["initial", "standard", "advanced"];
  return levels.reduce<Level>(
    (lowest, p) => (order.indexOf(p.level) < order.indexOf(lowest) ? p.level : lowest),
    "advanced",
  );
}
