/** Verdicts on the corpus Bicep files, as the corpus README states them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';
import { fixAllChoosingFirst } from '../unit/fixChoices';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { corpusUri, readCorpus, SKIP_REASON } from './corpusPath';

function analyze(relative: string, text = readCorpus(relative)) {
  const analysis = analyzeDocument({ uri: corpusUri(relative), text });
  assert.equal(analysis.internalError, undefined);
  return analysis;
}

function assertFixesClean(relative: string): void {
  const text = readCorpus(relative);
  const fixed = applyEdits(text, fixAllChoosingFirst(analyze(relative, text).findings));
  assert.deepEqual(parseBicep(fixed).diagnostics, []);
  assert.deepEqual(analyze(relative, fixed).findings.map((f) => f.message), []);
}

test('AVM registry main.bicep fails on public network access only, as its compiled twin', { skip: SKIP_REASON }, () => {
  const file = 'bicep/avm-container-registry.main.bicep';
  const [finding, ...rest] = analyze(file).findings;
  assert.equal(rest.length, 0);
  assert.match(finding!.message, /properties\.publicNetworkAccess is null from variable 'publicNetworkAccessMode'/);
  assert.doesNotMatch(finding!.message, /exportPolicy/);
  assertFixesClean(file);
});

test('the Bicep sample fails, with the Premium and API-version notes', { skip: SKIP_REASON }, () => {
  const file = 'bicep/bicep-sample-container-registry.main.bicep';
  const [finding] = analyze(file).findings;
  assert.match(finding!.message, /sku\.name is 'Basic'.*API version 2019-12-01-preview/);
  assertFixesClean(file);
});

test('the policies quickstart in Bicep fails like its ARM twin', { skip: SKIP_REASON }, () => {
  const file = 'bicep/quickstart-acr-policies-diagnostics.main.bicep';
  const [finding] = analyze(file).findings;
  assert.match(finding!.message, /exportPolicy\.status is missing .*publicNetworkAccess is 'Enabled' from the default value of parameter 'publicNetworkAccess'/);
  assertFixesClean(file);
});

test('the rule documentation example passes; the bicepparam file has no registry', { skip: SKIP_REASON }, () => {
  assert.deepEqual(analyze('psrule/docs-example-acr.bicep').findings, []);
  assert.deepEqual(analyze('bicep/avm-service-health-alerts.main.bicepparam').findings, []);
});

test('AVM e2e "max" test: its call of the registry module fails, decided by the exportPolicyStatus it passes', { skip: SKIP_REASON }, () => {
  // Served at their places in the module's repository: tests/e2e/max/main.test.bicep calls ../../../main.bicep.
  const caller = 'file:///repo/avm/res/container-registry/registry/tests/e2e/max/main.test.bicep';
  const module = 'file:///repo/avm/res/container-registry/registry/main.bicep';
  const text = readCorpus('bicep/avm-container-registry.tests.e2e.max.main.test.bicep');
  const analysis = analyzeDocument({ uri: caller, text }, { readText: (uri) => (uri === module ? readCorpus('bicep/avm-container-registry.main.bicep') : undefined) });
  assert.equal(analysis.internalError, undefined);
  // The call passes exportPolicyStatus 'enabled' with acrSku 'Premium' (so the export policy is emitted, enabled),
  // and private endpoints together with IP rules, so publicNetworkAccess stays absent: both requirements fail.
  const [finding, ...rest] = analysis.findings;
  assert.equal(rest.length, 0);
  assert.equal(text.slice(finding!.span.start, finding!.span.end), "'enabled'");
  assert.match(finding!.message, /exportPolicy\.status is 'enabled' from parameter 'exportPolicyStatus' as passed in main\.test\.bicep .* and properties\.publicNetworkAccess is null/);
  assert.equal(finding!.related[0]!.location.uri, module);
});
