// Opens the kgql playground in Debian's chromium with every request to
// another origin blocked: it must open with one tab per README example,
// titled by the example's operation name, in order; the first (who chairs
// PTA?) runs with the execute button and its answer shows; its link leads
// to the explorer (/explore), whose link leads back; the headers editor
// (for Authorization) is offered.
// Usage: node playground.mjs URL SCREENSHOT.png TAB_TITLES_JSON. Exit status 0 on success.
import { chromium } from 'playwright-core';

const [url, screenshot, titlesJSON] = process.argv.slice(2);
if (!titlesJSON) {
  console.error('usage: node playground.mjs URL SCREENSHOT.png TAB_TITLES_JSON');
  process.exit(2);
}
const titles = JSON.parse(titlesJSON);
const origin = new URL(url).origin;
const WAIT = { timeout: 20000 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext();
  const elsewhere = [];
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).origin !== origin) {
      elsewhere.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  const failed = [];
  page.on('requestfailed', (req) => failed.push(req.url()));
  page.on('pageerror', (err) => failed.push('page error: ' + err.message));
  // A console error or warning fails the test (the explorer's too, once linked to).
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') failed.push(`console ${msg.type()}: ${msg.text()}`); });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.graphiql-tab').first().waitFor(WAIT);
  const shown = await page.locator('.graphiql-tab .graphiql-tab-button').allTextContents();
  if (JSON.stringify(shown.map((s) => s.trim())) !== JSON.stringify(titles)) {
    throw new Error(`the tabs are ${JSON.stringify(shown)}, want the README's examples ${JSON.stringify(titles)}`);
  }
  await page.locator('.graphiql-execute-button').click(WAIT);
  await page.locator('.graphiql-response').getByText('Hafeez Ur Rehman').first().waitFor(WAIT);
  // The headers editor is there, for Authorization: Bearer <key>.
  await page.locator('.graphiql-editor-tools').getByText('Headers').first().waitFor(WAIT);
  await page.screenshot({ path: screenshot });

  await page.locator('#explore-link').click();
  await page.waitForURL(origin + '/explore', WAIT);
  await page.locator('#legend li').first().waitFor(WAIT);
  await page.locator('header nav a[href="/"]').click();
  await page.waitForURL(origin + '/', WAIT);
  await page.locator('.graphiql-tab').first().waitFor(WAIT);

  if (elsewhere.length) throw new Error('requests to other origins: ' + elsewhere.join(', '));
  if (failed.length) throw new Error('failed requests, page errors or console errors and warnings: ' + failed.join(', '));
  console.log(`playground ok: ${shown.length} tabs from the README, the first answered "Hafeez Ur Rehman"; to the explorer and back`);
} catch (err) {
  console.error('playground check failed:', err.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
