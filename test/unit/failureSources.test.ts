/**
 * A failure that follows from values passed to a template (a parameter file's, a caller's) without any of them being
 * the failing value: which values it follows from, where it is reported, and what points at the others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { followingFrom } from '../../server/src/core/analysis/parameterFindings';
import { FlagFlips } from '../../server/src/core/analysis/flagFlips';
import { bool } from '../../server/src/core/evaluate/value';
import type { RuleFinding } from '../../server/src/core/rules/rule';

const TWO_FLAGS = `param exportable bool = false
param isPrivate bool = true
resource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'contoso'
  sku: { name: 'Premium' }
  properties: {
    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'
    policies: { exportPolicy: { status: exportable ? 'enabled' : 'disabled' } }
  }
}
`;

const filesOf = (files: Record<string, string>) => ({ readText: (uri: string) => files[uri.slice('file:///w/'.length)] });

test('two values of a .bicepparam file each decide a failure: reported on the first, with a related location on the other', () => {
  const text = "using './main.bicep'\nparam exportable = true\nparam isPrivate = false\n";
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicepparam', text }, filesOf({ 'main.bicep': TWO_FLAGS })).findings;
  assert.equal(rest.length, 0);
  assert.equal(text.slice(finding!.span.start, finding!.span.end), 'true');
  const other = finding!.related.find((r) => r.message === "parameter 'isPrivate' is set here");
  assert.equal(other?.location.uri, 'file:///w/main.bicepparam');
  assert.equal(text.slice(other!.location.span.start, other!.location.span.end), 'false');
});

test('two values a caller passes each decide a failure in the module: reported on the first, with a related location on the other', () => {
  const text = "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    exportable: true\n    isPrivate: false\n  }\n}\n";
  const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicep', text }, filesOf({ 'registry.bicep': TWO_FLAGS })).findings;
  assert.equal(rest.length, 0);
  assert.match(finding!.message, /Its properties\.policies\.exportPolicy\.status follows from parameter 'exportable' and its properties\.publicNetworkAccess from parameter 'isPrivate', as passed here\.$/);
  assert.equal(text.slice(finding!.span.start, finding!.span.end), 'true');
  const other = finding!.related.find((r) => r.message === "parameter 'isPrivate' is passed here");
  assert.equal(text.slice(other!.location.span.start, other!.location.span.end), 'false');
});

test('the sentence naming what a failure follows from replaces the one a file further down wrote, whatever its form', () => {
  const base = "Container registry 'a' can export artifacts: x is 'enabled' and y is 'Enabled'. The registry is declared in r.bicep.";
  const one = { sources: [{ passed: { name: 'p', span: { start: 0, end: 1 } }, paths: ['y'] }], failing: 2 };
  const all = { sources: [{ passed: { name: 'q', span: { start: 0, end: 1 } }, paths: ['x', 'y'] }], failing: 2 };
  const caller = followingFrom(base, one, ['as passed here', 'as passed here']);
  assert.equal(caller, `${base} Its y follows from parameter 'p' as passed here.`);
  assert.equal(followingFrom(caller, all, ['as this file sets it', 'as this file sets them']), `${base} It follows from parameter 'q' as this file sets it.`);
  assert.equal(followingFrom(`${base} It follows from parameter 'q' as this file sets it.`, one, ['as passed here', 'as passed here']), caller);
});

test('setting a flag the other way is offered as a choice, and only where the file writes it and it takes the failure away', () => {
  const template = "param isPrivate bool\nparam env string\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'contoso'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: env == 'prod' ? 'disabled' : 'enabled' } }\n  }\n}\n";
  const fixesOf = (text: string, files: Record<string, string>) => {
    const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicepparam', text }, filesOf({ 'main.bicep': template, ...files })).findings;
    assert.equal(rest.length, 0);
    return finding!.fixes().filter((fix) => !fix.suppresses);
  };
  const [flip, ...others] = fixesOf("using './main.bicep'\nparam isPrivate = false\nparam env = 'prod'\n", {});
  assert.equal(others.length, 0);
  assert.deepEqual([flip!.title, flip!.isPreferred, flip!.needsChoice], ["Set parameter 'isPrivate' to true", false, true]);
  // Set in the file this one extends: the edit would belong there, and the finding sits on the extends statement.
  assert.deepEqual(fixesOf("using './main.bicep'\nextends 'base.bicepparam'\nparam env = 'prod'\n", { 'base.bicepparam': 'using none\nparam isPrivate = false\n' }), []);
  // The export status follows from a string the template compares: setting the flag alone would not clear the finding.
  assert.deepEqual(fixesOf("using './main.bicep'\nparam isPrivate = false\nparam env = 'dev'\n", {}), []);
});

test("a flag a caller passes: set the other way only where it is written as true or false, and only when the module's registry then passes", () => {
  const module = (ownStatus: string) => `param isPrivate bool = true\nresource acr 'Microsoft.ContainerRegistry/registries@2025-11-01' = {\n  name: 'modreg'\n  sku: { name: 'Premium' }\n  properties: {\n    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'\n    policies: { exportPolicy: { status: '${ownStatus}' } }\n  }\n}\n`;
  const titles = (caller: string, status: string) => {
    const [finding, ...rest] = analyzeDocument({ uri: 'file:///w/main.bicep', text: caller }, filesOf({ 'registry.bicep': module(status) })).findings;
    assert.equal(rest.length, 0);
    return finding!.fixes().filter((fix) => !fix.suppresses).map((fix) => fix.title);
  };
  const literal = "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    isPrivate: false\n  }\n}\n";
  assert.deepEqual(titles(literal, 'disabled'), ["Set parameter 'isPrivate' to true"]);
  // The caller's own parameter: its default is set the other way, not the expression passed.
  assert.deepEqual(titles(`param private bool = false\n${literal.replace('isPrivate: false', 'isPrivate: private')}`, 'disabled'), ["Set the default of parameter 'private' to true"]);
  // The module fails by itself too: the flag alone leaves a finding here.
  assert.deepEqual(titles(literal, 'enabled'), []);
});

test('the hover of a finding reported elsewhere quotes the message as it is reported there', () => {
  const text = "using './main.bicep'\nparam exportable = true\nparam isPrivate = false\n";
  const [inFile] = analyzeDocument({ uri: 'file:///w/main.bicepparam', text }, filesOf({ 'main.bicep': TWO_FLAGS })).findings;
  assert.ok(inFile!.hover().includes(`\n${inFile!.message}\n`));
  const caller = "module m './registry.bicep' = {\n  name: 'm'\n  params: {\n    exportable: true\n    isPrivate: false\n  }\n}\n";
  const [atCaller] = analyzeDocument({ uri: 'file:///w/main.bicep', text: caller }, filesOf({ 'registry.bicep': TWO_FLAGS })).findings;
  assert.match(atCaller!.message, /The registry is declared in registry\.bicep\. Its /);
  assert.ok(atCaller!.hover().includes(`\n${atCaller!.message}\n`));
});

test('past eight flags a failure waits for, they are set the other way together: each try is a whole analysis', () => {
  const flags = Array.from({ length: 40 }, (_, i) => ({ name: `flag${i}`, span: { start: i, end: i + 1 }, written: true }));
  const values = new Map(flags.map((flag) => [flag.name, () => bool(false)] as const));
  let analyses = 0;
  const flips = new FlagFlips('file:///w/main.bicepparam', values, () => {
    analyses++;
    return [];
  }, () => true);
  const finding = { resource: { uri: 'file:///w/main.bicep', declarationSpan: { start: 0, end: 1 } } } as unknown as RuleFinding;
  const [fix] = flips.fixes(finding, { sources: [{ passed: flags[0]!, paths: ['properties.publicNetworkAccess'] }], failing: 1, involved: flags });
  assert.equal(analyses, 1);
  assert.equal(fix?.edits.length, 40);
});
