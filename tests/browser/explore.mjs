// Drives the explorer page (/explore) in Debian's chromium as a person
// would, with every request to another origin blocked: it finds
// "Rehman", draws him and expands him by clicking his node (PTA must
// appear, and every badge must count what kgql says is not drawn), draws the shortest path from Huawei to Hafeez Ur Rehman, clicks
// a relation and reads its evidence (the highlighted text must be the
// excerpt), narrows the valid time (the drawing must show what kgql
// admits), and exports the drawing in every format. It saves a screenshot
// of each step and the exported files in OUTDIR, and prints what it drew
// as JSON on its last line for the Go test to check the files against.
// explorer.png, the last screenshot, is the README's (make explore-screenshot).
// Usage: node explore.mjs BASE_URL OUTDIR. Exit status 0 on success.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node explore.mjs BASE_URL OUTDIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const origin = new URL(base).origin;
const WAIT = { timeout: 20000 };
const RELATION = 'person/hafeez-ur-rehman>HOLDS_POSITION>org/pta';
const FORMATS = ['cytoscape', 'graphology', 'graphml', 'gexf', 'csv'];

// gql asks the API directly (from Node, not the page): what the page must show.
async function gql(query, variables) {
  const res = await fetch(origin + '/graphql', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
const elsewhere = [];
let step = 0;
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 860 } });
  // Every request the page makes to another origin is recorded and aborted.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) {
      elsewhere.push(url);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  // A warning fails the test like an error: it is a defect someone will meet.
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('requestfailed', (req) => problems.push('request failed: ' + req.url()));

  const shot = async (name) => page.screenshot({ path: join(outDir, `${String(++step).padStart(2, '0')}-${name}.png`) });
  const lastShot = async () => page.screenshot({ path: join(outDir, 'explorer.png') });
  const idle = () => page.waitForFunction(() => document.body.dataset.busy === '0', null, WAIT);
  const drawn = (id) => page.waitForFunction((id) => window.kgqlExplorer.cy.getElementById(id).nonempty(), id, WAIT);
  const nodeIds = () => page.evaluate(() => window.kgqlExplorer.cy.nodes().map((n) => n.id()));
  const statusError = async () => {
    const cls = await page.locator('#status').getAttribute('class');
    if (cls && cls.includes('error')) throw new Error('the page says: ' + await page.locator('#status').textContent());
  };
  // hiddenAsKgql checks each drawn entity's badge against what kgql says
  // it hides: its relations under the filter whose other end is not drawn.
  const hiddenAsKgql = async (filter) => {
    const ids = await nodeIds();
    const shown = await page.evaluate(() => Object.fromEntries(window.kgqlExplorer.cy.nodes().map((n) => [n.id(),
      Number(document.querySelector(`.badge[data-id="${CSS.escape(n.id())}"]`)?.textContent.slice(1) || 0)])));
    const x = await gql(`query($ids: [ID!]!, $filter: Filter) { nodes(ids: $ids) { ... on Entity { id
      relations(filter: $filter, first: 100) { totalCount edges { node { id } } } } } }`, { ids, filter });
    for (const e of x.nodes) {
      check(e.relations.totalCount <= 100, `${e.id} has more relations than one page`);
      const hidden = e.relations.edges.filter((r) => !ids.includes(r.node.id)).length;
      check(shown[e.id] === hidden, `${e.id} shows ${shown[e.id]} not drawn; kgql has ${hidden} relations of it to entities not drawn (filter ${JSON.stringify(filter)})`);
    }
  };
  // click puts the mouse on an element of the canvas where it is drawn.
  const click = async (id, edge) => {
    const box = await page.locator('#canvas').boundingBox();
    const at = await page.evaluate(([id, edge]) => {
      const el = window.kgqlExplorer.cy.getElementById(id);
      return edge ? el.renderedMidpoint() : el.renderedPosition();
    }, [id, edge]);
    await page.mouse.click(box.x + at.x, box.y + at.y);
  };

  // The page loads, with its vocabulary read from the schema.
  await page.goto(base + '/explore', { waitUntil: 'load' });
  await page.locator('#legend li').first().waitFor(WAIT);
  await idle();
  await shot('loaded');

  // Find "Rehman" and draw him.
  await page.locator('#search-text').fill('Rehman');
  await page.locator('#search-text').press('Enter');
  const hit = page.locator('#search-results button[data-id="person/hafeez-ur-rehman"]');
  await hit.waitFor(WAIT);
  await shot('search');
  await hit.click();
  await drawn('person/hafeez-ur-rehman');
  await idle();
  await statusError();

  // Expand him by clicking his node: PTA appears, near him, and he stays
  // where he was.
  const positions = () => page.evaluate(() => Object.fromEntries(window.kgqlExplorer.cy.nodes().map((n) => [n.id(), n.position()])));
  const before = await positions();
  await click('person/hafeez-ur-rehman', false);
  await drawn('org/pta');
  await idle();
  await statusError();
  const afterExpand = await nodeIds();
  const after = await positions();
  const him = before['person/hafeez-ur-rehman'];
  check(JSON.stringify(after['person/hafeez-ur-rehman']) === JSON.stringify(him), 'expanding Rehman moved him');
  for (const id of afterExpand) {
    const d = Math.hypot(after[id].x - him.x, after[id].y - him.y);
    check(id in before || d < 400, `${id} appeared ${Math.round(d)} from Rehman, not beside him`);
  }
  const expected = await gql(`{ expand(ids: ["person/hafeez-ur-rehman"], known: ["person/hafeez-ur-rehman"], limit: 50) { nodes { entity { id } } } }`);
  for (const n of expected.expand.nodes) check(afterExpand.includes(n.entity.id), `after expanding Rehman, ${n.entity.id} is not drawn`);
  await hiddenAsKgql(null);
  await shot('expanded');

  // The shortest path from Huawei to Hafeez Ur Rehman, drawn without
  // moving what was drawn.
  const beforePath = await positions();
  await page.locator('#path-from').fill('Huawei');
  await page.locator('#path-to').fill('Hafeez Ur Rehman');
  await page.locator('#path button[type=submit]').click();
  const want = await gql(`{ shortestPath(from: "Huawei", to: "Hafeez Ur Rehman", maxHops: 6) { path { nodes { id } } } }`);
  const pathIds = want.shortestPath.path.nodes.map((n) => n.id);
  await page.waitForFunction((ids) => ids.every((id) => window.kgqlExplorer.cy.getElementById(id).hasClass('path')), pathIds, WAIT);
  await idle();
  await statusError();
  await hiddenAsKgql(null);
  const afterPath = await positions();
  for (const [id, p] of Object.entries(beforePath)) {
    check(JSON.stringify(afterPath[id]) === JSON.stringify(p), `drawing the path moved ${id}`);
  }
  await shot('path');

  // Click a relation: its evidence, the excerpt highlighted in its paragraph.
  await click(RELATION, true);
  await page.locator(`#details[data-relation="${RELATION}"] .evidence mark`).first().waitFor(WAIT);
  const marked = (await page.locator('#details .evidence mark').first().textContent()).split(/\s+/).join(' ').trim();
  const rel = await gql(`query($id: ID!) { node(id: $id) { ... on Relation { evidence { excerpt document { title } } } } }`, { id: RELATION });
  check(marked === rel.node.evidence[0].excerpt, `the highlighted text is ${JSON.stringify(marked)}, not the excerpt ${JSON.stringify(rel.node.evidence[0].excerpt)}`);
  const title = await page.locator('#details .evidence .document').first().textContent();
  check(title === rel.node.evidence[0].document.title, `the evidence's document is ${JSON.stringify(title)}, not ${JSON.stringify(rel.node.evidence[0].document.title)}`);
  await shot('evidence');

  // Export the drawing in every format.
  const ids = await page.evaluate(() => window.kgqlExplorer.drawing.visibleIds());
  const entities = await nodeIds();
  const relations = ids.filter((id) => !entities.includes(id));
  const files = {};
  for (const format of FORMATS) {
    await page.locator('#export-format').selectOption(format);
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.locator('#export button[type=submit]').click()]);
    const path = join(outDir, download.suggestedFilename());
    await download.saveAs(path);
    files[format] = path;
    await idle();
    await statusError();
  }
  const cyjs = JSON.parse(readFileSync(files.cytoscape, 'utf8'));
  check(sameSet(cyjs.elements.nodes.map((n) => n.data.id), entities), 'the Cytoscape export does not hold the drawn entities');
  check(sameSet(cyjs.elements.edges.map((e) => e.data.id), relations), 'the Cytoscape export does not hold the drawn relations');

  // Narrow the valid time to September 2025: the drawing shows what kgql
  // admits between its entities then, and no more.
  await page.locator('#at-on').check();
  await page.locator('#at').fill(String(2025 * 12 + 8));
  await page.waitForFunction(() => document.querySelector('#at-value').textContent === '2025-09', null, WAIT);
  const admitted = await gql(`query($ids: [ID!]!) { neighborhood(ids: $ids, hops: 0, limit: 100, filter: {at: "2025-09"}) { edges { id } } }`, { ids: entities });
  const admittedIds = admitted.neighborhood.edges.map((e) => e.id);
  await page.waitForFunction((want) => {
    const shown = window.kgqlExplorer.cy.edges(':visible').map((e) => e.id()).sort();
    return document.body.dataset.busy === '0' && shown.join('\n') === [...want].sort().join('\n');
  }, admittedIds, WAIT).catch(async () => {
    const shown = await page.evaluate(() => window.kgqlExplorer.cy.edges(':visible').map((e) => e.id()));
    throw new Error(`valid in 2025-09: the page shows ${JSON.stringify(shown)}, kgql admits ${JSON.stringify(admittedIds)}`);
  });
  check(admittedIds.length < relations.length, 'the valid-time filter hid nothing: the check proves little');
  await hiddenAsKgql({ at: '2025-09' });
  await shot('valid-time');

  await page.locator('#at-on').uncheck();
  await page.waitForFunction((n) => document.body.dataset.busy === '0' && window.kgqlExplorer.cy.edges(':visible').length === n, relations.length, WAIT);
  await page.locator(`#details[data-relation="${RELATION}"]`).waitFor(WAIT);
  await lastShot(); // the README's picture (make explore-screenshot)

  check(elsewhere.length === 0, 'requests to other origins: ' + elsewhere.join(', '));
  check(problems.length === 0, problems.join('; '));
  console.error(`explorer ok: ${entities.length} entities, ${relations.length} relations drawn; path ${pathIds.join(' > ')}; ${FORMATS.length} exports`);
  console.log(JSON.stringify({ entities, relations, path: pathIds, files }));
} catch (err) {
  console.error('explorer check failed:', err.message, problems.length ? '\n' + problems.join('\n') : '');
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: join(outDir, 'failure.png') }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
