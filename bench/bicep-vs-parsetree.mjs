// Times the Bicep parser and the whole Bicep analysis on the corpus files and on a generated ~1 MB Bicep file
// (many registries, parameters and variables), against jsonc-parser's parseTree of a JSON text of the same size.
// Usage: node bench/bicep-vs-parsetree.mjs [--small]
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { median, steadyMedian } from './lib.mjs';

const require = createRequire(import.meta.url);
const { parseBicep } = require('../out/server/src/core/bicep/parser.js');
const { analyzeDocument } = require('../out/server/src/core/analysis/analyzeDocument.js');
const { parseTree } = require('jsonc-parser');

const small = process.argv.includes('--small');
const iterations = small ? 1 : 15;

/** Deterministic: registry i is Premium or Basic, public or private, by its index. */
function generateBicep(targetBytes) {
  const parts = ["@allowed([\n  'Enabled'\n  'Disabled'\n])\nparam defaultAccess string = 'Disabled'\nparam location string = 'westeurope'\n"];
  let length = parts[0].length;
  for (let i = 0; length < targetBytes; i++) {
    const block = [];
    block.push(`var settings${i} = {\n  sku: '${i % 3 ? 'Premium' : 'Basic'}'\n  access: ${i % 2 ? 'defaultAccess' : "'Enabled'"}\n  tags: {\n    index: '${i}'\n    owner: 'team-${i % 7}'\n  }\n}`);
    block.push(`resource registry${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = if (${i % 5} != 4) {\n  name: 'registry${i}'\n  location: location\n  sku: {\n    name: settings${i}.sku\n  }\n  tags: settings${i}.tags\n  properties: {\n    adminUserEnabled: false\n    publicNetworkAccess: settings${i}.access\n    policies: {\n      exportPolicy: {\n        status: settings${i}.sku == 'Premium' ? 'disabled' : 'enabled'\n      }\n      retentionPolicy: {\n        days: ${i % 30}\n        status: 'enabled'\n      }\n    }\n  }\n}`);
    block.push(`module store${i} './storage.bicep' = {\n  name: 'store${i}'\n  params: {\n    name: 'st${i}'\n  }\n}`);
    parts.push(block.join('\n') + '\n');
    length += parts[parts.length - 1].length;
  }
  return parts.join('');
}

const corpus = resolve(process.env.ACR_GUARD_CORPUS ?? new URL('../../shared/corpus', import.meta.url).pathname);
try {
  const files = readdirSync(join(corpus, 'bicep')).filter((f) => f.endsWith('.bicep')).map((f) => readFileSync(join(corpus, 'bicep', f), 'utf8'));
  const bytes = files.reduce((n, t) => n + t.length, 0);
  const parse = median(() => files.forEach((t) => parseBicep(t)), iterations);
  const analysis = median(() => files.forEach((t, i) => analyzeDocument({ uri: `file:///corpus/${i}.bicep`, text: t })), iterations);
  console.log(`bicep corpus: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB: parse ${parse.toFixed(1)} ms, analysis ${analysis.toFixed(1)} ms`);
} catch {
  console.log('bicep corpus: skipped, corpus not found (set ACR_GUARD_CORPUS)');
}

const bicep = generateBicep(small ? 50_000 : 1_000_000);
const json = JSON.stringify({ resources: Array.from({ length: Math.ceil(bicep.length / 120) }, (_, i) => ({ type: 'Microsoft.ContainerRegistry/registries', name: `registry${i}`, properties: { publicNetworkAccess: 'Disabled' } })) }, null, 2).slice(0, bicep.length);
const uri = 'file:///generated/main.bicep';
const findings = analyzeDocument({ uri, text: bicep }).findings.length;
// Each contender warmed up and timed on a collected heap (see lib.mjs).
const warmUps = small ? 0 : 10;
const parseOnly = await steadyMedian(() => parseBicep(bicep), warmUps, iterations);
const analysis = await steadyMedian(() => analyzeDocument({ uri, text: bicep }), warmUps, iterations);
const jsonTree = await steadyMedian(() => parseTree(json, [], { allowTrailingComma: true }), warmUps, iterations);
const ratio = analysis / jsonTree;
console.log(`generated Bicep: ${(bicep.length / 1e6).toFixed(2)} MB, ${findings} findings`);
console.log(`  parse / parseTree(JSON of the same size)    = ${(parseOnly / jsonTree).toFixed(2)}x  (parse ${parseOnly.toFixed(1)} ms, parseTree ${jsonTree.toFixed(1)} ms)`);
console.log(`  analysis / parseTree(JSON of the same size) = ${ratio.toFixed(2)}x  (target <= 1.00x: ${ratio <= 1 ? 'met' : 'not met'}; analysis ${analysis.toFixed(1)} ms)`);
if (globalThis.gc && !small) {
  // Context, not a target: what the parsed file keeps alive (heap and token arrays), against jsonc-parser's tree.
  const collect = () => {
    globalThis.gc();
    globalThis.gc();
    return process.memoryUsage();
  };
  const retainedOnce = (parse) => {
    const before = collect();
    // Held where no optimisation can drop it, until it has been measured.
    globalThis.keptTree = parse();
    const after = collect();
    globalThis.keptTree = undefined;
    return after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers;
  };
  // The median of five: a collection can also free unrelated memory (compiled code), which once made one reading negative.
  const retained = (parse) => {
    parse();
    const readings = Array.from({ length: 5 }, () => retainedOnce(parse)).sort((a, b) => a - b);
    return readings[2];
  };
  const bicepBytes = retained(() => parseBicep(bicep));
  const jsonBytes = retained(() => parseTree(json, [], { allowTrailingComma: true }));
  console.log(`  context: the parsed file retains ${(bicepBytes / 1e6).toFixed(1)} MB, jsonc-parser's tree of the JSON ${(jsonBytes / 1e6).toFixed(1)} MB (${(bicepBytes / jsonBytes).toFixed(2)}x)`);
}
