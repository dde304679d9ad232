import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, matchingGroup, parseSuppressionGroups, type SuppressionTarget } from '../../../server/src/core/psrule/suppressionGroups';

const target: SuppressionTarget = { ruleId: 'Azure.ACR.ExportPolicy', ruleRef: 'AZR-000495', name: 'devregistry01', type: 'Microsoft.ContainerRegistry/registries', tags: { Env: 'dev', team: 'platform' } };
const group = (spec: string) => `---\napiVersion: github.com/microsoft/PSRule/v1\nkind: SuppressionGroup\nmetadata:\n  name: g\nspec:\n${spec}`;

test('each condition operator, on name, type, field and tags', () => {
  const cases: [unknown, boolean][] = [
    [{ name: '.', equals: 'DEVREGISTRY01' }, true],
    [{ name: '.', notEquals: 'devregistry01' }, false],
    [{ type: '.', in: ['Microsoft.ContainerRegistry/registries'] }, true],
    [{ type: '.', notIn: ['Microsoft.ContainerRegistry/registries'] }, false],
    [{ name: '.', startsWith: 'dev' }, true],
    [{ name: '.', startsWith: ['prod', 'test'] }, false],
    [{ name: '.', endsWith: '01' }, true],
    [{ name: '.', contains: 'REG' }, true],
    [{ field: 'tags.env', equals: 'dev' }, true],
    [{ field: 'tags.owner', exists: true }, false],
    [{ field: 'tags.owner', exists: false }, true],
    [{ field: 'tags.team', hasValue: true }, true],
    [{ allOf: [{ field: 'tags.env', equals: 'dev' }, { name: '.', startsWith: 'dev' }] }, true],
    [{ anyOf: [{ field: 'tags.env', equals: 'prod' }, { name: '.', startsWith: 'x' }] }, false],
    [{ not: { field: 'tags.env', equals: 'prod' } }, true],
    [{ name: '.', unknownOperator: 'x' }, false],
  ];
  for (const [condition, expected] of cases) assert.equal(evaluateCondition(condition, target), expected, JSON.stringify(condition));
});

test('a group suppresses its rules only, by name or ref, until it expires', () => {
  const { groups, diagnostics } = parseSuppressionGroups(
    `${group("  rule: [ 'PSRule.Rules.Azure\\\\Azure.ACR.ExportPolicy' ]\n  if:\n    name: '.'\n    startsWith: dev\n")}\n${group("  rule: [ AZR-000495 ]\n  expiresOn: '2020-01-01T00:00:00Z'\n")}\n---\nkind: Baseline\nmetadata:\n  name: ignored\n`,
    '/repo/.ps-rule/a.Rule.yaml',
  );
  assert.deepEqual(diagnostics, []);
  assert.equal(groups.length, 2);
  const now = new Date('2026-11-24T00:00:00Z');
  assert.equal(matchingGroup(groups, target, now), groups[0]);
  assert.equal(matchingGroup(groups, { ...target, name: 'prodregistry' }, now), undefined, 'the expired group no longer suppresses');
  assert.equal(matchingGroup(groups, { ...target, name: 'prodregistry' }, new Date('2019-06-01T00:00:00Z')), groups[1], 'before it expired, it did');
  assert.equal(matchingGroup(groups, { ...target, ruleId: 'Azure.ACR.AdminUser', ruleRef: 'AZR-000005' }, now), undefined);
});

test('a future expiry suppresses; a malformed document or date is reported and skipped', () => {
  const future = parseSuppressionGroups(group("  rule: [ Azure.ACR.ExportPolicy ]\n  expiresOn: '2999-01-01'\n"), 'f.Rule.yaml');
  assert.ok(matchingGroup(future.groups, target, new Date()));
  const broken = parseSuppressionGroups('kind: SuppressionGroup\nspec: [unclosed\n', 'b.Rule.yaml');
  assert.equal(broken.groups.length, 0);
  assert.match(broken.diagnostics[0]!.message, /^Malformed YAML/);
  const badDate = parseSuppressionGroups(group("  rule: [ Azure.ACR.ExportPolicy ]\n  expiresOn: 'someday'\n"), 'd.Rule.yaml');
  assert.equal(badDate.groups.length, 0);
  assert.match(badDate.diagnostics[0]!.message, /expiresOn is not a date/);
});

test('a document whose aliases would expand without bound ("billion laughs") is reported and skipped; the next one still counts', () => {
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcde'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcd'[i]}`).join(', ')}]`), 'kind: SuppressionGroup'].join('\n');
  const parsed = parseSuppressionGroups(`${laughs}\n${group("  rule: [ Azure.ACR.ExportPolicy ]\n")}`, 'laughs.Rule.yaml');
  assert.match(parsed.diagnostics[0]!.message, /^cannot read laughs\.Rule\.yaml: .*alias/i);
  assert.equal(parsed.groups.length, 1);
  assert.ok(matchingGroup(parsed.groups, target, new Date()));
});
