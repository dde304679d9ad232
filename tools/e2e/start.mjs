// npm start: opens examples/ with the extension loaded, in a desktop VS Code when one is installed, else in the
// offline code-server (set up on first use), printing its local URL and staying up until Ctrl+C.
import { spawnSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const extension = resolve('.');
const examples = resolve('examples');
const code = spawnSync('code', ['--version'], { stdio: 'ignore' });
if (code.status === 0) {
  spawn('code', [`--extensionDevelopmentPath=${extension}`, examples], { stdio: 'inherit', detached: true }).unref();
  console.log('Opened examples/ in VS Code with acr-guard loaded for development.');
} else {
  const setup = spawnSync('bash', ['tools/e2e/setup-code-server.sh', process.env.ACR_GUARD_E2E_DIR ?? '.vscode-e2e'], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
  const packaged = spawnSync('npm', ['run', 'package', '--silent'], { stdio: 'inherit' });
  if (packaged.status !== 0) process.exit(packaged.status ?? 1);
  const { packagedVsix, startCodeServer } = await import('./codeServer.mjs');
  const server = await startCodeServer({ workspace: examples, vsix: packagedVsix() });
  console.log(`acr-guard is running in code-server: ${server.url}/?folder=${encodeURIComponent(examples)}`);
  console.log('Press Ctrl+C to stop.');
  process.on('SIGINT', async () => {
    await server.stop();
    process.exit(0);
  });
}
