// Browser tests of what-if runs (issue 12): a scenario's seed and parameters set in the form, the run
// using them, the header and the URL saying so, and the link reproducing the same history.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, BASE_URL, freshScenario, launch, openApp, playToEnd, ready, requires, shot, text, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  await freshScenario();
});

/** The whole stored history's shape: its total and its first 500 events (time, type, target). */
async function history() {
  const count = (await api('api/events/count')).json;
  const page = await api('api/events?limit=500&direction=newer');
  assert.equal(page.status, 200, page.text);
  return { total: count.total, rows: page.json.events.map((e) => `${e.time_s}|${e.event_type}|${e.target_name}`) };
}

describe('what-if runs from the browser', () => {
  test('a seed and a parameter set in the form are the run\'s, and the link reproduces its history', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/state'))) return;
    await freshScenario();
    const { page, context } = await openApp(browser);
    let link;
    let first;
    try {
      await ready(page);
      await page.selectOption('[data-testid="scenario"]', 'mmc-cluster');
      await page.waitForSelector('[data-testid="run-form"]');
      assert.match(await text(page, 'run-form-description'), /Erlang C/, 'the model says what it is about');
      // a value out of range is refused at once, beside its field, in the parameter's unit
      await page.fill('[data-testid="param-arrival_rate"]', '-1');
      assert.match(await text(page, 'error-arrival_rate'), /at least 0\.001 req\/s/);
      assert.ok(await page.locator('[data-testid="btn-run-scenario"]').isDisabled(), 'no run with a bad value');
      // a combination the model cannot run is refused by the server, named, and the current run goes on
      await page.fill('[data-testid="param-servers"]', '1');
      await page.fill('[data-testid="param-arrival_rate"]', '50');
      await page.click('[data-testid="btn-run-scenario"]');
      await until(async () => (await text(page, 'run-form-error')).includes('arrival_rate'), { what: 'the server\'s refusal shown' });
      await shot(page, '30-run-form-refused');
      assert.equal((await api('api/state')).json.scenario, 'bursty-mm1', 'the refused load changed nothing');
      // the run we want: seed 7, 15 req/s on 3 servers for 20 s
      await page.click('[data-testid="btn-defaults"]');
      await page.fill('[data-testid="run-seed"]', '7');
      await page.fill('[data-testid="param-arrival_rate"]', '15');
      await page.fill('[data-testid="param-duration"]', '20');
      await shot(page, '31-run-form');
      await page.click('[data-testid="btn-run-scenario"]');
      await until(async () => (await api('api/state')).json.scenario === 'mmc-cluster', { what: 'the scenario loaded' });
      const state = (await api('api/state')).json;
      assert.equal(state.seed, 7);
      assert.equal(state.params.arrival_rate, 15);
      assert.equal(state.end_time_s, 20);
      assert.deepEqual(Object.keys(state.params_changed), ['arrival_rate', 'duration']);
      await until(async () => /seed 7 · arrival_rate=15 · duration=20/.test(await text(page, 'run-spec')), { what: 'the header shows the run' });
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('scenario'), 'mmc-cluster');
      assert.equal(url.searchParams.get('seed'), '7');
      assert.equal(url.searchParams.get('p.arrival_rate'), '15');
      link = page.url();
      await page.click('[data-testid="tab-dashboard"]');
      await playToEnd(page);
      await shot(page, '32-run-with-seed-7');
      first = await history();
      assert.ok(first.total > 1000, `a real run: ${first.total} events`);
    } finally {
      await context.close();
    }

    // elsewhere, the server moves on to another model; the link brings the same run back, event for event
    await freshScenario();
    const again = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    try {
      const page = await again.newPage();
      await page.goto(link);
      await ready(page);
      await until(async () => {
        const s = (await api('api/state')).json;
        return s.scenario === 'mmc-cluster' && s.seed === 7 && s.params.arrival_rate === 15;
      }, { what: 'the link loaded its run' });
      await page.click('[data-testid="tab-dashboard"]');
      await playToEnd(page);
      const second = await history();
      assert.equal(second.total, first.total, 'the same number of events');
      assert.deepEqual(second.rows, first.rows, 'the same events in the same order');
      await shot(page, '33-run-from-link');
    } finally {
      await again.close();
    }
    assert.ok(link.startsWith(BASE_URL));
  });
});
