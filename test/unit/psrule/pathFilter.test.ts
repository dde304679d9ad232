/** input.pathIgnore matched as PSRule 2.9 matches it (its own PathFilterTests give most of these cases). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIgnoredByExpressions, matchesExpression } from '../../../server/src/core/psrule/pathFilter';
import { isPathIgnored } from '../../../server/src/core/psrule/projectConfiguration';

test('single expressions: ** crosses folders, * takes the rest of a name, ? one character or none', () => {
  const cases: [string, string, boolean][] = [
    ['**/Resources.Parameters*.json', 'tests/example/Resources.Parameters.json', true],
    ['**/Resources.Parameters*.json', 'tests/example2/Resources.Parameters2.json', true],
    ['**/Resources.Parameters*.json', 'tests/example2/Resources.Parameters2.txt', false],
    ['**/example2/Resources.Parameters*.json', 'tests/example/Resources.Parameters.json', false],
    ['**/example2/Resources.Parameters*.json', 'tests/example2/Resources.Parameters2.json', true],
    ['**/example?/Resources.Parameters*.json', 'tests/example/Resources.Parameters.json', true],
    ['**/example?/Resources.Parameters*.json', 'tests/example2/Resources.Parameters2.json', true],
    ['**/example?/Resources.Parameters*.json', 'tests/example2/Resources.Parameters2.txt', false],
    ['tests/example?/Resources.Parameters.json', 'tests/example/Resources.Parameters.json', true],
    ['tests/example?/Resources.Parameters.json', 'tests/example2/Resources.Parameters.json', true],
    ['tests/example/Resources.Parameters*.json', 'tests/example/Resources.Parameters2.json', true],
    // Read from the path's start: a folder expression takes what is under it there, and only there.
    ['out/', 'out/main.json', true],
    ['out/', 'outer/main.json', false],
    ['out/', 'reports/out/main.json', false],
    ['generated', 'generated/main.json', true],
    // A prefix is enough once the expression is used up (PSRule's own reading, not git's).
    ['generated', 'generated-old.json', true],
    ['/main.json', 'main.json', false],
    ['modules\\acr\\', 'modules/acr/main.json', true],
    ['*', 'avm/res/container-registry/registry/main.bicep', true],
    ['*.cs', 'out/file.csproj', true],
  ];
  for (const [expression, path, expected] of cases) assert.equal(matchesExpression(expression, path), expected, `${expression} on ${path}`);
});

test('expressions apply in order, comments and empty lines aside, and ! turns a match back', () => {
  const expressions = ['out/', '**/bin/', '**/obj/', '', '# Add reports/bin', '!reports/bin/', '**/ObjectFromFile*.json', '!**/ObjectFromFile.json'];
  const ignored = (path: string) => isIgnoredByExpressions(expressions, path);
  assert.equal(ignored('out/example.parameters.json'), true);
  assert.equal(ignored('outer/example.parameters.json'), false);
  assert.equal(ignored('reports/out/example.parameters.json'), false);
  assert.equal(ignored('src/bin/pwsh.exe'), true);
  assert.equal(ignored('src/obj/example.parameters.json'), true);
  assert.equal(ignored('reports/bin/other.json'), false);
  assert.equal(ignored('ObjectFromFile.json'), false);
  assert.equal(ignored('ObjectFromFileSingle.json'), true);
  assert.equal(isIgnoredByExpressions(['**', '!deployments/**/deploy.bicep'], 'deployments/prod/deploy.bicep'), false);
  assert.equal(isIgnoredByExpressions(['**', '!deployments/**/deploy.bicep'], 'modules/acr/main.bicep'), true);
});

test("AVM's options, relative to the folder PSRule runs in: only the defaults and WAF-aligned tests are read", () => {
  const options = { baseDir: '/repo', expressions: ['*', '!avm/**/defaults/*.test.bicep', '!avm/**/waf-aligned/*.test.bicep'] };
  assert.equal(isPathIgnored('/repo/avm/res/container-registry/registry/main.bicep', options), true);
  assert.equal(isPathIgnored('/repo/avm/res/container-registry/registry/tests/e2e/max/main.test.bicep', options), true);
  assert.equal(isPathIgnored('/repo/avm/res/container-registry/registry/tests/e2e/defaults/main.test.bicep', options), false);
  assert.equal(isPathIgnored('/repo/avm/res/container-registry/registry/tests/e2e/waf-aligned/main.test.bicep', options), false);
  // Outside the folder PSRule runs in, nothing is ignored; a shared prefix is not inside.
  assert.equal(isPathIgnored('/repository/main.bicep', options), false);
});
