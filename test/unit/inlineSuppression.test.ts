/** `// acr-guard-disable-next-line` in ARM JSON, and the quick fix that writes it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';
import { registry, template } from './rules/armCases';

const failing = template(registry(`      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`));
const analyze = (text: string) => analyzeDocument({ uri: 'file:///w/t.json', text });

test('the suppression quick fix inserts the comment above the resource, and it then suppresses', () => {
  const [finding] = analyze(failing).findings;
  const fix = finding!.fixes().find((f) => f.title === 'Suppress Azure.ACR.ExportPolicy for this resource');
  assert.ok(fix);
  const suppressed = applyEdits(failing, fix.edits);
  assert.match(suppressed, /\n  "resources": \[\n    \/\/ acr-guard-disable-next-line Azure\.ACR\.ExportPolicy\n    \{\n      "type"/);
  const again = analyze(suppressed);
  assert.deepEqual(again.findings, []);
  assert.equal(again.suppressed.length, 1);
  assert.equal(again.suppressed[0]!.suppression?.reason, 'suppressed by an inline comment on line 5');
});

test('a directive on the line before the diagnostic works too; other rule ids do not suppress', () => {
  const before = failing.replace('        "publicNetworkAccess"', '        // acr-guard-disable-next-line Azure.ACR.ExportPolicy\n        "publicNetworkAccess"');
  assert.deepEqual(analyze(before).findings, []);
  const other = failing.replace('        "publicNetworkAccess"', '        // acr-guard-disable-next-line Azure.ACR.AdminUser\n        "publicNetworkAccess"');
  assert.equal(analyze(other).findings.length, 1);
  const all = failing.replace('        "publicNetworkAccess"', '        /* acr-guard-disable-next-line */\n        "publicNetworkAccess"');
  assert.deepEqual(analyze(all).findings, []);
});

test('the directive inside a string is not a comment', () => {
  const inString = failing.replace('"name": "contoso"', '"name": "contoso",\n      "tags": { "note": "// acr-guard-disable-next-line" }').replace('"tags": { "note": "// acr-guard-disable-next-line" }', '"tags": {\n        "note": "x // acr-guard-disable-next-line"\n      }');
  assert.equal(analyze(inString).findings.length, 1);
});
