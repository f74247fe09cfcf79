import type { RecordedEvent } from '../api/types';

/**
 * A request's lifeline: its events in order and, between every two of them, the time spent, named from what the
 * events say — never from a component's class:
 *
 * - an event whose type says `retry` ends **waiting for a retry**;
 * - an event an entity scheduled to itself where the request is ends its **service** there (a server's service end, a
 *   worker's continuation) — **in transit** when that entity is a network (its category), the link's delay;
 * - an event an entity scheduled to itself while the request is elsewhere is a timer firing (a client's timeout):
 *   the time before it was spent **waiting for a reply**;
 * - an event that moves the request between two parts of the entity it waits in (the queue hands it to a worker)
 *   ends its time **queued** there;
 * - an event that reaches a network (a reply entering the link) ends time **in transit**;
 * - otherwise the entity where the request was **passed it on** (at once) or **held** it.
 *
 * Where a request "is" is followed per attempt (a retried request's attempts carry `attempt` in their context and may
 * overlap: a timed-out attempt can still be in service while the next one runs); the stage is named for the attempt of
 * the event that ends it, and when an event of another attempt came between, with the event at which the attempt came
 * where it is (attempt 1 in service since #7, while attempt 2 ran). Part names (`Server.worker`) are told as their entity (`Server`).
 */
export type StageKind = 'queued' | 'service' | 'transit' | 'retry' | 'reply' | 'handoff' | 'held';

export interface LifelineStage {
  from: RecordedEvent;
  to: RecordedEvent;
  start_s: number;
  end_s: number;
  duration_s: number;
  kind: StageKind;
  name: string;
  /** the attempt the stage belongs to (null: the request itself) */
  attempt: number | null;
  /**
   * when attempts overlap, the event at which the stage's attempt came to where it is, if that is not `from` (an event
   * of another attempt, or a timer, came between): the attempt has been in this stage since then, longer than the
   * stage's share of the timeline
   */
  attemptSince: RecordedEvent | null;
}

export interface Lifeline {
  events: RecordedEvent[];
  stages: LifelineStage[];
  start_s: number;
  end_s: number;
  /** the attempts seen, ascending */
  attempts: number[];
}

export interface EntityInfo {
  /** whether a name is an entity the graph shows (parts such as Server.worker are not) */
  isNode(name: string): boolean;
  /** the node's category (network, queued_resource …), or undefined */
  category(name: string): string | undefined;
}

/** The entity a name belongs to: itself when it is a node, else its longest dotted prefix that is one. */
export function ownerOf(name: string, info: EntityInfo): string {
  if (info.isNode(name)) return name;
  const parts = name.split('.');
  for (let k = parts.length - 1; k > 0; k--) {
    const prefix = parts.slice(0, k).join('.');
    if (info.isNode(prefix)) return prefix;
  }
  return parts[0];
}

function attemptOf(e: RecordedEvent): number | null {
  const a = e.context?.attempt;
  return typeof a === 'number' && Number.isFinite(a) ? a : null;
}

export function buildLifeline(events: RecordedEvent[], info: EntityInfo): Lifeline {
  const sorted = [...events].sort((x, y) => x.event_id - y.event_id);
  const stages: LifelineStage[] = [];
  const where = new Map<number, string>();
  const attempts = new Set<number>();
  const owner = (n: string) => ownerOf(n, info);
  const isNetwork = (n: string) => info.category(owner(n)) === 'network';
  const laneOf = (e: RecordedEvent) => attemptOf(e) ?? 0;
  const enteredAt = new Map<number, RecordedEvent>();
  if (sorted.length) {
    where.set(laneOf(sorted[0]), sorted[0].target_name);
    enteredAt.set(laneOf(sorted[0]), sorted[0]);
  }
  for (const e of sorted) {
    const a = attemptOf(e);
    if (a !== null) attempts.add(a);
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    const lane = laneOf(b);
    const at = where.get(lane) ?? where.get(0) ?? a.target_name;
    const W = owner(at);
    const T = owner(b.target_name);
    const S = b.source_name === null ? null : owner(b.source_name);
    const self = b.source_name !== null && b.source_name === b.target_name;
    let kind: StageKind;
    let name: string;
    let moves = true;
    if (/retry/i.test(b.event_type)) {
      kind = 'retry';
      name = 'waiting for a retry';
    } else if (self && T === W) {
      kind = isNetwork(b.target_name) ? 'transit' : 'service';
      name = kind === 'transit' ? `in transit via ${W}` : `in service at ${W}`;
    } else if (self) {
      kind = 'reply';
      name = /timeout/i.test(b.event_type) ? `waiting for a reply (${T} timed out)` : `waiting for a reply (${T}: ${b.event_type})`;
      moves = false;
    } else if (isNetwork(b.target_name) && T !== W) {
      kind = 'transit';
      name = `in transit via ${T}`;
    } else if (isNetwork(at)) {
      kind = 'transit';
      name = `in transit via ${W}`;
    } else if (S === W && T === W) {
      kind = 'queued';
      name = `queued at ${W}`;
    } else {
      const dt = b.time_s - a.time_s;
      kind = dt > 0 ? 'held' : 'handoff';
      name = dt > 0 ? `held at ${W}` : `passed on by ${W}`;
    }
    stages.push({
      from: a, to: b, start_s: a.time_s, end_s: b.time_s, duration_s: b.time_s - a.time_s, kind, name,
      attempt: attemptOf(b),
      attemptSince: attempts.size > 1 && enteredAt.has(lane) && enteredAt.get(lane) !== a ? enteredAt.get(lane)! : null,
    });
    if (moves) {
      where.set(lane, b.target_name);
      enteredAt.set(lane, b);
    }
  }
  return {
    events: sorted,
    stages,
    start_s: sorted.length ? sorted[0].time_s : 0,
    end_s: sorted.length ? sorted[sorted.length - 1].time_s : 0,
    attempts: [...attempts].sort((x, y) => x - y),
  };
}
