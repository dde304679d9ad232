// npm run test:vscode: the same suite in a desktop VS Code through @vscode/test-electron (downloads VS Code unless
// VSCODE_EXECUTABLE_PATH names one). Offline, use npm run test:e2e instead.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  try {
    await runTests({
      // The second stands in for the Azure Resource Manager Tools extension's 'arm-template' language.
      extensionDevelopmentPath: [root, path.resolve(root, 'test/fixtures/e2e-extensions/arm-template-language')],
      extensionTestsPath: path.resolve(__dirname, 'index.js'),
      launchArgs: [path.resolve(root, 'test/fixtures/e2e'), '--disable-extensions', '--disable-workspace-trust'],
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
    });
  } catch (error) {
    console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Without internet access, run npm run test:e2e (code-server, offline) instead.');
    process.exit(1);
  }
}

void main();
