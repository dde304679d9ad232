// Target 5: scaling. A template ten times larger (the 3.3 MB template's deployments repeated) must take at most 11x;
// 1,000 registries in one file and 5,000-character expressions are timed too. Usage: node bench/scaling.mjs [--small]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { steadyMedian } from './lib.mjs';

const require = createRequire(import.meta.url);
const { analyzeDocument } = require('../out/server/src/core/analysis/analyzeDocument.js');
const { applyEdits, fixAll } = require('../out/server/src/core/analysis/queries.js');
const small = process.argv.includes('--small');
const iterations = small ? 1 : 5;
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const corpus = resolve(process.env.ACR_GUARD_CORPUS ?? new URL('../../shared/corpus', import.meta.url).pathname);

function scaled(base, copies) {
  return JSON.stringify({ $schema: SCHEMA, resources: Array.from({ length: copies }, (_, i) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: `copy${i}`, properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template: base } })) });
}

let base;
try {
  base = JSON.parse(readFileSync(join(corpus, small ? 'arm/avm-container-registry.main.json' : 'arm/avm-aca-lza-hosting-environment.main.json'), 'utf8'));
} catch {
  base = { $schema: SCHEMA, resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'r', properties: { publicNetworkAccess: 'Enabled' } }] };
}
const one = scaled(base, 1);
const ten = scaled(base, 10);
// Both sizes warmed up first: timed cold, the small one would pay for the JIT and flatter the ratio.
const warmUps = small ? 0 : 5;
const tOne = await steadyMedian(() => analyzeDocument({ uri: 'file:///bench/one.json', text: one }), warmUps * 2, iterations * 3);
const tTen = await steadyMedian(() => analyzeDocument({ uri: 'file:///bench/ten.json', text: ten }), warmUps, iterations * 2);
const ratio = tTen / tOne;
const parseRatio = (await steadyMedian(() => JSON.parse(ten), warmUps, iterations * 2)) / (await steadyMedian(() => JSON.parse(one), warmUps * 2, iterations * 3));
console.log(`scaling: ${(one.length / 1e6).toFixed(2)} MB -> ${(ten.length / 1e6).toFixed(2)} MB`);
console.log(`  10x the size takes ${ratio.toFixed(2)}x the time  (target <= 11x: ${ratio <= 11 ? 'met' : 'not met'}; ${tOne.toFixed(0)} ms -> ${tTen.toFixed(0)} ms; JSON.parse of the same texts: ${parseRatio.toFixed(2)}x)`);

const registries = JSON.stringify({ $schema: SCHEMA, resources: Array.from({ length: small ? 100 : 1000 }, (_, i) => ({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: `r${i}`, sku: { name: 'Premium' }, properties: { publicNetworkAccess: i % 2 ? 'Enabled' : 'Disabled' } })) }, null, 2);
const tRegistries = await steadyMedian(() => analyzeDocument({ uri: 'file:///bench/many.json', text: registries }), warmUps, iterations);
// Fix-all and applying its edits (what `scan --fix` does) took seconds here when each edit copied the whole text.
const manyFindings = analyzeDocument({ uri: 'file:///bench/many.json', text: registries }).findings;
const tFix = await steadyMedian(() => applyEdits(registries, fixAll(manyFindings)), warmUps, iterations);
console.log(`  ${small ? 100 : 1000} registries in one file: ${tRegistries.toFixed(0)} ms; fix-all of its ${manyFindings.length} findings, applied: ${tFix.toFixed(0)} ms`);
// Registries whose public access comes from an allowed parameter without a default: each is judged once per allowed
// value, in a scope derived from its template's (which re-read the whole template per registry once).
const allowedParameter = { arm: (n) => JSON.stringify({ $schema: SCHEMA, parameters: { access: { type: 'string', allowedValues: ['Enabled', 'Disabled'] } }, variables: Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, `${i}`])), resources: Array.from({ length: n }, (_, i) => ({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: `r${i}`, sku: { name: 'Premium' }, properties: { publicNetworkAccess: "[parameters('access')]", policies: { exportPolicy: { status: 'disabled' } } } })) }, null, 2),
  bicep: (n) => "@allowed([\n  'Enabled'\n  'Disabled'\n])\nparam access string\n" + Array.from({ length: n }, (_, i) => `var v${i} = '${i}'\nresource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  sku: {\n    name: 'Premium'\n  }\n  properties: {\n    publicNetworkAccess: access\n    policies: {\n      exportPolicy: {\n        status: 'disabled'\n      }\n    }\n  }\n}\n`).join('') };
