import { loadConfig } from "./config/index.js";
import { runService } from "./run-service.js";

// Starts Borikan as ROLE says (web, worker or all), with settings from the environment, until stopped.
await runService(loadConfig());
