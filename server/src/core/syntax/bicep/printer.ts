/**
 * Walking and printing the Bicep tree: the children of every node in source order, lossless printing, spans, and
 * lookups by offset.
 */
import type { Span } from '../../types';
import { isToken, type BicepFile, type SyntaxNode } from './syntax';
import { tokenFullEnd, tokenFullStart, tokenFullText, type BicepSyntaxDiagnostic, type Token } from './tokens';

export type SyntaxElement = SyntaxNode | Token;

/** Return true from the visitor to stop the walk. */
export type ChildVisitor = (child: SyntaxElement) => boolean | void;

/**
 * Calls `visit` for each direct child (token or node) of `node`, in source order. Returns true when the visitor
 * stopped the walk.
 */
export function forEachChild(node: SyntaxNode, visit: ChildVisitor): boolean {
  const v = (child: SyntaxElement | undefined): boolean => child !== undefined && visit(child) === true;
  const all = (children: readonly SyntaxElement[]): boolean => {
    for (const child of children) if (visit(child) === true) return true;
    return false;
  };
  switch (node.kind) {
    case 'Skipped': return all(node.tokens);
    case 'IdentifierSyntax':
    case 'IntegerLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral': return v(node.token);
    case 'String':
      for (let i = 0; i < node.tokens.length; i++) {
        if (v(node.tokens[i]) || v(node.expressions[i])) return true;
      }
      return false;
    case 'VariableAccess': return v(node.identifier);
    case 'Object':
    case 'Array':
    case 'TypeArguments':
    case 'ObjectType':
    case 'TupleType':
    case 'ParenthesizedType':
    case 'ImportedSymbolsList':
    case 'VariableBlock':
    case 'ParenthesizedExpression': return v(node.open) || all(node.children) || v(node.close);
    case 'ObjectProperty': return v(node.key) || v(node.colon) || v(node.value);
    case 'Spread': return v(node.ellipsis) || v(node.expression);
    case 'PropertyAccess': return v(node.base) || v(node.dot) || v(node.safeMarker) || v(node.property);
    case 'ArrayAccess':
      return v(node.base) || v(node.open) || v(node.safeMarker) || v(node.fromEndMarker) || v(node.index)
        || v(node.skippedBeforeClose) || v(node.close);
    case 'ResourceAccess': return v(node.base) || v(node.doubleColon) || v(node.resourceName);
    case 'NonNullAssertion': return v(node.base) || v(node.bang);
    case 'FunctionCall': return v(node.base) || v(node.dot) || v(node.identifier) || v(node.open) || all(node.children) || v(node.close);
    case 'UnaryOperation': return v(node.operator) || v(node.operand);
    case 'BinaryOperation': return v(node.left) || v(node.operator) || v(node.right);
    case 'TernaryOperation':
      return v(node.condition) || all(node.newLinesBeforeQuestion) || v(node.question) || v(node.whenTrue)
        || all(node.newLinesBeforeColon) || v(node.colon) || v(node.whenFalse);
    case 'Lambda': return v(node.parameters) || v(node.arrow) || all(node.newLinesBeforeBody) || v(node.body);
    case 'For':
      return v(node.open) || all(node.openNewLines) || v(node.forKeyword) || v(node.variable) || v(node.inKeyword)
        || v(node.source) || v(node.colon) || v(node.body) || all(node.closeNewLines) || v(node.skippedBeforeClose)
        || v(node.close);
    case 'IfCondition': return v(node.keyword) || v(node.condition) || v(node.body);
    case 'TypeReference': return v(node.identifier) || v(node.typeArguments);
    case 'ResourceType': return v(node.keyword) || v(node.typeString);
    case 'ObjectTypeProperty': return all(node.leadingNodes) || v(node.key) || v(node.colon) || v(node.value);
    case 'TupleTypeItem': return all(node.leadingNodes) || v(node.value);
    case 'UnionType': return all(node.children);
    case 'NullableType': return v(node.base) || v(node.question);
    case 'NonNullableType': return v(node.base) || v(node.bang);
    case 'ArrayType': return v(node.element) || v(node.open) || v(node.close);
    case 'TypePropertyAccess': return v(node.base) || v(node.dot) || v(node.property) || v(node.typeArguments);
    case 'TypeIndexAccess': return v(node.base) || v(node.open) || v(node.index) || v(node.skippedBeforeClose) || v(node.close);
    case 'Decorator': return v(node.at) || v(node.expression);
    case 'TargetScopeDeclaration': return all(node.leadingNodes) || v(node.keyword) || v(node.assignment) || v(node.value);
    case 'MetadataDeclaration':
    case 'ParameterAssignment':
    case 'AssertDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.assignment) || v(node.value);
    case 'ParameterDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.type) || v(node.assignment) || v(node.defaultValue);
    case 'VariableDeclaration':
    case 'OutputDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.type) || v(node.assignment) || v(node.value);
    case 'TypeDeclaration': return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.assignment) || v(node.value);
    case 'TypedLocalVariable': return v(node.name) || v(node.type);
    case 'TypedLambda':
      return v(node.open) || all(node.children) || v(node.close) || v(node.returnType) || v(node.arrow)
        || all(node.newLinesBeforeBody) || v(node.body);
    case 'FunctionDeclaration': return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.lambda);
    case 'ResourceDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.type) || v(node.existingKeyword)
        || v(node.assignment) || all(node.newLines) || v(node.value);
    case 'ModuleDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.path) || v(node.assignment)
        || all(node.newLines) || v(node.value);
    case 'TestDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.name) || v(node.path) || v(node.assignment) || v(node.value);
    case 'AliasAsClause': return v(node.keyword) || v(node.alias);
    case 'ImportedSymbol': return v(node.originalName) || v(node.asClause);
    case 'WildcardImport': return v(node.asterisk) || v(node.asClause);
    case 'ImportFromClause': return v(node.keyword) || v(node.path);
    case 'ImportDeclaration': return all(node.leadingNodes) || v(node.keyword) || v(node.imports) || v(node.from);
    case 'WithClause': return v(node.keyword) || v(node.config);
    case 'ExtensionDeclaration':
      return all(node.leadingNodes) || v(node.keyword) || v(node.specification) || v(node.withClause) || v(node.asClause);
    case 'UsingDeclaration': return all(node.leadingNodes) || v(node.keyword) || v(node.path) || v(node.withClause);
    case 'ExtendsDeclaration': return all(node.leadingNodes) || v(node.keyword) || v(node.path);
    case 'ExtensionConfigAssignment': return all(node.leadingNodes) || v(node.keyword) || v(node.alias) || v(node.withClause);
    case 'MissingDeclaration': return all(node.leadingNodes);
    default: {
      const unknown: never = node;
      throw new Error(`forEachChild: unknown node ${(unknown as SyntaxNode).kind}`);
    }
  }
}

