/**
 * Suppression groups' `spec.if` as PSRule reads and evaluates it (LanguageExpressions.cs, ExpressionHelpers.cs,
 * TypeConverter.cs, LanguageExpressionDeserializer.cs): every operator against name, type and tags, the YAML shapes
 * PSRule's parser takes, and a group using match in a real analysis. The .NET text semantics underneath are in
 * dotnetSemantics.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { loadProjectConfiguration, type ConfigFileSource } from '../../server/src/core/psrule/projectConfiguration';
import { matchingGroup, parseSuppressionGroups, type SuppressionTarget } from '../../server/src/core/psrule/suppressionGroups';
import { FALSE, THROWS, TRUE, evaluate } from '../../server/src/core/psrule/psruleExpressions';
import { registry, template } from './rules/armCases';

const target: SuppressionTarget = {
  ruleId: 'Azure.ACR.ExportPolicy',
  ruleRef: 'AZR-000495',
  name: 'devRegistry01',
  type: 'Microsoft.ContainerRegistry/registries',
  tags: {
    Env: 'Dev', count: 5, ratio: 1.5, enabled: true, boolText: 'True', numText: '42', costCenter: '007', hex: '0x10', owners: ['alice', 'Bob'],
    dupes: ['a', 'a'], list: [1, 'two'], single: 'x', empty: '', nothing: null, nested: { Team: 'platform' }, created: '2024-01-01T00:00:00Z',
    multiline: 'line\n', cr: 'a\rb', star: 'a*', lower: 'abc-1', upper: 'ABC-1', 'cost center': 'cc1',
  },
};

const groupYaml = (spec: string, apiVersion = 'github.com/microsoft/PSRule/v1') =>
  `---\napiVersion: ${apiVersion}\nkind: SuppressionGroup\nmetadata:\n  name: group1\nspec:\n  rule: [ Azure.ACR.ExportPolicy ]\n${spec}`;

const names: Record<number, string> = { [TRUE]: 'true', [FALSE]: 'false', [THROWS]: 'throws' };

/** What PSRule can answer for `spec.if: <flow>`: 'true', 'false', 'throws', a mix such as 'true|throws', or 'unreadable'. */
function outcome(flow: string, resource: SuppressionTarget = target): string {
  const { groups } = parseSuppressionGroups(groupYaml(`  if: ${flow}\n`), '/w/.ps-rule/g.Rule.yaml');
  const group = groups[0]!;
  if (group.unreadable) return 'unreadable';
  if (!group.condition) return 'true';
  const set = evaluate(group.condition, resource);
  return [TRUE, FALSE, THROWS].filter((bit) => set & bit).map((bit) => names[bit]).join('|');
}

function table(rows: [string, string][]): void {
  for (const [flow, expected] of rows) assert.equal(outcome(flow), expected, flow);
}

const UNKNOWN = 'true|false|throws';

