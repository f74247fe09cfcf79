// Run by PlainLibertyIT (not by `npm run e2e`: it needs a server without the history store):
// the page shows why the debugger cannot run and the server.xml to add, exactly as /api/health says it.
import assert from 'node:assert/strict';
import { api, launch, openApp, shot } from './harness.mjs';

const health = await api('api/health');
assert.equal(health.status, 503);
const browser = await launch();
try {
  const { page } = await openApp(browser, { width: 1400, height: 1000, clearStorage: false });
  await page.getByTestId('not-configured').waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId('not-configured-reason').textContent(), health.json.error);
  assert.equal(await page.getByTestId('server-xml').textContent(), health.json.server_xml);
  assert.equal(await page.getByTestId('tab-graph').count(), 0, 'no debugger behind it');
  console.log(`screenshot ${await shot(page, 'not-configured')}`);
} finally {
  await browser.close();
}