/**
 * Analysis and fix-all (a code action, `scan --fix`) of ten times the items should take about ten times as long; a
 * step that goes through the whole file per item shows as a ratio near 100.
 */
async function tenfold(what, uri, generate, host, everyFix = false) {
  const [few, many] = [generate(small ? 10 : 100), generate(small ? 100 : 1000)];
  // `everyFix`: every finding's fixes, as a report that lists them all makes them.
  const analyseAndFix = (text) => (everyFix ? analyzeDocument({ uri, text }, host).findings.forEach((finding) => finding.fixes()) : fixAll(analyzeDocument({ uri, text }, host).findings));
  const tFew = await steadyMedian(() => analyseAndFix(few), warmUps * 2, iterations * 3);
  const tMany = await steadyMedian(() => analyseAndFix(many), warmUps, iterations * 2);
  console.log(`  ${small ? 100 : 1000} ${what}: ${tMany.toFixed(0)} ms, ${(tMany / tFew).toFixed(1)}x the time of a tenth as many (${tFew.toFixed(1)} ms)`);
}
for (const [language, generate] of Object.entries(allowedParameter)) {
  await tenfold(`registries with an allowed parameter (${language})`, `file:///bench/allowed.${language === 'arm' ? 'json' : 'bicep'}`, generate);
}
// Fixes at a parameter default ask whether only registries use it (once per finding, there was such a step), and
// ARM finds the uses of each name in the template (once per name, there was such a step too).
const registry = (i, access) => ({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: `r${i}`, sku: { name: 'Premium' }, properties: { publicNetworkAccess: access } });
await tenfold('registries sharing one parameter', 'file:///bench/shared.json', (n) => JSON.stringify({ $schema: SCHEMA, parameters: { access: { type: 'string', defaultValue: 'Enabled' } }, resources: Array.from({ length: n }, (_, i) => registry(i, "[parameters('access')]")) }, null, 2));
await tenfold('registries with a parameter each', 'file:///bench/own.json', (n) => JSON.stringify({ $schema: SCHEMA, parameters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`access${i}`, { type: 'string', defaultValue: 'Enabled' }])), resources: Array.from({ length: n }, (_, i) => registry(i, `[parameters('access${i}')]`)) }, null, 2));
// Bicep pragmas, each judged against every other pragma (there was such a step), and declarations of one local module.
await tenfold('Bicep registries each under a #disable-next-line', 'file:///bench/pragmas.bicep', (n) => Array.from({ length: n }, (_, i) => `#disable-next-line Azure.ACR.ExportPolicy\nresource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n`).join(''));
const registryModule = "param name string\nparam access string = 'Enabled'\nresource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: name\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n";
await tenfold('Bicep declarations of one local module', 'file:///bench/modules.bicep', (n) => Array.from({ length: n }, (_, i) => `module m${i} './registry.bicep' = {\n  name: 'm${i}'\n  params: {\n    name: 'r${i}'\n  }\n}\n`).join(''), { readText: (uri) => (uri === 'file:///bench/registry.bicep' ? registryModule : undefined) });
// A module whose registries all fail by its own default, deployed once: each registry's fixes in the module's file are
// checked by analysing the caller again (past a few such findings they are not offered), and each fix at the default
// read the module's text again (from disk, in the CLI): 30x the time for ten times the registries, until an analysis
// read each file once.
const failingModule = (n) => `param access string = 'Enabled'\n${Array.from({ length: n }, (_, i) => `resource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n`).join('')}`;
await tenfold('registries of one local module, reported in its caller with every fix', 'file:///bench/caller.bicep', (n) => `// ${n}\nmodule m './module${n}.bicep' = {\n  name: 'm'\n}\n`, { readText: (uri) => { const n = /module(\d+)\.bicep$/.exec(uri)?.[1]; return n === undefined ? undefined : failingModule(Number(n)); } }, true);
// The same for an ARM template linking one whose registries fail by its default (its text made anew on each read).
const linkedTemplate = (n) => JSON.stringify({ $schema: SCHEMA, parameters: { access: { type: 'string', defaultValue: 'Enabled' } }, resources: Array.from({ length: n }, (_, i) => registry(i, "[parameters('access')]")) }, null, 2);
await tenfold('registries of one linked template, reported where it is linked with every fix', 'file:///bench/linking.json', (n) => JSON.stringify({ $schema: SCHEMA, resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: `l${n}`, properties: { mode: 'Incremental', templateLink: { relativePath: `linked${n}.json` } } }] }, null, 2), { readText: (uri) => { const n = /linked(\d+)\.json$/.exec(uri)?.[1]; return n === undefined ? undefined : linkedTemplate(Number(n)); }, workspaceRoots: ['file:///bench/'] }, true);
// Values a search finds for a module's string parameters (a SKU passed that gates the export policy, a nullable access
// left out): each declaration's search analyses the module a few times, and a module of many registries is not searched.
const gatedModule = "@allowed([\n  'Basic'\n  'Premium'\n  'Standard'\n])\nparam acrSku string = 'Premium'\n@allowed([\n  'Enabled'\n  'Disabled'\n])\nparam access string?\nresource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'gated'\n  sku: { name: acrSku }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: acrSku == 'Premium' ? { status: 'disabled' } : null }\n  }\n}\n";
await tenfold('Bicep declarations of a module whose SKU they pass, with every fix', 'file:///bench/gated.bicep', (n) => Array.from({ length: n }, (_, i) => `module m${i} './gated-registry.bicep' = {\n  name: 'm${i}'\n  params: {\n    acrSku: 'Standard'\n  }\n}\n`).join(''), { readText: (uri) => (uri === 'file:///bench/gated-registry.bicep' ? gatedModule : undefined) }, true);
const openModule = (n) => Array.from({ length: n }, (_, i) => `param access${i} string?\nresource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  properties: {\n    publicNetworkAccess: access${i}\n  }\n}\n`).join('');
await tenfold('registries of one module, each with a nullable access parameter, with every fix', 'file:///bench/open-caller.bicep', (n) => `// ${n}\nmodule m './open${n}.bicep' = {\n  name: 'm'\n}\n`, { readText: (uri) => { const n = /open(\d+)\.bicep$/.exec(uri)?.[1]; return n === undefined ? undefined : openModule(Number(n)); } }, true);
const expression = `[concat(${Array.from({ length: 700 }, (_, i) => `'p${i}'`).join(', ')})]`.slice(0, 5000);
const expressions = JSON.stringify({ $schema: SCHEMA, resources: Array.from({ length: small ? 10 : 100 }, (_, i) => ({ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: `e${i}`, properties: { publicNetworkAccess: expression.endsWith(')]') ? expression : `${expression.slice(0, expression.lastIndexOf(','))})]` } })) });
const tExpressions = await steadyMedian(() => analyzeDocument({ uri: 'file:///bench/expressions.json', text: expressions }), warmUps, iterations);
console.log(`  ${small ? 10 : 100} registries with 5,000-character expressions: ${tExpressions.toFixed(0)} ms`);