test('equals and notEquals: case-insensitive text unless caseSensitive, typed comparison of YAML text with longs and booleans', () => {
  table([
    ["{ name: '.', equals: DEVREGISTRY01 }", 'true'],
    ["{ name: '.', equals: DEVREGISTRY01, caseSensitive: true }", 'false'],
    ["{ name: '.', equals: devRegistry01, caseSensitive: 'TRUE' }", 'true'],
    ["{ name: '.', equals: DEVREGISTRY01, caseSensitive: yes }", 'true'], // bool.TryParse rejects yes: the default applies
    ['{ field: tags.count, equals: 5 }', 'true'],
    ["{ field: tags.count, equals: '05' }", 'true'], // both parse as longs
    ["{ field: tags.count, equals: '05', convert: true }", 'false'], // the number becomes the text 5 first
    ['{ field: tags.count, equals: 5, convert: true }', 'true'],
    ['{ field: tags.costCenter, equals: 007 }', 'true'], // YAML text, never the number 7
    ['{ field: tags.hex, equals: 0x10 }', 'true'],
    ['{ field: tags.enabled, equals: TRUE }', 'true'],
    ['{ field: tags.enabled, equals: 1 }', 'false'],
    ['{ field: tags.enabled, equals: true, convert: true, caseSensitive: true }', 'false'], // "true" against "True"
    ['{ field: tags.ratio, equals: 1.5 }', 'false'], // a double equals nothing from YAML
    ['{ field: tags.owners, equals: [alice, Bob] }', 'true'],
    ['{ field: tags.owners, equals: [alice, bob] }', 'false'], // sequences compare case-sensitively
    ['{ field: tags.nothing, equals: "null" }', 'false'],
    ['{ field: tags.missing, equals: x }', 'false'],
    ['{ value: abc, equals: ABC }', 'true'],
    ["{ name: 'devRegistry01', equals: devRegistry01 }", 'false'], // name must be '.'
    ["{ field: tags.missing, name: '.', equals: devRegistry01 }", 'true'], // a missing field falls back to name
    ["{ field: tags.created, equals: '2024-01-01T00:00:00Z' }", UNKNOWN], // PSRule for Azure may read it as a DateTime
    ["{ name: '.', notEquals: DEVREGISTRY01 }", 'false'],
    ["{ name: '.', notEquals: DEVREGISTRY01, caseSensitive: true }", 'true'],
    ['{ field: tags.missing, notEquals: x }', 'true'],
    ["{ field: tags.count, notEquals: '05' }", 'false'],
    ['{ field: tags.nothing, notEquals: x }', 'true'],
  ]);
});

test('exists, hasValue and hasDefault, with missing, null, empty and object fields', () => {
  table([
    ['{ field: TAGS.ENV, exists: true }', 'true'],
    ['{ field: tags.nested.team, exists: true }', 'true'],
    ["{ field: \"tags.'cost center'\", exists: true }", 'true'],
    ['{ field: tags.env.length, exists: true }', 'false'],
    ['{ field: tags.missing, exists: false }', 'true'],
    ["{ name: '.', exists: true }", 'false'], // exists needs a field
    ['{ field: tags.env, exists: yes }', 'false'],
    ['{ field: tags.empty, hasValue: true }', 'false'],
    ['{ field: tags.empty, hasValue: false }', 'true'],
    ['{ field: tags.missing, hasValue: false }', 'true'],
    ['{ field: tags.missing, hasValue: true }', 'false'],
    ['{ field: tags.nothing, hasValue: false }', 'true'],
    ['{ field: tags.nested, hasValue: true }', 'true'],
    ['{ field: tags.owners, hasValue: true }', 'true'],
    ['{ field: tags.missing, hasDefault: x }', 'true'],
    ['{ field: tags.env, hasDefault: dev }', 'true'],
    ['{ field: tags.env, hasDefault: dev, caseSensitive: true }', 'false'],
    ['{ field: tags.count, hasDefault: 5 }', 'true'],
  ]);
});

test('in and notIn: a YAML list is required, comparison ignores caseSensitive and does not convert', () => {
  table([
    ["{ name: '.', in: [DEVREGISTRY01] }", 'true'],
    ["{ name: '.', in: [DEVREGISTRY01], caseSensitive: true }", 'true'],
    ["{ name: '.', in: devRegistry01 }", 'false'],
    ['{ field: tags.count, in: [5] }', 'false'],
    ['{ field: tags.owners, in: [BOB] }', 'true'],
    ["{ name: '.', in: [] }", 'false'],
    ['{ field: tags.missing, notIn: [x] }', 'true'],
    ['{ field: tags.missing, notIn: x }', 'false'],
    ["{ name: '.', notIn: [prod, test] }", 'true'],
    ['{ field: tags.owners, notIn: [bob] }', 'false'],
    ["{ name: '.', notIn: [] }", 'true'],
  ]);
});

