/** The server's answer to GET /api/health. */
export interface Health {
  status: 'UP' | 'DOWN';
  store: string | null;
  db_path: string | null;
  drains: number;
  error: string | null;
  /** Only on a server without the history store: the server.xml to add (the page shows it instead of the debugger). */
  server_xml?: string | null;
}

/** One line a user can read at a glance: is the server up, and is its history store healthy? */
export function describeHealth(health: Health | null, failure?: string): string {
  if (failure) return `server unreachable: ${failure}`;
  if (!health) return 'connecting…';
  if (health.status === 'UP') return `server up · store ${health.store ?? '?'}`;
  return `server degraded · ${health.error ?? 'store unavailable'}`;
}

export async function fetchHealth(fetchImpl: typeof fetch = fetch): Promise<Health> {
  const response = await fetchImpl('api/health');
  // 503 still carries a Health body that says what is wrong.
  return (await response.json()) as Health;
}
