// Opens the kgql playground in Debian's chromium, runs its default query
// (who chairs PTA?) with the execute button, and checks the answer shows.
// Usage: node playground.mjs URL [SCREENSHOT.png]. Exit status 0 on success.
import { chromium } from 'playwright-core';

const [url, screenshot] = process.argv.slice(2);
if (!url) {
  console.error('usage: node playground.mjs URL [SCREENSHOT.png]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const failed = [];
  page.on('requestfailed', (req) => failed.push(req.url()));
  page.on('pageerror', (err) => failed.push('page error: ' + err.message));
  await page.goto(url, { waitUntil: 'load' });
  await page.locator('.graphiql-execute-button').click({ timeout: 20000 });
  await page.locator('.graphiql-response').getByText('Hafeez Ur Rehman').first().waitFor({ timeout: 20000 });
  if (screenshot) await page.screenshot({ path: screenshot });
  if (failed.length) throw new Error('requests failed: ' + failed.join(', '));
  console.log('playground ok: the default query answered "Hafeez Ur Rehman"');
} catch (err) {
  console.error('playground check failed:', err.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
