// Browser tests of runs (issue 13): a run played, a reset, a run with another seed; the Runs panel lists them,
// two compare (charts overlaid, a summary table with differences marked), and the older opens read-only with
// its history paged from its own tables.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, freshScenario, launch, number, openApp, playToEnd, ready, requires, shot, text, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  await freshScenario();
});

/** The row of run `id` in the Runs panel. */
const row = (page, id) => page.locator(`[data-testid="run-row"][data-run="${id}"]`);

async function stored(run) {
  await until(async () => {
    const c = (await api(`api/events/count?run=${run}`)).json;
    return c && c.pending === 0;
  }, { what: `run ${run} stored`, timeout: 30000 });
}

describe('runs in the browser', () => {
  test('run, reset, run with another seed; the Runs panel compares the two and opens the older read-only', async (t) => {
    if (!(await requires(t, 'api/runs', 'api/state'))) return;
    await freshScenario();
    // an M/M/c (random arrivals and services, so another seed tells another story), 20 s long
    const loaded = await api('api/scenarios/mmc-cluster', { method: 'POST', body: { seed: 1, params: { duration: 20 } } });
    assert.equal(loaded.status, 200, loaded.text);
    const { page, context } = await openApp(browser);
    // every API answer the page gets is a success: a past run's reads go to its own tables, none is unknown
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    try {
      await ready(page);
      // run A: seed 1, played to its end
      await playToEnd(page);
      const a = (await api('api/state')).json;
      await stored(a.run_id);
      // a reset starts a new run and keeps A
      await page.click('[data-testid="btn-restart"]');
      await until(async () => (await api('api/state')).json.run_id > a.run_id, { what: 'the reset\'s new run' });
      await until(async () => (await number(page, 'events-processed')) === 0, { what: 'the page at t = 0' });
      // run B: the same scenario with seed 7, from the run form
      await page.click('[data-testid="btn-run-settings"]');
      await page.waitForSelector('[data-testid="run-form"]');
      await page.fill('[data-testid="run-seed"]', '7');
      await page.click('[data-testid="btn-run-scenario"]');
      await until(async () => (await api('api/state')).json.seed === 7, { what: 'the seed-7 run loaded' });
      await playToEnd(page);
      const b = (await api('api/state')).json;
      await stored(b.run_id);
      assert.ok(b.run_id > a.run_id + 1, `A ${a.run_id}, the reset's run, then B ${b.run_id}`);

      // the Runs panel: newest first, with what each run was
      await page.click('[data-testid="tab-runs"]');
      await page.waitForSelector(`[data-testid="run-row"][data-run="${a.run_id}"]`);
      const ids = await page.locator('[data-testid="run-row"]').evaluateAll((els) => els.map((e) => Number(e.dataset.run)));
      assert.equal(ids[0], b.run_id, 'newest first');
      assert.deepEqual([...ids].sort((x, y) => y - x), ids);
      assert.equal(await row(page, b.run_id).locator('[data-testid="runrow-seed"]').textContent(), '7');
      assert.equal(await row(page, a.run_id).locator('[data-testid="runrow-seed"]').textContent(), String(a.seed));
      assert.equal(await row(page, b.run_id).locator('[data-testid="run-current"]').count(), 1, 'B is the live run');
      assert.ok(await row(page, b.run_id).locator('[data-testid="run-delete"]').isDisabled(), 'the live run cannot be deleted');
      assert.match(await row(page, a.run_id).locator('[data-testid="runrow-time"]').textContent(), /t = \d/);
      assert.match(await row(page, a.run_id).locator('[data-testid="runrow-size"]').textContent(), /(KiB|MiB)/);
      await shot(page, '40-runs-panel');

      // compare A and B: charts overlaid (two series each), a summary table with differences marked
      await row(page, a.run_id).locator('[data-testid="run-pick"]').check();
      await row(page, b.run_id).locator('[data-testid="run-pick"]').check();
      await page.click('[data-testid="runs-compare"]');
      await page.waitForSelector('[data-testid="compare-summary"]');
      const shared = (await api(`api/runs/compare?a=${a.run_id}&b=${b.run_id}`)).json;
      assert.ok(shared.charts.length > 0, 'the runs share charts');
      await until(async () => {
        const drawn = await page.locator('[data-testid="compare-chart"]').evaluateAll((els) => els.map((e) => [Number(e.dataset.pointsA), Number(e.dataset.pointsB)]));
        return drawn.length === shared.charts.length && drawn.every(([x, y]) => x > 0 && y > 0);
      }, { what: 'every shared chart drawn with both runs' });
      // each chart's two series are the API's, and its legend names both runs
      const first = page.locator('[data-testid="compare-chart"]').first();
      const chartId = await first.getAttribute('data-chart');
      const pair = (await api(`api/runs/compare/chart_data?a=${a.run_id}&b=${b.run_id}&chart_id=${encodeURIComponent(chartId)}&max_points=100`)).json;
      assert.deepEqual(pair.series.map((s) => s.run), [a.run_id, b.run_id]);
      const legend = await first.locator('.u-legend').textContent();
      assert.match(legend, new RegExp(`run ${a.run_id} \\(seed ${a.seed}[,)]`));
      assert.match(legend, new RegExp(`run ${b.run_id} \\(seed 7[,)]`));
      const events = page.locator('[data-testid="summary-row"][data-key="events"]');
      const cells = await events.locator('td').allTextContents();
      assert.equal(cells[1], a.events_processed.toLocaleString('en-US'));
      assert.equal(cells[2], b.events_processed.toLocaleString('en-US'));
      assert.notEqual(a.events_processed, b.events_processed, 'another seed, another number of events');
      assert.equal(await events.getAttribute('data-differs'), '1', 'marked as a difference');
      assert.match(cells[3], /^[+−]\d/, 'with how much');
      const marked = await page.locator('[data-testid="summary-row"][data-differs="1"]').count();
      assert.equal(marked, shared.summary.filter((r) => r.differs).length, 'every difference the server found is marked');
      assert.ok(await page.locator('[data-testid="summary-row"][data-key^="sink:"]').count() > 0, 'per-sink rows');
      await shot(page, '41-compare');

      // open A read-only: banner, final state, its charts and its history from its own tables
      await row(page, a.run_id).locator('[data-testid="run-open"]').click();
      await page.waitForSelector('[data-testid="run-banner"]');
      assert.match(await text(page, 'run-banner'), new RegExp(`Viewing run ${a.run_id} \\(read-only\\)`));
      await until(async () => (await number(page, 'events-processed')) === a.events_processed, { what: 'A\'s final count in the readout' });
      assert.ok(await page.locator('[data-testid="btn-play"]').isDisabled(), 'read-only: no play');
      assert.ok(await page.locator('[data-testid="btn-step"]').isDisabled(), 'read-only: no step');
      await page.click('[data-testid="tab-dashboard"]');
      await until(async () => {
        const pts = await page.locator('[data-testid="dash-chart"]').evaluateAll((els) => els.map((e) => Number(e.dataset.points)));
        return pts.length > 0 && pts.every((p) => p > 0);
      }, { what: 'A\'s charts drawn' });
      await shot(page, '42-past-run-dashboard');
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="tab-events"]');
      assert.equal(await page.locator('[data-testid="events-live"]').count(), 0, 'a past run has no live tail');
      const box = page.locator('[data-testid="show-internal"]');
      if (!(await box.isChecked())) await box.click();
      const totalA = (await api(`api/events/count?run=${a.run_id}`)).json.total;
      assert.equal(totalA, a.events_processed);
      await until(async () => (await text(page, 'history-total')) === `${totalA.toLocaleString('en-US')} matching`, { what: `A's total ${totalA}` });
      // page A's history: its oldest rows are #1 …, its newest end at its last event
      await page.click('[data-testid="history-oldest"]');
      await until(async () => /^#1 … #\d+ · start/.test(await text(page, 'history-window')), { what: 'A\'s first page' });
      const firstRows = await page.locator('[data-testid="history-events"] [data-testid="event-row"]').count();
      assert.ok(firstRows > 10, `rows shown (${firstRows})`);
      const apiFirst = (await api(`api/events?run=${a.run_id}&direction=newer&limit=1`)).json.events[0];
      assert.equal(apiFirst.event_id, 1);
      await shot(page, '43-past-run-history-oldest');
      await page.click('[data-testid="history-newest"]');
      await until(async () => new RegExp(`#${totalA} · end`).test(await text(page, 'history-window')), { what: 'A\'s last page ends at its last event' });
      // search in A's history
      await page.click('[data-testid="events-filter-toggle"]');
      await page.fill('[data-testid="filter-search"]', 'Sink');
      const found = (await api(`api/events/count?run=${a.run_id}&exclude_internal=${!(await box.isChecked())}&search=Sink`)).json.total;
      await until(async () => (await text(page, 'history-total')) === `${found.toLocaleString('en-US')} matching`, { what: `A's search total ${found}` });
      await shot(page, '44-past-run-history-search');

      // back to live: the banner goes, the live run (B) is shown again
      await page.click('[data-testid="banner-back-live"]');
      await until(async () => (await page.locator('[data-testid="run-banner"]').count()) === 0, { what: 'the banner gone' });
      await until(async () => (await number(page, 'events-processed')) === b.events_processed, { what: 'B\'s count again' });
      assert.ok(!(await page.locator('[data-testid="btn-restart"]').isDisabled()), 'live controls again');
      assert.deepEqual(failed, [], 'no failed requests');
      // (a missing favicon is a console error too: failed loads are judged by the responses above)
      assert.deepEqual(page.errors.filter((e) => !e.startsWith('Failed to load resource')), [], 'no errors in the page');
    } finally {
      await context.close();
    }
  });
  test('a past run\'s group shows its members with their metrics at its end, sorted on the server', async (t) => {
    if (!(await requires(t, 'api/runs', 'api/group_members'))) return;
    await freshScenario();
    const loaded = await api('api/scenarios/server-farm', { method: 'POST', body: { params: { duration: 20 } } });
    assert.equal(loaded.status, 200, loaded.text);
    const farm = loaded.json.run_id;
    await api('api/step?count=4000', { method: 'POST' });
    const atEnd = (await api('api/group_members?group_id=group%3AServer&limit=40&sort=completed&order=desc')).json.members;
    assert.equal(atEnd.length, 40);
    assert.ok(atEnd[0].state.completed > 0, 'the busiest member completed requests');
    await api('api/reset', { method: 'POST' });
    await stored(farm);
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-runs"]');
      await row(page, farm).locator('[data-testid="run-open"]').click();
      await page.waitForSelector('[data-testid="run-banner"]');
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="node-group:Server"]');
      await page.waitForSelector('[data-testid="member-table"] tr.member');
      await page.click('[data-testid="sort-completed"]');
      const names = () => page.locator('[data-testid="member-table"] tr.member').evaluateAll((els) => els.map((e) => e.dataset.testid.slice('member-'.length)));
      await until(async () => JSON.stringify(await names()) === JSON.stringify(atEnd.map((m) => m.name)), { what: 'the members in the order of the run\'s end' });
      const completed = await page.locator('[data-testid="member-table"] tr.member td.num').evaluateAll((els) => els.filter((e) => e.dataset.testid.endsWith('-completed')).map((e) => Number(e.textContent.replace(/,/g, ''))));
      assert.deepEqual(completed, atEnd.map((m) => m.state.completed), 'each member\'s count as the run left it (the live run starts from 0)');
      await shot(page, '45-past-run-group-members');
    } finally {
      await context.close();
    }
  });
});