test('match and notMatch: .NET regular expressions, unanchored, case-insensitive by default', () => {
  table([
    ["{ name: '.', match: '^dev' }", 'true'],
    ["{ name: '.', match: '^DEV' }", 'true'],
    ["{ name: '.', match: '^DEV', caseSensitive: true }", 'false'],
    ["{ name: '.', match: 'registry' }", 'true'],
    ["{ name: '.', match: 'registry', caseSensitive: true }", 'false'],
    ["{ name: '.', match: '^dev\\w+\\d{2}$' }", 'true'],
    ["{ name: '.', match: '^dev$' }", 'false'],
    ["{ field: tags.multiline, match: 'line$' }", 'true'], // $ also matches before a final newline
    ["{ field: tags.multiline, match: 'line\\z' }", 'false'],
    ["{ field: tags.cr, match: '^a.b$' }", 'true'], // . matches \\r in .NET
    ["{ field: tags.count, match: '5' }", 'false'],
    ["{ field: tags.count, notMatch: '5' }", 'true'],
    ["{ field: tags.count, match: '[' }", 'false'], // the pattern is never built for a non-text value
    ["{ name: '.', match: '[' }", 'throws'],
    ["{ name: '.', notMatch: '[' }", 'throws'],
    ["{ name: '.', match: '(a)\\1' }", UNKNOWN],
    ["{ name: '.', match: '(?<prefix>dev)(?i)R' }", 'true'],
    ["{ name: '.', match: [dev] }", 'false'], // a list is no pattern
    ['{ field: tags.missing, notMatch: x }', 'true'],
    ['{ field: tags.missing, match: x }', 'false'],
    ["{ name: '.', notMatch: '^prod' }", 'true'],
  ]);
});

test('like and notLike: PowerShell wildcards on the whole value', () => {
  table([
    ["{ name: '.', like: 'dev*' }", 'true'],
    ["{ name: '.', like: 'DEV*' }", 'true'],
    ["{ name: '.', like: 'DEV*', caseSensitive: true }", 'false'],
    ["{ name: '.', like: 'dev' }", 'false'],
    ["{ name: '.', like: 'dev?egistry01' }", 'true'],
    ["{ name: '.', like: 'dev??egistry01' }", 'false'],
    ["{ name: '.', like: '[a-d]ev*' }", 'true'],
    ["{ name: '.', like: '[e-z]ev*' }", 'false'],
    ["{ name: '.', like: ['prod*', 'dev*'] }", 'true'],
    ["{ field: tags.count, like: '5' }", 'false'],
    ["{ field: tags.count, like: '5', convert: true }", 'true'],
    ["{ field: tags.star, like: 'a`*' }", 'true'],
    ["{ field: tags.single, like: 'x`*' }", 'false'],
    ["{ name: '.', like: 'dev[' }", 'throws'],
    ["{ field: tags.missing, notLike: 'x*' }", 'false'],
    ["{ field: tags.count, notLike: '5' }", 'true'],
    ["{ name: '.', notLike: ['prod*', '*01'] }", 'false'],
  ]);
});

test('startsWith, endsWith, contains and their negations: text or list operands, caseSensitive, convert', () => {
  table([
    ["{ name: '.', startsWith: DEV }", 'true'],
    ["{ name: '.', startsWith: DEV, caseSensitive: true }", 'false'],
    ["{ name: '.', startsWith: [prod, DEV] }", 'true'],
    ["{ name: '.', startsWith: [] }", 'false'],
    ['{ field: tags.owners, startsWith: bo }', 'true'],
    ["{ field: tags.count, startsWith: '5' }", 'false'],
    ["{ field: tags.count, startsWith: '5', convert: true }", 'true'],
    ['{ field: tags.list, startsWith: two }', 'throws'], // PSRule meets the number as a null string
    ['{ field: tags.list, startsWith: two, convert: true }', 'true'],
    ['{ field: tags.missing, notStartsWith: x }', 'false'],
    ['{ field: tags.count, notStartsWith: x }', 'true'],
    ["{ name: '.', notStartsWith: [] }", 'true'],
    ["{ name: '.', endsWith: [x, '01'] }", 'true'],
    ["{ name: '.', notEndsWith: '01' }", 'false'],
    ["{ name: '.', contains: REG }", 'true'],
    ["{ name: '.', notContains: REG }", 'false'],
    ["{ name: '.', notContains: REG, caseSensitive: true }", 'true'],
    ['{ field: tags.missing, notContains: x }', 'false'],
  ]);
});

