// Run as its own process by the pool's tests: uses a pool, closes it, and must then exit by itself.
import { createThreadPool, threadTask } from "../src/platform/threads/index.js";
import type { spin } from "./thread-tasks.task.js";

const pool = createThreadPool(2);
const task = threadTask<typeof spin>(new URL("./thread-tasks.task.ts", import.meta.url).href, "spin");
await Promise.all([pool.run(task, 50), pool.run(task, 50)]);
await pool.close();
console.log("closed");
