/**
 * `execution.ruleSuppressed: Error`: PSRule writes an error for every suppression it applies, before it runs the rule,
 * and its run fails. The analysis gives each one a notice that fails the run, on failing and passing registries alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../server/src/core/analysis/analyzeDocument';
import { loadProjectConfiguration, type ConfigFileSource } from '../../../server/src/core/psrule/projectConfiguration';

const registry = (name: string, access: string, pragma = '') =>
  `${pragma}resource ${name} 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: '${name}'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: '${access}'\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n`;

function analyse(text: string, yaml: string) {
  const files: Record<string, string> = { '/w/ps-rule.yaml': yaml, '/w/.ps-rule/old.Rule.yaml': 'apiVersion: github.com/microsoft/PSRule/v1\nkind: SuppressionGroup\nmetadata:\n  name: old-ones\nspec:\n  rule: [ Azure.ACR.ExportPolicy ]\n  if:\n    name: \'.\'\n    startsWith: old\n' };
  const source: ConfigFileSource = { readFile: (path) => files[path], listDir: (path) => Object.keys(files).filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1)) };
  const project = loadProjectConfiguration('/w/main.bicep', '/w', source);
  assert.deepEqual(project.diagnostics, []);
  return analyzeDocument({ uri: 'file:///w/main.bicep', text }, { configuration: { project, filePath: '/w/main.bicep', now: new Date('2026-01-01T00:00:00Z') } });
}

const TEXT = registry('named', 'Enabled') + registry('oldfailing', 'Enabled') + registry('oldpassing', 'Disabled') + registry('pragma', 'Enabled', '#disable-next-line Azure.ACR.ExportPolicy\n') + registry('plain', 'Enabled');
const OPTIONS = 'suppression:\n  Azure.ACR.ExportPolicy: [ named ]\nexecution:\n  ruleSuppressed: Error\n';

test('each suppression PSRule applies fails its run: a notice that says so, where the registry is, failing or passing', () => {
  const analysis = analyse(TEXT, OPTIONS);
  assert.deepEqual(analysis.findings.map((f) => f.resource.displayName), ['plain']);
  assert.deepEqual(analysis.suppressed.map((f) => f.resource.displayName).sort(), ['named', 'oldfailing', 'pragma']);
  const notices = analysis.notices.map((n) => ({ at: TEXT.slice(n.span.start, n.span.end), message: n.message, severity: n.severity, failsRun: n.failsRun }));
  assert.deepEqual(notices, [
    { at: "'Enabled'", severity: 'error', failsRun: true, message: "PSRule fails its run on this suppression (execution.ruleSuppressed is Error in /w/ps-rule.yaml): Azure.ACR.ExportPolicy is suppressed for 'named' by /w/ps-rule.yaml." },
    { at: "'Enabled'", severity: 'error', failsRun: true, message: "PSRule fails its run on this suppression (execution.ruleSuppressed is Error in /w/ps-rule.yaml): Azure.ACR.ExportPolicy is suppressed by suppression group 'old-ones' (/w/.ps-rule/old.Rule.yaml)." },
    { at: "'oldpassing'", severity: 'error', failsRun: true, message: "PSRule fails its run on this suppression (execution.ruleSuppressed is Error in /w/ps-rule.yaml): Azure.ACR.ExportPolicy is suppressed by suppression group 'old-ones' (/w/.ps-rule/old.Rule.yaml), though 'oldpassing' passes it." },
  ]);
  // Each on its own registry: the failing value, or the passing one's name.
  const registryAt = (offset: number) => /resource (\w+)/.exec(TEXT.slice(TEXT.lastIndexOf('resource ', offset)))![1];
  assert.deepEqual(analysis.notices.map((n) => registryAt(n.span.start)), ['named', 'oldfailing', 'oldpassing']);
});

test('no such notice for a pragma (PSRule does not read it), under another preference, or for a rule PSRule does not run', () => {
  for (const preference of ['Warn', 'Ignore', 'Debug', 'None']) {
    assert.deepEqual(analyse(TEXT, OPTIONS.replace('Error', preference)).notices, [], preference);
  }
  assert.deepEqual(analyse(TEXT, `${OPTIONS}rule:\n  exclude: [ Azure.ACR.ExportPolicy ]\n`).notices, []);
  assert.deepEqual(analyse(registry('pragma', 'Enabled', '#disable-next-line Azure.ACR.ExportPolicy\n'), OPTIONS).notices, []);
});

test('a registry under a pragma that PSRule suppresses too fails its run: PSRule reads only its own suppression', () => {
  const text = registry('named', 'Enabled', '#disable-next-line Azure.ACR.ExportPolicy\n');
  const analysis = analyse(text, OPTIONS);
  assert.deepEqual(analysis.notices.map((n) => [n.failsRun, n.message]), [[true, "PSRule fails its run on this suppression (execution.ruleSuppressed is Error in /w/ps-rule.yaml): Azure.ACR.ExportPolicy is suppressed for 'named' by /w/ps-rule.yaml."]]);
});
