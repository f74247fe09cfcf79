/**
 * Trailing-edge throttle: calls `fn` at most once per `ms`, always with the latest call eventually honoured.
 * `now()` runs `fn` at once and drops a pending trailing call (it would only repeat what just ran).
 * `now` and `schedule` are injectable for tests.
 */
export function throttle(
  fn: () => void,
  ms: number,
  now: () => number = () => Date.now(),
  schedule: (f: () => void, ms: number) => unknown = (f, d) => setTimeout(f, d),
): { call(): void; now(): void; cancel(): void } {
  let last = -Infinity;
  let pending = false;
  let cancelled = false;
  // a scheduled run belongs to one generation; now() starts a new one, so an older scheduled run does nothing
  let generation = 0;
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
        const g = generation;
        schedule(() => {
          if (g === generation) run();
        }, wait);
      }
    },
    now() {
      if (cancelled) return;
      generation++;
      run();
    },
    cancel() {
      cancelled = true;
    },
  };
}
