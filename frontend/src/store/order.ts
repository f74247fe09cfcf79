/**
 * Puts what the page hears from the server in the server's order. Updates over the socket, answers to the page's own
 * actions and REST reads race one another; the server numbers every state it publishes (`seq`) and answers an action
 * that carries an `id` with an `ack` naming the `seq` of the state that shows its effect. So the page never has to
 * guess from time whether a "paused" update was sent before or after its own Play:
 *
 * - a state older than the one shown is not shown (its live events are still new to the page and are kept);
 * - a state from before a Restart or a change of model the page made is dropped with its events;
 * - while an action of this page is unanswered, or for states older than its answer, the page keeps the play mode it
 *   set for its action; from the answer on, the server's `is_playing` is the truth (another tab may have acted);
 * - a `breakpoint_hit` or `simulation_complete` heard while an action is unanswered waits for the answer and counts
 *   only if it happened after the action.
 */
export class StateOrder {
  /** seq of the newest state shown (-1: none yet) */
  private newest = -1;
  /** states below it belong to a run the page has left */
  private floor = -1;
  /** from this seq on, the server's play state reflects this page's actions */
  private believedFrom = -1;
  /** the page's newest action not yet answered (0: none), and when it was sent */
  private awaited = 0;
  private awaitedSince = 0;
  private lastId = 0;

  /** After this long without an answer (a server that does not answer ids), the server's word counts again. */
  static readonly ANSWER_TIMEOUT_MS = 10_000;

  /** 'new': show it; 'older': a state older than the one shown (keep its events only); 'left': drop it whole. */
  classify(seq: number | undefined): 'new' | 'older' | 'left' {
    if (seq === undefined) return 'new';
    if (seq < this.floor) return 'left';
    if (seq < this.newest) return 'older';
    return 'new';
  }

  /** The state with this seq is now the one shown. */
  shown(seq: number | undefined): void {
    if (seq !== undefined && seq > this.newest) this.newest = seq;
  }

  /** Whether a state (or a stop) with this seq may set the play mode, now (`now`: ms, for the answer timeout). */
  believes(seq: number | undefined, now: number): boolean {
    if (this.awaited !== 0 && now - this.awaitedSince > StateOrder.ANSWER_TIMEOUT_MS) this.awaited = 0;
    return this.awaited === 0 && (seq === undefined || seq >= this.believedFrom);
  }

  /** The page sends an action: its id, to be echoed in the answer. */
  sent(now: number): number {
    this.awaited = ++this.lastId;
    this.awaitedSince = now;
    return this.awaited;
  }

  /** An answer (ack or error) to action `id`, whose effect shows from state `seq` on. True when it was the awaited one. */
  answered(id: number | undefined, seq: number | undefined): boolean {
    if (seq !== undefined && seq > this.believedFrom) this.believedFrom = seq;
    if (id === undefined || id !== this.awaited) return false;
    this.awaited = 0;
    return true;
  }

  /**
   * The page reset the run or loaded another model and got the new run's first state (`seq`): everything published
   * before it belongs to the run it left. False when a newer state (of the new run, from the socket) is shown already.
   */
  startedOver(seq: number | undefined): boolean {
    if (seq === undefined) return true;
    if (seq > this.floor) this.floor = seq;
    if (seq > this.believedFrom) this.believedFrom = seq;
    if (seq < this.newest) return false;
    this.newest = seq;
    return true;
  }

  /** A new connection: the server may have restarted and numbers from 1 again; nothing heard before counts. */
  reconnected(): void {
    this.newest = -1;
    this.floor = -1;
    this.believedFrom = -1;
    this.awaited = 0;
  }
}
