// Validates an XML file against an XSD with libxml2's xmllint compiled to
// WebAssembly (npm xmllint-wasm, from this folder's lockfile), so that the
// export checks need no Debian package. The XSDs that the schema imports
// (the other .xsd files of its folder) are preloaded: libxml2 reads no file
// and fetches nothing from the network. Prints xmllint's errors and exits
// 1 when the file is invalid.
// Usage: node validate.mjs SCHEMA.xsd FILE
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { validateXML, memoryPages } from 'xmllint-wasm';

const [xsd, file] = process.argv.slice(2);
const dir = dirname(xsd);
const preload = readdirSync(dir)
  .filter((name) => name.endsWith('.xsd') && name !== basename(xsd))
  .map((name) => ({ fileName: name, contents: readFileSync(join(dir, name), 'utf8') }));

const result = await validateXML({
  xml: [{ fileName: basename(file), contents: readFileSync(file, 'utf8') }],
  schema: [{ fileName: basename(xsd), contents: readFileSync(xsd, 'utf8') }],
  preload,
  maxMemoryPages: 1 * memoryPages.GiB,
});
if (!result.valid) {
  console.error(result.rawOutput.trim() || 'invalid');
  process.exit(1);
}