test('greater, less and their OrEquals forms: numbers, text length, list length, null as zero', () => {
  table([
    ['{ field: tags.count, greater: 4 }', 'true'],
    ['{ field: tags.count, greater: 5 }', 'false'],
    ['{ field: tags.count, greaterOrEquals: 5 }', 'true'],
    ['{ field: tags.count, less: 6 }', 'true'],
    ['{ field: tags.count, lessOrEquals: 4 }', 'false'],
    ["{ name: '.', greater: 12 }", 'true'], // devRegistry01 has 13 characters
    ["{ name: '.', less: 13 }", 'false'],
    ["{ name: '.', lessOrEquals: 13 }", 'true'],
    ['{ field: tags.owners, greater: 1 }', 'true'],
    ['{ field: tags.numText, greater: 10 }', 'false'], // the text "42" has two characters
    ['{ field: tags.numText, greater: 10, convert: true }', 'true'],
    ['{ field: tags.env, greater: 2, convert: true }', UNKNOWN], // PSRule would try the text as a date
    ['{ field: tags.nothing, less: 1 }', 'true'],
    ['{ field: tags.nothing, greater: -1 }', 'true'],
    ['{ field: tags.ratio, greater: 1 }', 'false'],
    ['{ field: tags.nested, greater: 0 }', 'false'],
    ['{ field: tags.count, greater: 4.5 }', 'false'], // the bound must be a long
    ['{ field: tags.missing, less: 1 }', 'false'],
  ]);
});

test('count, notCount, setOf and subset', () => {
  table([
    ['{ field: tags.owners, count: 2 }', 'true'],
    ['{ field: tags.owners, notCount: 2 }', 'false'],
    ["{ name: '.', count: 13 }", 'true'],
    ['{ field: tags.nested, count: 1 }', 'false'],
    ['{ field: tags.nested, notCount: 1 }', 'false'],
    ['{ field: tags.nothing, count: 0 }', 'false'],
    ['{ field: tags.owners, setOf: [BOB, alice] }', 'true'],
    ['{ field: tags.owners, setOf: [alice] }', 'false'],
    ['{ field: tags.owners, setOf: [bob, alice], caseSensitive: true }', 'false'],
    ['{ field: tags.single, setOf: [X] }', 'true'], // a one-character text counts as one item equal to itself
    ['{ field: tags.owners, subset: [alice] }', 'true'],
    ['{ field: tags.owners, subset: [carol] }', 'false'],
    ['{ field: tags.dupes, subset: [a] }', 'true'],
    ['{ field: tags.dupes, subset: [a], unique: true }', 'false'],
    ['{ field: tags.env, subset: [Dev] }', 'false'],
    ["{ name: '.', setOf: [devRegistry01] }", 'false'], // setOf needs a field
  ]);
});

