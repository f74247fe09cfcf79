// Browser tests of issue 16 (a debugger that explains itself), one per point of the issue, against the real server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addMetricBreakpoint, api, ARTIFACTS, freshScenario, launch, number, openApp, ready, shot, text, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await freshScenario().catch(() => undefined);
  await browser?.close();
});

/** Loads a model on the server (not through the page) and, optionally, runs it to a time. */
async function load(id, runToS) {
  const r = await api(`api/scenarios/${id}`, { method: 'POST' });
  assert.ok(r.status < 300, `loading ${id}: ${r.status} ${r.text}`);
  for (const b of (await api('api/breakpoints')).json ?? []) await api(`api/breakpoints/${b.id}`, { method: 'DELETE' });
  if (runToS) {
    const run = await api(`api/run_to?time_s=${runToS}`, { method: 'POST' });
    assert.ok(run.status < 300, `run to ${runToS}: ${run.status} ${run.text}`);
  }
}

/** Every stored event up to (at least) event `upTo`, oldest first (pages of 1000). */
async function storedEvents(upTo) {
  const out = [];
  let cursor = null;
  while (true) {
    const page = (await api(`api/events?direction=newer&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json;
    out.push(...page.events);
    if (!page.next_cursor || out[out.length - 1].event_id >= upTo) return out;
    cursor = page.next_cursor;
  }
}

const eventNumberIn = (reason) => {
  const m = /— event #([\d,]+) at /.exec(reason);
  return m ? Number(m[1].replace(/,/g, '')) : null;
};

const errorCount = (page) => page.locator('[data-testid^="error-"]').count();

describe('issue 16: a debugger that explains itself', () => {
  test('1. Debug after a breakpoint stops at the next crossing, and the stop names the event', async () => {
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await addMetricBreakpoint(page, { entity: 'Server', metric: 'depth', op: 'gt', threshold: 5 });
      const stops = [];
      const depths = [];
      const reasons = [];
      for (let i = 0; i < 3; i++) {
        await page.click('[data-testid="btn-debug"]');
        await until(async () => {
          const reason = await text(page, 'pause-reason');
          const n = eventNumberIn(reason);
          return /^Stopped at breakpoint bp-\d+ \(Server\.depth > 5\)/.test(reason) && n !== null && !stops.includes(n) && reason;
        }, { what: `stop ${i + 1} at the breakpoint`, timeout: 30000 });
        const reason = await text(page, 'pause-reason');
        const state = (await api('api/state')).json;
        assert.equal(eventNumberIn(reason), state.events_processed, 'the message names the event the run stopped after');
        stops.push(state.events_processed);
        depths.push(state.entities.Server.depth);
        reasons.push(reason);
        if (i === 1) await shot(page, '16-01-debug-next-crossing');
      }
      assert.equal(new Set(reasons).size, 3, `three different messages: ${reasons.join(' | ')}`);
      // the reference: the Server's queue from the stored events (an arrival adds one, the queue's poll that hands one
      // to a worker takes one), and the events after which depth > 5 became true
      const events = await storedEvents(stops[2]);
      const delivered = new Set();
      const polls = [];
      for (const e of events) {
        if (e.event_type === 'QUEUE_POLL' && e.target_name === 'Server.queue') polls.push(e.event_id);
        if (e.event_type === 'QUEUE_DELIVER' && e.source_name === 'Server.queue') delivered.add(polls.filter((p) => p < e.event_id && !delivered.has(p)).pop());
      }
      let depth = 0;
      let was = false;
      const crossings = [];
      const depthAt = new Map();
      for (const e of events) {
        if (e.event_type === 'Request' && e.target_name === 'Server') depth++;
        if (delivered.has(e.event_id)) depth--;
        depthAt.set(e.event_id, depth);
        if (depth > 5 && !was) crossings.push(e.event_id);
        was = depth > 5;
        if (crossings.length === 3) break;
      }
      assert.deepEqual(stops.map((n) => depthAt.get(n)), depths, 'the reference counts the queue as the server does');
      assert.deepEqual(stops, crossings, 'each Debug stops where the condition becomes true again');
      assert.ok(stops[1] > stops[0] + 1, 'not one event later');
    } finally {
      await context.close();
    }
  });

  test('2. request_id=42 finds exactly request 42\'s events; its lifeline names the time between them', async () => {
    await load('bursty-mm1', 10);
    const reference = (await storedEvents(Infinity)).filter((e) => !e.is_internal && e.context?.request_id === 42);
    assert.ok(reference.length >= 3, `request 42 has events by t = 10 s (${reference.length})`);
    const served = (await api('api/events?field=request_id%3D42&exclude_internal=true&direction=newer&limit=1000')).json;
    assert.deepEqual(served.events.map((e) => e.event_id), reference.map((e) => e.event_id), 'the server\'s structured search is exact');
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="events-history"]');
      await page.fill('[data-testid="filter-search"]', 'request_id=42');
      await until(async () => (await text(page, 'history-total')) === `${reference.length} matching`, { what: 'the matching count' });
      const rows = page.locator('[data-testid="history-events"] [data-testid="event-row"]');
      await until(async () => (await rows.count()) === reference.length, { what: 'the rows' });
      assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => Number(e.dataset.eventId))), reference.map((e) => e.event_id));
      await rows.first().locator('[data-testid="follow"]').click();
      const line = page.locator('[data-testid="lifeline"]');
      await line.locator('[data-testid="lifeline-event"]').first().waitFor();
      await until(async () => (await line.locator('[data-testid="lifeline-event"]').count()) === reference.length, { what: 'every event of the request' });
      const evs = await line.locator('[data-testid="lifeline-event"]').evaluateAll((els) => els.map((e) => ({ id: Number(e.dataset.eventId), t: Number(e.dataset.time) })));
      assert.deepEqual(evs.map((e) => e.id), reference.map((e) => e.event_id), 'in order');
      const stages = await line.locator('[data-testid="lifeline-stage"]').evaluateAll((els) => els.map((e) => ({
        from: Number(e.dataset.from), to: Number(e.dataset.to), d: Number(e.dataset.duration), kind: e.dataset.kind, name: e.querySelector('.stage-name').textContent,
      })));
      assert.equal(stages.length, evs.length - 1, 'a stage between every two events');
      stages.forEach((s, i) => {
        assert.equal(s.from, evs[i].id);
        assert.equal(s.to, evs[i + 1].id);
        assert.equal(s.d, evs[i + 1].t - evs[i].t, `stage ${i} lasts the difference of its events' times`);
      });
      const names = stages.map((s) => s.name);
      assert.ok(names.includes('queued at Server') && names.includes('in service at Server'), `named: ${names.join(', ')}`);
      assert.ok(Math.abs(stages.find((s) => s.kind === 'service').d - 0.08) < 1e-9, 'bursty-mm1 serves in 0.08 s');
      await shot(page, '16-02-lifeline');
    } finally {
      await context.close();
    }
  });

  test('2b. a retried request\'s lifeline shows its attempts, the timeout and the wait for the retry', async () => {
    await load('retrying-client', 10);
    const second = (await api('api/events?field=attempt%3D2&direction=newer&limit=1')).json.events[0];
    assert.ok(second, 'some request was retried by t = 10 s');
    const rid = second.context.request_id;
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="events-history"]');
      await page.fill('[data-testid="filter-search"]', `request_id=${rid}`);
      const n = (await api(`api/events/count?field=request_id%3D${rid}&exclude_internal=true`)).json.total;
      await until(async () => (await text(page, 'history-total')) === `${n} matching`, { what: 'the request\'s rows' });
      const rows = page.locator('[data-testid="history-events"] [data-testid="event-row"]');
      await until(async () => (await rows.count()) === n, { what: 'the request\'s rows shown' });
      await rows.first().locator('[data-testid="follow"]').click();
      const line = page.locator('[data-testid="lifeline"]');
      await until(async () => /\d attempts/.test(await line.locator('[data-testid="lifeline-summary"]').textContent()), { what: 'the attempts counted' });
      const names = await line.locator('[data-testid="lifeline-stage"] .stage-name').allTextContents();
      assert.ok(names.some((n) => n.startsWith('waiting for a retry')), names.join(', '));
      assert.ok(names.some((n) => /waiting for a reply \(Client timed out\)/.test(n)), names.join(', '));
      assert.ok(names.some((n) => /attempt 2/.test(n)), 'stages say which attempt');
      await shot(page, '16-02-lifeline-retried');
    } finally {
      await context.close();
    }
  });

  test('3. run-to event 8,000,000 shows its target, progress and rate, and Pause stops it', async () => {
    await load('bursty-mm1-long');
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.fill('[data-testid="run-to-event-input"]', '8000000');
      await page.click('[data-testid="btn-run-to-event"]');
      const progress = /^Running to event #8,000,000: #([\d,]+) \((\d+)%\) · [\d.]+[kM]? events\/s · [\d.]+[kM]? sim s\/s$/;
      const first = await until(async () => progress.exec(await text(page, 'pause-reason')), { what: 'the progress line', timeout: 20000 });
      const second = await until(async () => {
        const m = progress.exec(await text(page, 'pause-reason'));
        return m && Number(m[1].replace(/,/g, '')) > Number(first[1].replace(/,/g, '')) && m;
      }, { what: 'the progress moving', timeout: 20000 });
      assert.ok(Number(second[1].replace(/,/g, '')) < 8_000_000);
      await shot(page, '16-03-run-to-progress');
      await page.click('[data-testid="status-pause"]');
      await until(async () => /^Paused by request — event #[\d,]+ at /.test(await text(page, 'pause-reason')), { what: 'the pause', timeout: 20000 });
      const state = (await api('api/state')).json;
      assert.equal(state.is_playing, false);
      assert.equal(state.progress, null, 'no progress left behind');
      assert.ok(state.events_processed < 8_000_000, `paused before the target (${state.events_processed})`);
      assert.equal(eventNumberIn(await text(page, 'pause-reason')), state.events_processed);
      assert.equal(await number(page, 'events-processed'), state.events_processed);
      await shot(page, '16-03-run-to-paused');
    } finally {
      await context.close();
      await freshScenario();
    }
  });

  test('4. a reload keeps the zoom, the range, the filters and the search, and the live log shows the newest stored rows', async () => {
    await load('bursty-mm1', 20);
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-dashboard"]');
      const chart = page.locator('[data-testid="dash-chart"]').first();
      await until(async () => Number(await chart.getAttribute('data-points')) > 0, { what: 'chart data' });
      const box = await chart.locator('.u-over').boundingBox();
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      await until(async () => /showing \d/.test(await text(page, 'range-caption')), { what: 'a zoomed range' });
      const caption = await text(page, 'range-caption');
      const zoomedPoints = Number(await chart.getAttribute('data-points'));
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="events-history"]');
      await page.click('[data-testid="events-filter-toggle"]');
      await page.selectOption('[data-testid="filter-types"]', ['Request']);
      await page.fill('[data-testid="filter-tmin"]', '2');
      await page.fill('[data-testid="filter-search"]', 'request_id=50');
      const n = (await api('api/events/count?event_type=Request&time_min=2&field=request_id%3D50&exclude_internal=true')).json.total;
      assert.ok(n > 0, 'request 50 arrived after 2 s');
      const total = `${n} matching`;
      await until(async () => (await text(page, 'history-total')) === total, { what: 'the filtered history' });
      const url = page.url();
      assert.match(url, /range=[\d.]+_[\d.]+/);
      assert.match(url, /type=Request/);
      assert.match(url, /q=request_id%3D50/);
      assert.match(url, /events=history/);
      await page.reload();
      await ready(page);
      assert.equal(await page.inputValue('[data-testid="filter-search"]'), 'request_id=50');
      assert.equal(await page.inputValue('[data-testid="filter-tmin"]'), '2');
      assert.deepEqual(await page.locator('[data-testid="filter-types"]').evaluate((s) => [...s.selectedOptions].map((o) => o.value)), ['Request']);
      await until(async () => (await text(page, 'history-total')) === total, { what: `the same ${total}` });
      await shot(page, '16-04-reload-kept-filters');
      await page.click('[data-testid="tab-dashboard"]');
      assert.equal(await text(page, 'range-caption'), caption, 'the zoom survived');
      await until(async () => Number(await chart.getAttribute('data-points')) === zoomedPoints, { what: 'the zoomed chart' });
      // the link opens the same view elsewhere
      const other = await openApp(browser, { path: url.slice(url.indexOf('?')) });
      try {
        await ready(other.page);
        await other.page.click('[data-testid="tab-dashboard"]');
        assert.equal(await text(other.page, 'range-caption'), caption, 'a shared link shows the same range');
      } finally {
        await other.context.close();
      }
      // the live log of a reloaded page shows the newest stored rows, not "No events yet"
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="filter-clear"]');
      await page.fill('[data-testid="filter-search"]', '');
      await page.click('[data-testid="events-live"]');
      const processed = (await api('api/state')).json.events_processed;
      await until(async () => Number(await page.locator('[data-testid="live-events"]').getAttribute('data-rows')) > 0, { what: 'live rows after the reload' });
      assert.match(await text(page, 'live-count'), new RegExp(`showing the newest 500 of ${processed.toLocaleString('en-US')}`));
      const newest = await page.locator('[data-testid="live-events"] [data-testid="event-row"]').last().getAttribute('data-event-id');
      const want = (await api('api/events?limit=1&exclude_internal=true')).json.events[0].event_id;
      assert.equal(Number(newest), want, 'the newest stored event is the last row');
      await shot(page, '16-04-live-after-reload');
    } finally {
      await context.close();
    }
  });

  test('5. the first minute: the model\'s card, ρ with a label, plain words, plumbing behind Internal', async () => {
    await freshScenario();
    const description = (await api('api/scenarios')).json.find((s) => s.active).description;
    const { page, context } = await openApp(browser, { cards: true });
    try {
      await ready(page);
      await page.waitForSelector('[data-testid="scenario-card"]');
      assert.equal(await text(page, 'scenario-card-text'), description.trim());
      await page.click('[data-testid="btn-step10"]');
      await until(async () => (await number(page, 'events-processed')) === 10, { what: '10 events' });
      await page.click('[data-testid="tab-graph"]');
      await page.waitForSelector('[data-testid="node-Server"]');
      await shot(page, '16-05-first-load-card');
      await page.click('[data-testid="scenario-card-ok"]');
      assert.equal(await page.locator('[data-testid="scenario-card"]').count(), 0);
      await page.reload();
      await ready(page);
      await page.waitForSelector('[data-testid="node-Server"]');
      assert.equal(await page.locator('[data-testid="scenario-card"]').count(), 0, 'dismissed stays dismissed');
      await page.click('[data-testid="btn-about"]');
      await page.waitForSelector('[data-testid="scenario-card"]');
      await page.click('[data-testid="scenario-card-close"]');
      // ρ on the card and in the inspector, as a percentage with a word a user knows
      const card = await page.locator('[data-testid="node-Server"]').textContent();
      assert.match(card, /utilisation ρ\s*\d+(\.\d)?%/);
      await page.click('[data-testid="node-Server"]');
      assert.equal(await text(page, 'label-utilization'), 'utilisation ρ');
      assert.match(await page.locator('[data-testid="label-utilization"]').getAttribute('title'), /share of time/);
      assert.match(await text(page, 'metric-utilization-value'), /^\d+(\.\d)?%$/);
      const readout = await text(page, 'readout');
      assert.match(readout, /pending events: \d/);
      const body = await page.locator('body').textContent();
      assert.ok(!/Heap|skipped/.test(body), 'no "Heap", no "skipped"');
      // the plumbing stays behind the Internal toggle: the upcoming list, the log, the graph
      const upcoming = () => page.locator('[data-testid="upcoming"]').textContent();
      assert.ok(!/QUEUE_|Server\.worker|source_event|probe_event/.test(await upcoming()), `no plumbing upcoming: ${await upcoming()}`);
      assert.match(await upcoming(), /internal events? hidden/);
      assert.ok(!/QUEUE_|Server\.worker/.test(await page.locator('[data-testid="graph-view"]').textContent()), 'nor on the graph');
      await shot(page, '16-05-inspector-rho');
      await page.click('[data-testid="tab-events"]');
      const liveRows = page.locator('[data-testid="live-events"] [data-testid="event-row"]');
      await until(async () => (await liveRows.count()) > 0, { what: 'live rows' });
      const log = () => page.locator('[data-testid="event-log"]').textContent();
      assert.ok(!/QUEUE_|Server\.worker|source_event/.test(await log()), 'no plumbing in the log with Internal off');
      // nor among the event types the filter offers
      await page.click('[data-testid="events-filter-toggle"]');
      const typeOptions = () => page.locator('[data-testid="filter-types"] option').allTextContents();
      await until(async () => (await typeOptions()).includes('Request'), { what: 'the type filter\'s options' });
      assert.ok(!(await typeOptions()).some((t) => /QUEUE_|source_event|probe_event/.test(t)), `types offered: ${await typeOptions()}`);
      await shot(page, '16-05-internal-off');
      await page.click('[data-testid="show-internal"]');
      await until(async () => /QUEUE_/.test(await log()) && /Server\.worker/.test(await log()), { what: 'the plumbing with Internal on' });
      await until(async () => (await typeOptions()).includes('QUEUE_POLL'), { what: 'the plumbing\'s types offered with Internal on' });
      await page.click('[data-testid="events-filter-toggle"]');
      await page.click('[data-testid="tab-inspector"]');
      assert.match(await upcoming(), /source_event|QUEUE_|probe_event/, 'and upcoming');
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="show-internal"]');
    } finally {
      await context.close();
    }
  });

  test('6. a 40-member group sorts by a metric, and "chart this" charts a member\'s metric; Add Chart offers entity metrics', async () => {
    await load('server-farm', 20);
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-graph"]');
      await page.click('[data-testid="node-group:Server"]');
      await page.waitForSelector('[data-testid="member-table"] tr.member');
      await page.click('[data-testid="sort-utilization"]');
      const want = (await api('api/group_members?group_id=group%3AServer&limit=40&sort=utilization&order=desc')).json.members.map((m) => m.name);
      assert.equal(want.length, 40);
      // the reference: every member's ρ as its own state reports it, busiest first
      const rhos = new Map();
      for (const name of want) rhos.set(name, Number((await api(`api/entity_state?entity=${name}`)).json.state.utilization));
      const rhoOf = (name) => rhos.get(name);
      assert.ok(rhoOf(want[0]) > 0.5, `the busiest is busy (ρ = ${rhoOf(want[0])})`);
      for (let i = 1; i < want.length; i++) assert.ok(rhoOf(want[i - 1]) >= rhoOf(want[i]), `${want[i - 1]} before ${want[i]} by ρ`);
      const names = () => page.locator('[data-testid="member-table"] tr.member').evaluateAll((els) => els.map((e) => e.dataset.testid.slice('member-'.length)));
      await until(async () => JSON.stringify(await names()) === JSON.stringify(want), { what: 'the busiest first' });
      const rho = await page.locator('[data-testid="member-table"] tr.member td.num').evaluateAll((els) => els.filter((e) => e.dataset.testid.endsWith('-utilization')).map((e) => parseFloat(e.textContent)));
      assert.deepEqual(rho, [...rho].sort((a, b) => b - a), 'ρ descending');
      await shot(page, '16-06-group-sorted');
      const busiest = want[0];
      await page.click(`[data-testid="chart-${busiest}"]`);
      const panel = page.locator(`[data-panel="${busiest}.utilization"]`);
      await panel.waitFor();
      const chart = panel.locator('[data-testid="dash-chart"]');
      await until(async () => Number(await chart.getAttribute('data-points')) > 0, { what: 'the member\'s chart' });
      const mp = await chart.getAttribute('data-max-points');
      const series = (await api(`api/entity_series?entity=${busiest}&metric=utilization&max_points=${mp}`)).json;
      await until(async () => Number(await chart.getAttribute('data-points')) === series.times.length, { what: 'the chart drawing the recorded history' });
      // Add Chart lists every recorded entity metric
      await page.click('[data-testid="add-chart"]');
      await page.fill('[data-testid="add-chart-filter"]', 'Balancer');
      const item = page.locator('[data-testid="add-entity-metric"][data-series="Balancer.requests_received"]');
      await item.waitFor();
      await item.click();
      const added = page.locator('[data-panel="Balancer.requests_received"] [data-testid="dash-chart"]');
      await until(async () => Number(await added.getAttribute('data-points')) > 0, { what: 'the added entity metric drawn' });
      await shot(page, '16-06-charted-member-and-entity-metric');
    } finally {
      await context.close();
      await freshScenario();
    }
  });

  test('7. every input says inline what is wrong, in the user\'s units, and the messages go with the next valid action', async () => {
    await load('bursty-mm1', 5);
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      const expectError = async (id, re) => {
        const el = page.locator(`[data-testid="error-${id}"]`);
        await el.waitFor({ timeout: 5000 });
        assert.match(await el.textContent(), re);
      };
      await page.fill('[data-testid="run-to-input"]', 'abc');
      await page.click('[data-testid="btn-run-to"]');
      await expectError('run-to', /“abc” is not a time: type a number of seconds/);
      await page.fill('[data-testid="run-to-input"]', '2');
      await expectError('run-to', /^2\.00s is not after the current time \(5\.00s\)$/);
      await page.click('[data-testid="btn-run-to"]');
      await page.fill('[data-testid="run-to-event-input"]', '12a');
      await page.click('[data-testid="btn-run-to-event"]');
      await expectError('run-to-event', /“12a” is not a whole number/);
      await page.fill('[data-testid="run-to-event-input"]', '3');
      await expectError('run-to-event', /#3 is not after the events already processed/);
      // the breakpoint form
      await page.click('[data-testid="tab-breakpoints"]');
      await page.selectOption('[data-testid="bp-kind"]', 'time');
      await page.fill('[data-testid="bp-time"]', 'abc');
      await page.click('[data-testid="bp-add"]');
      await expectError('bp-value', /is not a time/);
      await page.selectOption('[data-testid="bp-kind"]', 'event_count');
      await page.fill('[data-testid="bp-count"]', 'x');
      await page.click('[data-testid="bp-add"]');
      await expectError('bp-value', /“x” is not a whole number/);
      await page.selectOption('[data-testid="bp-kind"]', 'event_type');
      await page.click('[data-testid="bp-add"]');
      await expectError('bp-value', /type an event type/);
      await page.selectOption('[data-testid="bp-kind"]', 'metric');
      await page.fill('[data-testid="bp-threshold"]', 'ten');
      await page.click('[data-testid="bp-add"]');
      await expectError('bp-value', /“ten” is not a number/);
      // the event log's fields
      await page.click('[data-testid="tab-events"]');
      await page.click('[data-testid="events-history"]');
      await page.click('[data-testid="events-filter-toggle"]');
      await page.fill('[data-testid="filter-tmin"]', '4');
      await page.fill('[data-testid="filter-tmax"]', '2');
      await expectError('event-tmax', /the end \(2\.00s\) must be after the start \(4\.00s\)/);
      await page.fill('[data-testid="filter-entity"]', 'Serv');
      await expectError('event-entity', /no entity “Serv” — did you mean Server,/);
      await page.fill('[data-testid="filter-search"]', '=42');
      await expectError('event-search', /has no field name/);
      await page.fill('[data-testid="jump-input"]', 'soon');
      await page.click('[data-testid="jump-go"]');
      await expectError('event-jump', /“soon” is not a time/);
      await page.click('[data-testid="tab-logs"]');
      await page.click('[data-testid="logs-history"]');
      await page.fill('[data-testid="log-jump-input"]', 'x');
      await page.click('[data-testid="log-jump-go"]');
      await expectError('log-jump', /“x” is not a time/);
      // the dashboard's range and a bucket window
      await page.click('[data-testid="tab-dashboard"]');
      await page.fill('[data-testid="range-start"]', '4');
      await page.fill('[data-testid="range-end"]', '2');
      await page.click('[data-testid="range-apply"]');
      await expectError('range-end', /the end \(2\.00s\) must be after the start \(4\.00s\)/);
      await page.click('[data-testid="add-chart"]');
      await page.locator('[data-testid="add-chart-menu"] [data-testid="add-probe"][data-series="Server.depth"]').click();
      const probePanel = page.locator('[data-panel="Server.depth"]');
      await probePanel.locator('[data-testid="panel-transform"]').selectOption('p99');
      await probePanel.locator('[data-testid="panel-window"]').fill('0');
      await probePanel.locator('[data-testid="panel-window"]').press('Enter');
      await until(async () => /must be more than 0 seconds/.test(await probePanel.textContent()), { what: 'the window message' });
      assert.ok(await errorCount(page) >= 5, 'the messages stay while nothing valid happens');
      await page.click('[data-testid="tab-events"]');
      await shot(page, '16-07-inline-errors');
      // a valid action: every stale message goes
      await page.click('[data-testid="btn-step"]');
      await until(async () => (await errorCount(page)) === 0, { what: 'no message left after a valid action' });
      // the same rules in hours: a run shown in hours says hours
      await load('bursty-mm1-long', 7200);
      await page.reload();
      await ready(page);
      await page.click('[data-testid="tab-dashboard"]');
      await page.fill('[data-testid="range-start"]', '2');
      await page.fill('[data-testid="range-end"]', '90min');
      await page.click('[data-testid="range-apply"]');
      await expectError('range-end', /the end \(1\.50h\) must be after the start \(2\.00h\)/);
      await page.fill('[data-testid="run-to-input"]', '1');
      await page.click('[data-testid="btn-run-to"]');
      await expectError('run-to', /^1\.00h is not after the current time \(2\.00h\)$/);
      await shot(page, '16-07-inline-errors-hours');
    } finally {
      await context.close();
      await freshScenario();
    }
  });

  test('8. a breakpoint added in one tab appears in another; a change of model keeps what fits and lists the rest', async () => {
    await freshScenario();
    const a = await openApp(browser);
    const b = await openApp(browser);
    try {
      await ready(a.page);
      await ready(b.page);
      await b.page.click('[data-testid="tab-breakpoints"]');
      await a.page.click('[data-testid="tab-breakpoints"]');
      await a.page.selectOption('[data-testid="bp-kind"]', 'time');
      await a.page.fill('[data-testid="bp-time"]', '30');
      await a.page.click('[data-testid="bp-add"]');
      await b.page.locator('[data-testid="bp-row"]', { hasText: 'time ≥ 30s' }).waitFor({ timeout: 5000 });
      await a.page.selectOption('[data-testid="bp-kind"]', 'metric');
      await a.page.selectOption('[data-testid="bp-entity"]', 'Sink');
      await a.page.fill('[data-testid="bp-threshold"]', '100');
      await a.page.click('[data-testid="bp-add"]');
      await until(async () => (await b.page.locator('[data-testid="bp-row"]').count()) === 2, { what: 'the second breakpoint in the other tab' });
      await shot(b.page, '16-08-breakpoint-in-the-other-tab');
      // removed in B: gone in A
      await b.page.locator('[data-testid="bp-row"]', { hasText: 'time ≥ 30s' }).locator('[data-testid="bp-remove"]').click();
      await until(async () => (await a.page.locator('[data-testid="bp-row"]').count()) === 1, { what: 'the removal in the first tab' });
      await a.page.selectOption('[data-testid="bp-kind"]', 'time');
      await a.page.fill('[data-testid="bp-time"]', '30');
      await a.page.click('[data-testid="bp-add"]');
      await until(async () => (await b.page.locator('[data-testid="bp-row"]').count()) === 2, { what: 'two again' });
      // another model: the time breakpoint fits, the Sink's metric does not (retrying-client has no Sink)
      const r = await api('api/scenarios/retrying-client', { method: 'POST' });
      assert.ok(r.status < 300);
      for (const p of [a.page, b.page]) {
        await p.waitForSelector('[data-testid="dropped-breakpoints"]', { timeout: 10000 });
        await until(async () => (await p.locator('[data-testid="scenario"]').inputValue()) === 'retrying-client', { what: 'the new model shown' });
        await p.click('[data-testid="tab-breakpoints"]');   // the new model has a layout of its own
        await p.locator('[data-testid="bp-dropped-row"]', { hasText: 'Sink' }).waitFor({ timeout: 10000 });
        assert.match(await p.locator('[data-testid="bp-dropped-row"]').first().textContent(), /this model has no entity 'Sink'/);
        await until(async () => (await p.locator('[data-testid="bp-row"]').allTextContents()).join('|').includes('time ≥ 30s'), { what: 'the kept breakpoint' });
      }
      assert.deepEqual(((await api('api/breakpoints')).json).map((x) => x.kind), ['time']);
      await shot(b.page, '16-08-breakpoints-dropped-with-the-model');
    } finally {
      await a.context.close();
      await b.context.close();
      await freshScenario();
    }
  });

  test('8b. keyboard shortcuts, listed under "?"', async () => {
    await freshScenario();
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.locator('body').click({ position: { x: 5, y: 500 } });
      await page.keyboard.press('Shift+?');
      await page.waitForSelector('[data-testid="shortcuts"]');
      for (const a of ['playPause', 'step', 'step10', 'debug', 'search', 'now']) await page.waitForSelector(`[data-testid="shortcut-${a}"]`);
      await shot(page, '16-08-shortcuts');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('[data-testid="shortcuts"]').count(), 0);
      await page.keyboard.press('s');
      await until(async () => (await number(page, 'events-processed')) === 1, { what: 'S steps one event' });
      await page.keyboard.press('Shift+S');
      await until(async () => (await number(page, 'events-processed')) === 11, { what: 'Shift+S steps ten' });
      await page.keyboard.press(' ');
      await page.waitForSelector('[data-testid="btn-pause"]');
      await page.keyboard.press(' ');
      await page.waitForSelector('[data-testid="btn-play"]');
      await page.keyboard.press('d');
      await until(async () => /^Debugging/.test(await text(page, 'pause-reason')), { what: 'D debugs' });
      await page.keyboard.press(' ');
      await page.waitForSelector('[data-testid="btn-debug"]');
      // settled: the page shows the count the server stopped at
      let events;
      await until(async () => {
        events = (await api('api/state')).json.events_processed;
        return /^Paused by request/.test(await text(page, 'pause-reason')) && (await number(page, 'events-processed')) === events;
      }, { what: 'the debug run paused' });
      await page.keyboard.press('/');
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'filter-search', '/ puts the cursor in the search');
      await page.keyboard.type('sss');
      assert.equal(await page.inputValue('[data-testid="filter-search"]'), 'sss', 'typing is typing, not stepping');
      assert.equal(await number(page, 'events-processed'), events);
      await page.keyboard.press('Escape');
      await page.fill('[data-testid="filter-search"]', '');
      await page.click('[data-testid="events-history"]');
      await page.locator('body').click({ position: { x: 5, y: 500 } });
      await page.keyboard.press('n');
      await until(async () => (await page.locator('[data-testid="events-live"]').getAttribute('class')) === 'on', { what: 'N follows the newest events' });
    } finally {
      await context.close();
    }
  });

  test('9. exports carry their context: a titled PNG, a CSV saying series, transform, window, range and partial buckets', async () => {
    await load('bursty-mm1', 20);
    const { page, context } = await openApp(browser);
    try {
      await ready(page);
      await page.click('[data-testid="tab-dashboard"]');
      const panel = page.locator('[data-panel="P99 Queue Depth"]');
      const chart = panel.locator('[data-testid="dash-chart"]');
      await until(async () => Number(await chart.getAttribute('data-points')) > 0, { what: 'the p99 chart' });
      await page.fill('[data-testid="range-start"]', '2.5');
      await page.fill('[data-testid="range-end"]', '12.5');
      await page.click('[data-testid="range-apply"]');
      const chartId = (await api('api/charts')).json.find((c) => c.title === 'P99 Queue Depth').chart_id;
      let want;
      await until(async () => {
        const mp = await chart.getAttribute('data-max-points');
        want = (await api(`api/chart_data?chart_id=${chartId}&start_s=2.5&end_s=12.5&max_points=${mp}`)).json;
        return Number(await chart.getAttribute('data-points')) === want.times.length;
      }, { what: 'the chart in the range' });
      await panel.locator('[data-testid="export-csv"]').click();
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid="export-csv-shown"]').click()]);
      const lines = (await readFile(await csvDownload.path(), 'utf8')).trim().split('\n');
      const head = lines.filter((l) => l.startsWith('#'));
      assert.equal(head[0], '# P99 Queue Depth');
      assert.ok(head.includes('# transform: p99 over 1s buckets (a point per bucket, at its start)'), head.join('\n'));
      assert.ok(head.includes('# window: 1s'));
      assert.ok(head.includes('# range: 2.5s – 12.5s'));
      assert.ok(head.some((l) => /^# series: chart /.test(l)));
      const rows = lines.filter((l) => !l.startsWith('#'));
      assert.equal(rows[0], 'Time (s),items (p99),partial');
      const data = rows.slice(1).map((r) => r.split(','));
      assert.deepEqual(data.map((r) => Number(r[0])), want.times);
      assert.deepEqual(data.map((r) => Number(r[1])), want.values);
      assert.equal(data[0][0], '2');
      assert.deepEqual(data.map((r) => r[2]), data.map((_, i) => (i === 0 || i === data.length - 1 ? 'partial' : '')), 'the two edge buckets are partial');
      const [pngDownload] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-testid="export-png"]').click()]);
      const png = await readFile(await pngDownload.path());
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      await writeFile(join(ARTIFACTS, '16-09-exported-chart.png'), png);
      // the title is drawn: light text in the band above the chart, where the chart alone has none
      const titleInk = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = `data:image/png;base64,${src}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const band = g.getImageData(0, 0, img.width, Math.round(img.height * 0.08)).data;
        let light = 0;
        for (let i = 0; i < band.length; i += 4) if (band[i] > 200 && band[i + 1] > 200 && band[i + 2] > 200) light++;
        return light;
      }, png.toString('base64'));
      assert.ok(titleInk > 100, `the title band holds light text (${titleInk} px)`);
      const canvasHeight = await chart.locator('canvas').first().evaluate((c) => c.height);
      const height = png.readUInt32BE(20);
      assert.ok(height > canvasHeight + 40, `the PNG has room for its title and caption (${height} px against the chart's ${canvasHeight})`);
      await shot(page, '16-09-dashboard-exported');
    } finally {
      await context.close();
    }
  });
});
