/** Bicep pragmas: `#disable-next-line`, and `#disable-diagnostics` until a matching `#restore-diagnostics`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';

const uri = 'file:///w/main.bicep';
const registry = (name: string) => `resource ${name} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: '${name}'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}\n`;

/** Each registry's name, and why it is suppressed or 'reported'. */
function verdicts(text: string): [string, string][] {
  const analysis = analyzeDocument({ uri, text });
  return [...analysis.findings, ...analysis.suppressed]
    .sort((a, b) => a.resource.declarationSpan.start - b.resource.declarationSpan.start)
    .map((f) => [f.resource.displayName, f.suppression?.reason ?? 'reported']);
}

test('#disable-diagnostics suppresses the rule until a #restore-diagnostics that names it; other rules do not count', () => {
  const text = [
    registry('before'),
    '#disable-diagnostics Azure.ACR.ExportPolicy no-unused-params\n',
    registry('inside'),
    '#restore-diagnostics no-unused-params\n',
    registry('stillInside'),
    '#restore-diagnostics azure.acr.exportpolicy\n',
    registry('after'),
    '#disable-diagnostics no-unused-params\n',
    registry('otherRule'),
    '#disable-diagnostics\n',
    registry('everyRule'),
  ].join('');
  assert.deepEqual(verdicts(text), [
    ['before', 'reported'],
    ['inside', 'suppressed by #disable-diagnostics on line 7'],
    ['stillInside', 'suppressed by #disable-diagnostics on line 7'],
    ['after', 'reported'],
    ['otherRule', 'reported'],
    ['everyRule', 'suppressed by #disable-diagnostics on line 35'],
  ]);
});

test('#disable-next-line suppresses only the registry right below it, for its rule, in a file with many', () => {
  const count = 300;
  const text = Array.from({ length: count }, (_, i) => `${i % 3 === 0 ? '#disable-next-line Azure.ACR.ExportPolicy' : i % 3 === 1 ? '#disable-next-line no-unused-params' : '// a comment'}\n${registry(`r${i}`)}`).join('');
  const expected = Array.from({ length: count }, (_, i): [string, string] => [`r${i}`, i % 3 === 0 ? `suppressed by #disable-next-line on line ${i * 7 + 1}` : 'reported']);
  assert.deepEqual(verdicts(text), expected);
});

test('a pragma above one module does not suppress the registry of another module: offsets in the module file are not lines here', () => {
  const main = "module a './a.bicep' = {\n  name: 'a'\n}\n\n#disable-next-line Azure.ACR.ExportPolicy\nmodule b './b.bicep' = {\n  name: 'b'\n}\n";
  // Module a's registry starts at the offset where main.bicep's `module b` line does: read as an offset of main.bicep,
  // it is the line below the pragma.
  const padding = `// ${'x'.repeat(main.indexOf('module b') - 4)}\n`;
  const files: Record<string, string> = { 'file:///w/a.bicep': padding + registry('rega'), 'file:///w/b.bicep': registry('regb') };
  assert.equal(files['file:///w/a.bicep']!.indexOf('resource'), main.indexOf('module b'));
  const analysis = analyzeDocument({ uri, text: main }, { readText: (other) => files[other], workspaceRoots: ['file:///w/'] });
  assert.deepEqual(analysis.findings.map((f) => f.resource.displayName), ['rega']);
  assert.deepEqual(analysis.suppressed.map((f) => [f.resource.displayName, f.suppression?.reason]), [['regb', 'suppressed by #disable-next-line on line 5']]);
});
