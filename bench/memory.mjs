// Target 4: the engine's retained heap for the 3.3 MB template, after a forced GC, against the document's size.
// Run with --expose-gc (bench/run.mjs does). Usage: node --expose-gc bench/memory.mjs [--small]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { analyzeDocument } = require('../out/server/src/core/analysis/analyzeDocument.js');
if (typeof globalThis.gc !== 'function') {
  console.log('memory: skipped, run with node --expose-gc');
  process.exit(0);
}
const corpus = resolve(process.env.ACR_GUARD_CORPUS ?? new URL('../../shared/corpus', import.meta.url).pathname);
let text;
try {
  text = readFileSync(join(corpus, process.argv.includes('--small') ? 'arm/quickstart-acr-policies-diagnostics.azuredeploy.json' : 'arm/avm-aca-lza-hosting-environment.main.json'), 'utf8');
} catch {
  console.log('memory: skipped, corpus not found (set ACR_GUARD_CORPUS)');
  process.exit(0);
}
globalThis.gc();
const before = process.memoryUsage().heapUsed;
const analysis = analyzeDocument({ uri: 'file:///bench/template.json', text });
globalThis.gc();
const retained = process.memoryUsage().heapUsed - before;
// Keep the analysis alive until after the measurement: an editor keeps it for hovers and code actions.
const kept = analysis.resources.length;
const bytes = text.length * 2; // UTF-16 in memory
const ratio = retained / text.length;
console.log(`memory: retained ${(retained / 1e6).toFixed(1)} MB for a ${(text.length / 1e6).toFixed(2)} MB document (${kept} resources)`);
console.log(`  retained / document size = ${ratio.toFixed(2)}x  (target <= 6x: ${ratio <= 6 ? 'met' : 'not met'}; the text itself is ${(bytes / 1e6).toFixed(1)} MB as UTF-16)`);