test('type checks and letter case', () => {
  table([
    ['{ field: tags.env, isString: true }', 'true'],
    ['{ field: tags.count, isString: true }', 'false'],
    ['{ field: tags.count, isString: false }', 'true'],
    ['{ field: tags.missing, isString: false }', 'false'],
    ['{ field: tags.owners, isArray: true }', 'true'],
    ['{ field: tags.nested, isArray: true }', 'false'],
    ['{ field: tags.enabled, isBoolean: true }', 'true'],
    ['{ field: tags.boolText, isBoolean: true }', 'false'],
    ['{ field: tags.boolText, isBoolean: true, convert: true }', 'true'],
    ['{ field: tags.count, isBoolean: true, convert: true }', 'true'],
    ['{ field: tags.count, isInteger: true }', 'true'],
    ['{ field: tags.ratio, isInteger: true }', 'false'],
    ['{ field: tags.numText, isInteger: true }', 'false'],
    ['{ field: tags.numText, isInteger: true, convert: true }', 'true'],
    ['{ field: tags.ratio, isNumeric: true }', 'true'],
    ['{ field: tags.env, isNumeric: true }', 'false'],
    ['{ field: tags.env, isNumeric: true, convert: true }', UNKNOWN],
    ['{ field: tags.count, isDateTime: true }', 'false'],
    ['{ field: tags.count, isDateTime: true, convert: true }', 'true'], // an int converts to now plus that many days
    ['{ field: tags.created, isDateTime: true }', UNKNOWN],
    ['{ field: tags.lower, isLower: true }', 'true'],
    ["{ name: '.', isLower: true }", 'false'],
    ['{ field: tags.count, isLower: false }', 'true'],
    ['{ field: tags.upper, isUpper: true }', 'true'],
    ['{ field: tags.env, isUpper: false }', 'true'],
  ]);
});

test('what acr-guard cannot evaluate is unknown, and unknown never becomes a suppression through not', () => {
  table([
    ['{ field: properties.policies.exportPolicy.status, equals: disabled }', UNKNOWN],
    ['{ not: { field: properties.publicNetworkAccess, equals: Enabled } }', UNKNOWN],
    ['{ field: tags.a, exists: true }', UNKNOWN], // PSRule's path reader drops a one-letter last name
    ["{ field: 'tags[0]', exists: true }", UNKNOWN],
    ["{ name: '.', version: '>=1.0.0' }", UNKNOWN],
    ["{ type: '.', apiVersion: '>=2023-01-01' }", UNKNOWN],
    ["{ name: '.', withinPath: [src] }", UNKNOWN],
    ['{ source: Template, equals: x }', UNKNOWN],
    ["{ field: tags.count, version: '>=1.0.0' }", 'false'], // not text: PSRule fails it before parsing
  ]);
});

test('a name or tags the template leaves unknown decide nothing, where missing tags are simply absent', () => {
  const unknownTags = { ...target, tags: undefined, tagsUnknown: true };
  const noTags = { ...target, tags: undefined };
  assert.equal(outcome('{ field: tags.env, exists: false }', noTags), 'true');
  assert.equal(outcome('{ field: tags.env, exists: false }', unknownTags), UNKNOWN);
  assert.equal(outcome('{ field: tags.env, notEquals: prod }', unknownTags), UNKNOWN);
  assert.equal(outcome("{ name: '.', notEquals: prod }", { ...target, nameUnknown: true }), UNKNOWN);
  assert.equal(outcome('{ field: Name, notEquals: prod }', { ...target, nameUnknown: true }), UNKNOWN);
  assert.equal(outcome("{ type: '.', equals: Microsoft.ContainerRegistry/registries }", { ...target, nameUnknown: true, tagsUnknown: true }), 'true');
});

