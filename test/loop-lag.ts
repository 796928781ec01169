/**
 * How late a 5 ms timer ran while `work` was in flight: the stalls the event loop had. A stall that lasts
 * to the end of the work counts too (the timer never ran again to notice it). For tests that CPU work is
 * off the loop: compare the lags with the work's own time, never with a fixed figure alone.
 */
export async function loopLagDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; took: number; worstLag: number; medianLag: number }> {
  const lags: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    const ended = performance.now();
    lags.push(Math.max(0, ended - last - 5));
    const sorted = [...lags].sort((a, b) => a - b);
    return {
      result,
      took: ended - started,
      worstLag: sorted[sorted.length - 1] ?? 0,
      medianLag: sorted[Math.floor(sorted.length / 2)] ?? 0,
    };
  } finally {
    clearInterval(timer);
  }
}
