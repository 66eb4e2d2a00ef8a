// Builds the explorer page into dist/ (or the directory given): src/main.js
// and what it imports (Cytoscape.js from node_modules) bundled and minified
// by esbuild into explore.js, src/explore.css minified, src/index.html and
// Cytoscape.js's licence copied. kgql embeds dist/ (explore.go). The same
// sources and lockfile give the same bytes: TestBuildIsFresh rebuilds into
// a temporary directory and compares.
// Usage: node build.mjs [OUTDIR]
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = process.argv[2] || join(here, 'dist');
mkdirSync(out, { recursive: true });

const common = { absWorkingDir: here, bundle: true, minify: true, logLevel: 'warning', legalComments: 'eof' };
await esbuild.build({
  ...common,
  entryPoints: ['src/main.js'],
  outfile: join(out, 'explore.js'),
  format: 'iife',
  target: 'es2020',
});
await esbuild.build({ ...common, entryPoints: ['src/explore.css'], outfile: join(out, 'explore.css') });
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'node_modules/cytoscape/LICENSE'), join(out, 'LICENSE.cytoscape'));