test('allOf, anyOf, not and if: order, short-circuits, empty forms and the YAML shapes PSRule reads', () => {
  table([
    ["{ anyOf: [ { name: '.', equals: devregistry01 }, { field: properties.x, equals: y } ] }", 'true'],
    ["{ anyOf: [ { field: properties.x, equals: y }, { name: '.', equals: devregistry01 } ] }", 'true|throws'],
    ["{ allOf: [ { name: '.', equals: x }, { name: '.', match: '[' } ] }", 'false'],
    ["{ allOf: [ { name: '.', match: '[' }, { name: '.', equals: x } ] }", 'throws'],
    ['{ allOf: [] }', 'true'],
    ['{ anyOf: [] }', 'false'],
    ['{ not: {} }', 'false'],
    ['{ allOf: [ {} ] }', 'throws'],
    ["{ if: { name: '.', equals: devregistry01 } }", 'true'],
    ['{ if: {} }', 'false'],
    ["{ not: [ { name: '.', equals: x }, { name: '.', equals: devregistry01 } ] }", 'true'], // not reads its first child only
    ["{ allOf: { name: '.', startsWith: dev } }", 'true'],
    ["{ name: '.', equals: x, startsWith: dev }", 'true'], // the last condition key wins
    ["{ NAME: '.', EQUALS: devregistry01 }", 'true'],
    ["{ Field: TAGS.Env, Equals: dev }", 'true'],
    ['{ allOf: [ x ] }', 'unreadable'],
    ['{ field: tags.env, equals: { a: 1 } }', 'unreadable'],
    ['{ field: tags.env, equals: { $: { concat: [a] } } }', 'unreadable'],
    ["{ field: tags, allOf: [ { name: '.', equals: devregistry01 } ] }", UNKNOWN], // a sub-selector over a field
    ["'x'", 'unreadable'],
    ['', 'true'],
    ['{}', 'true'],
    ["{ name: '.', equal: x }", 'true'], // no condition PSRule knows: spec.if is always true
    [`${'{ not: '.repeat(63)}{ name: '.', equals: x }${' }'.repeat(63)}`, 'true'], // 64 mappings deep
    [`${'{ not: '.repeat(64)}{ name: '.', equals: x }${' }'.repeat(64)}`, 'unreadable'], // deeper than acr-guard follows
  ]);
});

test('a misspelt operator, an unreadable condition and unsupported fields are reported on the file', () => {
  const { groups, diagnostics } = parseSuppressionGroups(
    `${groupYaml("  if:\n    name: '.'\n    startWith: dev\n")}\n${groupYaml('  if:\n    allOf: [ x ]\n')}\n${groupYaml("  if:\n    name: &dot '.'\n    type: *dot\n    equals: x\n")}\n${groupYaml('  if:\n    field: properties.publicNetworkAccess\n    equals: Enabled\n')}`,
    '/w/.ps-rule/g.Rule.yaml',
  );
  assert.equal(groups.length, 4);
  assert.deepEqual(diagnostics.map((d) => d.message), [
    "suppression group 'group1': spec.if has no condition or operator PSRule knows (name, startWith), so PSRule treats it as always true.",
    "suppression group 'group1' never suppresses: in spec.if, an operator takes a mapping or a list of mappings.",
    "suppression group 'group1' never suppresses: in spec.if, an alias, which PSRule's parser does not read there.",
    "suppression group 'group1': acr-guard cannot evaluate fields under 'properties' (it knows name, type and tags); the group suppresses only where the result does not depend on it.",
  ]);
  const now = new Date('2026-01-01T00:00:00Z');
  assert.equal(matchingGroup(groups.slice(0, 1), target, now), groups[0], 'PSRule suppresses everything with the misspelt group');
  assert.equal(matchingGroup(groups.slice(1), target, now), undefined);
});

test('a group without rules applies to every rule; a 2025-01-01 group applies to its spec.type only', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const noRules = parseSuppressionGroups(groupYaml("  if: { name: '.', match: '^dev' }\n").replace('  rule: [ Azure.ACR.ExportPolicy ]\n', ''), 'g.Rule.yaml').groups;
  assert.ok(matchingGroup(noRules, { ...target, ruleId: 'Azure.ACR.AdminUser', ruleRef: 'AZR-000005' }, now));
  const typed = (types: string, apiVersion?: string) => parseSuppressionGroups(groupYaml(`  type: ${types}\n`, apiVersion), 'g.Rule.yaml').groups;
  assert.equal(matchingGroup(typed('[ Microsoft.Storage/storageAccounts ]', 'github.com/microsoft/PSRule/2025-01-01'), target, now), undefined);
  assert.ok(matchingGroup(typed('[ microsoft.containerregistry/REGISTRIES ]', 'github.com/microsoft/PSRule/2025-01-01'), target, now));
  assert.ok(matchingGroup(typed('[ Microsoft.Storage/storageAccounts ]'), target, now), 'a v1 group has no type precondition');
});

