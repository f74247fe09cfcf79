import type { ParamValue, ScenarioParameter } from '../api/types';

/** A run as a link carries it: scenario, seed and the parameters that differ from their defaults. */
export interface RunLink {
  scenario: string;
  seed?: number;
  params: Record<string, string>;
}

const SCENARIO = 'scenario';
const SEED = 'seed';
const PARAM = 'p.';

/** The run a page URL asks for, or null when it names no scenario. */
export function readRunLink(search: string): RunLink | null {
  const q = new URLSearchParams(search);
  const scenario = q.get(SCENARIO);
  if (!scenario) return null;
  const seedText = q.get(SEED);
  const seed = seedText !== null && /^-?\d+$/.test(seedText) ? Number(seedText) : undefined;
  const params: Record<string, string> = {};
  q.forEach((v, k) => {
    if (k.startsWith(PARAM)) params[k.slice(PARAM.length)] = v;
  });
  return { scenario, seed, params };
}

/**
 * The page's query with the run's keys replaced (other keys — a time range, a search — kept): the
 * seed only when it is not the default, and only the parameters that were changed.
 */
export function writeRunLink(search: string, scenario: string, seed: number, defaultSeed: number,
  changed: Record<string, ParamValue>): string {
  const q = new URLSearchParams(search);
  for (const k of [...q.keys()]) if (k === SCENARIO || k === SEED || k.startsWith(PARAM)) q.delete(k);
  q.set(SCENARIO, scenario);
  if (seed !== defaultSeed) q.set(SEED, String(seed));
  for (const [k, v] of Object.entries(changed)) q.set(PARAM + k, String(v));
  return q.toString();
}

/** A checked value, or what is wrong with the text, in the parameter's own unit. */
export type Checked = { value: ParamValue; error?: undefined } | { value?: undefined; error: string };

function withUnit(x: number, unit: string) {
  return unit ? `${x} ${unit}` : String(x);
}

/** Checks what a user typed for a parameter, with the same rules as the server. */
export function checkParam(p: ScenarioParameter, text: string | boolean): Checked {
  if (p.type === 'boolean') {
    if (typeof text === 'boolean') return { value: text };
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    return { error: 'must be true or false' };
  }
  if (p.type === 'choice') {
    const t = String(text);
    return p.choices.includes(t) ? { value: t } : { error: `must be one of ${p.choices.join(', ')}` };
  }
  const t = String(text).trim();
  if (t === '') return { error: 'needs a value' };
  const x = Number(t);
  if (!Number.isFinite(x)) return { error: `'${t}' is not a number` };
  if (p.type === 'integer' && !Number.isInteger(x)) return { error: 'must be a whole number' };
  if (p.min !== null && x < p.min) return { error: `must be at least ${withUnit(p.min, p.unit)}` };
  if (p.max !== null && x > p.max) return { error: `must be at most ${withUnit(p.max, p.unit)}` };
  return { value: x };
}

/** Checks a seed as typed: a whole number within what JSON carries exactly. */
export function checkSeed(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return { error: 'the seed is a whole number' };
  const x = Number(t);
  if (!Number.isSafeInteger(x)) return { error: 'the seed is too large' };
  return { value: x };
}

/** A fresh random seed (what the "random seed" button gives). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000_000);
}

/** `rate=12 · retries=false`: the changed values, as the header shows them. */
export function describeChanged(changed: Record<string, ParamValue> | undefined): string {
  return Object.entries(changed ?? {}).map(([k, v]) => `${k}=${v}`).join(' · ');
}
