/**
 * The Bicep concrete syntax tree. Every node lists its tokens and child nodes in source order (see `forEachChild`),
 * so printing a tree reproduces its text exactly. `start`/`end` give a node's span without leading and trailing
 * trivia. A piece that is missing or malformed is a SkippedSyntax holding the tokens it consumed (possibly none).
 */
import type { StringSegment } from './strings';
import type { BicepSyntaxDiagnostic, Token } from './tokens';

interface NodeBase {
  /** span without the leading trivia of the first token and the trailing trivia of the last */
  start: number;
  end: number;
}

/** Tokens the parser could not use (kept for losslessness), or a zero-length marker of something missing. */
export interface SkippedSyntax extends NodeBase {
  kind: 'Skipped';
  tokens: Token[];
  /** the problem, unless it was suppressed as a consequence of an earlier one */
  diagnostic: BicepSyntaxDiagnostic | undefined;
}

/** A name. Its kind differs from the Identifier token kind so that children lists can mix tokens and nodes. */
export interface IdentifierSyntax extends NodeBase { kind: 'IdentifierSyntax'; token: Token; name: string }

// ---------------------------------------------------------------- expressions

export interface StringSyntax extends NodeBase {
  kind: 'String';
  /** one complete token, or the left, middle and right pieces of an interpolated string */
  tokens: Token[];
  /** the holes, in order: tokens[0], expressions[0], tokens[1], ...; one fewer token when the file ends in a hole */
  expressions: (Expression | SkippedSyntax)[];
  /** the literal text of each token, decoded, with its raw span (delimiters excluded) */
  segments: StringSegment[];
  multiline: boolean;
  /** the decoded value when there is no interpolation */
  value: string | undefined;
}
export interface IntegerLiteralSyntax extends NodeBase {
  kind: 'IntegerLiteral';
  token: Token;
  /** beyond 2^53 this loses precision; token.text has every digit */
  value: number;
}
export interface BooleanLiteralSyntax extends NodeBase { kind: 'BooleanLiteral'; token: Token; value: boolean }
export interface NullLiteralSyntax extends NodeBase { kind: 'NullLiteral'; token: Token }
export interface VariableAccessSyntax extends NodeBase { kind: 'VariableAccess'; identifier: IdentifierSyntax; name: string }

export type ObjectChild =
  | ObjectPropertySyntax | SpreadSyntax | ResourceDeclarationSyntax | MissingDeclarationSyntax | Token | SkippedSyntax;
export interface ObjectSyntax extends NodeBase {
  kind: 'Object';
  open: Token;
  /** members, NewLine and Comma tokens and skipped tokens, in source order */
  children: ObjectChild[];
  /** zero-length skipped when the brace is missing */
  close: Token | SkippedSyntax;
  properties: ObjectPropertySyntax[];
  /** nested child resources declared in a resource body */
  resources: ResourceDeclarationSyntax[];
}
export interface ObjectPropertySyntax extends NodeBase {
  kind: 'ObjectProperty';
  key: IdentifierSyntax | StringSyntax | SkippedSyntax;
  colon: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
  /** the key's text when it is an identifier or a string without interpolation */
  name: string | undefined;
}
export interface SpreadSyntax extends NodeBase { kind: 'Spread'; ellipsis: Token; expression: Expression | SkippedSyntax }

export type ArrayChild = Expression | SpreadSyntax | Token | SkippedSyntax;
export interface ArraySyntax extends NodeBase {
  kind: 'Array';
  open: Token;
  children: ArrayChild[];
  close: Token | SkippedSyntax;
  /** the elements in order; an element that failed to parse is a SkippedSyntax */
  items: (Expression | SpreadSyntax | SkippedSyntax)[];
}
export interface PropertyAccessSyntax extends NodeBase {
  kind: 'PropertyAccess';
  base: Expression;
  dot: Token;
  /** the ? of .? */
  safeMarker: Token | undefined;
  property: IdentifierSyntax | SkippedSyntax;
  safe: boolean;
  name: string | undefined;
}
export interface ArrayAccessSyntax extends NodeBase {
  kind: 'ArrayAccess';
  base: Expression;
  open: Token;
  safeMarker: Token | undefined;
  /** the ^ of [^i] (index from the end) */
  fromEndMarker: Token | undefined;
  index: Expression | SkippedSyntax;
  /** tokens between the index and the bracket, when there are any */
  skippedBeforeClose: SkippedSyntax | undefined;
  close: Token | SkippedSyntax;
  safe: boolean;
  fromEnd: boolean;
}
export interface ResourceAccessSyntax extends NodeBase {
  kind: 'ResourceAccess';
  base: Expression;
  doubleColon: Token;
  resourceName: IdentifierSyntax | SkippedSyntax;
  name: string | undefined;
}
export interface NonNullAssertionSyntax extends NodeBase { kind: 'NonNullAssertion'; base: Expression; bang: Token }

