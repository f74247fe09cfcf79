import type { TimeUnit } from '../api/types';

export const UNIT_DIVISOR: Record<TimeUnit, number> = { s: 1, min: 60, h: 3600 };

/** Seconds → the display unit. */
export function toDisplay(seconds: number, unit: TimeUnit): number {
  return seconds / UNIT_DIVISOR[unit];
}

/** A value typed in the display unit → seconds (what the wire wants). */
export function toSeconds(display: number, unit: TimeUnit): number {
  return display * UNIT_DIVISOR[unit];
}

/** `formatTime(90, 'min')` → "1.50min". Precision defaults to 1 for |v| ≥ 100, else 2 (as the original). */
export function formatTime(seconds: number | null | undefined, unit: TimeUnit, precision?: number): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const v = toDisplay(seconds, unit);
  const p = precision ?? (Math.abs(v) >= 100 ? 1 : 2);
  return `${v.toFixed(p)}${unit}`;
}

/**
 * Parses what a user typed as a time in the display unit. Accepts "30", "30.5", and an explicit unit suffix
 * ("2min", "1.5h", "45s") which wins over the display unit. Returns seconds, or null if it is not a time.
 */
export function parseTimeInput(text: string, unit: TimeUnit): number | null {
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(s|sec|min|m|h)?\s*$/i.exec(text);
  if (!m) return null;
  const v = Number(m[1]);
  if (!Number.isFinite(v)) return null;
  const suffix = m[2]?.toLowerCase();
  const u: TimeUnit = suffix === undefined ? unit : suffix === 'h' ? 'h' : suffix === 'min' || suffix === 'm' ? 'min' : 's';
  return toSeconds(v, u);
}

/** Axis tick label for the timeline (as the original): h / min / integer s / one decimal s. */
export function timelineLabel(seconds: number, maxTime: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)}h`;
  if (seconds >= 1000) return `${(seconds / 60).toFixed(1)}min`;
  if (maxTime >= 100) return `${Math.round(seconds)}s`;
  return `${seconds.toFixed(1)}s`;
}

/** The timeline's right edge: the end time when the run has one, else 1.5 × now (10 s at t = 0). */
export function timelineMax(endTimeS: number | null | undefined, nowS: number): number {
  if (endTimeS !== null && endTimeS !== undefined && endTimeS > 0) return Math.max(endTimeS, nowS);
  return nowS > 0 ? nowS * 1.5 : 10;
}

/** Entity metric value display: integers as is, other numbers to 4 dp, objects as JSON. */
export function formatValue(v: unknown, digits = 4): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return v.toFixed(digits);
    return Math.abs(v) >= 10000 ? v.toLocaleString('en-US') : String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** 1234 → "1.2k", 12345 → "12k" (group member badge). */
export function compactCount(n: number): string {
  if (n >= 10000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(n);
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

const SMALLER_UNITS: Record<TimeUnit, TimeUnit[]> = { h: ['h', 'min', 's'], min: ['min', 's'], s: ['s'] };

/**
 * A bucket width for display, with its unit: in the display unit when it is at least one of it, else in the
 * largest smaller unit that is ("1.5h", "2min", "0.5s"; a 1 s window in an hours run is "1s", not "0.000278h").
 * `parseTimeInput` reads it back.
 */
export function formatWindow(seconds: number, unit: TimeUnit): string {
  const units = SMALLER_UNITS[unit];
  const u = units.find((x) => seconds / UNIT_DIVISOR[x] >= 1) ?? 's';
  return `${Number((seconds / UNIT_DIVISOR[u]).toFixed(4))}${u}`;
}
