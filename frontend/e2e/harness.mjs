// Shared set-up for the browser tests: Debian's Chromium through playwright-core (no browser download),
// the app under test at BASE_URL, screenshots under target/e2e-artifacts/.
import { chromium } from 'playwright-core';
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const BASE_URL = (process.env.BASE_URL || 'http://localhost:9380/').replace(/\/?$/, '/');
export const ARTIFACTS = resolve(process.env.E2E_ARTIFACTS || join(here, '..', '..', 'target', 'e2e-artifacts'));
export const SCENARIO = process.env.E2E_SCENARIO || 'bursty-mm1';
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export async function launch() {
  if (!CHROMIUM) throw new Error('no Chromium: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return browser;
}

/**
 * A fresh page (fresh localStorage) at the app, with console errors collected. By default as a user who has read the
 * models' description cards already (they would cover what the tests click); `cards: true` opens it as a first-time user.
 */
export async function openApp(browser, { width = 1600, height = 1000, clearStorage = true, cards = false, path = '' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(BASE_URL + path);
  if (clearStorage) {
    const ids = cards ? [] : ((await api('api/scenarios')).json ?? []).map((s) => s.id);
    await page.evaluate((read) => {
      localStorage.clear();
      for (const id of read) localStorage.setItem(`happysim.card.dismissed.v1.${id}`, '1');
    }, ids);
    await page.reload();
  }
  page.errors = errors;
  return { context, page };
}

export async function shot(page, name) {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** GET/POST the API directly (for set-up and for comparing what the UI shows with what the server says). */
export async function api(path, { method = 'GET', body } = {}) {
  const res = await fetch(new URL(path, BASE_URL), {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, json, text };
}

const available = new Map();
/** Whether the server has an endpoint yet (the API lands piece by piece). */
export async function has(path) {
  if (!available.has(path)) {
    const r = await api(path);
    // 405: the resource exists but takes another method (e.g. POST api/reset)
    available.set(path, r.status !== 404 && r.status < 500);
  }
  return available.get(path);
}

/** Skips the test (saying which endpoints it waits for) unless all are served. */
export async function requires(t, ...paths) {
  const missing = [];
  for (const p of paths) if (!(await has(p))) missing.push(p);
  if (missing.length) {
    t.skip(`waiting for ${missing.join(', ')}`);
    return false;
  }
  return true;
}

/** Puts the server on the test scenario at t = 0 (when scenario choice exists), else just resets it. */
export async function freshScenario() {
  if (await has('api/scenarios')) {
    const list = await api('api/scenarios');
    if (Array.isArray(list.json) && list.json.some((s) => s.id === SCENARIO)) {
      const r = await api(`api/scenarios/${SCENARIO}`, { method: 'POST' });
      if (r.status >= 300) throw new Error(`loading ${SCENARIO}: ${r.status} ${r.text}`);
    }
  }
  await api('api/breakpoints').then(async (r) => {
    if (r.status === 200 && Array.isArray(r.json)) for (const b of r.json) await api(`api/breakpoints/${b.id}`, { method: 'DELETE' });
  });
  const r = await api('api/reset', { method: 'POST' });
  if (r.status >= 300) throw new Error(`reset: ${r.status} ${r.text}`);
}

/** Waits until the page is connected and shows state. */
export async function ready(page) {
  await page.waitForSelector('[data-testid="connection"][data-state="open"]', { timeout: 20000 });
}

export async function text(page, testId) {
  return (await page.locator(`[data-testid="${testId}"]`).first().textContent())?.trim() ?? '';
}

export async function number(page, testId) {
  return Number((await text(page, testId)).replace(/[^0-9.-]/g, ''));
}

/** Polls `fn` until it returns a truthy value. */
export async function until(fn, { timeout = 20000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Plays at Max until the run completes (through the UI). */
export async function playToEnd(page, timeout = 120000) {
  await page.selectOption('[data-testid="speed"]', '0');
  await page.click('[data-testid="btn-play"]');
  await until(async () => /^Complete/.test(await text(page, 'pause-reason')), { timeout, what: 'the run to complete' });
}

/** Every dashboard chart shows what the API answers now for the whole run (same max_points), within `timeout` ms. */
export async function assertChartsComplete(page, timeout) {
  const charts = (await api('api/charts')).json;
  let last;
  await until(async () => {
    const drawn = await page.locator('[data-testid="dash-panel"]').evaluateAll((els) => els.map((e) => {
      const c = e.querySelector('[data-testid="dash-chart"]');
      return { title: e.dataset.panel, points: Number(c.dataset.points), lastT: c.dataset.lastT, mp: Number(c.dataset.maxPoints) };
    }));
    const checks = await Promise.all(drawn.map(async (d) => {
      const chart = charts.find((c) => c.title === d.title);
      if (!chart) return true;
      const a = (await api(`api/chart_data?chart_id=${encodeURIComponent(chart.chart_id)}&max_points=${d.mp}`)).json;
      return a.times.length > 0 && a.times.length === d.points && String(a.times[a.times.length - 1]) === d.lastT;
    }));
    last = drawn;
    return drawn.length >= charts.length && checks.every(Boolean);
  }, { timeout, what: `every chart drawn to the end of the run (${JSON.stringify(last)})` });
}

/** Adds "entity.metric op threshold" in the Breakpoints panel (opening it) and waits for its row. */
export async function addMetricBreakpoint(page, { entity, metric, op, threshold }) {
  await page.click('[data-testid="tab-breakpoints"]');
  await page.selectOption('[data-testid="bp-kind"]', 'metric');
  await page.selectOption('[data-testid="bp-entity"]', entity);
  await page.selectOption('[data-testid="bp-metric"]', metric);
  await page.selectOption('[data-testid="bp-op"]', op);
  await page.fill('[data-testid="bp-threshold"]', String(threshold));
  await page.click('[data-testid="bp-add"]');
  await page.waitForSelector('[data-testid="bp-row"]');
}