/** The direct children of a node, in source order. */
export function childrenOf(node: SyntaxNode): SyntaxElement[] {
  const children: SyntaxElement[] = [];
  forEachChild(node, (child) => {
    children.push(child);
  });
  return children;
}

function isFile(value: SyntaxElement | BicepFile): value is BicepFile {
  return 'endOfFile' in value && 'statements' in value;
}

/** Every token of a node or file, in order. For a file the list ends with its EndOfFile token. */
export function collectTokens(root: SyntaxElement | BicepFile): Token[] {
  const tokens: Token[] = [];
  const visit = (element: SyntaxElement): void => {
    if (isToken(element)) tokens.push(element);
    else forEachChild(element, visit);
  };
  if (isFile(root)) {
    for (const child of root.children) visit(child);
    tokens.push(root.endOfFile);
  } else {
    visit(root);
  }
  return tokens;
}

/** The exact source text of a node or file, trivia included: printing a file reproduces it byte for byte. */
export function printSyntax(root: SyntaxElement | BicepFile): string {
  let out = '';
  for (const token of collectTokens(root)) out += tokenFullText(token);
  return out;
}

/** The span of a node or token without its leading and trailing trivia. */
export function nodeSpan(element: SyntaxElement): Span {
  return { start: element.start, end: element.end };
}

export function firstToken(element: SyntaxElement): Token | undefined {
  if (isToken(element)) return element;
  let found: Token | undefined;
  forEachChild(element, (child) => {
    found = firstToken(child);
    return found !== undefined;
  });
  return found;
}

export function lastToken(element: SyntaxElement): Token | undefined {
  if (isToken(element)) return element;
  const children = childrenOf(element);
  for (let i = children.length - 1; i >= 0; i--) {
    const found = lastToken(children[i]!);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The span of a node including the leading trivia of its first token and the trailing trivia of its last. */
export function nodeFullSpan(element: SyntaxElement): Span {
  const first = firstToken(element);
  const last = lastToken(element);
  if (first === undefined || last === undefined) return nodeSpan(element);
  return { start: tokenFullStart(first), end: tokenFullEnd(last) };
}

/** The first token that ends after `offset` (the token containing it, or the next one); EndOfFile at the end. */
export function tokenAt(file: BicepFile, offset: number): Token {
  const tokens = file.tokens;
  let low = 0;
  let high = tokens.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return tokens[low]!;
}

/** The nodes whose span contains `offset`, outermost first (empty between statements). */
export function nodePathAt(file: BicepFile, offset: number): SyntaxNode[] {
  const path: SyntaxNode[] = [];
  const contains = (node: SyntaxNode) => node.start <= offset && offset <= node.end;
  let level: SyntaxElement[] = file.statements;
  for (;;) {
    const next = level.find((element): element is SyntaxNode => !isToken(element) && contains(element));
    if (next === undefined) return path;
    path.push(next);
    level = childrenOf(next);
  }
}

/** The syntax diagnostics that touch a node's span (a quick fix should not edit a broken node). */
export function diagnosticsWithin(file: BicepFile, element: SyntaxElement): BicepSyntaxDiagnostic[] {
  const { start, end } = nodeSpan(element);
  return file.diagnostics.filter((d) => (d.span.start < end && d.span.end > start) || (d.span.start >= start && d.span.start <= end));
}
