/**
 * Trailing-edge throttle: calls `fn` at most once per `ms`, always with the latest call eventually honoured.
 * `now` and `schedule` are injectable for tests.
 */
export function throttle(
  fn: () => void,
  ms: number,
  now: () => number = () => Date.now(),
  schedule: (f: () => void, ms: number) => unknown = (f, d) => setTimeout(f, d),
): { call(): void; cancel(): void } {
  let last = -Infinity;
  let pending = false;
  let cancelled = false;
  const run = () => {
    pending = false;
    if (cancelled) return;
    last = now();
    fn();
  };
  return {
    call() {
      if (cancelled || pending) return;
      const wait = last + ms - now();
      if (wait <= 0) run();
      else {
        pending = true;
        schedule(run, wait);
      }
    },
    cancel() {
      cancelled = true;
    },
  };
}
