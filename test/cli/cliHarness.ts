/** What the CLI tests share: a throw-away workspace, the CLI run as a process, and templates that fail and pass. */
import { after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../../dist/cli.js');
export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

export const failing = (name: string) => `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "${name}",
      "sku": { "name": "Premium" },
      "properties": {
        "publicNetworkAccess": "Enabled"
      }
    }
  ]
}
`;
export const passing = failing('good').replace('"Enabled"', '"Disabled", "policies": { "exportPolicy": { "status": "disabled" } }');

const created: string[] = [];
after(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temporary folder holding `files` (paths relative to it), removed when the test file ends. */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'acr-guard-cli-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
