/**
 * Bicep object spreads (`...shared`): a spread decides the members it has unless a property after it sets them, so
 * the registry's own fix may only set a value after the spread, and never replaces an object the spread supplies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';
import { FIX_TITLE } from '../../server/src/core/rules/azure-acr-export-policy';

const uri = 'file:///w/main.bicep';
const registry = (properties: string) => `resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n${properties}\n  }\n}\n`;

/** The registry's own fix (not the one at the place that decides the value), applied; undefined when none is offered. */
function ownFix(text: string): string | undefined {
  const [finding, ...others] = analyzeDocument({ uri, text }).findings;
  assert.ok(finding && others.length === 0, 'one finding');
  const fix = finding.fixes().find((f) => f.title === FIX_TITLE);
  return fix && applyEdits(text, fix.edits);
}

const verdicts = (text: string) => analyzeDocument({ uri, text }).findings.map((f) => f.message);

test('a property after a spread overrides it; a spread after a property overrides the property', () => {
  const open = "var open = { publicNetworkAccess: 'Enabled', policies: { exportPolicy: { status: 'disabled' } } }\n";
  assert.deepEqual(verdicts(`${open}${registry("    ...open\n    publicNetworkAccess: 'Disabled'")}`), []);
  assert.match(verdicts(`${open}${registry("    publicNetworkAccess: 'Disabled'\n    ...open")}`).join(), /publicNetworkAccess is 'Enabled'/);
  // A spread without the member leaves the property deciding.
  assert.deepEqual(verdicts(`var other = { adminUserEnabled: false }\n${registry("    publicNetworkAccess: 'Disabled'\n    policies: { exportPolicy: { status: 'disabled' } }\n    ...other")}`), []);
});

test("the registry's fix sets a value after the spread that decides it, or is not offered", () => {
  const open = "var open = { publicNetworkAccess: 'Enabled', policies: { exportPolicy: { status: 'disabled' } } }\n";
  // No property of its own: one after the spread overrides it, and the fixed file passes.
  const fixed = ownFix(`${open}${registry('    ...open')}`);
  assert.equal(fixed, `${open}${registry("    ...open\n    publicNetworkAccess: 'Disabled'")}`);
  assert.deepEqual(verdicts(fixed!), []);
  // A property before the spread cannot be changed to win, and a second one would be an error: no fix of its own.
  assert.equal(ownFix(`${open}${registry("    publicNetworkAccess: 'Disabled'\n    ...open")}`), undefined);
  // The spread supplies `policies` with other policies in it: setting `policies` after it would drop them.
  const policies = "var policies = { policies: { quarantinePolicy: { status: 'enabled' }, exportPolicy: { status: 'enabled' } } }\n";
  assert.equal(ownFix(`${policies}${registry("    publicNetworkAccess: 'Disabled'\n    ...policies")}`), undefined);
  // A spread that cannot be evaluated may hold anything: only what comes after it would count.
  assert.equal(ownFix(`param shared object\n${registry("    publicNetworkAccess: 'Enabled'\n    ...shared")}`), undefined);
});