test('end to end: a .Rule.yaml group using match suppresses a real finding, and only where the pattern matches', () => {
  const files: Record<string, string> = {
    '/w/.ps-rule/dev.Rule.yaml': `${groupYaml("  if:\n    name: '.'\n    match: '^dev-\\d+$'\n").replace('group1', 'dev-registries')}`,
    '/w/.ps-rule/strict.Rule.yaml': groupYaml("  if:\n    name: '.'\n    match: '^TEST-'\n    caseSensitive: true\n").replace('group1', 'strict-test'),
  };
  const source: ConfigFileSource = {
    readFile: (path) => files[path],
    listDir: (path) => Object.keys(files).filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1)),
  };
  const verdict = (name: string) => {
    const project = loadProjectConfiguration('/w/main.json', '/w', source);
    assert.deepEqual(project.diagnostics, []);
    const text = template(registry('      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }', { name }));
    const analysis = analyzeDocument({ uri: 'file:///w/main.json', text }, { configuration: { project, filePath: '/w/main.json', now: new Date('2026-01-01T00:00:00Z') } });
    assert.equal(analysis.findings.length + analysis.suppressed.length, 1, name);
    return analysis.suppressed[0]?.suppression?.reason ?? 'reported';
  };
  assert.match(verdict('DEV-042'), /^suppressed by suppression group 'dev-registries' \(\/w\/\.ps-rule\/dev\.Rule\.yaml\)$/);
  assert.equal(verdict('dev-04x'), 'reported');
  assert.equal(verdict('prod-042'), 'reported');
  assert.match(verdict('TEST-1'), /suppression group 'strict-test'/);
  assert.equal(verdict('test-1'), 'reported');
});

test('end to end: a name or tags the template leaves to a parameter without a value decide no group; missing tags are absent', () => {
  const files: Record<string, string> = {
    '/w/.ps-rule/untagged.Rule.yaml': groupYaml("  if:\n    field: tags.env\n    exists: false\n").replace('group1', 'untagged'),
    '/w/.ps-rule/named.Rule.yaml': groupYaml("  if:\n    name: '.'\n    like: 'acr*'\n").replace('group1', 'named'),
  };
  const source: ConfigFileSource = {
    readFile: (path) => files[path],
    listDir: (path) => Object.keys(files).filter((f) => f.startsWith(`${path}/`)).map((f) => f.slice(path.length + 1)),
  };
  const project = loadProjectConfiguration('/w/main.json', '/w', source);
  const verdict = (members: string, name: string) => {
    const parameters = '\n  "parameters": { "tags": { "type": "object" }, "name": { "type": "string" } },';
    const text = template(registry(`${members}      "properties": {\n        "publicNetworkAccess": "Enabled"\n      }`, { name }), parameters);
    const analysis = analyzeDocument({ uri: 'file:///w/main.json', text }, { configuration: { project, filePath: '/w/main.json', now: new Date('2026-01-01T00:00:00Z') } });
    assert.equal(analysis.findings.length + analysis.suppressed.length, 1);
    return analysis.suppressed[0]?.suppression?.reason ?? 'reported';
  };
  // No tags at all: tags.env does not exist, as PSRule would see too.
  assert.match(verdict('', 'prod'), /suppression group 'untagged'/);
  // Tags from a parameter without a value: PSRule would see the real ones, so the group decides nothing.
  assert.equal(verdict('      "tags": "[parameters(\'tags\')]",\n', 'prod'), 'reported');
  // A name known as written matches; one from a parameter without a value decides nothing ('[parameters(...)]').
  assert.match(verdict('      "tags": { "env": "prod" },\n', 'acrprod'), /suppression group 'named'/);
  assert.equal(verdict('      "tags": { "env": "prod" },\n', "[concat('acr', parameters('name'))]"), 'reported');
});
