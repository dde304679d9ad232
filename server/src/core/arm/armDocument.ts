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
}

export function classifySchema(schema: string | undefined): ArmDocumentKind {
  if (schema === undefined) return 'other';
  const trimmed = schema.trim();
  if (TEMPLATE_SCHEMA.test(trimmed)) return 'template';
  if (PARAMETERS_SCHEMA.test(trimmed)) return 'parameters';
  return 'other';
}

export function parseArmDocument(uri: string, text: string): ArmDocument {
  const json = parseJson(text);
  const root = json.root?.type === 'object' ? json.root : undefined;
  const kind = classifySchema(stringOf(findValue(root, '$schema')));
  return { uri, json, kind, root: kind === 'other' ? undefined : root };
}

/** Cheap pre-check so that unrelated JSON is never parsed twice: templates name their schema near the top. */
export function mightBeArm(text: string): boolean {
  return /schema\.management\.azure\.com/i.test(text.slice(0, 4096)) || /deployment(template|parameters)\.json/i.test(text);
}
