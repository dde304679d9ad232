/** ARM JSON syntax: jsonc-parser's offset-keeping tree, plus lookups that ARM's case-insensitive keys need. */
import { parseTree, type Node, type ParseError, ParseErrorCode } from 'jsonc-parser';
import { firstIndexPast } from '../collections';
import { sameKeyIgnoringCase } from '../text/keys';
import { parseLazyJsonDocument } from './lazyJson';

/** A JSON syntax node with offsets (jsonc-parser's shape). Strings: `offset`/`length` cover the quotes. */
export type JsonNode = Node;

export interface JsonSyntaxError {
  offset: number;
  length: number;
  message: string;
}

export interface JsonDocument {
  text: string;
  root: JsonNode | undefined;
  errors: JsonSyntaxError[];
  /** false when the text certainly has no comments (so no suppression comment either); unset when not known */
  hasComments?: boolean;
}

export function parseJson(text: string): JsonDocument {
  // Most documents are well formed: a lazy tree builds only what is read. Anything else gets jsonc-parser's recovery.
  return parseLazyJsonDocument(text) ?? parseJsonRecovering(text);
}

/** jsonc-parser's error-recovering tree (recursive: callers keep nesting within bounds). */
export function parseJsonRecovering(text: string): JsonDocument {
  const rawErrors: ParseError[] = [];
  const root = parseTree(text, rawErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const errors = rawErrors.map((e) => ({ offset: e.offset, length: e.length, message: describeParseError(e.error) }));
  return { text, root, errors };
}

function describeParseError(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidSymbol: return 'Invalid symbol';
    case ParseErrorCode.InvalidNumberFormat: return 'Invalid number format';
    case ParseErrorCode.PropertyNameExpected: return 'Property name expected';
    case ParseErrorCode.ValueExpected: return 'Value expected';
    case ParseErrorCode.ColonExpected: return 'Colon expected';
    case ParseErrorCode.CommaExpected: return 'Comma expected';
    case ParseErrorCode.CloseBraceExpected: return 'Closing brace expected';
    case ParseErrorCode.CloseBracketExpected: return 'Closing bracket expected';
    case ParseErrorCode.EndOfFileExpected: return 'End of file expected';
    case ParseErrorCode.InvalidCommentToken: return 'Invalid comment token';
    case ParseErrorCode.UnexpectedEndOfComment: return 'Unexpected end of comment';
    case ParseErrorCode.UnexpectedEndOfString: return 'Unexpected end of string';
    case ParseErrorCode.UnexpectedEndOfNumber: return 'Unexpected end of number';
    case ParseErrorCode.InvalidUnicode: return 'Invalid unicode sequence';
    case ParseErrorCode.InvalidEscapeCharacter: return 'Invalid escape character';
    case ParseErrorCode.InvalidCharacter: return 'Invalid character';
    default: return 'Syntax error';
  }
}

/** The property node (key and value) of `name` in an object node, compared case-insensitively. Last one wins, as in JSON.parse. */
export function findProperty(object: JsonNode | undefined, name: string): JsonNode | undefined {
  if (!object || object.type !== 'object' || !object.children) return undefined;
  const wanted = name.toLowerCase();
  let found: JsonNode | undefined;
  for (const property of object.children) {
    const key = property.children?.[0]?.value;
    if (typeof key === 'string' && sameKeyIgnoringCase(key, name, wanted)) found = property;
  }
  return found;
}


/**
 * The innermost node at `offset`, a node's end counting as inside it: what jsonc-parser's findNodeAtOffset finds
 * (with its right bound included), but by binary search among each node's children. Asked once per finding, the
 * linear search went through every resource before it in a template with thousands.
 */
export function nodeAtOffset(root: JsonNode, offset: number): JsonNode | undefined {
  if (!touches(root, offset)) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    if (!children || children.length === 0) return node;
    // The last child that starts at or before the offset; an earlier one that ends exactly there comes first.
    let index = firstIndexPast(children.length, (i) => children[i]!.offset > offset) - 1;
    if (index < 0 || !touches(children[index]!, offset)) return node;
    while (index > 0 && touches(children[index - 1]!, offset)) index--;
    node = children[index]!;
  }
}

const touches = (node: JsonNode, offset: number) => offset >= node.offset && offset <= node.offset + node.length;

/** The value node of member `name`, case-insensitive. */
export function findValue(object: JsonNode | undefined, name: string): JsonNode | undefined {
  return findProperty(object, name)?.children?.[1];
}

/** Walks a path of member names from `node`; undefined as soon as a step is missing. */
export function findPath(node: JsonNode | undefined, path: readonly string[]): JsonNode | undefined {
  let current = node;
  for (const step of path) {
    current = findValue(current, step);
    if (!current) return undefined;
  }
  return current;
}

/** The string value of a node, or undefined when it is not a string. */
export function stringOf(node: JsonNode | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** The key name of a property node. */
export function keyOf(property: JsonNode): string | undefined {
  const key = property.children?.[0];
  return key && typeof key.value === 'string' ? key.value : undefined;
}
