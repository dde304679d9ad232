/** Loads the test JSON host grammar, with or without the extension's ARM expression injection, as VS Code would. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IToken } from 'vscode-textmate';

const root = resolve(__dirname, '../../..');
const grammarFiles: Record<string, string> = {
  'source.json': resolve(root, 'test/grammar/json-host.tmLanguage.json'),
  'source.arm-expression.injection': resolve(root, 'syntaxes/arm-expression.tmLanguage.json'),
};

let onigurumaLoaded: Promise<void> | undefined;

/** The WebAssembly regex engine may be initialised only once per process. */
function loadOniguruma(): Promise<void> {
  if (onigurumaLoaded === undefined) {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm', { paths: [root] }));
    onigurumaLoaded = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return onigurumaLoaded;
}

export async function loadJsonGrammar(withInjection: boolean): Promise<IGrammar> {
  await loadOniguruma();
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const path = grammarFiles[scopeName];
      return path === undefined ? null : parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
    getInjections: (scopeName) => (withInjection && scopeName === 'source.json' ? ['source.arm-expression.injection'] : []),
  });
  const grammar = await registry.loadGrammar('source.json');
  if (grammar === null) throw new Error('the JSON host grammar did not load');
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
