// Browser tests of the distributed-systems scenarios (issues 10 and 11): each is opened in the page,
// played to its end, its charts drawn as the API answers them, and the story they tell checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, assertChartsComplete, launch, number, openApp, playToEnd, ready, requires, shot, SCENARIO, text, until } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  await api(`api/scenarios/${SCENARIO}`, { method: 'POST' });
});

/** Loads a scenario on the server and opens the page on it. */
async function open(id) {
  const r = await api(`api/scenarios/${id}`, { method: 'POST' });
  assert.ok(r.status < 300, `loading ${id}: ${r.status} ${r.text}`);
  const opened = await openApp(browser);
  await ready(opened.page);
  return opened;
}

/** The data of the chart with this title, as the dashboard draws it. */
async function chart(title) {
  const charts = (await api('api/charts')).json;
  const found = charts.find((c) => c.title === title);
  assert.ok(found, `a chart titled '${title}' among ${charts.map((c) => c.title).join(' | ')}`);
  const data = (await api(`api/chart_data?chart_id=${encodeURIComponent(found.chart_id)}&max_points=5000`)).json;
  return data.times.map((t, i) => [t, data.values[i]]);
}

/** The mean of a chart's values in [from, to). */
function meanIn(points, from, to) {
  const inside = points.filter(([t, v]) => t >= from && t < to && v !== null);
  assert.ok(inside.length > 0, `points in [${from}, ${to})`);
  return inside.reduce((sum, [, v]) => sum + v, 0) / inside.length;
}

function maxIn(points, from, to) {
  return Math.max(...points.filter(([t]) => t >= from && t < to).map(([, v]) => v));
}

/** Plays the scenario to its end on the dashboard and checks every chart shows the whole run. */
async function playStory(page, name) {
  await page.click('[data-testid="tab-dashboard"]');
  await playToEnd(page);
  await assertChartsComplete(page, 5000);
  await shot(page, `20-${name}`);
}

