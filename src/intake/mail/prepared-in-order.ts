/**
 * Starts `prepare` for each item, at most `ahead` at once and in item order, and returns the promises in
 * item order. Each carries its own failure; none is left unobserved while the caller awaits them in turn.
 */
export function preparedInOrder<T, R>(
  items: T[],
  ahead: number,
  prepare: (item: T) => Promise<R>,
): Promise<R>[] {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (active < ahead) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) =>
      waiting.push(() => {
        active++;
        resolve();
      }),
    );
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return items.map((item) => {
    const result = acquire().then(() => prepare(item).finally(release));
    result.catch(() => {}); // observed here; the caller still sees the rejection when it awaits
    return result;
  });
}
