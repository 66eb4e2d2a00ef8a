// The GraphQL-over-HTTP audit of a running kgql: graphql-http's
// serverAudits (every MUST, SHOULD and MAY of the spec it checks), one
// line per audit, and exit status 1 unless every one passes.
//
//   node tools/audit/audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url })) {
  results.push(await audit.fn());
}
const tally = {};
for (const r of results) {
  const level = r.name.split(' ')[0];
  tally[level] ??= { ok: 0, failed: 0 };
  tally[level][r.status === 'ok' ? 'ok' : 'failed']++;
  console.log(`${r.status.padEnd(6)} ${r.id} ${r.name}${r.status === 'ok' ? '' : ': ' + r.reason}`);
}
console.log(Object.entries(tally).map(([level, t]) => `${level}: ${t.ok} ok, ${t.failed} failed`).join('; '));
process.exit(results.every((r) => r.status === 'ok') ? 0 : 1);