describe('the distributed-systems scenarios tell their story', () => {
  test('retrying-client: about e^(−0.7) of attempts time out', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('retrying-client');
    try {
      await playStory(page, 'retrying-client');
      const share = meanIn(await chart('Share of attempts timing out (e^(−t/mean) = 0.50)'), 3, 30);
      assert.ok(share > 0.35 && share < 0.65, `about half the attempts time out (${share})`);
      const attempts = meanIn(await chart('Attempts per second'), 3, 30);
      assert.ok(attempts > 5 * 1.4, `more attempts than requests (${attempts}/s for 5 requests/s)`);
    } finally {
      await context.close();
    }
  });

  test('metastable-retry-storm: stable before the spike, stuck after it at the same load, recovered below μ/3', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('metastable-retry-storm');
    try {
      await playStory(page, 'metastable-retry-storm');
      const depth = await chart('Server queue depth');
      assert.ok(meanIn(depth, 10, 58) < 5, 'a short queue before the spike');
      const p99 = await chart('p99 time to serve a request (timeout 2.0 s)');
      assert.ok(meanIn(p99, 80, 118) > 2, 'after the spike ends, the latency stays above the timeout');
      const successes = await chart('Successful requests per second');
      assert.ok(meanIn(successes, 80, 118) < 1, 'and almost nothing succeeds at the pre-spike load');
      assert.ok(meanIn(depth, 190, 200) < 5, 'after the step down the queue has drained');
    } finally {
      await context.close();
    }
  });

  test('gc-collapse: the same pause, a queue that never recovers with retries and one that drains without', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('gc-collapse');
    try {
      await playStory(page, 'gc-collapse');
      assert.ok(maxIn(await chart('Queue depth — with retries'), 55, 70) > 300, 'with retries: a growing queue');
      assert.ok(meanIn(await chart('Queue depth — without retries'), 40, 60) < 1, 'without retries: empty again');
    } finally {
      await context.close();
    }
  });

  test('circuit-breaker: the state chart goes closed → open → half-open → closed', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('circuit-breaker');
    try {
      await playStory(page, 'circuit-breaker');
      const state = await chart('Breaker state (0 closed, 1 half-open, 2 open)');
      const order = [];
      for (const [, v] of state) if (order[order.length - 1] !== v) order.push(v);
      const opened = order.indexOf(2);
      const halfOpen = order.indexOf(1, opened);
      assert.ok(order[0] === 0 && opened > 0 && halfOpen > opened && order.lastIndexOf(0) > halfOpen,
        `closed → open → half-open → closed: ${order.join(' ')}`);
      assert.equal(state[state.length - 1][1], 0, 'closed at the end');
      assert.ok(meanIn(await chart('Rejected by the breaker per second'), 22, 38) > 5, 'rejecting while open');
    } finally {
      await context.close();
    }
  });

  test('hedged-requests: a much lower p99 with hedging', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('hedged-requests');
    try {
      await playStory(page, 'hedged-requests');
      const plain = meanIn(await chart('p99 latency — without hedging'), 5, 60);
      const hedged = meanIn(await chart('p99 latency — with hedging'), 5, 60);
      assert.ok(hedged < plain / 2, `p99 ${hedged} s with hedging, ${plain} s without`);
      const hedges = meanIn(await chart('Hedges sent per second'), 5, 60);
      assert.ok(hedges > 2 && hedges < 10, `about 10% of 50 requests/s hedged (${hedges})`);
    } finally {
      await context.close();
    }
  });

  test('degraded-network: the graph marks the faulted link while a fault lasts, and the charts step at the phase boundaries', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts', 'api/run_to'))) return;
    const { page, context } = await open('degraded-network');
    try {
      await page.click('[data-testid="tab-graph"]');
      await page.waitForSelector('[data-testid="node-Client-Server"]', { timeout: 15000 });
      assert.equal(await page.locator('[data-testid="fault-Client-Server"]').count(), 0, 'no mark before the first fault');
      await page.fill('[data-testid="run-to-input"]', '30');
      await page.click('[data-testid="btn-run-to"]');
      await until(async () => (await number(page, 'sim-time')) >= 30, { what: 't ≥ 30 s' });
      const state = (await api('api/state')).json;
      assert.deepEqual(state.active_faults.map((f) => f.targets), [['Client-Server']], 'the latency fault is listed in the state');
      await page.waitForSelector('[data-testid="fault-Client-Server"]', { timeout: 10000 });
      assert.match(await text(page, 'fault-Client-Server'), /latency/);
      assert.match(await text(page, 'active-faults'), /latency on Client-Server/);
      await shot(page, '21-degraded-network-fault-marked');
      await page.fill('[data-testid="run-to-input"]', '85');
      await page.click('[data-testid="btn-run-to"]');
      await until(async () => (await number(page, 'sim-time')) >= 85, { what: 't ≥ 85 s' });
      await until(async () => (await page.locator('[data-testid="fault-Client-Server"]').count()) === 0, { what: 'the mark gone in the recovery phase' });
      await playStory(page, 'degraded-network');
      const rtt = await chart('Round-trip time (mean per second)');
      const ms = (from, to) => meanIn(rtt, from, to) * 1000;
      assert.ok(ms(3, 19) < 10, `phase 1: RTT ≈ 6.2 ms (${ms(3, 19)})`);
      assert.ok(ms(22, 39) > 95 && ms(22, 39) < 120, `phase 2: RTT ≈ 106.2 ms (${ms(22, 39)})`);
      assert.ok(ms(62, 79) > 190 && ms(62, 79) < 225, `phase 4: RTT ≈ 206.2 ms (${ms(62, 79)})`);
      assert.ok(ms(82, 99) < 10, `phase 5: RTT back ≈ 6.2 ms (${ms(82, 99)})`);
      const goodput = await chart('Goodput (successful requests per second)');
      assert.ok(meanIn(goodput, 3, 19) > 48, 'all 50/s get through before the loss');
      const lossy = meanIn(goodput, 42, 59);
      assert.ok(lossy > 30 && lossy < 42, `with 15% loss per hop, about 36/s get through (${lossy})`);
    } finally {
      await context.close();
    }
  });

  test('partition: nothing gets through while partitioned, everything after the heal', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('partition');
    try {
      await playStory(page, 'partition');
      const successes = await chart('Successful requests per second');
      assert.equal(meanIn(successes, 22, 39), 0, 'no success while partitioned');
      assert.ok(meanIn(successes, 45, 59) > 45, 'back to 50/s after the heal');
      assert.ok(meanIn(await chart('Timed-out attempts per second'), 22, 39) > 100, 'timeouts while partitioned');
    } finally {
      await context.close();
    }
  });

  test('rate-limited-api: during the burst the admitted rate is the refill rate', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('rate-limited-api');
    try {
      await playStory(page, 'rate-limited-api');
      const admitted = meanIn(await chart('Admitted requests per second'), 22, 39);
      assert.ok(admitted > 45 && admitted < 55, `admitted ≈ 50/s (${admitted})`);
      assert.ok(meanIn(await chart('Rejected requests per second'), 22, 39) > 100, 'the rest rejected');
      assert.equal(meanIn(await chart('Rejected requests per second'), 3, 19), 0, 'nothing rejected before the burst');
    } finally {
      await context.close();
    }
  });

  test('codel-under-overload: FIFO\'s queue grows without bound, CoDel\'s stays short', async (t) => {
    if (!(await requires(t, 'api/scenarios', 'api/charts'))) return;
    const { page, context } = await open('codel-under-overload');
    try {
      await playStory(page, 'codel-under-overload');
      assert.ok(maxIn(await chart('FIFO: requests waiting'), 50, 61) > 500, 'FIFO: hundreds waiting by the end');
      assert.ok(maxIn(await chart('CoDel: requests waiting'), 0, 61) < 100, 'CoDel: a short queue throughout');
    } finally {
      await context.close();
    }
  });
});
