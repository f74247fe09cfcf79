/**
 * A bounded, contiguous window onto a history that is read page by page with opaque cursors
 * (GET /api/events, /api/logs). The window holds at most `maxPages` pages; scrolling past either edge
 * fetches the next page in that direction and evicts a page at the other edge.
 *
 * Cursors only continue in the direction they were issued for, so an evicted page is remembered by the
 * request that produced it (a "descriptor"): the history below the newest row never changes, so the same
 * request gives the same rows again when the user scrolls back.
 */
export type Direction = 'older' | 'newer';

export interface PageDescriptor {
  direction: Direction;
  cursor: string | null;
  /** events: start at the first row at or after this time */
  around_time?: number;
  /** logs (no around_time on /api/logs): extra bounds that position the first page */
  time_min?: number;
  time_max?: number;
}

export interface FetchedPage<T> {
  items: T[];
  next_cursor: string | null;
  /**
   * Present when the server answered an around_time request with rows on both sides of the time: then
   * next_cursor continues newer and prev_cursor older.
   */
  prev_cursor?: string | null;
  /** null: the page was read without its total */
  total: number | null;
}

export type PageFetcher<T> = (desc: PageDescriptor, limit: number, signal: AbortSignal) => Promise<FetchedPage<T>>;

interface LoadedPage<T> {
  rows: T[]; // oldest first
  desc: PageDescriptor;
  /** continues older from the oldest row (undefined: not known from this page's answer; null: nothing older) */
  older: string | null | undefined;
  /** continues newer from the newest row */
  newer: string | null | undefined;
}

function pageOf<T>(rows: T[], desc: PageDescriptor, a: FetchedPage<T>): LoadedPage<T> {
  if (a.prev_cursor !== undefined) return { rows, desc, older: a.prev_cursor, newer: a.next_cursor };
  return desc.direction === 'older' ? { rows, desc, older: a.next_cursor, newer: undefined } : { rows, desc, older: undefined, newer: a.next_cursor };
}

export interface WindowChange {
  /** rows added at the top (older side) */
  prepended: number;
  /** rows removed at the top */
  evictedTop: number;
}

export class HistoryWindow<T> {
  private pages: LoadedPage<T>[] = [];
  private olderStack: PageDescriptor[] = [];
  private newerStack: PageDescriptor[] = [];
  private generation = 0;
  private controller = new AbortController();
  private busy: Direction | 'open' | null = null;
  private cache: T[] | null = null;

  atStart = false;
  atEnd = false;
  /** the total of the last page read (null: read without it) */
  total: number | null = 0;
  /** increments on every change, for React */
  version = 0;

  constructor(
    private readonly fetcher: PageFetcher<T>,
    private readonly idOf: (row: T) => number,
    private readonly pageSize = 100,
    private readonly maxPages = 5,
  ) {}

  rows(): T[] {
    if (!this.cache) this.cache = this.pages.flatMap((p) => p.rows);
    return this.cache;
  }

