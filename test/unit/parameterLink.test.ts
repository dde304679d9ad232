/** How a parameter file finds its template, and which links are refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkTemplate } from '../../server/src/core/arm/parameterFile';
import { parseJson } from '../../server/src/core/syntax/json';

const ROOT = 'file:///repo';
const files: Record<string, string> = {
  'file:///repo/infra/main.json': '{"template":"main"}',
  'file:///repo/infra/other.jsonc': '{}',
  'file:///repo/templates/shared.json': '{}',
  'file:///outside/evil.json': '{}',
};
const host = { readText: (uri: string) => files[uri], workspaceRoots: [ROOT] };
const link = (uri: string, text: string) => linkTemplate(uri, parseJson(text).root!, host);

test('x.parameters.json links to x.json in the same folder', () => {
  const result = link('file:///repo/infra/main.parameters.json', '{}');
  assert.equal(result.kind, 'found');
  assert.equal(result.kind === 'found' && result.uri, 'file:///repo/infra/main.json');
});

test('x.parameters.json falls back to x.jsonc', () => {
  const result = link('file:///repo/infra/other.parameters.json', '{}');
  assert.equal(result.kind === 'found' && result.uri, 'file:///repo/infra/other.jsonc');
});

test('metadata.template is relative to the workspace root, or to the file when it starts with ./', () => {
  const rooted = link('file:///repo/infra/dev.parameters.json', '{ "metadata": { "template": "templates/shared.json" } }');
  assert.equal(rooted.kind === 'found' && rooted.uri, 'file:///repo/templates/shared.json');
  const relative = link('file:///repo/infra/dev.parameters.json', '{ "metadata": { "template": "./main.json" } }');
  assert.equal(relative.kind === 'found' && relative.uri, 'file:///repo/infra/main.json');
});

test('a link that leaves the workspace is refused with a message on the link', () => {
  const text = '{ "metadata": { "template": "../../outside/evil.json" } }';
  const result = link('file:///repo/infra/dev.parameters.json', text.replace('../../', './../../'));
  assert.equal(result.kind, 'refused');
  assert.match(result.kind === 'refused' ? result.message : '', /outside the workspace/);
  assert.equal(result.kind === 'refused' && text.replace('../../', './../../').slice(result.span!.start, result.span!.end), '"./../../outside/evil.json"');
});

test('no link and no sibling template: nothing to analyse', () => {
  assert.equal(link('file:///repo/infra/lonely.parameters.json', '{}').kind, 'none');
  assert.equal(link('file:///repo/infra/settings.json', '{}').kind, 'none');
});
