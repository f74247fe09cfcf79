import { describe, expect, it } from 'vitest';
import { setFetch } from '../api/client';
import type { SimState } from '../api/types';
import { loadScenario } from './actions';
import { useLayout } from './layout';

describe('a change of model', () => {
  it('puts the new model\'s saved layout in place once the server has loaded it, before the page re-reads the model', async () => {
    useLayout.getState().useScenario('first-model');
    const reads: string[] = [];
    const loaded = { scenario: 'second-model', seq: 7, run_id: 2, events_processed: 0, current_time_s: 0, is_complete: false } as unknown as SimState;
    setFetch((async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') return new Response(JSON.stringify(loaded), { status: 200, headers: { 'content-type': 'application/json' } });
      reads.push(String(url));
      return new Promise<Response>(() => undefined); // the re-reads never answer: a slow server
    }) as typeof fetch);
    void loadScenario('second-model');
    for (let i = 0; i < 50 && reads.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    expect(reads.length).toBeGreaterThan(0); // the page is re-reading the model, nothing answered yet
    expect(useLayout.getState().scenario).toBe('second-model'); // a tab opened now is not replaced when the reads end
  });
});
