import type { RunnerTestFile as File, RunnerTask as Task } from "vitest";
import type { Reporter } from "vitest/reporters";

/** Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that any CI can read. */
export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = []): void {
    const counts = { pass: 0, fail: 0, skip: 0 };
    const visit = (task: Task) => {
      if (task.type === "suite") task.tasks.forEach(visit);
      else if (task.result?.state === "pass") counts.pass++;
      else if (task.result?.state === "fail") counts.fail++;
      else counts.skip++;
    };
    for (const file of files) {
      visit(file);
      if (file.result?.state === "fail" && file.tasks.length === 0) counts.fail++;
    }
    process.stdout.write(`\nTests: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped\n`);
  }
}
