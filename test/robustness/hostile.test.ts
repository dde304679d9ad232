/**
 * Hostile and broken input never crashes, hangs or misleads. Each case states its time bound on this machine
 * (2 cores); docs/robustness.md lists them with measured times.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type DocumentAnalysis } from '../../server/src/core/analysis/analyzeDocument';
import { corpusAvailable, readCorpus } from '../corpus/corpusPath';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function timed(uri: string, text: string, boundMs: number): DocumentAnalysis {
  const start = process.hrtime.bigint();
  const analysis = analyzeDocument({ uri, text });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  assert.equal(analysis.internalError, undefined, analysis.internalError?.stack);
  assert.ok(ms < boundMs, `took ${ms.toFixed(0)} ms, bound ${boundMs} ms`);
  for (const f of analysis.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
  return analysis;
}

const registry = (properties: unknown, extra: Record<string, unknown> = {}) => ({ $schema: SCHEMA, resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'r', properties }], ...extra });

test('empty files, a BOM alone, NUL bytes and lone surrogates', () => {
  for (const text of ['', '\uFEFF', '\u0000\u0000', `{"$schema":"${SCHEMA}","resources":[\u0000]}`, `{"$schema":"${SCHEMA}","x":"\uD800\uDFFF\uDC00"}`]) {
    timed('file:///h/t.json', text, 1000);
    timed('file:///h/t.bicep', text, 1000);
    timed('file:///h/t.bicepparam', text, 1000);
  }
  const withBom = timed('file:///h/t.json', `\uFEFF${JSON.stringify(registry({}))}`, 1000);
  assert.equal(withBom.findings.length, 1, 'a BOM does not hide the template');
});

test('100,000 levels of nested arrays or objects: no stack overflow; a clear notice when malformed (bound 1 s)', () => {
  for (const [open, close] of [['[', ']'], ['{"a":', '}']]) {
    // Well formed: the lazy tree has no recursion, and the registry beside the deep value is still found.
    const deep = `{"$schema":"${SCHEMA}","x":${open.repeat(100000)}1${close.repeat(100000)},"resources":[{"type":"Microsoft.ContainerRegistry/registries","name":"r"}]}`;
    assert.equal(timed('file:///h/t.json', deep, 1000).findings.length, 1);
    // Malformed: the recovering parser would recurse, so the depth is checked first.
    const analysis = timed('file:///h/t.json', `{"$schema":"${SCHEMA}","x":${open.repeat(100000)}1${close.repeat(99999)}`, 1000);
    assert.match(analysis.notices[0]!.message, /nest more than 2000 levels/);
  }
});

test('a 10 MB string and a 100,000-character expression (bound 5 s)', () => {
  const big = registry({ publicNetworkAccess: 'Enabled' }, { metadata: { description: 'x'.repeat(10_000_000) } });
  assert.equal(timed('file:///h/t.json', JSON.stringify(big), 5000).findings.length, 1);
  const expression = `[concat(${Array.from({ length: 14000 }, (_, i) => `'v${i}'`).join(',')})]`;
  timed('file:///h/t.json', JSON.stringify(registry({ publicNetworkAccess: expression })), 5000);
});

test('expressions nested 10,000 deep, cyclic variables and parameters, a union bomb (bound 5 s)', () => {
  const deep = `[${'not('.repeat(10000)}true()${')'.repeat(10000)}]`;
  timed('file:///h/t.json', JSON.stringify(registry({ publicNetworkAccess: deep })), 5000);
  const cyclic = { variables: { a: "[variables('b')]", b: "[variables('a')]" }, parameters: { p: { type: 'string', defaultValue: "[parameters('q')]" }, q: { type: 'string', defaultValue: "[parameters('p')]" } } };
  const analysis = timed('file:///h/t.json', JSON.stringify(registry({ publicNetworkAccess: "[variables('a')]", policies: { exportPolicy: { status: "[parameters('p')]" } } }, cyclic)), 5000);
  assert.equal(analysis.findings[0]!.unresolved, true);
  const variables: Record<string, string> = { v0: "[createObject('publicNetworkAccess', 'Enabled')]" };
  for (let i = 1; i <= 60; i++) variables[`v${i}`] = `[union(variables('v${i - 1}'), createObject('k${i}', variables('v${i - 1}')))]`;
  timed('file:///h/t.json', JSON.stringify(registry("[variables('v60')]", { variables })), 5000);
});

test('truncation of a real template at many points never throws (bound 2 s each)', () => {
  const text = corpusAvailable ? readCorpus('arm/quickstart-acr-policies-diagnostics.azuredeploy.json') : JSON.stringify(registry({ publicNetworkAccess: 'Enabled' }), null, 2);
  const step = Math.max(1, Math.floor(text.length / 400));
  for (let i = 0; i <= text.length; i += step) timed('file:///h/t.json', text.slice(0, i), 2000);
});

test('catastrophic-backtracking candidates in user text stay linear (bound 1 s)', () => {
  const attacks = ['['.repeat(50000) + 'x', `"${'\\\\'.repeat(50000)}`, `${'/*'.repeat(50000)}`, `{"$schema": "${'a'.repeat(100000)}"}`, `// acr-guard-disable-next-line ${'x '.repeat(50000)}\n{}`];
  for (const text of attacks) {
    timed('file:///h/t.json', text, 1000);
    timed('file:///h/t.bicep', text, 1000);
  }
});

test('Bicep modules fanning out 40 ways at each of four levels (2.5 million deployments): bounded (bound 5 s)', () => {
  const files = new Map<string, string>();
  const fanOut = (next: number) => `module m './l${next}.bicep' = [for i in range(0, 40): {\n  name: 'm\${i}'\n}]\n`;
  for (let level = 1; level <= 4; level++) files.set(`file:///h/l${level}.bicep`, fanOut(level + 1));
  files.set('file:///h/l5.bicep', "resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'deep'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n");
  const start = process.hrtime.bigint();
  const analysis = analyzeDocument({ uri: 'file:///h/l0.bicep', text: fanOut(1) }, { readText: (uri) => files.get(uri) });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  assert.equal(analysis.internalError, undefined, analysis.internalError?.stack);
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms, bound 5000 ms`);
  // The registry five modules down is still reached, and reported once on the first module's path.
  assert.deepEqual(analysis.findings.map((f) => f.message.match(/'deep'/)?.[0]), ["'deep'"]);
});
