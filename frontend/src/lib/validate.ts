import type { TimeUnit } from '../api/types';
import { formatTime, parseTimeInput } from './time';

/**
 * The rules every input of the debugger follows, in one place: what a time, an event number, a count or a threshold
 * may be, and the message a user reads when it is not — in the unit the run is shown in (hours for a long run), with
 * what they typed quoted back. Pure functions; the inputs show the message next to themselves ({@link ../components/Field}).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const UNIT_WORD: Record<TimeUnit, string> = { s: 'seconds', min: 'minutes', h: 'hours' };

function quote(text: string): string {
  const t = text.trim();
  return `“${t.length > 24 ? `${t.slice(0, 21)}…` : t}”`;
}

/** What a time may be typed as, for the messages. */
export function timeHint(unit: TimeUnit): string {
  const other = unit === 'h' ? '90min, 30s' : unit === 'min' ? '1.5h, 30s' : '2min, 1h';
  return `a number of ${UNIT_WORD[unit]} (e.g. 1.5) or with a unit (${other})`;
}

export interface TimeRules {
  /** blank is allowed (an open bound): then the value is null */
  optional?: boolean;
  /** the time must be strictly after this (seconds), e.g. now for a run-to */
  after?: { s: number; what: string };
  /** the time must be positive (a window) rather than merely not negative */
  positive?: boolean;
}

/** A time typed in the display unit (or with its own unit) → seconds. */
export function checkTime(text: string, unit: TimeUnit, rules: TimeRules = {}): Checked<number | null> {
  if (!text.trim()) {
    return rules.optional ? { ok: true, value: null } : { ok: false, message: `type a time: ${timeHint(unit)}` };
  }
  const s = parseTimeInput(text, unit);
  if (s === null) return { ok: false, message: `${quote(text)} is not a time: type ${timeHint(unit)}` };
  if (rules.positive && s <= 0) return { ok: false, message: `must be more than 0 ${UNIT_WORD[unit]}` };
  if (s < 0) return { ok: false, message: `${quote(text)} is before the start of the run (0${unit})` };
  if (rules.after && s <= rules.after.s) {
    return { ok: false, message: `${formatTime(s, unit)} is not after ${rules.after.what} (${formatTime(rules.after.s, unit)})` };
  }
  return { ok: true, value: s };
}

/** Two optional bounds of a time range: each a time, and the end after the start. */
export function checkTimeRange(start: string, end: string, unit: TimeUnit): { start: Checked<number | null>; end: Checked<number | null> } {
  const a = checkTime(start, unit, { optional: true });
  let b = checkTime(end, unit, { optional: true });
  if (a.ok && b.ok && a.value !== null && b.value !== null && b.value <= a.value) {
    b = { ok: false, message: `the end (${formatTime(b.value, unit)}) must be after the start (${formatTime(a.value, unit)})` };
  }
  return { start: a, end: b };
}

/** A whole number of at least `min`, e.g. an event number or a count; `after` an event number it must exceed. */
export function checkWhole(text: string, what: string, rules: { min?: number; after?: { n: number; what: string } } = {}): Checked<number> {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (!t) return { ok: false, message: `type ${what}` };
  if (!/^[+]?\d+$/.test(t)) return { ok: false, message: `${quote(text)} is not a whole number: type ${what} in digits, e.g. 1000` };
  const n = Number(t);
  const min = rules.min ?? 1;
  if (!Number.isSafeInteger(n)) return { ok: false, message: `${quote(text)} is too large` };
  if (n < min) return { ok: false, message: `${what} must be at least ${min.toLocaleString('en-US')}` };
  if (rules.after && n <= rules.after.n) {
    return { ok: false, message: `#${n.toLocaleString('en-US')} is not after ${rules.after.what} (#${rules.after.n.toLocaleString('en-US')})` };
  }
  return { ok: true, value: n };
}

/** A finite number (a threshold). */
export function checkNumber(text: string, what: string): Checked<number> {
  const t = text.trim();
  if (!t) return { ok: false, message: `type ${what}` };
  const n = Number(t);
  if (!Number.isFinite(n) || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { ok: false, message: `${quote(text)} is not a number: type ${what}, e.g. 10 or 0.5` };
  return { ok: true, value: n };
}

/** Text that must not be blank (an event type). */
export function checkText(text: string, what: string): Checked<string> {
  return text.trim() ? { ok: true, value: text.trim() } : { ok: false, message: `type ${what}` };
}

/** A name that should be one of `known` (an entity filter): an unknown one is an error naming the closest. */
export function checkKnown(text: string, known: string[], what: string): Checked<string | null> {
  const t = text.trim();
  if (!t) return { ok: true, value: null };
  if (known.length === 0 || known.includes(t)) return { ok: true, value: t };
  const lower = t.toLowerCase();
  // names that start with what was typed first, then the shorter ones: "serv" suggests Server before Probe_Server_depth
  const close = known.filter((k) => k.toLowerCase().includes(lower))
    .sort((a, b) => Number(!a.toLowerCase().startsWith(lower)) - Number(!b.toLowerCase().startsWith(lower)) || a.length - b.length || a.localeCompare(b))
    .slice(0, 3);
  return { ok: false, message: `no ${what} ${quote(t)}${close.length ? ` — did you mean ${close.join(', ')}?` : ''}` };
}

/**
 * The search box: free text plus `name=value` field filters; a token that looks like a filter but has no name
 * (`=42`) is an error rather than text nobody meant to search for.
 */
export function checkSearch(text: string): Checked<string> {
  const bad = text.trim().split(/\s+/).find((t) => /^=/.test(t));
  if (bad) return { ok: false, message: `${quote(bad)} has no field name: type name=value, e.g. request_id=42` };
  return { ok: true, value: text };
}
