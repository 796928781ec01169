/**
 * Named points where the crash tests kill the process (`kill -9`, no clean-up), to prove that nothing
 * is lost or done twice whichever step a crash cuts. Inert unless BORIKAN_FAILPOINT names the point:
 * `name` dies at the first pass, `name@N` at the N-th.
 */
const setting = process.env.BORIKAN_FAILPOINT;
const [armedName, armedCount] = setting ? setting.split("@") : [];
const dieAt = Number(armedCount ?? 1);
let passes = 0;

export function failpoint(name: string): void {
  if (thrownAt === name) {
    thrownAt = undefined;
    throw new Error(`failpoint ${name}`);
  }
  if (armedName !== name) return;
  passes++;
  if (passes >= dieAt) process.kill(process.pid, "SIGKILL");
}

let thrownAt: string | undefined;

/**
 * In-process tests: the next pass of `name` throws instead (once), standing in for a death at that point
 * when what follows it must not run; the process and the test go on.
 */
export function throwAtFailpoint(name: string | undefined): void {
  thrownAt = name;
}
