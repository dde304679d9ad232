// Runs the mocha suite (out/e2e/index.js) inside code-server's extension host with this folder as the extension
// under development, as @vscode/test-electron would in a desktop VS Code. Exit code = suite result.
import { resolve } from 'node:path';
import { format } from 'node:util';
import { freshWorkspace, launchChromium, startCodeServer } from './codeServer.mjs';

const extension = resolve('.');
const tests = resolve('out/e2e/index.js');
const workspace = freshWorkspace(resolve('test/fixtures/e2e'));
// The built workbench reads the `payload` parameter only with the smoke-test driver enabled.
const server = await startCodeServer({ workspace, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
const browser = await launchChromium();
let exitCode = 1;
let summary = '';
try {
  const page = await browser.newPage();
  const done = new Promise((resolveDone) => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...args);
      if (/^\d+ passed, \d+ failed, \d+ skipped$/.test(line.trim())) summary = line.trim();
      console.log(line);
    });
    page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
  });
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(extension)], ['extensionTestsPath', remote(tests)], ['skipWelcome', 'true']]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 240000).unref());
  const result = await Promise.race([done, timeout]);
  if (result === 'timeout') console.log('extension tests: no result within 240 s');
  else exitCode = result;
} finally {
  await browser.close();
  await server.stop();
}
if (!summary) console.log(exitCode === 0 ? '0 passed, 0 failed, 0 skipped' : '0 passed, 1 failed, 0 skipped');
process.exit(exitCode);
