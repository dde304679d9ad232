/** The files the server reads: registry modules restored in Bicep's cache are kept between reads, until they change. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceFiles } from '../../server/src/lsp/workspaceFiles';

test('a restored module is read outside the workspace, kept, and read again when it changes; other files outside are not read', (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-files-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const workspace = join(root, 'workspace');
  const cached = join(root, 'home', '.bicep', 'br', 'contoso.azurecr.io', 'acr', 'v1$');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(cached, { recursive: true });
  const module = join(cached, 'main.json');
  writeFileSync(module, '{ "a": 1 }');
  writeFileSync(join(root, 'home', 'secret.json'), '{}');
  const files = new WorkspaceFiles(new TextDocuments(TextDocument));
  files.setRoots([pathToFileURL(workspace).href]);
  const uri = pathToFileURL(module).href;
  assert.equal(files.readText(uri), '{ "a": 1 }');
  assert.equal(files.readText(pathToFileURL(join(root, 'home', 'secret.json')).href), undefined);
  // Restored again (another version under the same tag): the new text, not the kept one.
  writeFileSync(module, '{ "a": 22 }');
  utimesSync(module, new Date(), new Date(Date.now() + 5000));
  assert.equal(files.readText(uri), '{ "a": 22 }');
  // A restored template spec too, and only in its own shape (a subscription ID, then four folders).
  const spec = join(root, 'home', '.bicep', 'ts', '0d3b4a51-7c5e-4e8a-9f1b-2a6c8d0e4f17', 'templates', 'acr', '1.0');
  mkdirSync(spec, { recursive: true });
  writeFileSync(join(spec, 'main.json'), '{ "id": "spec" }');
  assert.equal(files.readText(pathToFileURL(join(spec, 'main.json')).href), '{ "id": "spec" }');
  const lookalike = join(root, 'home', '.bicep', 'ts', 'not-a-subscription', 'templates', 'acr', '1.0');
  mkdirSync(lookalike, { recursive: true });
  writeFileSync(join(lookalike, 'main.json'), '{}');
  assert.equal(files.readText(pathToFileURL(join(lookalike, 'main.json')).href), undefined);
});

test('acrGuard.exclude globs are relative to the workspace folder, also when it is opened through a symbolic link', (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-exclude-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'real', 'generated'), { recursive: true });
  symlinkSync(join(root, 'real'), join(root, 'link'), 'dir');
  const files = new WorkspaceFiles(new TextDocuments(TextDocument));
  for (const folder of ['real', 'link']) {
    files.setRoots([pathToFileURL(join(root, folder)).href]);
    const generated = pathToFileURL(join(root, folder, 'generated', 'main.json')).href;
    assert.equal(files.isExcluded(generated, ['generated/**']), true, folder);
    assert.equal(files.isExcluded(generated, ['**/generated/**']), true, folder);
    assert.equal(files.isExcluded(pathToFileURL(join(root, folder, 'main.json')).href, ['generated/**']), false, folder);
  }
  // The link's target opened by its real path still counts as inside the folder.
  files.setRoots([pathToFileURL(join(root, 'link')).href]);
  assert.equal(files.isExcluded(pathToFileURL(join(root, 'real', 'generated', 'main.json')).href, ['generated/**']), true);
});

test('a file on disk with a byte order mark: positions as the editor counts them, which drops the mark', (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-bom-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const text = '{"parameters":{"access":{"value":"Enabled"}}}\n{}';
  writeFileSync(join(root, 'p.json'), `\ufeff${text}`);
  writeFileSync(join(root, 'utf16.json'), Buffer.from(`\ufeff${text}`, 'utf16le'));
  const files = new WorkspaceFiles(new TextDocuments(TextDocument));
  files.setRoots([pathToFileURL(root).href]);
  const lookup = files.documentLookup();
  for (const name of ['p.json', 'utf16.json']) {
    const uri = pathToFileURL(join(root, name)).href;
    const read = files.readText(uri)!;
    assert.equal(read, `\ufeff${text}`, 'the engine reads the mark');
    const document = lookup(uri)!;
    // The engine's offset of "Enabled" (mark counted) is where the editor shows it (mark dropped).
    const offset = read.indexOf('"Enabled"');
    assert.deepEqual(document.positionAt(offset), { line: 0, character: text.indexOf('"Enabled"') }, name);
    assert.equal(document.offsetAt({ line: 0, character: text.indexOf('"Enabled"') }), offset);
    assert.deepEqual(document.positionAt(read.length), { line: 1, character: 2 });
    assert.equal(document.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }), '{');
    assert.equal(document.lineCount, 2);
  }
  // Without a mark nothing moves.
  writeFileSync(join(root, 'plain.json'), text);
  assert.deepEqual(files.documentLookup()(pathToFileURL(join(root, 'plain.json')).href)!.positionAt(text.indexOf('"Enabled"')), { line: 0, character: text.indexOf('"Enabled"') });
});