// The server's text store: one didChange with many changes, last first, as an editor sends a fix-all or a rename.
const { EditableTextDocument } = require('../out/server/src/lsp/editableTextDocument.js');
const storeLines = small ? 10_000 : 100_000;
const storeText = Array.from({ length: storeLines }, (_, i) => `    "line${i}": "${'x'.repeat(25)}",`).join('\n');
const batch = (count) => Array.from({ length: count }, (_, k) => {
  const line = Math.floor((count - k - 0.5) * storeLines / count);
  return { range: { start: { line, character: 4 }, end: { line, character: 10 } }, text: '"fixed":\n      "yes",\n    "line' };
});
const timeBatch = async (changes) => steadyMedian(() => {
  const document = new EditableTextDocument('file:///bench/store.json', 'json', 1, storeText);
  document.lineCount;
  document.update(changes, 2);
  document.getText();
}, warmUps, iterations);
const [tBatchFew, tBatchMany] = [await timeBatch(batch(small ? 10 : 100)), await timeBatch(batch(small ? 100 : 1000))];
console.log(`  text store, one update of ${small ? 100 : 1000} changes in ${(storeText.length / 1e6).toFixed(1)} MB: ${tBatchMany.toFixed(0)} ms, ${(tBatchMany / tBatchFew).toFixed(1)}x the time of a tenth as many (${tBatchFew.toFixed(1)} ms; opening and reading the text included)`);
