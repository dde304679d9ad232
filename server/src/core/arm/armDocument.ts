/** Recognises ARM templates and parameter files by their `$schema`. */
import { parseJson, findValue, stringOf, type JsonDocument, type JsonNode } from '../syntax/json';

export type ArmDocumentKind = 'template' | 'parameters' | 'other';

const TEMPLATE_SCHEMA = /^https?:\/\/schema\.management\.azure\.com\/schemas\/[^"/]+\/[a-z]*deploymenttemplate\.json#?$/i;
const PARAMETERS_SCHEMA = /^https?:\/\/schema\.management\.azure\.com\/schemas\/[^"/]+\/[a-z]*deploymentparameters\.json#?$/i;

export interface ArmDocument {
  uri: string;
  json: JsonDocument;
  kind: ArmDocumentKind;
  /** the root object, when the document is a template or a parameter file */
  root: JsonNode | undefined;
  /** where nesting first exceeds MAX_JSON_DEPTH: such a document is not parsed (the parser would overflow the stack) */
  tooDeepAt?: number;
}

/** Deeper than any real template; deep enough that the recursive JSON parser stays far from the stack limit. */
export const MAX_JSON_DEPTH = 2000;

/** Offset where bracket nesting first exceeds `limit` (strings and comments skipped), or undefined. Linear. */
export function nestingExceeds(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

export function classifySchema(schema: string | undefined): ArmDocumentKind {
  if (schema === undefined) return 'other';
  const trimmed = schema.trim();
  if (TEMPLATE_SCHEMA.test(trimmed)) return 'template';
  if (PARAMETERS_SCHEMA.test(trimmed)) return 'parameters';
  return 'other';
}

export function parseArmDocument(uri: string, text: string): ArmDocument {
  const tooDeepAt = nestingExceeds(text, MAX_JSON_DEPTH);
  if (tooDeepAt !== undefined) {
    const kind = mightBeArm(text) ? classifySchema(/"\$schema"\s*:\s*"([^"]*)"/.exec(text.slice(0, 4096))?.[1]) : 'other';
    return { uri, json: { text, root: undefined, errors: [] }, kind, root: undefined, tooDeepAt };
  }
  const masked = maskRawNewlinesInStrings(text);
  // Offsets are unchanged by the mask; keep the real text for everything else.
  const json = masked === undefined ? parseJson(text) : { ...parseJson(masked), text };
  const root = json.root?.type === 'object' ? json.root : undefined;
  const kind = classifySchema(stringOf(findValue(root, '$schema')));
  return { uri, json, kind, root: kind === 'other' ? undefined : root };
}

/** Cheap pre-check so that unrelated JSON is never parsed twice: templates name their schema near the top. */
export function mightBeArm(text: string): boolean {
  return /schema\.management\.azure\.com/i.test(text.slice(0, 4096)) || /deployment(template|parameters)\.json/i.test(text);
}

/**
 * ARM accepts raw line breaks inside strings (multi-line descriptions and expressions); JSON parsers do not. Replaces
 * each such break by a space of the same length so offsets stay exact. Undefined when there is none.
 */
export function maskRawNewlinesInStrings(text: string): string | undefined {
  let chars: string[] | undefined;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
      else if (ch === 10 || ch === 13) (chars ??= text.split(''))[i] = ' ';
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (ch === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    }
  }
  return chars?.join('');
}
