/**
 * Parameter files (deploymentParameters): their values, and the template they belong to, linked as PSRule links
 * them: `metadata.template` (relative to the workspace root, or to the parameter file when it starts with `./`),
 * else `x.parameters.json` -> `x.json`, then `x.jsonc`, then `x.bicep`, in the same folder.
 */
import { findValue, keyOf, stringOf, type JsonNode } from '../syntax/json';
import { passedValue, unknown, type Value } from '../evaluate/value';
import { EvaluationBudget, evaluateNode, type EvaluationScope } from '../evaluate/expressions/evaluator';
import type { Span } from '../types';
import { nodeSpan } from './armResources';
import { resolveFilePath } from '../text/filePaths';

export type TemplateLink =
  | { kind: 'found'; uri: string; text: string; span?: Span }
  | { kind: 'refused'; message: string; span?: Span }
  | { kind: 'none' };

export interface LinkHost {
  readText(uri: string): string | undefined;
  /** the workspace roots (URIs); a link may not leave them */
  workspaceRoots: readonly string[];
}

const withSlash = (uri: string) => (uri.endsWith('/') ? uri : `${uri}/`);

export function rootOf(uri: string, roots: readonly string[]): string | undefined {
  return roots.filter((root) => uri.startsWith(withSlash(root))).sort((a, b) => b.length - a.length)[0];
}

export function isInside(uri: string, roots: readonly string[]): boolean {
  return rootOf(uri, roots) !== undefined;
}

/**
 * A path written in a file (a module, a `using` or `extends` target, a linked template), resolved against the file:
 * its URI, or why acr-guard does not read it; undefined when it is not a path.
 */
export function resolveInWorkspace(path: string, fromUri: string, workspaceRoots: readonly string[]): { uri: string } | { refused: string } | undefined {
  let uri: string;
  try {
    uri = resolveFilePath(path, fromUri);
  } catch {
    return undefined;
  }
  if (workspaceRoots.length > 0 && !isInside(uri, workspaceRoots)) return { refused: `'${path}' is outside the workspace; acr-guard does not read it.` };
  return { uri };
}

export function linkTemplate(parameterUri: string, root: JsonNode, host: LinkHost): TemplateLink {
  const workspaceRoot = rootOf(parameterUri, host.workspaceRoots);
  const metadataNode = findValue(findValue(root, 'metadata'), 'template');
  const declared = stringOf(metadataNode);
  if (declared !== undefined && metadataNode) {
    const span = nodeSpan(metadataNode);
    const relativeToFile = declared.startsWith('./') || declared.startsWith('../') || !workspaceRoot;
    let target: string;
    try {
      target = resolveFilePath(declared, relativeToFile ? parameterUri : withSlash(workspaceRoot!));
    } catch {
      return { kind: 'refused', message: `metadata.template '${declared}' is not a valid path.`, span };
    }
    if (host.workspaceRoots.length > 0 && !isInside(target, host.workspaceRoots)) {
      return { kind: 'refused', message: `metadata.template '${declared}' points outside the workspace; acr-guard does not read it.`, span };
    }
    const text = host.readText(target);
    if (text === undefined) return { kind: 'refused', message: `metadata.template '${declared}' cannot be read (missing, or outside the workspace).`, span };
    return { kind: 'found', uri: target, text, span };
  }
  const match = /^(.*)\.parameters\.jsonc?$/i.exec(parameterUri.replace(/[?#].*$/, ''));
  if (!match) return { kind: 'none' };
  for (const extension of ['.json', '.jsonc', '.bicep']) {
    const candidate = `${match[1]}${extension}`;
    const text = host.readText(candidate);
    if (text !== undefined) return { kind: 'found', uri: candidate, text };
  }
  return { kind: 'none' };
}

/** The values a parameter file supplies, evaluated on first use, each remembering its place in the file. */
export function parameterFileValues(root: JsonNode, scope: EvaluationScope): Map<string, () => Value> {
  const values = new Map<string, () => Value>();
  for (const property of findValue(root, 'parameters')?.children ?? []) {
    const name = keyOf(property);
    const entry = property.children?.[1];
    if (name === undefined || !entry) continue;
    const valueNode = findValue(entry, 'value');
    const referenceNode = findValue(entry, 'reference');
    // Each value keeps its place in the file; so does a Key Vault reference, which decides a finding as much.
    if (valueNode) {
      values.set(name.toLowerCase(), () => passedValue(evaluateNode(valueNode, scope), scope.uri, nodeSpan(valueNode), 'parameterValue', name));
    } else if (referenceNode) {
      values.set(name.toLowerCase(), () => passedValue(unknown(`parameter '${name}' is a Key Vault reference, resolved at deployment time`), scope.uri, nodeSpan(referenceNode), 'parameterValue', name));
    }
  }
  return values;
}

/** The scope of a parameter file: it holds plain JSON values, nothing in it is evaluated or refers to anything. */
export function literalScope(uri: string, text: string): EvaluationScope {
  return {
    uri,
    text,
    budget: new EvaluationBudget(),
    parameter: (): Value | undefined => undefined,
    variable: (): Value | undefined => undefined,
    copyIndex: () => undefined,
    userFunction: () => undefined,
  };
}
