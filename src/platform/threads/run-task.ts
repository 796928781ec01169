import { Piscina, transferableSymbol, valueSymbol } from "piscina";
import { movableBuffers, sendError, type TaskOutcome } from "./task-outcome.js";

/** One call as the pool sends it to a thread: which module's function, and its input. */
export interface TaskCall {
  module: string;
  name: string;
  input: unknown;
}

/**
 * Piscina loads this file with require, through tsx's CommonJS hook (the thread's flags give it); tsx's
 * ESM hooks do not reach a thread's import(), so they are registered here, once per thread, before the
 * first TypeScript task module is imported. (tsx's ESM API is imported, not required: its CommonJS build
 * cannot find its own files.)
 */
let hooks: Promise<unknown> | undefined;
const typeScriptHooks = () => {
  hooks ??= import("tsx/esm/api").then(({ register }) => register());
  return hooks;
};

/**
 * Runs in a pool thread: imports the task module (once per thread; imports are cached) and calls the
 * named function. Never throws: the outcome carries the error so that the caller can rebuild it exactly.
 * The result's own buffers are moved to the caller, not copied.
 */
export default async function runTask(call: TaskCall) {
  let outcome: TaskOutcome<unknown>;
  try {
    if (call.module.endsWith(".ts")) await typeScriptHooks();
    const task = (await import(call.module))[call.name] as (input: unknown) => unknown;
    if (typeof task !== "function") throw new Error(`${call.module} exports no function ${call.name}`);
    outcome = { ok: true, value: await task(call.input) };
  } catch (error) {
    outcome = { ok: false, error: sendError(error) };
  }
  const transfer = outcome.ok ? movableBuffers(outcome.value) : [];
  if (transfer.length === 0) return outcome;
  return Piscina.move({ [transferableSymbol]: transfer, [valueSymbol]: outcome });
}
