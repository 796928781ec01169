export { asBuffer } from "./as-buffer.js";
export {
  createThreadPool,
  defaultThreads,
  type ThreadPool,
  type ThreadTask,
  threadTask,
} from "./thread-pool.js";
