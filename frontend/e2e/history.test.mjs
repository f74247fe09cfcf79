// Browser tests of the history views and breakpoints (issue 6), against the real server at BASE_URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMetricBreakpoint, api, assertChartsComplete, freshScenario, has, launch, number, openApp, playToEnd, ready, requires, shot, text, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MAX_DOM_ROWS = 200;

async function completedRun(page) {
  const s = (await api('api/state')).json;
  if (!s?.is_complete) {
    await freshScenario();
    await page.reload();
    await ready(page);
    await playToEnd(page);
  }
  // let the store drain
  await until(async () => {
    const c = (await api('api/events/count')).json;
    return c && c.pending === 0 && c.total === (await api('api/state')).json.events_processed;
  }, { what: 'every event stored', timeout: 30000 });
}

async function openHistory(page, { internal = true } = {}) {
  await page.click('[data-testid="tab-events"]');
  await page.click('[data-testid="events-history"]');
  const box = page.locator('[data-testid="show-internal"]');
  if ((await box.isChecked()) !== internal) await box.click();
  await page.waitForSelector('[data-testid="history-events"] [data-testid="event-row"]', { timeout: 15000 });
  // the filter is applied (it is debounced): the total is the server's for it
  const want = (await api(`api/events/count${internal ? '' : '?exclude_internal=true'}`)).json.total;
  await until(async () => (await text(page, 'history-total')) === `${want.toLocaleString('en-US')} matching`, { what: `the total ${want}` });
  await page.waitForTimeout(400);
}

async function domRows(page) {
  return page.locator('[data-testid="history-events"] [data-testid="event-row"]').count();
}

async function visibleIds(page) {
  return page.locator('[data-testid="history-events"] [data-testid="event-row"]').evaluateAll((els) => els.map((e) => Number(e.dataset.eventId)));
}

