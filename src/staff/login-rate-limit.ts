/**
 * Sign-in attempts per client address in a sliding window, kept in memory: it slows guessing across
 * accounts, while the per-account lockout (in the database) stops guessing one account across addresses.
 */
export function loginRateLimiter(options: { max: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const attempts = new Map<string, number[]>();
  return {
    /** Records an attempt; false when the address is over its limit. */
    allow(address: string): boolean {
      const since = now() - options.windowMs;
      const recent = (attempts.get(address) ?? []).filter((at) => at > since);
      recent.push(now());
      attempts.set(address, recent);
      if (attempts.size > 10_000) {
        for (const [key, times] of attempts) if ((times.at(-1) ?? 0) <= since) attempts.delete(key);
      }
      return recent.length <= options.max;
    },
  };
}
