/** Loads a JSON host grammar, with or without the extension's ARM expression injection, as VS Code would. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IToken } from 'vscode-textmate';

const root = resolve(__dirname, '../../..');

export interface HostGrammar { label: string; scopeName: string; path: string }

export const TEST_JSON_HOST: HostGrammar = { label: 'test JSON host', scopeName: 'source.json', path: resolve(root, 'test/grammar/json-host.tmLanguage.json') };

/**
 * VS Code's own JSON and JSONC grammars, present only where `tools/e2e/setup-code-server.sh` has installed
 * code-server (git-ignored, never downloaded by a test). Empty otherwise.
 */
export function installedVsCodeHosts(): HostGrammar[] {
  const syntaxes = resolve(root, '.vscode-e2e/cs/node_modules/code-server/lib/vscode/extensions/json/syntaxes');
  const hosts: HostGrammar[] = [
    { label: "VS Code's JSON grammar", scopeName: 'source.json', path: resolve(syntaxes, 'JSON.tmLanguage.json') },
    { label: "VS Code's JSONC grammar", scopeName: 'source.json.comments', path: resolve(syntaxes, 'JSONC.tmLanguage.json') },
  ];
  return hosts.filter((host) => existsSync(host.path));
}

interface ManifestGrammar { scopeName: string; path: string; injectTo?: string[] }

/** The injection grammars and their targets, read from package.json so the tests follow the manifest. */
function manifestInjections(): ManifestGrammar[] {
  const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { contributes: { grammars: ManifestGrammar[] } };
  return manifest.contributes.grammars.filter((grammar) => grammar.injectTo !== undefined);
}

/**
 * As VS Code resolves injectTo: a grammar injected into `source.json` also reaches every scope that extends it,
 * such as `source.json.comments`, once per matching prefix.
 */
function injectionsFor(scopeName: string, injections: ManifestGrammar[]): string[] {
  const parts = scopeName.split('.');
  return parts.flatMap((_, index) => {
    const prefix = parts.slice(0, index + 1).join('.');
    return injections.filter((grammar) => grammar.injectTo!.includes(prefix)).map((grammar) => grammar.scopeName);
  });
}

let onigurumaLoaded: Promise<void> | undefined;

/** The WebAssembly regex engine may be initialised only once per process. */
function loadOniguruma(): Promise<void> {
  if (onigurumaLoaded === undefined) {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm', { paths: [root] }));
    onigurumaLoaded = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return onigurumaLoaded;
}

export async function loadJsonGrammar(host: HostGrammar, withInjection: boolean): Promise<IGrammar> {
  await loadOniguruma();
  const injections = withInjection ? manifestInjections() : [];
  const paths = new Map([[host.scopeName, host.path], ...injections.map((grammar) => [grammar.scopeName, resolve(root, grammar.path)] as const)]);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const path = paths.get(scopeName);
      return path === undefined ? null : parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName) => injectionsFor(scopeName, injections),
  });
  const grammar = await registry.loadGrammar(host.scopeName);
  if (grammar === null) throw new Error(`${host.label} did not load`);
  return grammar;
}

/** Tokenizes a document line by line, carrying the rule stack across lines as an editor does. */
export function* tokenizeLines(grammar: IGrammar, text: string): Generator<IToken[]> {
  let stack = INITIAL;
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line.replace(/\r$/, ''), stack);
    stack = result.ruleStack;
    yield result.tokens;
  }
}
