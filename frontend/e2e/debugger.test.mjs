// Browser tests of the debugger UI (issue 5), against the real server at BASE_URL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { api, assertChartsComplete, freshScenario, has, launch, SCENARIO as SCENARIO_ID, number, openApp, playToEnd, ready, requires, shot, text, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('the debugger page', () => {
  test('opens, names itself and shows the connection state', async () => {
    const { page, context } = await openApp(browser);
    try {
      assert.equal(await page.title(), 'Happy Simulator Debugger');
      await ready(page);
      assert.match(await text(page, 'connection'), /connected/);
      await shot(page, '00-opened');
    } finally {
      await context.close();
    }
  });

  test('shows when the connection is lost and reconnects by itself', async () => {
    const { page, context } = await openApp(browser);
    try {
      // pass the page's WebSocket through to the real server, so the test can cut it
      const sockets = [];
      await page.routeWebSocket(/api\/ws$/, (ws) => {
        ws.connectToServer();
        sockets.push(ws);
      });
      await page.reload();
      await ready(page);
      assert.equal(sockets.length, 1);
      await sockets[0].close({ code: 1012, reason: 'test: server restart' });
      await page.waitForSelector('[data-testid="connection"]:not([data-state="open"])', { timeout: 10000 }).catch(() => undefined);
      await ready(page);
      assert.ok(sockets.length >= 2, 'a new socket was opened');
      // and it works: a step through the new socket moves the counter
      if (await has('api/state')) {
        await freshScenario();
        await page.reload();
        await ready(page);
        const before = sockets.length;
        await sockets[sockets.length - 1].close({ code: 1012, reason: 'again' });
        await until(() => sockets.length > before, { what: 'a reconnect' });
        await ready(page);
        await page.click('[data-testid="btn-step"]');
        await until(async () => (await number(page, 'events-processed')) === 1, { what: 'a step over the new socket' });
      }
    } finally {
      await context.close();
    }
  });

  test('shows the bursty-mm1 graph with its four nodes', async (t) => {
    if (!(await requires(t, 'api/topology', 'api/state'))) return;
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-graph"]');
      for (const id of ['Source', 'Server', 'Sink', 'Probe_Server_depth']) {
        await page.waitForSelector(`[data-testid="node-${id}"]`, { timeout: 15000 });
      }
      // left to right: Source before Server
      const src = await page.locator('[data-testid="node-Source"]').boundingBox();
      const srv = await page.locator('[data-testid="node-Server"]').boundingBox();
      assert.ok(src.x < srv.x, 'Source is laid out left of Server');
      const probe = await page.locator('[data-testid="node-Probe_Server_depth"]').boundingBox();
      assert.ok(probe.y < srv.y, 'the probe sits above the Server');
      await page.waitForTimeout(300);
      await shot(page, '01-graph');
    } finally {
      await context.close();
    }
  });

  test('steps, plays at Max until complete, and the counters and charts move', async (t) => {
    if (!(await requires(t, 'api/topology', 'api/state', 'api/charts'))) return;
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      assert.equal(await number(page, 'events-processed'), 0);
      await page.click('[data-testid="btn-step"]');
      await until(async () => (await number(page, 'events-processed')) === 1, { what: 'one event after Step' });
      await page.click('[data-testid="btn-step10"]');
      await until(async () => (await number(page, 'events-processed')) === 11, { what: '11 events after +10' });
      assert.ok((await number(page, 'sim-time')) > 0, 'time moved');
      await page.click('[data-testid="tab-dashboard"]');
      await playToEnd(page);
      const events = await number(page, 'events-processed');
      assert.ok(events > 1000, `a full run processes thousands of events (${events})`);
      assert.ok((await number(page, 'sim-time')) >= 60, 'the run reached its end time');
      const state = (await api('api/state')).json;
      assert.equal(events, state.events_processed, 'the counter shows what the server says');
      // the final update comes after the store holds the whole run: the charts refetch on it at once and draw
      // the whole run (the same answer, point for point, as the API gives now), with no second look later
      await assertChartsComplete(page, 2000);
      await shot(page, '02-dashboard-complete');
      const footer = await text(page, 'store-status');
      assert.match(footer, new RegExp(`Stored: ${events.toLocaleString('en-US')} events`), `the store line shows the whole run: ${footer}`);
    } finally {
      await context.close();
    }
  });

  test('runs to a time and to an event number, and a speed change while playing takes effect at once', async (t) => {
    if (!(await requires(t, 'api/state'))) return;
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.fill('[data-testid="run-to-input"]', '5');
      await page.click('[data-testid="btn-run-to"]');
      await until(async () => (await number(page, 'sim-time')) >= 5, { what: 't ≥ 5 s' });
      assert.ok((await number(page, 'sim-time')) < 5.2, 'stopped at the target time');
      assert.match(await text(page, 'pause-reason'), /run-to/i);
      const n = (await number(page, 'events-processed')) + 100;
      await page.fill('[data-testid="run-to-event-input"]', String(n));
      await page.click('[data-testid="btn-run-to-event"]');
      await until(async () => (await number(page, 'events-processed')) === n, { what: `event #${n}` });
      // play in real time (1x): a second of wall time moves about a second of simulated time
      await page.selectOption('[data-testid="speed"]', '1');
      await page.click('[data-testid="btn-play"]');
      await page.waitForTimeout(1500);
      const t1 = await number(page, 'sim-time');
      assert.ok(t1 < 12, `1x is paced (t = ${t1})`);
      assert.ok(await page.locator('[data-testid="btn-pause"]').isVisible());
      // Max while playing: the run finishes without pressing Play again
      await page.selectOption('[data-testid="speed"]', '0');
      await until(async () => /^Complete/.test(await text(page, 'pause-reason')), { what: 'completion at Max', timeout: 30000 });
    } finally {
      await context.close();
    }
  });

  test('with a finished run loaded, the dashboard charts render in under a second', async (t) => {
    if (!(await requires(t, 'api/charts', 'api/state'))) return;
    const state = (await api('api/state')).json;
    if (!state.is_complete) { t.skip('needs the finished run of the previous test'); return; }
    const budget = Number(process.env.E2E_DASHBOARD_BUDGET_MS || 1000);
    const { page, context } = await openApp(browser, { clearStorage: false });
    try {
      await page.evaluate(() => localStorage.clear());
      const results = [];
      for (let i = 0; i < 3; i++) {
        await page.reload();
        await until(async () => {
          const drawn = await page.locator('[data-testid="dash-chart"]').evaluateAll((els) => els.map((e) => e.dataset.drawnAt));
          return drawn.length >= 3 && drawn.every((x) => x);
        }, { what: 'every chart drawn', timeout: 30000 });
        const r = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const charts = [...document.querySelectorAll('[data-testid="dash-chart"]')].map((e) => ({
            drawnAt: Number(e.dataset.drawnAt), fetchMs: Number(e.dataset.renderMs), points: Number(e.dataset.points), maxPoints: Number(e.dataset.maxPoints),
          }));
          return { domReady: nav ? nav.domContentLoadedEventEnd : 0, charts };
        });
        // from the page's scripts running to the last chart drawn: what the user waits for after the page shell shows
        results.push({ total: Math.max(...r.charts.map((c) => c.drawnAt)) - r.domReady, ...r });
      }
      const best = results.map((x) => x.total).sort((a, b) => a - b)[1];
      console.log(`# bench dashboard: events=${state.events_processed} median of 3 reloads: ${best.toFixed(0)} ms from DOM ready to every chart drawn; per chart ${JSON.stringify(results[1].charts)}`);
      assert.ok(best < budget, `dashboard drawn in ${best.toFixed(0)} ms (budget ${budget} ms)`);
      for (const c of results[1].charts) assert.ok(c.points <= c.maxPoints, 'no chart asks for or gets more than 2 points per pixel');
    } finally {
      await context.close();
    }
  });

  test('zooms a chart by dragging, resets by double-click, and exports CSV', async (t) => {
    if (!(await requires(t, 'api/charts', 'api/chart_data?chart_id=x'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-dashboard"]');
      const chart = page.locator('[data-testid="dash-chart"]').first();
      await until(async () => Number(await chart.getAttribute('data-points')) > 0, { what: 'chart data' });
      const full = Number(await chart.getAttribute('data-points'));
      assert.match(await text(page, 'range-caption'), /showing all/);
      const over = chart.locator('.u-over');
      const box = await over.boundingBox();
      // hover: crosshair with the time and value under the cursor
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
      const tip = chart.locator('[data-testid="chart-tip"]');
      await until(async () => /\d+(\.\d+)?s\s+\d/.test((await tip.textContent()) ?? ''), { what: 'a hover value' });
      // a typed range (display unit) applies to every chart
      await page.fill('[data-testid="range-start"]', '10');
      await page.fill('[data-testid="range-end"]', '20');
      await page.click('[data-testid="range-apply"]');
      await until(async () => /showing 10\.00s – 20\.00s/.test(await text(page, 'range-caption')), { what: 'the typed range' });
      await until(async () => Number(await chart.getAttribute('data-points')) < full, { what: 'fewer points in the typed range' });
      await page.click('[data-testid="range-all"]');
      await until(async () => /showing all/.test(await text(page, 'range-caption')), { what: 'the range reset' });
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await until(async () => !/showing all/.test(await text(page, 'range-caption')), { what: 'a zoomed range' });
      const caption = await text(page, 'range-caption');
      assert.match(caption, /showing \d/);
      await until(async () => Number(await chart.getAttribute('data-points')) < full, { what: 'fewer points in the zoomed range' });
      await shot(page, '03-dashboard-zoomed');
      await over.dblclick();
      await until(async () => /showing all/.test(await text(page, 'range-caption')), { what: 'the range reset' });
      await chart.locator('xpath=..').locator('[data-testid="export-csv"]').click();
      const [download] = await Promise.all([page.waitForEvent('download'), chart.locator('xpath=..').locator('[data-testid="export-csv-shown"]').click()]);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.trim().split('\n').filter((l) => !l.startsWith('#'));
      assert.match(lines[0], /^Time \(s\),/);
      assert.ok(lines.length > 10, `CSV has rows (${lines.length})`);
      assert.match(download.suggestedFilename(), /\.csv$/);
    } finally {
      await context.close();
    }
  });

  test('a probe panel switched to p99 draws what /api/timeseries answers for p99, and keeps it after a reload', async (t) => {
    if (!(await requires(t, 'api/probes', 'api/timeseries?probe=x&transform=p99'))) return;
    const probe = ((await api('api/probes')).json ?? []).find((p) => p.target === 'Server' && p.metric === 'depth');
    if (!probe) { t.skip('no Server.depth probe'); return; }
    if (!(await api('api/state')).json.is_complete) {
      await freshScenario();
      const { page, context } = await openApp(browser);
      try { await ready(page); await playToEnd(page); } finally { await context.close(); }
    }
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-dashboard"]');
      await page.click('[data-testid="add-chart"]');
      await page.locator('[data-testid="add-chart-menu"] [data-testid="add-probe"][data-series="Server.depth"]').click();
      const panel = page.locator('[data-panel="Server.depth"]');
      const chart = panel.locator('[data-testid="dash-chart"]');
      await until(async () => Number(await chart.getAttribute('data-points')) > 0, { what: 'raw probe data' });
      assert.equal(await chart.getAttribute('data-transform'), 'raw');
      const rawPoints = Number(await chart.getAttribute('data-points'));
      // p99 over 1 s buckets (the server's default window)
      await panel.locator('[data-testid="panel-transform"]').selectOption('p99');
      assert.equal(await panel.locator('[data-testid="panel-window"]').inputValue(), '1s');
      const expectSeries = async (window) => {
        let want;
        await until(async () => {
          if ((await chart.getAttribute('data-transform')) !== 'p99') return false;
          const mp = await chart.getAttribute('data-max-points');
          want = (await api(`api/timeseries?probe=${encodeURIComponent(probe.name)}&transform=p99&window_s=${window}&max_points=${mp}`)).json;
          return want.times.length > 0 && Number(await chart.getAttribute('data-points')) === want.times.length
            && (await chart.getAttribute('data-last-t')) === String(want.times[want.times.length - 1]);
        }, { what: `the p99 / ${window}s series` });
        // what is drawn is what the CSV export holds: compare it with the API point for point
        await panel.locator('[data-testid="export-csv"]').click();
        const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid="export-csv-shown"]').click()]);
        const rows = (await readFile(await download.path(), 'utf8')).trim().split('\n').filter((l) => !l.startsWith('#'));
        assert.equal(rows[0], 'Time (s),Server.depth (p99),partial');
        const csv = rows.slice(1).map((r) => r.split(',').map(Number));
        assert.deepEqual(csv.map((r) => r[0]), want.times);
        assert.deepEqual(csv.map((r) => r[1]), want.values);
        return want;
      };
      const p99 = await expectSeries(1);
      assert.ok(p99.times.length < rawPoints, `bucketed: ${p99.times.length} points against ${rawPoints} raw`);
      assert.ok(p99.times.every((x) => Number.isInteger(x)), 'one point per 1 s bucket, at its start');
      // a wider window, typed in the display unit
      await panel.locator('[data-testid="panel-window"]').fill('5');
      await panel.locator('[data-testid="panel-window"]').press('Enter');
      await until(async () => (await panel.locator('[data-testid="panel-window"]').inputValue()) === '5s', { what: 'the 5 s window' });
      const p99w5 = await expectSeries(5);
      assert.ok(p99w5.times.length < p99.times.length);
      await shot(page, '07-dashboard-probe-p99');
      // the transform and window are part of the saved layout
      await page.reload();
      await ready(page);
      await until(async () => (await panel.locator('[data-testid="panel-transform"]').inputValue()) === 'p99', { what: 'p99 after the reload' });
      assert.equal(await panel.locator('[data-testid="panel-window"]').inputValue(), '5s');
      await expectSeries(5);
      // the predefined charts keep their own transform, shown as a badge
      const badges = await page.locator('[data-testid="transform"]').allTextContents();
      assert.ok(badges.includes('p99 / 1s') && badges.includes('mean / 0.5s'), `badges: ${badges}`);
      // the same probe once more, raw beside its p99
      await page.click('[data-testid="add-chart"]');
      await page.locator('[data-testid="add-chart-menu"] [data-testid="add-probe"][data-series="Server.depth"]').click();
      const both = page.locator('[data-panel="Server.depth"]');
      await until(async () => (await both.count()) === 2, { what: 'a second Server.depth panel' });
      const second = both.nth(1).locator('[data-testid="dash-chart"]');
      await until(async () => Number(await second.getAttribute('data-points')) > 0, { what: 'the second panel drawn' });
      assert.equal(await second.getAttribute('data-transform'), 'raw');
      assert.equal(await both.nth(0).locator('[data-testid="dash-chart"]').getAttribute('data-transform'), 'p99');
    } finally {
      await context.close();
    }
  });

  test('selects the Server and shows its live state with sparklines', async (t) => {
    if (!(await requires(t, 'api/topology', 'api/entity_history?entity=Server'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      // the server's state, not the page's counter (connected is not yet loaded: it may still read 0 of a finished run)
      const before = (await api('api/state')).json;
      if (!before.is_complete && before.events_processed < 100) {
        // run a while so the Server has a history to draw
        await page.fill('[data-testid="run-to-input"]', '10');
        await page.click('[data-testid="btn-run-to"]');
        await until(async () => (await number(page, 'sim-time')) >= 10, { what: 't ≥ 10 s' });
      }
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="node-Server"]');
      await page.waitForSelector('[data-testid="inspect-Server"]');
      await page.waitForSelector('[data-testid="sparkline-depth"] canvas', { timeout: 15000 });
      const state = (await api('api/state')).json;
      assert.equal(await text(page, 'metric-accepted-value'), String(state.entities.Server.accepted));
      await shot(page, '04-inspector-server');
    } finally {
      await context.close();
    }
  });

  test('restart brings everything back to t = 0', async (t) => {
    if (!(await requires(t, 'api/state', 'api/reset'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      if ((await api('api/state')).json.events_processed === 0) {
        await page.click('[data-testid="btn-step10"]');
        await until(async () => (await number(page, 'events-processed')) > 0);
      }
      await page.click('[data-testid="btn-restart"]');
      await until(async () => (await number(page, 'events-processed')) === 0, { what: 'events back to 0' });
      assert.equal(await text(page, 'sim-time'), '0.0000s');
      await page.click('[data-testid="tab-events"]');
      assert.equal(await page.locator('[data-testid="live-events"]').getAttribute('data-rows'), '0');
      await page.click('[data-testid="tab-dashboard"]');
      await until(async () => {
        const pts = await page.locator('[data-testid="dash-chart"]').evaluateAll((els) => els.map((e) => Number(e.dataset.points)));
        return pts.every((n) => n === 0);
      }, { what: 'empty charts after restart' });
    } finally {
      await context.close();
    }
  });

  test('a scenario change empties every view, shows the new model, and folds big groups', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/state'))) return;
    const ids = ((await api('api/scenarios')).json ?? []).map((x) => x.id);
    if (!ids.includes('server-farm')) { t.skip('no server-farm scenario'); return; }
    await freshScenario();
    const { page, context } = await openApp(browser);
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    try {
      await ready(page);
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="show-internal"]');
      await page.click('[data-testid="btn-step10"]');
      await until(async () => Number(await page.locator('[data-testid="live-events"]').getAttribute('data-rows')) > 0, { what: 'live events' });
      await page.selectOption('[data-testid="scenario"]', 'server-farm');
      await page.click('[data-testid="btn-run-scenario"]'); // the run form opens: its defaults, as they are
      await until(async () => (await number(page, 'events-processed')) === 0, { what: 'a fresh model' });
      await until(async () => new URL(page.url()).searchParams.get('scenario') === 'server-farm', { what: 'the switch done (the link names it)' });
      await page.click('[data-testid="tab-events"]'); // the new model has its own saved layout
      assert.equal(await page.locator('[data-testid="live-events"]').getAttribute('data-rows'), '0');
      await page.click('[data-testid="tab-graph"]');
      await page.waitForSelector('[data-testid="node-group:Server"]', { timeout: 15000 });
      assert.equal(await page.locator('[data-testid="node-Server"]').count(), 0, 'the old model is gone');
      await page.click('[data-testid="node-group:Server"]');
      await page.waitForSelector('[data-testid="inspect-group:Server"] .member');
      await page.fill('[data-testid="group-search"]', '07');
      await until(async () => {
        const names = await page.locator('[data-testid="inspect-group:Server"] tr.member td.member-name').allTextContents();
        return names.length >= 1 && names.every((n) => n.includes('07'));
      }, { what: 'a member search' });
      await shot(page, '06-server-farm-group');
      await page.selectOption('[data-testid="scenario"]', SCENARIO_ID);
      await page.click('[data-testid="btn-run-scenario"]');
      // the picker shows its choice at once; the switch is done when the page's link names the model (its saved
      // layout, with its own tab, is in place by then: a tab clicked before that used to be replaced by it)
      await until(async () => new URL(page.url()).searchParams.get('scenario') === SCENARIO_ID, { what: 'the scenario back' });
      await page.click('[data-testid="tab-graph"]');
      try {
        await page.waitForSelector('[data-testid="node-Server"]', { timeout: 15000 });
      } catch (e) {
        // seen once in five clean-clone runs after the state-order fix: keep what the page showed for the next look
        await shot(page, '06-switch-back-failed');
        const shown = await page.locator('[data-testid^="node-"]').evaluateAll((els) => els.map((el) => el.dataset.testid));
        const server = (await api('api/state')).json;
        const topology = (await api('api/topology')).json?.nodes?.map((n) => n.id);
        const stateShown = await page.locator('[data-testid="scenario"]').inputValue();
        throw new Error(`${e.message}\nthe graph shows ${JSON.stringify(shown)}; the server runs ${server?.scenario} (run ${server?.run_id}, seq ${server?.seq}), `
          + `its topology ${JSON.stringify(topology)}; the picker shows ${stateShown}; the page's console: ${JSON.stringify(consoleErrors.slice(-10))}`);
      }
    } finally {
      await context.close();
      await freshScenario();
    }
  });

  test('extracts a group member onto the graph beside its group, keeps its metrics fresh, and returns it', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/topology'))) return;
    const ids = ((await api('api/scenarios')).json ?? []).map((x) => x.id);
    if (!ids.includes('server-farm')) { t.skip('no server-farm scenario'); return; }
    const r = await api('api/scenarios/server-farm', { method: 'POST' });
    assert.ok(r.status < 300, `server-farm loaded: ${r.status}`);
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="node-group:Server"]');
      assert.equal(await text(page, 'group-size'), '40');
      await page.fill('[data-testid="group-search"]', '07');
      const member = page.locator('[data-testid="member-Server-07"]');
      await member.hover();
      await member.locator('[data-testid="extract-Server-07"]').click();
      const node = page.locator('[data-testid="extracted-Server-07"]');
      await node.waitFor({ timeout: 10000 });
      assert.equal(await page.locator('[data-testid="extracted-edge-Server-07"]').count(), 1, 'a dashed edge from the group');
      assert.equal(await page.locator('[data-testid="extracted-edge-Server-07"] path[stroke-dasharray], [data-testid="extracted-edge-Server-07"] path[style*="dasharray"]').count() > 0, true);
      // beside the group (under it), covering no other node
      await page.waitForTimeout(400); // fitView settles
      const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => {
        const r = e.getBoundingClientRect();
        return { id: e.dataset.id, x: r.x, y: r.y, w: r.width, h: r.height };
      }));
      const me = boxes.find((b) => b.id === 'extracted-Server-07');
      const group = boxes.find((b) => b.id === 'group:Server');
      assert.ok(me.y >= group.y + group.h, 'under the group');
      assert.ok(me.x < group.x + group.w && me.x + me.w > group.x, 'in the group\'s column');
      for (const b of boxes) {
        if (b.id === me.id) continue;
        const apart = me.x >= b.x + b.w || b.x >= me.x + me.w || me.y >= b.y + b.h || b.y >= me.y + me.h;
        assert.ok(apart, `the extracted node does not cover ${b.id}`);
      }
      // its metrics follow the run (read from /api/entity_state, members are not in the state updates)
      await page.fill('[data-testid="run-to-input"]', '20');
      await page.click('[data-testid="btn-run-to"]');
      await until(async () => (await number(page, 'sim-time')) >= 20, { what: 't ≥ 20 s' });
      const want = (await api('api/entity_state?entity=Server-07')).json.state;
      assert.ok(want.accepted > 0, `Server-07 took requests by t = 20 s (${want.accepted})`);
      // the card shows the server's first two metrics: its depth and its utilisation ρ
      assert.ok(want.utilization > 0, `Server-07 was busy by t = 20 s (ρ = ${want.utilization})`);
      await until(async () => Number(await page.locator('[data-testid="extracted-Server-07-utilization"]').getAttribute('data-value')) > 0, { what: 'ρ > 0 on the node' });
      assert.match(await text(page, 'extracted-Server-07-utilization'), /^\d+(\.\d)?%$/, 'ρ reads as a percentage');
      // selecting it shows the member in the Inspector, with the way back
      await node.click();
      await page.waitForSelector('[data-testid="inspect-Server-07"]');
      assert.equal(await text(page, 'metric-accepted-value'), String(want.accepted));
      await shot(page, '08-server-farm-extracted');
      // saved with the scenario's layout
      await page.reload();
      await ready(page);
      await node.waitFor({ timeout: 10000 });
      await node.click();
      await page.click('[data-testid="return-to-group"]');
      await until(async () => (await node.count()) === 0, { what: 'the node back in its group' });
      assert.equal(await page.locator('[data-testid="extracted-edge-Server-07"]').count(), 0);
      await page.reload();
      await ready(page);
      await page.waitForSelector('[data-testid="node-group:Server"]');
      assert.equal(await node.count(), 0, 'returned for good');
    } finally {
      await context.close();
      await freshScenario();
    }
  });

  test('the layout (panels, pinned charts, tabs) survives a reload', async (t) => {
    if (!(await requires(t, 'api/topology', 'api/probes'))) return;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="node-Probe_Server_depth"]');
      await page.click('[data-testid="probe-to-dashboard"]');
      await page.waitForSelector('[data-panel="Server.depth"]');
      const before = await page.locator('[data-testid="dash-panel"]').count();
      // pin the Server's depth onto the graph
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="node-Server"]');
      await page.click('[data-testid="pin-depth"]');
      await page.waitForSelector('[data-testid="pinned-Server.depth"]');
      await page.click('[data-testid="tab-events"]');
      await page.reload();
      await ready(page);
      await page.waitForSelector('[data-testid="pinned-Server.depth"]');
      await page.waitForSelector('[data-testid="pinned-Server.depth"] canvas');
      await shot(page, '05-graph-pinned-chart');
      assert.equal(await page.locator('[data-testid="tab-events"]').getAttribute('class'), 'on');
      await page.click('[data-testid="tab-dashboard"]');
      await page.waitForSelector('[data-panel="Server.depth"]');
      assert.equal(await page.locator('[data-testid="dash-panel"]').count(), before);
    } finally {
      await context.close();
    }
  });
});