export type ArgumentChild = Expression | Token | SkippedSyntax;
export interface FunctionCallSyntax extends NodeBase {
  kind: 'FunctionCall';
  /** `az` in az.resourceGroup(), `sys` in sys.concat(), or the value a method is called on */
  base: Expression | undefined;
  dot: Token | undefined;
  identifier: IdentifierSyntax | SkippedSyntax;
  name: string | undefined;
  open: Token;
  /** arguments, Comma and NewLine tokens, skipped tokens */
  children: ArgumentChild[];
  close: Token | SkippedSyntax;
  arguments: (Expression | SkippedSyntax)[];
}
export interface UnaryOperationSyntax extends NodeBase { kind: 'UnaryOperation'; operator: Token; operand: Expression | SkippedSyntax }
export interface BinaryOperationSyntax extends NodeBase {
  kind: 'BinaryOperation';
  left: Expression | SkippedSyntax;
  operator: Token;
  right: Expression | SkippedSyntax;
}
export interface TernaryOperationSyntax extends NodeBase {
  kind: 'TernaryOperation';
  condition: Expression | SkippedSyntax;
  newLinesBeforeQuestion: Token[];
  question: Token;
  whenTrue: Expression | SkippedSyntax;
  newLinesBeforeColon: Token[];
  colon: Token | SkippedSyntax;
  whenFalse: Expression | SkippedSyntax;
}
export interface ParenthesizedExpressionSyntax extends NodeBase {
  kind: 'ParenthesizedExpression';
  open: Token;
  /** the inner expression with any NewLine tokens around it (and, in error, more expressions and commas) */
  children: ArgumentChild[];
  expression: Expression | SkippedSyntax;
  close: Token | SkippedSyntax;
}
export interface VariableBlockSyntax extends NodeBase {
  kind: 'VariableBlock';
  open: Token;
  children: (IdentifierSyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
  variables: IdentifierSyntax[];
}
export interface LambdaSyntax extends NodeBase {
  kind: 'Lambda';
  parameters: IdentifierSyntax | VariableBlockSyntax;
  arrow: Token;
  newLinesBeforeBody: Token[];
  body: Expression | SkippedSyntax;
  parameterNames: string[];
}
export interface ForSyntax extends NodeBase {
  kind: 'For';
  open: Token;
  openNewLines: Token[];
  forKeyword: Token;
  /** `x` or `(x, i)` */
  variable: IdentifierSyntax | VariableBlockSyntax | SkippedSyntax;
  inKeyword: Token | SkippedSyntax;
  source: Expression | SkippedSyntax;
  colon: Token | SkippedSyntax;
  /** any expression; in a resource or module, an object or an if-condition */
  body: Expression | IfConditionSyntax | SkippedSyntax;
  closeNewLines: Token[];
  /** tokens between the body and the bracket, when there are any */
  skippedBeforeClose: SkippedSyntax | undefined;
  close: Token | SkippedSyntax;
  itemName: string | undefined;
  indexName: string | undefined;
}
export interface IfConditionSyntax extends NodeBase {
  kind: 'IfCondition';
  keyword: Token;
  condition: ParenthesizedExpressionSyntax | SkippedSyntax;
  body: ObjectSyntax | SkippedSyntax;
}

export type Expression =
  | StringSyntax | IntegerLiteralSyntax | BooleanLiteralSyntax | NullLiteralSyntax | VariableAccessSyntax
  | ObjectSyntax | ArraySyntax | PropertyAccessSyntax | ArrayAccessSyntax | ResourceAccessSyntax
  | NonNullAssertionSyntax | FunctionCallSyntax | UnaryOperationSyntax | BinaryOperationSyntax
  | TernaryOperationSyntax | ParenthesizedExpressionSyntax | LambdaSyntax | ForSyntax;

// ---------------------------------------------------------------- types (parsed loosely: enough to read and edit)

export interface TypeReferenceSyntax extends NodeBase {
  kind: 'TypeReference';
  identifier: IdentifierSyntax;
  name: string;
  /** resourceInput<'T@v'> */
  typeArguments: TypeArgumentsSyntax | undefined;
}
export interface TypeArgumentsSyntax extends NodeBase {
  kind: 'TypeArguments';
  open: Token;
  children: (TypeSyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
}
export interface ResourceTypeSyntax extends NodeBase { kind: 'ResourceType'; keyword: Token; typeString: StringSyntax | SkippedSyntax | undefined }
export interface ObjectTypeSyntax extends NodeBase {
  kind: 'ObjectType';
  open: Token;
  children: (ObjectTypePropertySyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
  properties: ObjectTypePropertySyntax[];
}
export interface ObjectTypePropertySyntax extends NodeBase {
  kind: 'ObjectTypeProperty';
  leadingNodes: LeadingNode[];
  decorators: DecoratorSyntax[];
  /** the * token for additional properties */
  key: IdentifierSyntax | StringSyntax | Token | SkippedSyntax;
  colon: Token | SkippedSyntax;
  value: TypeSyntax | SkippedSyntax;
  name: string | undefined;
}
export interface TupleTypeSyntax extends NodeBase {
  kind: 'TupleType';
  open: Token;
  children: (TupleTypeItemSyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
  items: TupleTypeItemSyntax[];
}
export interface TupleTypeItemSyntax extends NodeBase {
  kind: 'TupleTypeItem';
  leadingNodes: LeadingNode[];
  decorators: DecoratorSyntax[];
  value: TypeSyntax | SkippedSyntax;
}
export interface UnionTypeSyntax extends NodeBase {
  kind: 'UnionType';
  /** members, Pipe and NewLine tokens, skipped tokens */
  children: (TypeSyntax | Token | SkippedSyntax)[];
  members: TypeSyntax[];
}
export interface NullableTypeSyntax extends NodeBase { kind: 'NullableType'; base: TypeSyntax; question: Token }
export interface NonNullableTypeSyntax extends NodeBase { kind: 'NonNullableType'; base: TypeSyntax; bang: Token }
export interface ArrayTypeSyntax extends NodeBase { kind: 'ArrayType'; element: TypeSyntax; open: Token; close: Token }
export interface TypePropertyAccessSyntax extends NodeBase {
  kind: 'TypePropertyAccess';
  base: TypeSyntax;
  dot: Token;
  /** the * token in T.* */
  property: IdentifierSyntax | Token | SkippedSyntax;
  /** sys.resourceInput<'T@v'> */
  typeArguments: TypeArgumentsSyntax | undefined;
}
export interface TypeIndexAccessSyntax extends NodeBase {
  kind: 'TypeIndexAccess';
  base: TypeSyntax;
  open: Token;
  /** the * token in T[*] */
  index: Expression | Token | SkippedSyntax;
  skippedBeforeClose: SkippedSyntax | undefined;
  close: Token | SkippedSyntax;
}
export interface ParenthesizedTypeSyntax extends NodeBase {
  kind: 'ParenthesizedType';
  open: Token;
  children: (TypeSyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
}

/** Literal types reuse the expression literals ('a', 1, -1, true, null). */
export type TypeSyntax =
  | TypeReferenceSyntax | ResourceTypeSyntax | ObjectTypeSyntax | TupleTypeSyntax | UnionTypeSyntax
  | NullableTypeSyntax | NonNullableTypeSyntax | ArrayTypeSyntax | TypePropertyAccessSyntax | TypeIndexAccessSyntax
  | ParenthesizedTypeSyntax | StringSyntax | IntegerLiteralSyntax | BooleanLiteralSyntax | NullLiteralSyntax
  | UnaryOperationSyntax;

// ---------------------------------------------------------------- declarations

export interface DecoratorSyntax extends NodeBase {
  kind: 'Decorator';
  at: Token;
  /** a call such as description('x') or sys.description('x'), or skipped tokens */
  expression: Expression | SkippedSyntax;
  /** the decorator's function name: 'description' for both @description() and @sys.description() */
  name: string | undefined;
}

/** Decorators with the NewLine tokens after them (and anything skipped on their lines). */
export type LeadingNode = DecoratorSyntax | Token | SkippedSyntax;

interface DeclarationBase extends NodeBase {
  leadingNodes: LeadingNode[];
  decorators: DecoratorSyntax[];
  keyword: Token;
}
type Name = IdentifierSyntax | SkippedSyntax;

export interface TargetScopeDeclarationSyntax extends DeclarationBase {
  kind: 'TargetScopeDeclaration';
  assignment: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
}
export interface MetadataDeclarationSyntax extends DeclarationBase {
  kind: 'MetadataDeclaration';
  name: Name;
  assignment: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
}
export interface ParameterDeclarationSyntax extends DeclarationBase {
  kind: 'ParameterDeclaration';
  name: Name;
  type: TypeSyntax | SkippedSyntax;
  assignment: Token | undefined;
  /** the default value; skipped tokens when something other than `= value` follows the type */
  defaultValue: Expression | SkippedSyntax | undefined;
}
export interface VariableDeclarationSyntax extends DeclarationBase {
  kind: 'VariableDeclaration';
  name: Name;
  type: TypeSyntax | SkippedSyntax | undefined;
  assignment: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
}
export interface TypeDeclarationSyntax extends DeclarationBase {
  kind: 'TypeDeclaration';
  name: Name;
  assignment: Token | SkippedSyntax;
  value: TypeSyntax | SkippedSyntax;
}
export interface TypedLocalVariableSyntax extends NodeBase { kind: 'TypedLocalVariable'; name: Name; type: TypeSyntax | SkippedSyntax }
export interface TypedLambdaSyntax extends NodeBase {
  kind: 'TypedLambda';
  open: Token;
  children: (TypedLocalVariableSyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
  parameters: TypedLocalVariableSyntax[];
  returnType: TypeSyntax | SkippedSyntax;
  arrow: Token | SkippedSyntax;
  newLinesBeforeBody: Token[];
  body: Expression | SkippedSyntax;
}
export interface FunctionDeclarationSyntax extends DeclarationBase {
  kind: 'FunctionDeclaration';
  name: Name;
  lambda: TypedLambdaSyntax | SkippedSyntax;
}
export interface ResourceDeclarationSyntax extends DeclarationBase {
  kind: 'ResourceDeclaration';
  name: Name;
  /** 'Microsoft.ContainerRegistry/registries@2023-07-01', or 'replications' for a nested child */
  type: StringSyntax | SkippedSyntax;
  existingKeyword: Token | undefined;
  existing: boolean;
  assignment: Token | SkippedSyntax;
  /** NewLine tokens between `=` and a following `if` */
  newLines: Token[];
  value: ObjectSyntax | IfConditionSyntax | ForSyntax | SkippedSyntax;
}
export interface ModuleDeclarationSyntax extends DeclarationBase {
  kind: 'ModuleDeclaration';
  name: Name;
  /** './x.bicep', 'br:…', 'br/public:…' or 'ts:…' */
  path: StringSyntax | SkippedSyntax;
  assignment: Token | SkippedSyntax;
  newLines: Token[];
  value: ObjectSyntax | IfConditionSyntax | ForSyntax | SkippedSyntax;
}
export interface OutputDeclarationSyntax extends DeclarationBase {
  kind: 'OutputDeclaration';
  name: Name;
  type: TypeSyntax | SkippedSyntax;
  assignment: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
}
export interface AliasAsClauseSyntax extends NodeBase { kind: 'AliasAsClause'; keyword: Token; alias: Name }
export interface ImportedSymbolSyntax extends NodeBase {
  kind: 'ImportedSymbol';
  /** the exported name: an identifier, or a string for names that are not identifiers */
  originalName: IdentifierSyntax | StringSyntax;
  asClause: AliasAsClauseSyntax | undefined;
}
export interface ImportedSymbolsListSyntax extends NodeBase {
  kind: 'ImportedSymbolsList';
  open: Token;
  children: (ImportedSymbolSyntax | Token | SkippedSyntax)[];
  close: Token | SkippedSyntax;
  symbols: ImportedSymbolSyntax[];
}
export interface WildcardImportSyntax extends NodeBase { kind: 'WildcardImport'; asterisk: Token; asClause: AliasAsClauseSyntax | SkippedSyntax }
export interface ImportFromClauseSyntax extends NodeBase { kind: 'ImportFromClause'; keyword: Token; path: StringSyntax | SkippedSyntax }
export interface ImportDeclarationSyntax extends DeclarationBase {
  kind: 'ImportDeclaration';
  /** `{ a, b as c }` or `* as ns` */
  imports: ImportedSymbolsListSyntax | WildcardImportSyntax | SkippedSyntax;
  from: ImportFromClauseSyntax | SkippedSyntax;
}
export interface WithClauseSyntax extends NodeBase { kind: 'WithClause'; keyword: Token; config: ObjectSyntax | SkippedSyntax }
export interface ExtensionDeclarationSyntax extends DeclarationBase {
  kind: 'ExtensionDeclaration';
  /** `extension microsoftGraphV1`, `extension 'br:…'`, or the legacy `import 'az@1.0.0'` */
  specification: IdentifierSyntax | StringSyntax | SkippedSyntax;
  withClause: WithClauseSyntax | SkippedSyntax | undefined;
  asClause: AliasAsClauseSyntax | SkippedSyntax | undefined;
}
export interface UsingDeclarationSyntax extends DeclarationBase {
  kind: 'UsingDeclaration';
  /** the template path, or the identifier `none` */
  path: StringSyntax | IdentifierSyntax | SkippedSyntax;
  withClause: WithClauseSyntax | SkippedSyntax | undefined;
}
export interface ExtendsDeclarationSyntax extends DeclarationBase { kind: 'ExtendsDeclaration'; path: StringSyntax | SkippedSyntax }
export interface ExtensionConfigAssignmentSyntax extends DeclarationBase {
  kind: 'ExtensionConfigAssignment';
  alias: Name;
  withClause: WithClauseSyntax | SkippedSyntax;
}
/** `param name = value` in a .bicepparam file */
export interface ParameterAssignmentSyntax extends DeclarationBase {
  kind: 'ParameterAssignment';
  name: Name;
  assignment: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
}
export interface TestDeclarationSyntax extends DeclarationBase {
  kind: 'TestDeclaration';
  name: Name;
  path: StringSyntax | SkippedSyntax;
  assignment: Token | SkippedSyntax;
  value: ObjectSyntax | SkippedSyntax;
}
export interface AssertDeclarationSyntax extends DeclarationBase {
  kind: 'AssertDeclaration';
  name: Name;
  assignment: Token | SkippedSyntax;
  value: Expression | SkippedSyntax;
}
/** Decorators followed by no declaration. */
export interface MissingDeclarationSyntax extends NodeBase {
  kind: 'MissingDeclaration';
  leadingNodes: LeadingNode[];
  decorators: DecoratorSyntax[];
}

export type Declaration =
  | TargetScopeDeclarationSyntax | MetadataDeclarationSyntax | ParameterDeclarationSyntax | VariableDeclarationSyntax
  | TypeDeclarationSyntax | FunctionDeclarationSyntax | ResourceDeclarationSyntax | ModuleDeclarationSyntax
  | OutputDeclarationSyntax | ImportDeclarationSyntax | ExtensionDeclarationSyntax | UsingDeclarationSyntax
  | ExtendsDeclarationSyntax | ExtensionConfigAssignmentSyntax | ParameterAssignmentSyntax | TestDeclarationSyntax
  | AssertDeclarationSyntax;

export type Statement = Declaration | MissingDeclarationSyntax | SkippedSyntax;

export type SyntaxNode =
  | Statement | Expression | TypeSyntax | SkippedSyntax | IdentifierSyntax | ObjectPropertySyntax | SpreadSyntax
  | VariableBlockSyntax | IfConditionSyntax | DecoratorSyntax | TypeArgumentsSyntax | ObjectTypePropertySyntax
  | TupleTypeItemSyntax | TypedLocalVariableSyntax | TypedLambdaSyntax | AliasAsClauseSyntax | ImportedSymbolSyntax
  | ImportedSymbolsListSyntax | WildcardImportSyntax | ImportFromClauseSyntax | WithClauseSyntax;

export type SyntaxKind = SyntaxNode['kind'];

export interface BicepFile {
  text: string;
  kind: 'bicep' | 'bicepparam';
  /** declarations and skipped statements, in order */
  statements: Statement[];
  /** statements and the NewLine tokens between them, in source order (what printing walks) */
  children: (Statement | Token)[];
  endOfFile: Token;
  /** every token, in order, ending with endOfFile */
  tokens: Token[];
  /** lexical and syntax errors, sorted by position */
  diagnostics: BicepSyntaxDiagnostic[];
}

export function isToken(value: SyntaxNode | Token): value is Token {
  return 'leadingTrivia' in value;
}

export function isSkipped(value: SyntaxNode | Token | undefined): value is SkippedSyntax {
  return value !== undefined && value.kind === 'Skipped';
}

/** The decoded value of a string without interpolation; undefined when it has holes. */
export function stringValue(node: StringSyntax): string | undefined {
  return node.value;
}

/** The text of a name, or undefined when the name is missing. */
export function nameOf(node: IdentifierSyntax | SkippedSyntax | StringSyntax): string | undefined {
  return node.kind === 'IdentifierSyntax' ? node.name : node.kind === 'String' ? node.value : undefined;
}
