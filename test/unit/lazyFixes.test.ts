/**
 * Quick fixes are made when first asked for (a code action, fix-all, --fix, a report that lists them), not while the
 * analysis runs on every keystroke, and they are made once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { once } from '../../server/src/core/once';
import { registry, template } from './rules/armCases';

const ARM = template(registry('      "properties": { "publicNetworkAccess": "Enabled" }'));

const BICEP = `resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'contoso'
  sku: {
    name: 'Premium'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
`;

for (const [uri, text] of [['file:///w/main.json', ARM], ['file:///w/main.bicep', BICEP]] as const) {
  test(`fixes are made when first asked for, once (${uri.slice(uri.lastIndexOf('.'))})`, () => {
    const [finding] = analyzeDocument({ uri, text }).findings;
    assert.ok(finding);
    // Edits the analysis would have made already, were fixes eager, never pass through this wrapper.
    const editor = finding.resource.editor;
    const original = editor.setProperties.bind(editor);
    let calls = 0;
    editor.setProperties = (assignments) => {
      calls++;
      return original(assignments);
    };
    const fixes = finding.fixes();
    assert.ok(calls > 0, 'the fixes were made during the analysis, not when asked for');
    assert.deepEqual(fixes.map((f) => f.title), ['Disable export and public network access', 'Suppress Azure.ACR.ExportPolicy for this resource']);
    const made = calls;
    assert.equal(finding.fixes(), fixes, 'asked again, the same fixes');
    assert.equal(calls, made, 'asked again, nothing is made again');
  });
}

test('once runs its computation on the first call only, even when it returns undefined', () => {
  let runs = 0;
  const value = once(() => {
    runs++;
    return undefined;
  });
  assert.equal(value(), undefined);
  assert.equal(value(), undefined);
  assert.equal(runs, 1);
});

test("an analysis reads each other file once, however many of its findings' fixes read it again", () => {
  const module = `param access string = 'Enabled'\n${Array.from({ length: 20 }, (_, i) => `resource r${i} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'r${i}'\n  properties: {\n    publicNetworkAccess: access\n  }\n}\n`).join('')}`;
  const reads = new Map<string, number>();
  const readText = (uri: string) => {
    reads.set(uri, (reads.get(uri) ?? 0) + 1);
    return uri === 'file:///w/module.bicep' ? module : undefined;
  };
  const analysis = analyzeDocument({ uri: 'file:///w/main.bicep', text: "module m './module.bicep' = {\n  name: 'm'\n}\n" }, { readText });
  assert.equal(analysis.findings.length, 20);
  // Each finding's fix at the module's parameter default reads the module's text (from disk, in the CLI) to edit it.
  for (const finding of analysis.findings) finding.fixes();
  assert.deepEqual([...reads.values()].filter((count) => count > 1), []);
  assert.equal(reads.get('file:///w/module.bicep'), 1);
});
