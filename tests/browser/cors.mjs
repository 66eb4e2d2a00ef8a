// A page on another origin calls the kgql API from Debian's chromium, as a
// frontend on its own dev server does: from an origin the API allows, a
// GraphQL POST (which needs a preflight) answers and an export's file name
// can be read; from an origin it does not allow, the browser refuses the
// page the answer and the fetch fails.
// Usage: node cors.mjs API_URL ALLOWED_PAGE_URL REFUSED_PAGE_URL. Exit status 0 on success.
import { chromium } from 'playwright-core';

const [api, allowedPage, refusedPage] = process.argv.slice(2);
if (!refusedPage) {
  console.error('usage: node cors.mjs API_URL ALLOWED_PAGE_URL REFUSED_PAGE_URL');
  process.exit(2);
}

// callAPI runs in the page: what its scripts can read of the API's answers.
async function callAPI(api) {
  try {
    const res = await fetch(api + '/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "PTA") { relations(filter: {types: [HOLDS_POSITION]}) { edges { node { name } } } } }' }),
    });
    const body = await res.json();
    const query = '{ expand(ids: ["Hafeez Ur Rehman"]) { nodes { entity { id } } } }';
    const exp = await fetch(api + '/export?format=cytoscape&query=' + encodeURIComponent(query));
    const doc = await exp.json();
    return {
      chair: body.data.entity.relations.edges[0].node.name,
      disposition: exp.headers.get('Content-Disposition'),
      exportedNodes: doc.elements.nodes.length,
    };
  } catch (err) {
    return { error: String(err) };
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(allowedPage, { waitUntil: 'load' });
  const allowed = await page.evaluate(callAPI, api);
  if (allowed.error || allowed.chair !== 'Hafeez Ur Rehman' || !/filename="kgql-expand\.cyjs"/.test(allowed.disposition || '') || allowed.exportedNodes < 2) {
    throw new Error(`from the allowed origin ${new URL(allowedPage).origin}: ${JSON.stringify(allowed)}`);
  }
  console.log(`allowed origin ${new URL(allowedPage).origin}: PTA's chair is ${allowed.chair}; export ${allowed.disposition}, ${allowed.exportedNodes} nodes`);

  await page.goto(refusedPage, { waitUntil: 'load' });
  const refused = await page.evaluate(callAPI, api);
  if (!refused.error) {
    throw new Error(`the refused origin ${new URL(refusedPage).origin} read the answer: ${JSON.stringify(refused)}`);
  }
  console.log(`refused origin ${new URL(refusedPage).origin}: ${refused.error}`);
} catch (err) {
  console.error('cors check failed:', err.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
