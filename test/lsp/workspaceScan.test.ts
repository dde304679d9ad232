/** "Scan workspace" over stdio: .gitignore and acrGuard.exclude respected, results live as files change on disk. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspHarness } from './lspHarness';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const registry = (access: string) =>
  JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'r', sku: { name: 'Premium' }, properties: { publicNetworkAccess: access, policies: { exportPolicy: { status: 'disabled' } } } }] }, null, 2);

test('workspace scan publishes results for files on disk, respecting .gitignore and excludes', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'acr-guard-scan-')));
  const files: Record<string, string> = {
    'infra/a.json': registry('Enabled'),
    'infra/ok.json': registry('Disabled'),
    'ignored/b.json': registry('Enabled'),
    'infra/nested/skip.json': registry('Enabled'),
    'generated/c.json': registry('Enabled'),
    'node_modules/d.json': registry('Enabled'),
    '.gitignore': 'ignored/\n',
    'infra/nested/.gitignore': 'skip.json\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  // As Windows PowerShell's Out-File writes it: UTF-16LE with a byte order mark.
  writeFileSync(join(root, 'infra/utf16.json'), Buffer.from(`\ufeff${registry('Enabled')}`, 'utf16le'));
  // On one line, with and without a UTF-8 byte order mark: the editor does not count the mark.
  const oneLine = JSON.stringify(JSON.parse(registry('Enabled')));
  writeFileSync(join(root, 'infra/line.json'), oneLine);
  writeFileSync(join(root, 'infra/line-bom.json'), `\ufeff${oneLine}`);
  const uri = (name: string) => pathToFileURL(join(root, name)).href;
  t.after(() => rmSync(root, { recursive: true, force: true }));

  const server = new LspHarness();
  t.after(() => server.shutdown());
  server.settings = { ...server.settings, exclude: ['generated/**'], workspaceScan: { live: true } };
  await server.initialize(pathToFileURL(root).href);

  const summary = (await server.connection.sendRequest('acrGuard/scanWorkspace', {})) as { files: number; findings: number; cancelled: boolean };
  assert.deepEqual(summary, { files: 5, findings: 4, cancelled: false });
  const published = new Map(server.published.map((p) => [p.uri, p.diagnostics]));
  assert.deepEqual([...published.entries()].map(([at, diagnostics]) => [at, diagnostics.length]).sort(), [[uri('infra/a.json'), 1], [uri('infra/line-bom.json'), 1], [uri('infra/line.json'), 1], [uri('infra/ok.json'), 0], [uri('infra/utf16.json'), 1]]);
  assert.deepEqual(published.get(uri('infra/utf16.json'))![0]!.range, published.get(uri('infra/a.json'))![0]!.range, 'at the same place as in the UTF-8 file');
  const onLine = published.get(uri('infra/line.json'))![0]!.range;
  assert.equal(onLine.start.line, 0);
  assert.deepEqual(published.get(uri('infra/line-bom.json'))![0]!.range, onLine, 'at the same place as without the mark');

  // Live: a file fixed on disk loses its diagnostic.
  const cleared = server.diagnostics(uri('infra/a.json'), (p) => p.diagnostics.length === 0);
  writeFileSync(join(root, 'infra/a.json'), registry('Disabled'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('infra/a.json'), type: 2 }] });
  await cleared;

  // Other files are watched for what Bicep loads, but are not scanned: a text file gets no diagnostics of its own.
  writeFileSync(join(root, 'infra/notes.txt'), registry('Enabled'));
  const flaggedAgain = server.diagnostics(uri('infra/a.json'), (p) => p.diagnostics.length === 1);
  writeFileSync(join(root, 'infra/a.json'), registry('Enabled'));
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('infra/notes.txt'), type: 1 }, { uri: uri('infra/a.json'), type: 2 }] });
  await flaggedAgain;
  assert.equal(server.published.some((p) => p.uri === uri('infra/notes.txt')), false);
});
