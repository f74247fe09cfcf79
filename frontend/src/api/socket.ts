import type { ServerMessage } from './types';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface SocketLike {
  readyState: number;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  send(data: string): void;
  close(): void;
}

/** Delay before reconnect attempt `n` (0-based): 0.25 s doubling to at most 5 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.min(attempt, 10));
}

/** After this many failed attempts in a row the badge says "offline" (it keeps trying). */
export const OFFLINE_AFTER = 6;

/**
 * The page's one WebSocket to /api/ws. Reconnects by itself with backoff; `onReconnect` runs after a
 * connection that follows a lost one, so the app can re-read state and topology.
 */
export class SimSocket {
  private ws: SocketLike | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private everOpened = false;
  status: ConnectionStatus = 'connecting';

  constructor(
    private readonly url: string,
    private readonly handlers: {
      onMessage: (m: ServerMessage) => void;
      onStatus: (s: ConnectionStatus) => void;
      onReconnect?: () => void;
    },
    private readonly make: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike,
    private readonly schedule: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) => setTimeout(fn, ms),
  ) {}

  connect(): void {
    this.closed = false;
    this.open();
  }

  private setStatus(s: ConnectionStatus) {
    if (this.status !== s) {
      this.status = s;
      this.handlers.onStatus(s);
    }
  }

  private open() {
    if (this.closed) return;
    let ws: SocketLike;
    try {
      ws = this.make(this.url);
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setStatus('open');
      if (reconnected) this.handlers.onReconnect?.();
    };
    ws.onmessage = (ev) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(ev.data)) as ServerMessage;
      } catch {
        return;
      }
      this.handlers.onMessage(msg);
    };
    ws.onerror = () => {
      /* onclose follows */
    };
    ws.onclose = () => {
      if (this.ws === ws) this.ws = null;
      this.retry();
    };
  }

  private retry() {
    if (this.closed) return;
    this.setStatus(this.attempt >= OFFLINE_AFTER ? 'offline' : this.everOpened ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(this.attempt++);
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.schedule(() => {
      this.timer = null;
      this.open();
    }, delay);
  }

  /** Sends an action; false when not connected (the caller shows that nothing happened). */
  send(msg: { action: string; [k: string]: unknown }): boolean {
    if (!this.ws || this.ws.readyState !== 1) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
    this.ws = null;
  }
}
