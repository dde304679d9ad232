// Runs the mocha suite (out/e2e/index.js) inside code-server's extension host with this folder as the extension
// under development, as @vscode/test-electron would in a desktop VS Code. Exit code = suite result.
// The workbench's own console (offline gallery and sign-in errors) goes to artifacts/e2e-logs/ and is printed only
// when the suite never started; from the suite's start marker on, everything is printed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'node:util';
import { freshWorkspace, launchChromium, startCodeServer } from './codeServer.mjs';

const SUITE_START = 'acr-guard e2e: mocha starts'; // printed first by test/e2e/index.ts
const SUMMARY = /^\d+ passed, \d+ failed, \d+ skipped$/;
const TIMEOUT_MS = 240000;

const extension = resolve('.');
// Contributes the 'arm-template' language, as the Azure Resource Manager Tools extension does.
const armTemplateLanguage = resolve('test/fixtures/e2e-extensions/arm-template-language');
const tests = resolve('out/e2e/index.js');
const logDir = resolve('artifacts/e2e-logs');
mkdirSync(logDir, { recursive: true });
const workspace = freshWorkspace(resolve('test/fixtures/e2e'));
// The built workbench reads the `payload` parameter only with the smoke-test driver enabled.
const server = await startCodeServer({ workspace, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'], extensions: [armTemplateLanguage] });
const browser = await launchChromium();
const consoleLines = [];
let suiteStarted = false;
let summary = '';
let exitCode = 1;
try {
  const page = await browser.newPage();
  const done = new Promise((resolveDone) => {
    void page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...args);
      consoleLines.push(`[${type}] ${line}`);
      if (line.includes(SUITE_START)) suiteStarted = true;
      else if (suiteStarted) console.log(line);
      if (SUMMARY.test(line.trim())) summary = line.trim();
    });
    void page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
  });
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', remote(extension)], ['extensionTestsPath', remote(tests)], ['skipWelcome', 'true']]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), TIMEOUT_MS).unref());
  const result = await Promise.race([done, timeout]);
  if (result === 'timeout') console.log(`extension tests: no result within ${TIMEOUT_MS / 1000} s`);
  else exitCode = result;
} finally {
  await browser.close();
  await server.stop();
  writeFileSync(`${logDir}/extension-host-console.log`, consoleLines.join('\n') + '\n');
  writeFileSync(`${logDir}/code-server.log`, server.log());
}
if (!suiteStarted) {
  console.log('extension tests: the suite never started; the workbench console follows');
  console.log(consoleLines.join('\n'));
}
if (!summary) console.log(exitCode === 0 ? '0 passed, 0 failed, 0 skipped' : '0 passed, 1 failed, 0 skipped');
process.exit(exitCode);
