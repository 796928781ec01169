// #16 core

// #16 dashboards
export { type DashboardDeps, dashboardRoutes } from "./dashboard.routes.js";
