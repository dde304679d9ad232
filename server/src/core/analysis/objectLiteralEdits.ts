/**
 * Edits into an object literal written outside a registry's declaration (a variable, a parameter default, a value in
 * a parameter file) that supplies one of its objects: the missing members go where the object is written, in that
 * file's syntax, instead of a `union(...)` around its use.
 */
import { parseBicep } from '../bicep/parser';
import { BicepObjectEditor } from '../bicep/objectEditor';
import type { ObjectExpression } from '../bicep/syntax';
import { buildDesiredTree, type PathAssignment } from '../fixes/desiredTree';
import { detectJsonStyle } from '../fixes/jsonFormatting';
import { JsonObjectEditor } from '../fixes/jsonObjectEdits';
import { nodeAtOffset, parseJson } from '../syntax/json';
import type { Span, TextEdit } from '../types';
import { documentKindOf } from './documentKind';
import { once } from '../once';

/**
 * Edits for the object literals of one file: parsed once, when first asked (a fix-all over hundreds of registries that
 * share a variable asks once per registry). Undefined when no object literal is written exactly at `span`, or it
 * cannot be edited safely.
 */
export function objectLiteralEditor(uri: string, text: string): (span: Span, assignments: readonly PathAssignment[]) => TextEdit[] | undefined {
  const kind = documentKindOf(uri);
  if (kind === 'json') {
    const root = once(() => parseJson(text).root);
    const style = once(() => detectJsonStyle(text));
    return (span, assignments) => {
      const object = root() && nodeAtOffset(root()!, span.start);
      if (object?.type !== 'object' || object.offset !== span.start || object.offset + object.length !== span.end) return undefined;
      const editor = new JsonObjectEditor(uri, text, style());
      return editor.apply(object, buildDesiredTree(assignments)) ? editor.edits : undefined;
    };
  }
  const file = once(() => parseBicep(text, { kind: kind === 'bicepParams' ? 'bicepparam' : 'bicep' }));
  return (span, assignments) => {
    const object = objectExpressionAt(file().statements, span);
    if (!object) return undefined;
    const editor = new BicepObjectEditor(uri, text);
    return editor.apply(object, buildDesiredTree(assignments)) ? editor.edits : undefined;
  };
}

/** The object expression written exactly at `span`: a walk down the syntax nodes that contain it. */
function objectExpressionAt(nodes: readonly unknown[], span: Span): ObjectExpression | undefined {
  for (const candidate of nodes) {
    if (!isSyntaxNode(candidate) || candidate.start > span.start || candidate.end < span.end) continue;
    if (candidate.kind === 'object' && candidate.start === span.start && candidate.end === span.end) return candidate as unknown as ObjectExpression;
    const children: unknown[] = [];
    for (const value of Object.values(candidate)) {
      if (Array.isArray(value)) children.push(...value);
      else if (isSyntaxNode(value)) children.push(value);
    }
    const found = objectExpressionAt(children, span);
    if (found) return found;
  }
  return undefined;
}

function isSyntaxNode(value: unknown): value is { kind: string; start: number; end: number } {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { start?: unknown }).start === 'number';
}
