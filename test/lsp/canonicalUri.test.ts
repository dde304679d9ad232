/** File URIs compared as one form: the editor escapes what Node's URLs do not, and writes Windows drives its own way. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUri } from '../../server/src/lsp/convert';

test('the editor\'s and Node\'s spellings of one file are the same URI; other files are not', () => {
  const same: [string, string][] = [
    ['file:///home/dev/.bicep/ts/x/templates%281%29/acr/1.0/main.json', 'file:///home/dev/.bicep/ts/x/templates(1)/acr/1.0/main.json'],
    ['file:///c%3A/Users/dev/.bicep/br/contoso.azurecr.io/acr/v1%24/main.json', 'file:///C:/Users/dev/.bicep/br/contoso.azurecr.io/acr/v1%24/main.json'],
  ];
  for (const [editor, node] of same) assert.equal(canonicalUri(editor), canonicalUri(node));
  assert.notEqual(canonicalUri('file:///w/Main.bicep'), canonicalUri('file:///w/main.bicep'), 'only the drive letter is case-insensitive');
  // A malformed escape is compared as written.
  assert.equal(canonicalUri('file:///w/100%.json'), 'file:///w/100%.json');
});
