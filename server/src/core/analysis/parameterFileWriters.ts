/**
 * Edits that make a parameter file set string values, in its own syntax: a JSON parameter file's `parameters` entries,
 * a .bicepparam file's `param` assignments. A value the file writes is replaced when it is a plain string; one it
 * writes any other way (an expression, a Key Vault reference) is left as it is, and then no edit is made.
 */
import type { BicepFile } from '../bicep/parser';
import { bicepString } from '../bicep/objectEditor';
import { spanOf } from '../bicep/syntax';
import { buildDesiredTree } from '../fixes/desiredTree';
import { detectJsonStyle } from '../fixes/jsonFormatting';
import { JsonObjectEditor } from '../fixes/jsonObjectEdits';
import { findProperty, findValue, keyOf, type JsonNode } from '../syntax/json';
import type { TextEdit } from '../types';
import type { Assignment } from './neededValues';

export type ParameterWriter = (values: Assignment) => TextEdit[] | undefined;

/** `"acrSku": { "value": "Premium" }` in the file's `parameters`, an entry added where there is none. */
export function jsonParameterFileWriter(uri: string, text: string, root: JsonNode | undefined): ParameterWriter {
  return (values) => {
    const parameters = findValue(root, 'parameters');
    if (parameters?.type !== 'object') return undefined;
    const assignments = [];
    for (const [name, value] of values) {
      // ARM matches names in any case: an entry is set under the name it is written with.
      const property = findProperty(parameters, name);
      if (property && findValue(property.children?.[1], 'value')?.type !== 'string') return undefined;
      assignments.push({ path: [(property && keyOf(property)) ?? name, 'value'], value });
    }
    const editor = new JsonObjectEditor(uri, text, detectJsonStyle(text));
    return editor.apply(parameters, buildDesiredTree(assignments)) ? editor.edits : undefined;
  };
}

/** `param acrSku = 'Premium'`: an assignment replaced, or added after the file's last one (or its `using`). */
export function bicepParamWriter(uri: string, text: string, file: BicepFile): ParameterWriter {
  return (values) => {
    const edits: TextEdit[] = [];
    const added: string[] = [];
    for (const [name, value] of values) {
      const set = file.statements.find((s) => s.kind === 'paramAssignment' && s.name.name.toLowerCase() === name.toLowerCase());
      if (set?.kind !== 'paramAssignment') {
        added.push(`param ${name} = ${bicepString(value)}`);
        continue;
      }
      if (set.value.kind !== 'string' || set.value.pieces.length !== 1) return undefined;
      edits.push({ uri, span: spanOf(set.value), newText: bicepString(value) });
    }
    if (added.length > 0) {
      const anchor = file.statements.filter((s) => s.kind === 'paramAssignment').pop() ?? file.statements.find((s) => s.kind === 'using');
      if (!anchor) return undefined;
      const end = anchor.kind === 'paramAssignment' ? spanOf(anchor.value).end : spanOf(anchor).end;
      const newline = text.includes('\r\n') ? '\r\n' : '\n';
      edits.push({ uri, span: { start: end, end }, newText: added.map((line) => newline + line).join('') });
    }
    return edits;
  };
}
