import type { EventFilters, LogFilters, LogLevel, RecordedEvent, RecordedLog } from '../api/types';

/**
 * The history filters as the live views apply them to the rows they hold — with the server's meaning, so that a
 * filter shows the same rows live and in history. One table of cases (src/test/resources/io/happysim/visual/
 * filter-cases.json) is run against these functions by Vitest and against the store by JUnit (FilterCasesTest).
 */

/** Event types that are the simulator's plumbing, as the recording marks them internal (SimulationBridge.isInternal). */
const INTERNAL_TYPES = new Set(['source_event', 'SourceEvent', 'QUEUE_POLL', 'QUEUE_NOTIFY', 'QUEUE_DELIVER', 'probe_event']);
export const isInternalType = (t: string) => INTERNAL_TYPES.has(t) || t.startsWith('inductor_poll::') || t.startsWith('rate_limit_poll::');

/** Log levels in rank order, as the server ranks them. */
export const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/** Case-insensitive substring, as the server's `lower(text).contains(lower(term))`; `lowerTerm` is lower-cased already. */
function containsLower(text: string | null | undefined, lowerTerm: string): boolean {
  return text != null && text.toLowerCase().includes(lowerTerm);
}

/**
 * Types are an OR of exact names; the entity is the exact target or source; times are inclusive; the search is a
 * case-insensitive substring of one of the type, the target, the source, the id in decimal or the context — never of
 * two of them together.
 */
export function matchesEvent(e: RecordedEvent, f: EventFilters): boolean {
  if (f.exclude_internal && e.is_internal) return false;
  if (f.event_type && f.event_type.length && !f.event_type.includes(e.event_type)) return false;
  if (f.entity && e.target_name !== f.entity && e.source_name !== f.entity) return false;
  if (f.time_min !== undefined && e.time_s < f.time_min) return false;
  if (f.time_max !== undefined && e.time_s > f.time_max) return false;
  if (f.field && !f.field.every((spec) => hasField(e.context, spec))) return false;
  if (f.search) {
    const q = f.search.toLowerCase();
    const fields = [e.event_type, e.target_name, e.source_name, String(e.event_id), e.context ? JSON.stringify(e.context) : null];
    if (!fields.some((t) => containsLower(t, q))) return false;
  }
  return true;
}

/**
 * A structured filter `name=value` on a (parsed) context: the field at the dotted path has exactly that value — a
 * string's content, any other value as JSON writes it. The server compares a number's text as the model recorded it,
 * the live view as JSON writes the parsed number (1.0 is written 1 here): integers and strings, the usual keys of a
 * request (request_id, attempt, id), mean the same in both.
 */
export function hasField(context: unknown, spec: string): boolean {
  const eq = spec.indexOf('=');
  if (eq <= 0) return false;
  const path = spec.slice(0, eq).split('.');
  const want = spec.slice(eq + 1);
  let node: unknown = context;
  for (const key of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node) || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node === want : JSON.stringify(node) === want;
}

/** A field token: a name (letters, digits, _ and dots, not starting with a digit or dot), =, and a value. */
const FIELD_TOKEN = /^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*=/;

/**
 * What the search box holds, split into structured filters (`request_id=42`, `note="two words"`) and the free text
 * around them (searched as a substring). Quotes around a value are dropped; a token that is not `name=value` stays text.
 */
export function splitSearch(input: string): { text: string; fields: string[] } {
  const fields: string[] = [];
  const text: string[] = [];
  const tokens = input.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? [];
  for (const token of tokens) {
    if (FIELD_TOKEN.test(token)) {
      const eq = token.indexOf('=');
      let value = token.slice(eq + 1);
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      fields.push(`${token.slice(0, eq)}=${value}`);
    } else {
      text.push(token);
    }
  }
  return { text: text.join(' '), fields };
}

/**
 * The level is a minimum; the logger is itself or a descendant ("core" keeps "core" and "core.simulation", not
 * "corex"; case matters); the search is a case-insensitive substring of the message or the logger name; a line
 * without a simulation time matches no time bound.
 */
export function matchesLog(l: RecordedLog, f: LogFilters): boolean {
  if (f.min_level && LEVELS.indexOf(l.level) < LEVELS.indexOf(f.min_level)) return false;
  if (f.logger && l.logger_name !== f.logger && !l.logger_name.startsWith(`${f.logger}.`)) return false;
  if (f.search) {
    const q = f.search.toLowerCase();
    if (!containsLower(l.message, q) && !containsLower(l.logger_name, q)) return false;
  }
  if (f.time_min !== undefined && (l.time_s === null || l.time_s < f.time_min)) return false;
  if (f.time_max !== undefined && (l.time_s === null || l.time_s > f.time_max)) return false;
  return true;
}
