/** Verdicts on the real templates of the shared corpus, as its README states them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';
import { fixAllChoosingFirst } from '../unit/fixChoices';
import { parseJson } from '../../server/src/core/syntax/json';
import { corpusUri, readCorpus, SKIP_REASON } from './corpusPath';

function analyzeCorpus(relative: string, text = readCorpus(relative)) {
  const analysis = analyzeDocument({ uri: corpusUri(relative), text });
  assert.equal(analysis.internalError, undefined);
  return analysis;
}

/** The fix of every finding applied in memory (the corpus itself is never written) must re-analyse clean. */
function assertFixesClean(relative: string): string {
  const text = readCorpus(relative);
  const fixed = applyEdits(text, fixAllChoosingFirst(analyzeCorpus(relative, text).findings));
  assert.ok(parseJson(fixed).errors.length <= parseJson(text).errors.length);
  assert.deepEqual(analyzeCorpus(relative, fixed).findings.map((f) => f.message), []);
  return fixed;
}

test('PSRule test data: of 19 exported registries only registry-M passes', { skip: SKIP_REASON }, () => {
  const registries = JSON.parse(readCorpus('psrule/Resources.ACR.json')) as Record<string, unknown>[];
  assert.equal(registries.length, 19);
  const failing: string[] = [];
  for (const exported of registries) {
    // Not a template: wrap each exported object as a template resource, keeping its PascalCase keys.
    const resource = { type: exported.Type, apiVersion: '2025-11-01', name: exported.Name, sku: exported.Sku, properties: exported.Properties };
    const text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [resource] }, null, 2);
    const analysis = analyzeDocument({ uri: `file:///psrule/${String(exported.Name)}.json`, text });
    if (analysis.findings.length > 0) failing.push(String(exported.Name));
  }
  assert.deepEqual(failing, registries.map((r) => String(r.Name)).filter((name) => name !== 'registry-M'));
});

test('the rule documentation example passes', { skip: SKIP_REASON }, () => {
  assert.deepEqual(analyzeCorpus('psrule/docs-example-acr.json').findings, []);
});

test('geo-replication quickstart: the registry fails on both properties; the replication is not a registry', { skip: SKIP_REASON }, () => {
  const analysis = analyzeCorpus('arm/quickstart-acr-geo-replication.azuredeploy.json');
  assert.equal(analysis.findings.length, 1);
  const finding = analysis.findings[0]!;
  assert.equal(finding.resource.type, 'Microsoft.ContainerRegistry/registries');
  assert.match(finding.message, /exportPolicy\.status is missing \(must be 'disabled'\) and properties\.publicNetworkAccess is missing/);
  assert.match(finding.message, /API version 2019-12-01-preview predates export policies/);
  const fixed = assertFixesClean('arm/quickstart-acr-geo-replication.azuredeploy.json');
  assert.ok(!/[^\r]\n/.test(fixed), 'the CRLF file stays CRLF after the fix');
  assert.match(fixed, /"apiVersion": "2025-11-01"/);
});

test('Bicep sample (classic and symbolic-name JSON): fails, and the fix raises the API version', { skip: SKIP_REASON }, () => {
  for (const file of ['arm/bicep-sample-container-registry.main.json', 'arm/bicep-sample-container-registry.main.symbolicnames.json']) {
    const analysis = analyzeCorpus(file);
    assert.equal(analysis.findings.length, 1, file);
    assert.match(analysis.findings[0]!.message, /API version 2019-12-01-preview/);
    assert.match(assertFixesClean(file), /"apiVersion": "2025-11-01"/);
  }
});

test('AVM registry module: exactly one finding, public network access evaluates to absent, export status to disabled', { skip: SKIP_REASON }, () => {
  const file = 'arm/avm-container-registry.main.json';
  const analysis = analyzeCorpus(file);
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  // publicNetworkAccess is variables('publicNetworkAccessMode'): with no private endpoints and no value it is null().
  assert.match(finding!.message, /^Container registry '\[parameters\('name'\)\]' can export artifacts: properties\.publicNetworkAccess is null from variable 'publicNetworkAccessMode' \(line \d+\) \(must be 'Disabled'\)\.$/);
  assert.doesNotMatch(finding!.message, /exportPolicy/);
  const exportStatus = finding!.resource.instances[0]!.resolve(['properties', 'policies', 'exportPolicy', 'status']).value;
  assert.equal(exportStatus?.kind === 'string' && exportStatus.value, 'disabled');
  assertFixesClean(file);
});

test('policies-and-diagnostics quickstart: both reasons named, the Basic SKU noted', { skip: SKIP_REASON }, () => {
  const file = 'arm/quickstart-acr-policies-diagnostics.azuredeploy.json';
  const [finding, ...rest] = analyzeCorpus(file).findings;
  assert.equal(rest.length, 0);
  assert.match(finding!.message, /exportPolicy\.status is missing from the default value of parameter 'policies' \(must be 'disabled'\)/, 'policies defaults to {}');
  assert.match(finding!.message, /publicNetworkAccess is 'Enabled' from the default value of parameter 'publicNetworkAccess'/);
  assert.match(finding!.message, /sku\.name is 'Basic'/);
  // The exportPolicy mention in a parameter's metadata is a decoy: nothing reads it.
  assertFixesClean(file);
});

test('AVM landing zone (3.3 MB): the registry three deployments deep passes', { skip: SKIP_REASON }, () => {
  const file = 'arm/avm-aca-lza-hosting-environment.main.json';
  const analysis = analyzeCorpus(file);
  const registries = analysis.resources.filter((r) => r.type.toLowerCase() === 'microsoft.containerregistry/registries');
  assert.equal(registries.length, 1, 'the existing registries are references only');
  const [registry] = registries;
  assert.equal(registry!.deploymentPath.length, 3);
  const instance = registry!.instances[0]!;
  const text = readCorpus(file);
  const origin = (path: string[]) => {
    const value = instance.resolve(path).value!;
    return { value: value.kind === 'string' ? value.value : value.kind, written: text.slice(value.origin!.span.start, value.origin!.span.end) };
  };
  // The supporting-services module passes acrSku 'Premium' and publicNetworkAccess 'Disabled' to the AVM registry
  // module, whose exportPolicyStatus defaults to 'disabled' and is emitted because the SKU is Premium: it passes.
  assert.deepEqual(origin(['sku', 'name']), { value: 'Premium', written: '"Premium"' });
  assert.deepEqual(origin(['properties', 'publicNetworkAccess']), { value: 'Disabled', written: '"Disabled"' });
  assert.deepEqual(origin(['properties', 'policies', 'exportPolicy', 'status']), { value: 'disabled', written: '"disabled"' });
  assert.deepEqual(analysis.findings, []);
});
