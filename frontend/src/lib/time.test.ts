import { describe, expect, it } from 'vitest';
import { compactCount, formatBytes, formatWindow, formatTime, formatValue, parseTimeInput, timelineLabel, timelineMax, toDisplay, toSeconds } from './time';

describe('formatTime', () => {
  it('formats in the display unit with the default precision', () => {
    expect(formatTime(1.23456, 's')).toBe('1.23s');
    expect(formatTime(150, 's')).toBe('150.0s');
    expect(formatTime(90, 'min')).toBe('1.50min');
    expect(formatTime(5400, 'h')).toBe('1.50h');
    expect(formatTime(0.05, 's', 4)).toBe('0.0500s');
  });
  it('shows a dash for missing times', () => {
    expect(formatTime(null, 's')).toBe('—');
    expect(formatTime(Number.NaN, 's')).toBe('—');
  });
});

describe('unit conversion', () => {
  it('round-trips', () => {
    expect(toSeconds(2, 'min')).toBe(120);
    expect(toDisplay(7200, 'h')).toBe(2);
    expect(toSeconds(toDisplay(42, 'min'), 'min')).toBeCloseTo(42);
  });
});

describe('parseTimeInput', () => {
  it('reads a number in the display unit', () => {
    expect(parseTimeInput('30', 's')).toBe(30);
    expect(parseTimeInput(' 1.5 ', 'min')).toBe(90);
    expect(parseTimeInput('.5', 'h')).toBe(1800);
  });
  it('lets an explicit suffix win', () => {
    expect(parseTimeInput('2min', 's')).toBe(120);
    expect(parseTimeInput('30s', 'h')).toBe(30);
    expect(parseTimeInput('1h', 's')).toBe(3600);
  });
  it('rejects junk', () => {
    expect(parseTimeInput('', 's')).toBeNull();
    expect(parseTimeInput('abc', 's')).toBeNull();
    expect(parseTimeInput('1.2.3', 's')).toBeNull();
  });
});

describe('timeline helpers', () => {
  it('labels like the original', () => {
    expect(timelineLabel(7200, 10000)).toBe('2.0h');
    expect(timelineLabel(1200, 2000)).toBe('20.0min');
    expect(timelineLabel(30.4, 120)).toBe('30s');
    expect(timelineLabel(3.25, 10)).toBe('3.3s');
  });
  it('uses the end time or 1.5 × now', () => {
    expect(timelineMax(60, 3)).toBe(60);
    expect(timelineMax(60, 60.05)).toBe(60.05);
    expect(timelineMax(null, 0)).toBe(10);
    expect(timelineMax(null, 20)).toBe(30);
  });
});

describe('value formatting', () => {
  it('formats metrics', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(1100000)).toBe('1,100,000');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(true)).toBe('true');
  });
  it('compacts counts and bytes', () => {
    expect(compactCount(999)).toBe('999');
    expect(compactCount(1234)).toBe('1.2k');
    expect(compactCount(12345)).toBe('12k');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});

describe('formatWindow', () => {
  it('uses the display unit when the window is at least one of it, else a smaller unit', () => {
    expect(formatWindow(1, 's')).toBe('1s');
    expect(formatWindow(0.5, 's')).toBe('0.5s');
    expect(formatWindow(90, 'min')).toBe('1.5min');
    expect(formatWindow(30, 'min')).toBe('30s');
    expect(formatWindow(5400, 'h')).toBe('1.5h');
    expect(formatWindow(120, 'h')).toBe('2min');
    expect(formatWindow(1, 'h')).toBe('1s');
    expect(formatWindow(0.25, 'h')).toBe('0.25s');
  });
  it('reads back with parseTimeInput in any display unit', () => {
    for (const unit of ['s', 'min', 'h'] as const) {
      for (const w of [0.5, 1, 30, 90, 3600, 5400]) expect(parseTimeInput(formatWindow(w, unit), unit)).toBeCloseTo(w, 9);
    }
  });
});