describe('event history', () => {
  test('scrolls up to event #1 and down to the last event with a bounded DOM', async (t) => {
    if (!(await requires(t, 'api/events?limit=1', 'api/events/count', 'api/state'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await completedRun(page);
      const total = (await api('api/events/count')).json.total;
      await openHistory(page);
      await until(async () => Math.max(...(await visibleIds(page))) === total, { what: 'the newest event in view' });
      const scroller = page.locator('[data-testid="history-events"]');
      let maxRows = 0;
      const pageTimes = [];
      await until(async () => {
        const t0 = Date.now();
        await scroller.evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
        await page.waitForTimeout(60);
        pageTimes.push(Date.now() - t0);
        maxRows = Math.max(maxRows, await domRows(page));
        return (await visibleIds(page)).includes(1);
      }, { timeout: 120000, interval: 0, what: 'event #1 after scrolling up' });
      await until(async () => {
        await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
        await page.waitForTimeout(60);
        maxRows = Math.max(maxRows, await domRows(page));
        return (await visibleIds(page)).includes(total);
      }, { timeout: 120000, interval: 0, what: 'the last event after scrolling down' });
      assert.ok(maxRows <= MAX_DOM_ROWS, `at most ${MAX_DOM_ROWS} event rows in the DOM (saw ${maxRows})`);
      const windowRows = Number(await scroller.getAttribute('data-rows'));
      assert.ok(windowRows <= 600, `bounded page cache (${windowRows} rows held)`);
      console.log(`# history scroll: ${total} events, ${pageTimes.length} scroll steps to #1, max DOM rows ${maxRows}`);
      await shot(page, '10-history');
    } finally {
      await context.close();
    }
  });

  test('a type filter and a text search give the same total as the API', async (t) => {
    if (!(await requires(t, 'api/events?limit=1', 'api/events/count'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await completedRun(page);
      await openHistory(page, { internal: true });
      await page.click('[data-testid="events-filter-toggle"]');
      await page.selectOption('[data-testid="filter-types"]', ['Request']);
      const want = (await api('api/events/count?event_type=Request')).json.total;
      assert.ok(want > 0);
      await until(async () => (await text(page, 'history-total')) === `${want.toLocaleString('en-US')} matching`, { what: `the Request total ${want}` });
      const types = await page.locator('[data-testid="history-events"] [data-testid="event-row"] .etype').allTextContents();
      assert.ok(types.length > 0 && types.every((x) => x === 'Request'));
      // a row expands to its context, and Copy puts the event on the clipboard
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const row = page.locator('[data-testid="history-events"] [data-testid="event-row"]').last();
      await row.locator('.caret').click();
      await row.locator('[data-testid="event-context"]').waitFor();
      assert.match(await row.locator('[data-testid="event-context"]').textContent(), /request_id/);
      await row.locator('[data-testid="copy-event"]').click();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, new RegExp(`^Event #${await row.getAttribute('data-event-id')}\nTime: `));
      assert.match(copied, /Type: Request/);
      await page.selectOption('[data-testid="filter-types"]', []);
      await page.fill('[data-testid="filter-search"]', 'Sink');
      const want2 = (await api('api/events/count?search=Sink')).json.total;
      await until(async () => (await text(page, 'history-total')) === `${want2.toLocaleString('en-US')} matching`, { what: `the search total ${want2}` });
    } finally {
      await context.close();
    }
  });

  test('jump to t = 30 s lands on the first event at or after 30 s', async (t) => {
    if (!(await requires(t, 'api/events?limit=1&around_time=1&direction=newer'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await completedRun(page);
      // the first stored event at or after 30 s (the answer may hold rows on both sides of the time)
      const first = (await api('api/events?around_time=30&direction=newer&limit=5')).json.events.find((e) => e.time_s >= 30);
      assert.ok(first && first.time_s >= 30);
      const before = (await api('api/events?time_max=30&limit=5')).json.events.filter((e) => e.time_s < 30);
      assert.ok(before.length > 0 && before[0].event_id === first.event_id - 1, 'nothing between the last event before 30 s and the first at or after');
      await openHistory(page, { internal: true });
      await page.fill('[data-testid="jump-input"]', '30');
      await page.click('[data-testid="jump-go"]');
      await until(async () => (await visibleIds(page)).includes(first.event_id), { what: `event #${first.event_id}` });
      // it is at the top of the view, with the rows before it loaded above
      const scroller = page.locator('[data-testid="history-events"]');
      const top = await scroller.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const rows = [...el.querySelectorAll('[data-testid="event-row"]')];
        const firstVisible = rows.map((x) => ({ id: Number(x.dataset.eventId), y: x.getBoundingClientRect().top })).filter((x) => x.y >= r.top - 2).sort((a, b) => a.y - b.y)[0];
        return firstVisible?.id;
      });
      assert.equal(top, first.event_id);
      assert.ok((await visibleIds(page)).includes(first.event_id - 1), 'rows before it are there too');
      await shot(page, '11-history-jump-30s');
    } finally {
      await context.close();
    }
  });

  test('a search pages without waiting for its total, then counts the rows stored after those it shows', async (t) => {
    if (!(await requires(t, 'api/events?limit=1&total=false', 'api/step'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await freshScenario();
      await page.reload();
      await ready(page);
      const stored = async () => {
        const c = (await api('api/events/count')).json;
        return c.pending === 0 && c.total === (await api('api/state')).json.events_processed;
      };
      await api('api/step?count=3000', { method: 'POST' });
      await until(stored, { what: 'the first 3,000 events stored' });
      const searches = [];
      page.on('request', (r) => { if (/api\/events\?/.test(r.url()) && r.url().includes('search=')) searches.push(r.url()); });
      await openHistory(page, { internal: true });
      await page.click('[data-testid="events-filter-toggle"]');
      await page.fill('[data-testid="filter-search"]', 'Sink');
      const first = (await api('api/events/count?search=Sink')).json;
      assert.ok(first.total > 0 && first.last_id > 0);
      await until(async () => (await text(page, 'history-total')) === `${first.total.toLocaleString('en-US')} matching`, { what: `the search total ${first.total}` });
      await until(async () => (await text(page, 'history-window')).includes(`#${first.last_id} · end`), { what: `the newest match #${first.last_id} shown` });
      assert.ok(searches.length > 0, 'the search read pages');
      assert.ok(searches.every((u) => u.includes('total=false')), `every search page is asked for without its total: ${searches.join(' ')}`);
      // the count taken with the filter saw the newest row shown; store more: the view says exactly how many matches
      // are newer (the model is paused: no count is taken between the page and the step)
      await api('api/step?count=2000', { method: 'POST' });
      await until(stored, { what: '2,000 more events stored' });
      const second = (await api('api/events/count?search=Sink')).json;
      const newer = second.total - first.total;
      assert.ok(newer > 0, 'the later events include matches');
      let shown = '';
      try {
        await until(async () => {
          shown = (await page.locator('[data-testid="history-newer"]').count()) === 1 ? await text(page, 'history-newer') : '(no button)';
          return shown.startsWith(`${newer.toLocaleString('en-US')} newer`);
        }, { what: `"${newer} newer"` });
      } catch (e) {
        await shot(page, '17-search-newer-failed');
        throw new Error(`${e.message}: the view shows ${shown}, ${await text(page, 'history-total')}, ${await text(page, 'history-window')}`);
      }
      // the button lies over the rows: the newest row shown stays in view (it used to push the list down)
      const inView = await page.evaluate((id) => {
        const list = document.querySelector('[data-testid="history-events"]');
        const row = list?.querySelector(`[data-event-id="${id}"]`);
        if (!list || !row) return false;
        const a = list.getBoundingClientRect();
        const b = row.getBoundingClientRect();
        return b.top >= a.top - 1 && b.bottom <= a.bottom + 1;
      }, first.last_id);
      assert.ok(inView, `the newest row shown (#${first.last_id}) is still in view under the button`);
      await shot(page, '17-search-newer');
      await page.click('[data-testid="history-newer"]');
      await until(async () => (await text(page, 'history-window')).includes(`#${second.last_id} · end`), { what: `the newest match #${second.last_id}` });
      await until(async () => (await page.locator('[data-testid="history-newer"]').count()) === 0, { what: 'no newer rows left' });
    } finally {
      await context.close();
    }
  });
});

describe('simulation log', () => {
  test('filters by minimum level', async (t) => {
    if (!(await requires(t, 'api/logs?limit=1'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await completedRun(page);
      await page.click('[data-testid="tab-logs"]');
      await page.click('[data-testid="logs-history"]');
      await page.waitForSelector('[data-testid="history-logs"] [data-testid="log-row"]');
      const rank = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3, CRITICAL: 4 };
      for (const level of ['DEBUG', 'INFO', 'WARNING', 'ERROR']) {
        const want = (await api(`api/logs?limit=1&min_level=${level}`)).json.total;
        await page.selectOption('[data-testid="log-level"]', level);
        await until(async () => (await text(page, 'log-history-total')) === `${want.toLocaleString('en-US')} matching`, { what: `the ${level} total ${want}` });
        await until(async () => {
          const levels = await page.locator('[data-testid="history-logs"] [data-testid="log-row"]').evaluateAll((els) => els.map((e) => e.dataset.level));
          return levels.length === Math.min(want, levels.length) && levels.every((l) => rank[l] >= rank[level]) && (want === 0 ? levels.length === 0 : levels.length > 0);
        }, { what: `only ${level} and above shown` });
        if (level === 'INFO') await shot(page, '12-log-info');
      }
    } finally {
      await context.close();
    }
  });
});

describe('breakpoints and restart', () => {
  test('a metric breakpoint added in the panel stops a Debug run', async (t) => {
    if (!(await requires(t, 'api/breakpoints', 'api/state'))) return;
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await addMetricBreakpoint(page, { entity: 'Server', metric: 'depth', op: 'gt', threshold: 5 });
      await page.selectOption('[data-testid="speed"]', '0');
      await page.click('[data-testid="btn-debug"]');
      // a stop, not the running line ("Debugging (stops at breakpoints) …" says "breakpoint" too)
      await until(async () => /Stopped at breakpoint|Breakpoint hit/.test(`${await text(page, 'pause-reason')} ${(await page.locator('[data-testid="notice"]').allTextContents()).join(' ')}`),
        { what: 'the breakpoint to stop the run', timeout: 60000 });
      const s = (await api('api/state')).json;
      assert.equal(s.is_complete, false);
      assert.ok(s.entities.Server.depth > 5, `stopped with Server.depth = ${s.entities.Server.depth}`);
      // the stop's reason and the state that says it stopped arrive in separate messages: wait for both to be shown
      await until(async () => page.locator('[data-testid="btn-play"]').isVisible(), { what: 'the UI to show it is no longer playing', timeout: 10000 });
      await shot(page, '13-breakpoint-hit');
      for (const b of (await api('api/breakpoints')).json) await api(`api/breakpoints/${b.id}`, { method: 'DELETE' });
    } finally {
      await context.close();
    }
  });

  test('time and event-type breakpoints: added, drawn, stop a Debug run, removed', async (t) => {
    if (!(await requires(t, 'api/breakpoints', 'api/state'))) return;
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-breakpoints"]');
      await page.selectOption('[data-testid="bp-kind"]', 'time');
      await page.fill('[data-testid="bp-time"]', '10');
      await page.click('[data-testid="bp-add"]');
      await page.selectOption('[data-testid="bp-kind"]', 'event_type');
      await page.fill('[data-testid="bp-event-type"]', 'Response');
      await page.click('[data-testid="bp-add"]');
      await until(async () => (await page.locator('[data-testid="bp-row"]').count()) === 2, { what: 'two breakpoints listed' });
      const listed = (await api('api/breakpoints')).json;
      assert.deepEqual(listed.map((b) => b.kind).sort(), ['event_type', 'time']);
      assert.equal(listed.find((b) => b.kind === 'time').time_s, 10);
      // the first Response stops the Debug run, then the time breakpoint
      await page.selectOption('[data-testid="speed"]', '0');
      await page.click('[data-testid="btn-debug"]');
      await until(async () => /^Stopped at breakpoint/.test(await text(page, 'pause-reason')), { what: 'a breakpoint stop', timeout: 30000 });
      assert.match(await text(page, 'pause-reason'), /event type = Response/);
      // remove the event-type one; Debug again runs to the time breakpoint
      await page.locator('[data-testid="bp-row"]', { hasText: 'Response' }).locator('[data-testid="bp-remove"]').click();
      await until(async () => (await page.locator('[data-testid="bp-row"]').count()) === 1, { what: 'one breakpoint left' });
      await page.click('[data-testid="btn-debug"]');
      await until(async () => /time ≥ 10s/.test(await text(page, 'pause-reason')), { what: 'the time breakpoint', timeout: 30000 });
      const s = (await api('api/state')).json;
      assert.ok(s.time_s >= 10 && s.time_s < 10.5, `stopped at t = ${s.time_s}`);
      // the store holds the run up to the stop when the stop is published: the charts show all of it at once
      await assertChartsComplete(page, 3000);
      await shot(page, '14-time-breakpoint');
      for (const b of (await api('api/breakpoints')).json) await api(`api/breakpoints/${b.id}`, { method: 'DELETE' });
    } finally {
      await context.close();
    }
  });

  test('restart empties both logs', async (t) => {
    if (!(await requires(t, 'api/state', 'api/reset'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="show-internal"]');
      await page.click('[data-testid="btn-step10"]').catch(() => undefined);
      await until(async () => Number(await page.locator('[data-testid="live-events"]').getAttribute('data-rows')) > 0, { what: 'live events' });
      await page.click('[data-testid="btn-restart"]');
      await until(async () => (await number(page, 'events-processed')) === 0);
      assert.equal(await page.locator('[data-testid="live-events"]').getAttribute('data-rows'), '0');
      await page.click('[data-testid="tab-logs"]');
      // none of the ended run's lines is left; the new run's log may open with the debugger's own housekeeping (the
      // retention deleting the oldest run once there are more than 20: a browser suite makes that many)
      const rows = await page.locator('[data-testid="live-logs"] [data-testid="log-row"]').evaluateAll((els) =>
        els.map((el) => `${el.querySelector('.logger')?.textContent}: ${el.querySelector('.log-msg')?.textContent}`));
      assert.deepEqual(rows.filter((r) => !r.startsWith('visual.')), [], `the live log after the restart: ${JSON.stringify(rows)}`);
      if (await has('api/events?limit=1')) {
        await page.click('[data-testid="tab-events"]');
        await page.click('[data-testid="events-history"]');
        await until(async () => (await text(page, 'history-total')) === '0 matching', { what: 'an empty history' });
      }
    } finally {
      await context.close();
    }
  });
});
