/** The ARM expression syntax tree. Every span is in document offsets. */
import type { Span } from '../../types';

export type Expression = StringLiteral | NumberLiteral | Call | PropertyAccess | IndexAccess | ErrorNode;

export interface StringLiteral {
  kind: 'string';
  value: string;
  span: Span;
}

export interface NumberLiteral {
  kind: 'number';
  value: number;
  span: Span;
}

export interface Call {
  kind: 'call';
  /** user-defined functions are called as namespace.name */
  namespace?: string;
  name: string;
  nameSpan: Span;
  args: Expression[];
  span: Span;
}

export interface PropertyAccess {
  kind: 'property';
  target: Expression;
  name: string;
  span: Span;
}

export interface IndexAccess {
  kind: 'index';
  target: Expression;
  index: Expression;
  span: Span;
}

export interface ErrorNode {
  kind: 'error';
  message: string;
  span: Span;
}

export interface ExpressionDiagnostic {
  span: Span;
  message: string;
}