  get loading(): boolean {
    return this.busy !== null;
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Drops everything (a new filter, a reset): pending answers of the old generation are ignored. */
  clear(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.generation++;
    this.pages = [];
    this.olderStack = [];
    this.newerStack = [];
    this.atStart = false;
    this.atEnd = false;
    this.total = 0;
    this.busy = null;
    this.touch();
  }

  /** Opens at the newest rows. */
  openNewest(): Promise<void> {
    return this.open([{ direction: 'older', cursor: null }]);
  }

  /** Opens at the oldest rows. */
  openOldest(): Promise<void> {
    return this.open([{ direction: 'newer', cursor: null }]);
  }

  /**
   * Events: opens at the first row at or after `time_s`, with the rows before it above. A server that answers
   * around_time with both sides at once (prev_cursor) needs one request; otherwise the rows before come from a
   * second request going older.
   */
  async openAroundTime(time_s: number): Promise<void> {
    await this.open([{ direction: 'newer', cursor: null, around_time: time_s }]);
    const only = this.pages[0];
    if (this.pages.length === 1 && only.older === undefined && only.desc.around_time === time_s) {
      const gen = this.generation;
      const page = await this.fetchPage({ direction: 'older', cursor: null, around_time: time_s }, 'older');
      if (!page || gen !== this.generation) return;
      if (page.rows.length) this.pages.unshift(page);
      if (page.older === null || page.rows.length === 0) this.atStart = true;
      this.touch();
    } else if (this.pages.length === 0) {
      // nothing at or after the time: show the newest rows instead
      await this.openNewest();
    }
  }

  /** Logs: the same with time bounds (rows before: time ≤ t going older; rows after: time ≥ t going newer). */
  openAroundTimeByBounds(time_s: number): Promise<void> {
    return this.open([
      { direction: 'older', cursor: null, time_max: time_s },
      { direction: 'newer', cursor: null, time_min: time_s },
    ]);
  }

  private async open(descs: PageDescriptor[]): Promise<void> {
    this.clear();
    const gen = this.generation;
    this.busy = 'open';
    try {
      const answers = await Promise.all(descs.map((d) => this.fetcher(d, this.pageSize, this.controller.signal)));
      if (gen !== this.generation) return;
      const seen = new Set<number>();
      descs.forEach((desc, i) => {
        const a = answers[i];
        const rows = this.ordered(a.items).filter((r) => !seen.has(this.idOf(r)));
        rows.forEach((r) => seen.add(this.idOf(r)));
        this.total = a.total;
        if (rows.length === 0) {
          if (desc.direction === 'older') this.atStart = true;
          else if (desc.around_time === undefined && desc.time_min === undefined) this.atEnd = true;
          return;
        }
        const page = pageOf(rows, desc, a);
        if (desc.direction === 'older') this.pages.unshift(page);
        else this.pages.push(page);
        if (page.older === null) this.atStart = true;
        if (page.newer === null) this.atEnd = true;
      });
      // Opened at the newest: nothing newer exists. Opened at the oldest: nothing older.
      const plain = descs.length === 1 && descs[0].around_time === undefined && descs[0].time_min === undefined && descs[0].time_max === undefined;
      if (plain && descs[0].direction === 'older') this.atEnd = true;
      if (plain && descs[0].direction === 'newer') this.atStart = true;
      this.touch();
    } finally {
      if (gen === this.generation) this.busy = null;
    }
  }

  /** Fetches the page above the window (older). Returns what changed, or null if nothing was fetched. */
  async loadOlder(): Promise<WindowChange | null> {
    if (this.busy || this.atStart || this.pages.length === 0) return null;
    let desc: PageDescriptor;
    const fromStack = this.olderStack.length > 0;
    if (fromStack) {
      desc = this.olderStack[this.olderStack.length - 1];
    } else {
      const top = this.pages[0];
      if (!top.older) {
        this.atStart = true;
        this.touch();
        return null;
      }
      desc = { direction: 'older', cursor: top.older };
    }
    const page = await this.fetchPage(desc, 'older');
    if (!page) return null;
    if (fromStack) this.olderStack.pop();
    if (page.rows.length === 0) {
      this.atStart = true;
      this.touch();
      return null;
    }
    this.pages.unshift(page);
    if (page.older === null) this.atStart = true;
    while (this.pages.length > this.maxPages) {
      const evicted = this.pages.pop()!;
      this.newerStack.push(evicted.desc);
      this.atEnd = false;
    }
    this.touch();
    return { prepended: page.rows.length, evictedTop: 0 };
  }

  /** Fetches the page below the window (newer). */
  async loadNewer(): Promise<WindowChange | null> {
    if (this.busy || this.atEnd || this.pages.length === 0) return null;
    let desc: PageDescriptor;
    const fromStack = this.newerStack.length > 0;
    if (fromStack) {
      desc = this.newerStack[this.newerStack.length - 1];
    } else {
      const bottom = this.pages[this.pages.length - 1];
      if (!bottom.newer) {
        this.atEnd = true;
        this.touch();
        return null;
      }
      desc = { direction: 'newer', cursor: bottom.newer };
    }
    const page = await this.fetchPage(desc, 'newer');
    if (!page) return null;
    if (fromStack) this.newerStack.pop();
    if (page.rows.length === 0) {
      this.atEnd = true;
      this.touch();
      return null;
    }
    this.pages.push(page);
    if (page.newer === null) this.atEnd = true;
    let evictedTop = 0;
    while (this.pages.length > this.maxPages) {
      const evicted = this.pages.shift()!;
      evictedTop += evicted.rows.length;
      this.olderStack.push(evicted.desc);
      this.atStart = false;
    }
    this.touch();
    return { prepended: 0, evictedTop };
  }

  private async fetchPage(desc: PageDescriptor, side: Direction): Promise<LoadedPage<T> | null> {
    const gen = this.generation;
    this.busy = side;
    try {
      const a = await this.fetcher(desc, this.pageSize, this.controller.signal);
      if (gen !== this.generation) return null;
      this.total = a.total;
      const have = new Set(this.rows().map(this.idOf));
      const rows = this.ordered(a.items).filter((r) => !have.has(this.idOf(r)));
      return pageOf(rows, desc, a);
    } catch (e) {
      if (gen !== this.generation) return null;
      throw e;
    } finally {
      if (gen === this.generation) this.busy = null;
    }
  }

  /** The window keeps rows oldest first (ids are in time order), whichever way the server listed them. */
  private ordered(items: T[]): T[] {
    return [...items].sort((a, b) => this.idOf(a) - this.idOf(b));
  }

  private touch() {
    this.cache = null;
    this.version++;
  }
}
