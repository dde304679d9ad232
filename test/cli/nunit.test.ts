/** `--format nunit`: PSRule's NUnit report shape, with passes, inconclusive and suppressed checks, well-formed XML. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { failing, passing, run, workspace } from './cliHarness';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'test-suite' || name === 'test-case' });

interface TestCase {
  name: string;
  result: string;
  executed: string;
  success: string;
  failure?: { message: string; 'stack-trace': string };
  reason?: { message: string };
}
interface Fixture {
  type: string;
  name: string;
  description: string;
  result: string;
  results: { 'test-case': TestCase[] };
}

/** Well-formed, strictly: fast-xml-parser's validator lets a raw '&' or '<' pass in an attribute value. */
function assertWellFormed(xml: string): void {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const outsideCdata = xml.replace(/<!\[CDATA\[[^]*?\]\]>/g, '');
  assert.doesNotMatch(outsideCdata, /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/, "a bare '&'");
  assert.doesNotMatch(outsideCdata, /="[^"]*</, "a '<' in an attribute value");
  assert.doesNotMatch(outsideCdata, /\]\]>/, "']]>' outside a CDATA section");
}

function report(xml: string) {
  assertWellFormed(xml);
  const document = parser.parse(xml)['test-results'];
  // One suite at the top, as the NUnit 2.5 schema asks, holding a fixture per registry and place.
  assert.equal(document['test-suite'].length, 1);
  const fixtures: Fixture[] = document['test-suite'][0].results['test-suite'] ?? [];
  return { document, fixtures, byPlace: new Map(fixtures.map((fixture) => [fixture.description, fixture])) };
}

test('nunit format: a fixture per registry, a case per rule; failures, inconclusive, ignored (suppressed) and passes counted', () => {
  const required = failing('needsvalue').replace('"Enabled"', '"[parameters(\'access\')]", "policies": { "exportPolicy": { "status": "disabled" } }').replace('"resources"', '"parameters": { "access": { "type": "string" } },\n  "resources"');
  const suppressed = failing('quiet').replace('    {\n      "type"', '    // acr-guard-disable-next-line Azure.ACR.ExportPolicy\n    {\n      "type"');
  const dir = workspace({
    'infra/registry.json': failing('contoso'),
    'infra/ok.json': passing,
    'infra/required.json': required,
    'infra/suppressed.json': suppressed,
    // The rule excluded here: nothing is checked, so nothing passes either.
    'excluded/ps-rule.yaml': 'rule:\n  exclude: [ Azure.ACR.ExportPolicy ]\n',
    'excluded/ok.json': passing,
  });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'nunit');
  assert.equal(code, 1);
  const { document, fixtures, byPlace } = report(stdout);
  assert.deepEqual(
    { total: document.total, failures: document.failures, inconclusive: document.inconclusive, ignored: document.ignored, notRun: document['not-run'] },
    { total: '3', failures: '1', inconclusive: '1', ignored: '1', notRun: '1' },
  );
  assert.equal(document['test-suite'][0].result, 'Failure');
  assert.deepEqual(fixtures.map((f) => [f.name, f.result, f.description]).sort(), [
    ['contoso', 'Failure', 'infra/registry.json:5:5'],
    ['good', 'Success', 'infra/ok.json:5:5'],
    ['needsvalue', 'Inconclusive', 'infra/required.json:6:5'],
    ['quiet', 'Ignored', 'infra/suppressed.json:6:5'],
  ]);

  const [failed] = byPlace.get('infra/registry.json:5:5')!.results['test-case'];
  assert.deepEqual([failed!.name, failed!.executed, failed!.success], ['contoso -- Azure.ACR.ExportPolicy', 'True', 'False']);
  assert.match(failed!.failure!.message, /^Container registry 'contoso' can export artifacts: .*\nhttps:\/\/azure\.github\.io\/PSRule\.Rules\.Azure\/en\/rules\/Azure\.ACR\.ExportPolicy\/$/);
  assert.equal(failed!.failure!['stack-trace'], 'at infra/registry.json:11:32');

  const [passed] = byPlace.get('infra/ok.json:5:5')!.results['test-case'];
  assert.deepEqual([passed!.name, passed!.result, passed!.executed, passed!.success, passed!.failure], ['good -- Azure.ACR.ExportPolicy', 'Success', 'True', 'True', undefined]);

  const [unknown] = byPlace.get('infra/required.json:6:5')!.results['test-case'];
  assert.match(unknown!.reason!.message, /cannot be verified \(parameter 'access' has no value\)\./);

  const [ignored] = byPlace.get('infra/suppressed.json:6:5')!.results['test-case'];
  assert.deepEqual([ignored!.result, ignored!.executed], ['Ignored', 'False']);
  assert.match(ignored!.reason!.message, /\(suppressed by an inline comment on line 5\)\n/);
});

test('nunit format: a module registry is a fixture where the module is deployed and one in its own file; names are escaped', () => {
  const module = "param access string = 'Disabled'\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'a&b<c>\"d]]>e'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: access\n    policies: { exportPolicy: { status: 'disabled' } }\n  }\n}\n";
  const main = "module one 'modules/acr.bicep' = {\n  name: 'one'\n  params: {\n    access: 'Enabled'\n  }\n}\nmodule two 'modules/acr.bicep' = {\n  name: 'two'\n}\n";
  const dir = workspace({ 'main.bicep': main, 'modules/acr.bicep': module });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'nunit');
  assert.equal(code, 1);
  const { document, fixtures } = report(stdout);
  assert.deepEqual([document.total, document.failures], ['2', '1']);
  // The module passes on its own and where `two` deploys it with its default; `one` passes 'Enabled': a failure there.
  assert.deepEqual(fixtures.map((f) => [f.name, f.result, f.description]), [
    ['a&b<c>"d]]>e', 'Failure', 'main.bicep:4:13'],
    ['a&b<c>"d]]>e', 'Success', 'modules/acr.bicep:2:1'],
  ]);
  assert.ok(fixtures[0]!.results['test-case'][0]!.failure!.message.startsWith('Container registry \'a&b<c>"d]]>e\' can export artifacts: '));
  assert.match(fixtures[0]!.results['test-case'][0]!.failure!.message, /from parameter 'access' as passed in main\.bicep \(must be 'Disabled'\)\.\n/);
});

test('nunit format: a scan without registries is an empty, successful report', () => {
  const dir = workspace({ 'empty.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [] }' });
  const { code, stdout } = run(dir, 'scan', '.', '--format', 'nunit');
  assert.equal(code, 0);
  const { document, fixtures } = report(stdout);
  assert.deepEqual([document.total, document.failures, document['test-suite'][0].result], ['0', '0', 'Success']);
  assert.deepEqual(fixtures, []);
});

test('nunit format: what the scan could not read is an error of the report, as it is of the exit code', () => {
  const dir = workspace({ 'ok.json': passing });
  const { code, stdout } = run(dir, 'scan', '.', 'missing', '--format', 'nunit');
  assert.equal(code, 2);
  const { document, fixtures } = report(stdout);
  assert.deepEqual([document.total, document.errors, document.failures, document['test-suite'][0].result], ['2', '1', '0', 'Error']);
  const errors = fixtures.find((f) => f.name === 'acr-guard scan errors')!;
  assert.equal(errors.result, 'Error');
  const [error] = errors.results['test-case'];
  assert.deepEqual([error!.result, error!.success], ['Error', 'False']);
  assert.match(error!.failure!.message, /cannot read 'missing'/);
});
