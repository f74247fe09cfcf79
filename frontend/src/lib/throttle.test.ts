import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  it('runs at once, then at most once per interval with a trailing call', () => {
    let t = 0;
    const timers: { at: number; f: () => void }[] = [];
    let calls = 0;
    const th = throttle(() => calls++, 500, () => t, (f, d) => timers.push({ at: t + d, f }));
    th.call();
    expect(calls).toBe(1);
    t = 100; th.call(); th.call(); th.call();
    expect(calls).toBe(1);
    expect(timers.length).toBe(1);
    t = 500; timers.shift()!.f();
    expect(calls).toBe(2);
    t = 1200; th.call();
    expect(calls).toBe(3);
    th.cancel();
    t = 1300; th.call();
    t = 1700; timers.shift()?.f();
    expect(calls).toBe(3);
  });
});

describe('throttle.now', () => {
  it('runs at once and drops the pending trailing call', () => {
    let t = 0;
    const timers: { at: number; f: () => void }[] = [];
    let calls = 0;
    const th = throttle(() => calls++, 500, () => t, (f, d) => timers.push({ at: t + d, f }));
    th.call();
    t = 100; th.call();
    expect(calls).toBe(1);
    t = 150; th.now();
    expect(calls).toBe(2);
    t = 500; timers.shift()!.f();
    expect(calls).toBe(2);
    // the interval counts from the immediate run
    t = 600; th.call();
    expect(calls).toBe(2);
    t = 650; timers.shift()!.f();
    expect(calls).toBe(3);
  });
});
