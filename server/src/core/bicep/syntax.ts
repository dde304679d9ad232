/**
 * The Bicep syntax tree. Nodes keep where their text starts and ends without leading trivia (`spanOf` makes a span of
 * it); the token list keeps everything else, trivia included.
 */
import type { Span } from '../types';

interface NodeBase {
  /** offsets of the node's text, without leading trivia: two numbers rather than a span object per node, which held a
   * sixth of a parsed file's memory */
  start: number;
  end: number;
}

/** The span of a node's text. */
export function spanOf(node: { start: number; end: number }): Span {
  return { start: node.start, end: node.end };
}

export interface StringPart {
  /** decoded literal text */
  text: string;
}

export interface StringLiteral extends NodeBase {
  kind: 'string';
  /** literal pieces around the interpolations: pieces.length === expressions.length + 1 (shared by literals of the
   * same text, so never changed) */
  pieces: readonly string[];
  expressions: readonly Expression[];
  multiline: boolean;
}
export interface IntegerLiteral extends NodeBase { kind: 'integer'; value: number }
export interface BooleanLiteral extends NodeBase { kind: 'boolean'; value: boolean }
export interface NullLiteral extends NodeBase { kind: 'null' }
export interface Identifier extends NodeBase { kind: 'identifier'; name: string }
export interface ObjectProperty extends NodeBase {
  kind: 'property';
  /** the key's decoded text; undefined for an interpolated key */
  key: string | undefined;
  /** where the key is written (a name or a string): keys are a quarter of a file's nodes, so they get no node */
  keyStart: number;
  keyEnd: number;
  /** the key when it is an interpolated string, evaluated for its text */
  interpolatedKey: StringLiteral | undefined;
  value: Expression;
}
export interface SpreadElement extends NodeBase { kind: 'spread'; expression: Expression }
export interface ObjectExpression extends NodeBase {
  kind: 'object';
  /** properties, spreads and nested resources, in source order */
  members: (ObjectProperty | SpreadElement | ResourceDeclaration)[];
  /** offsets of the braces */
  open: number;
  close: number | undefined;
}
export interface ArrayExpression extends NodeBase { kind: 'array'; items: (Expression | SpreadElement)[] }
export interface PropertyAccess extends NodeBase { kind: 'propertyAccess'; base: Expression; name: string; safe: boolean }
export interface ArrayAccess extends NodeBase { kind: 'arrayAccess'; base: Expression; index: Expression; safe: boolean }
export interface ResourceAccess extends NodeBase { kind: 'resourceAccess'; base: Expression; name: string }
export interface NonNullAssertion extends NodeBase { kind: 'nonNull'; base: Expression }
export interface FunctionCall extends NodeBase {
  kind: 'call';
  /** `sys.concat(...)`, `az.resourceGroup()`, or a method on a value: the expression before the dot */
  base?: Expression;
  name: string;
  nameSpan: Span;
  args: Expression[];
}
export interface UnaryExpression extends NodeBase { kind: 'unary'; operator: '!' | '-' | '+'; operand: Expression }
export interface BinaryExpression extends NodeBase { kind: 'binary'; operator: string; left: Expression; right: Expression }
export interface TernaryExpression extends NodeBase { kind: 'ternary'; condition: Expression; whenTrue: Expression; whenFalse: Expression }
export interface ParenthesizedExpression extends NodeBase { kind: 'paren'; expression: Expression }
export interface LambdaExpression extends NodeBase { kind: 'lambda'; parameters: string[]; body: Expression }
export interface ForExpression extends NodeBase {
  kind: 'for';
  itemName: string | undefined;
  indexName: string | undefined;
  source: Expression;
  body: Expression;
}
export interface IfExpression extends NodeBase { kind: 'if'; condition: Expression; body: Expression }
export interface ErrorExpression extends NodeBase { kind: 'error'; message: string }

export type Expression =
  | StringLiteral | IntegerLiteral | BooleanLiteral | NullLiteral | Identifier | ObjectExpression | ArrayExpression
  | PropertyAccess | ArrayAccess | ResourceAccess | NonNullAssertion | FunctionCall | UnaryExpression | BinaryExpression
  | TernaryExpression | ParenthesizedExpression | LambdaExpression | ForExpression | IfExpression | ErrorExpression;

export interface Decorator extends NodeBase { kind: 'decorator'; expression: Expression }

interface DeclarationBase extends NodeBase {
  decorators: Decorator[];
}
export interface ParameterDeclaration extends DeclarationBase { kind: 'param'; name: Identifier; type: string; value?: Expression; nullable: boolean }
export interface ParameterAssignment extends DeclarationBase { kind: 'paramAssignment'; name: Identifier; value: Expression }
export interface VariableDeclaration extends DeclarationBase { kind: 'var'; name: Identifier; value: Expression }
export interface ResourceDeclaration extends DeclarationBase {
  kind: 'resource';
  name: Identifier;
  typeString: StringLiteral;
  existing: boolean;
  /** an object, `if (...) {...}` or `[for ...]` */
  value: Expression;
}
export interface ModuleDeclaration extends DeclarationBase { kind: 'module'; name: Identifier; path: StringLiteral; value: Expression }
export interface OutputDeclaration extends DeclarationBase { kind: 'output'; name: Identifier; value?: Expression }
export interface UsingDeclaration extends DeclarationBase { kind: 'using'; path?: StringLiteral }
export interface OtherStatement extends DeclarationBase {
  kind: 'targetScope' | 'metadata' | 'type' | 'func' | 'import' | 'extension' | 'extends' | 'test' | 'assert' | 'extensionConfig';
  name?: Identifier;
  value?: Expression;
  /** a compile-time import (`import { a, b as c } from 'x.bicep'`, `import * as x from 'x.bicep'`): what it binds */
  imports?: ImportedSymbols;
  /** a user-defined function (`func f(a string) string => ...`): its parameters and body, as a lambda */
  function?: LambdaExpression;
  /** a type declaration: whether its type ends in `?` (a parameter of that type may be left out, and is null) */
  nullable?: boolean;
  /** a type declaration that only names another type (`type a = b`, `type a = ns.b?`): that name */
  alias?: string;
}
export interface ImportedSymbols {
  from: StringLiteral;
  /** local name -> the exported name in the other file; for `* as x`, x -> undefined (all of them, as an object) */
  names: Map<string, string | undefined>;
}
export interface SkippedStatement extends NodeBase { kind: 'skipped'; message: string }

export type Statement =
  | ParameterDeclaration | ParameterAssignment | VariableDeclaration | ResourceDeclaration | ModuleDeclaration
  | OutputDeclaration | UsingDeclaration | OtherStatement | SkippedStatement;

export interface BicepDiagnostic {
  span: Span;
  message: string;
}
