// Measurements on a big stored history (issue 5: dashboard with a 10M-event run; issue 6: scrolling a ≥ 1M-event
// history). They need a server that already holds such a run (the backend's benchmark tooling loads it), so they
// skip on an ordinary server. This file runs first (alphabetical order): the other files reset the simulation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, has, launch, openApp, ready, shot, until } from './harness.mjs';

const BIG_HISTORY = Number(process.env.E2E_BIG_HISTORY_MIN || 1_000_000);
const PAGES = Number(process.env.E2E_BIG_HISTORY_PAGES || 100);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function frameProbe(page) {
  await page.evaluate(() => {
    const w = window;
    w.__frames = [];
    let last = performance.now();
    const f = (t) => { w.__frames.push(t - last); last = t; if (!w.__stopFrames) requestAnimationFrame(f); };
    requestAnimationFrame(f);
  });
}

async function frameStats(page) {
  return page.evaluate(() => {
    const w = window;
    w.__stopFrames = true;
    const d = [...w.__frames].sort((a, b) => a - b);
    const q = (p) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
    return { frames: d.length, p50: q(0.5), p95: q(0.95), max: d[d.length - 1] };
  });
}

describe('big history', () => {
  test('scrolling a ≥ 1M-event history from the newest pages toward the oldest stays responsive', async (t) => {
    if (!(await has('api/events/count'))) { t.skip('waiting for api/events/count'); return; }
    const total = (await api('api/events/count')).json.total;
    if (total < BIG_HISTORY) { t.skip(`the server holds ${total} events; load ≥ ${BIG_HISTORY} to measure`); return; }
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="events-history"]');
      await page.click('[data-testid="show-internal"]');
      const list = page.locator('[data-testid="history-events"]');
      await page.waitForSelector('[data-testid="history-events"] [data-testid="event-row"]');
      const firstId = async () => Math.min(...(await list.locator('[data-testid="event-row"]').evaluateAll((els) => els.map((e) => Number(e.dataset.eventId)))));
      const box = await list.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await frameProbe(page);
      const start = await firstId();
      const t0 = Date.now();
      let maxDom = 0;
      while (start - (await firstId()) < PAGES * 100 && Date.now() - t0 < 120000) {
        await page.mouse.wheel(0, -1500);
        await page.waitForTimeout(16);
        maxDom = Math.max(maxDom, await list.locator('[data-testid="event-row"]').count());
      }
      const ms = Date.now() - t0;
      const pages = (start - (await firstId())) / 100;
      const frames = await frameStats(page);
      // as fast as the view can page: jump the scroll position to the top edge, wait for the page above to arrive
      const perPage = [];
      for (let i = 0; i < 50; i++) {
        const before = await firstId();
        const t3 = performance.now();
        await list.evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
        await until(async () => (await firstId()) < before, { interval: 5, what: 'the page above' });
        perPage.push(performance.now() - t3);
      }
      perPage.sort((a, b) => a - b);
      console.log(`# bench history-page: ${total} events; scroll to the top edge → page above in view: median ${perPage[25].toFixed(0)} ms, max ${perPage[49].toFixed(0)} ms (50 pages)`);
      // the far end: the oldest page
      const t1 = Date.now();
      await page.click('[data-testid="history-oldest"]');
      await until(async () => (await firstId()) === 1, { what: 'event #1', timeout: 30000 });
      const oldestMs = Date.now() - t1;
      // the server's part: 50 pages fetched one after the other going older from the newest (as the view does)
      const fetchMs = [];
      let cursor = null;
      for (let i = 0; i < 50; i++) {
        const t2 = performance.now();
        const r = await api(`api/events?limit=100&direction=older${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        fetchMs.push(performance.now() - t2);
        cursor = r.json.next_cursor;
      }
      fetchMs.sort((a, b) => a - b);
      console.log(`# bench history-fetch: ${total} events; GET /api/events page of 100 by cursor: median ${fetchMs[25].toFixed(1)} ms, max ${fetchMs[49].toFixed(1)} ms`);
      console.log(`# bench history: ${total} events stored; scrolled ${pages.toFixed(0)} pages (100 rows) up from the newest in ${ms} ms = ${(ms / pages).toFixed(1)} ms/page; frame time p50 ${frames.p50.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, max ${frames.max.toFixed(1)} ms over ${frames.frames} frames; max DOM rows ${maxDom}; jump to the oldest page ${oldestMs} ms`);
      assert.ok(maxDom <= 200);
      assert.ok(frames.p95 < 100, `p95 frame time ${frames.p95.toFixed(1)} ms`);
      await shot(page, '20-big-history-oldest');
    } finally {
      await context.close();
    }
  });

  test('with a big finished run loaded, the dashboard charts render in under a second', async (t) => {
    if (!(await has('api/state')) || !(await has('api/charts'))) { t.skip('waiting for api/state, api/charts'); return; }
    const state = (await api('api/state')).json;
    if (state.events_processed < BIG_HISTORY) { t.skip(`the loaded run has ${state.events_processed} events; load a big run to measure`); return; }
    const budget = Number(process.env.E2E_DASHBOARD_BUDGET_MS || 1000);
    const { page, context } = await openApp(browser);
    try {
      const totals = [];
      for (let i = 0; i < 3; i++) {
        await page.reload();
        await until(async () => {
          const drawn = await page.locator('[data-testid="dash-chart"]').evaluateAll((els) => els.map((e) => e.dataset.drawnAt));
          return drawn.length > 0 && drawn.every((x) => x);
        }, { what: 'every chart drawn', timeout: 60000 });
        totals.push(await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const drawn = [...document.querySelectorAll('[data-testid="dash-chart"]')].map((e) => Number(e.dataset.drawnAt));
          return Math.max(...drawn) - (nav ? nav.domContentLoadedEventEnd : 0);
        }));
      }
      const median = [...totals].sort((a, b) => a - b)[1];
      console.log(`# bench dashboard-big: ${state.events_processed} events; DOM ready → every chart drawn: ${totals.map((x) => x.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms)`);
      await shot(page, '21-big-dashboard');
      assert.ok(median < budget, `dashboard drawn in ${median.toFixed(0)} ms (budget ${budget} ms)`);
    } finally {
      await context.close();
    }
  });
});
