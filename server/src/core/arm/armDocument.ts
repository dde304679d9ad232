/** Recognises ARM templates and parameter files by their `$schema`. */
import { parseJsonRecovering, findValue, stringOf, type JsonDocument, type JsonNode } from '../syntax/json';
import { parseLazyJsonDocument } from '../syntax/lazyJson';

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

/**
 * One linear pass before parsing: where bracket nesting first exceeds `limit` (the recursive JSON parser would
 * overflow the stack), and the text with ARM's raw line breaks inside strings masked as spaces of the same length
 * (JSON parsers reject them; offsets stay exact). `masked` is undefined when there is nothing to mask.
 */
export function prescan(text: string, limit: number): { tooDeepAt?: number; masked?: string } {
  let depth = 0;
  let chars: string[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92) i++;
        else if (d === 10 || d === 13) (chars ??= text.split(''))[i] = ' ';
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return { tooDeepAt: i };
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return { masked: chars?.join('') };
}

export function classifySchema(schema: string | undefined): ArmDocumentKind {
  if (schema === undefined) return 'other';
  const trimmed = schema.trim();
  if (TEMPLATE_SCHEMA.test(trimmed)) return 'template';
  if (PARAMETERS_SCHEMA.test(trimmed)) return 'parameters';
  return 'other';
}

export function parseArmDocument(uri: string, text: string): ArmDocument {
  const lazy = parseLazyJsonDocument(text);
  if (lazy) return classify(uri, lazy);
  // Malformed: jsonc-parser recovers, but it recurses and rejects raw line breaks, so check depth and mask them first.
  const { tooDeepAt, masked } = prescan(text, MAX_JSON_DEPTH);
  if (tooDeepAt !== undefined) {
    const kind = mightBeArm(text) ? classifySchema(/"\$schema"\s*:\s*"([^"]*)"/.exec(text.slice(0, 4096))?.[1]) : 'other';
    return { uri, json: { text, root: undefined, errors: [] }, kind, root: undefined, tooDeepAt };
  }
  // Offsets are unchanged by the mask; keep the real text for everything else.
  return classify(uri, masked === undefined ? parseJsonRecovering(text) : { ...parseJsonRecovering(masked), text });
}

/**
 * A template spec version as the Azure API gives it (`{ "id": ..., "properties": { "mainTemplate": {...} } }`, what
 * Bicep restores): a template whose root is its main template.
 */
export function parseTemplateSpecVersion(uri: string, text: string): ArmDocument {
  const document = parseArmDocument(uri, text);
  const root = document.json.root?.type === 'object' ? document.json.root : undefined;
  const mainTemplate = findValue(findValue(root, 'properties'), 'mainTemplate');
  if (mainTemplate?.type !== 'object') return { ...document, kind: 'other', root: undefined };
  return { ...document, kind: 'template', root: mainTemplate };
}

function classify(uri: string, json: JsonDocument): ArmDocument {
  const root = json.root?.type === 'object' ? json.root : undefined;
  const kind = classifySchema(stringOf(findValue(root, '$schema')));
  return { uri, json, kind, root: kind === 'other' ? undefined : root };
}

/** Cheap pre-check so that unrelated JSON is never parsed twice: templates name their schema near the top. */
export function mightBeArm(text: string): boolean {
  return /schema\.management\.azure\.com/i.test(text.slice(0, 4096)) || /deployment(template|parameters)\.json/i.test(text);
}
