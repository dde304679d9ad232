/**
 * Strings, objects, arrays and their element lists, decorators, and the declaration-start check that lets an unclosed
 * bracket end before the next top-level declaration.
 */
import { ExpressionFlags, ParserBase, Recovery, terminators, type Terminators } from './parserBase';
import { decodeStringPiece, stringForm } from './strings';
import type {
  ArrayChild, ArraySyntax, DecoratorSyntax, Expression, FunctionCallSyntax, IdentifierSyntax, LeadingNode,
  MissingDeclarationSyntax, ObjectChild, ObjectPropertySyntax, ObjectSyntax, ResourceDeclarationSyntax, SkippedSyntax,
  SpreadSyntax, StringSyntax, VariableAccessSyntax,
} from './syntax';
import type { Token, TokenKind } from './tokens';

const HOLE_STOPS = terminators('StringMiddlePiece', 'StringRightPiece', 'NewLine');
const OBJECT_ELEMENT_STOPS = terminators('NewLine', 'RightBrace');
const OBJECT_KEY_STOPS = terminators('Colon', 'NewLine', 'RightBrace');
const OBJECT_VALUE_STOPS = terminators('NewLine', 'RightBrace', 'Comma');
const ARRAY_ELEMENT_STOPS = terminators('NewLine', 'RightSquare', 'Comma');
const NEWLINE_STOPS = terminators('NewLine');
const NO_LEADING_NODES: LeadingNode[] = Object.freeze([]) as unknown as LeadingNode[];

/** Keywords that start a declaration; a lambda body on the next line never starts with one. */
export const DECLARATION_KEYWORDS: ReadonlySet<string> = new Set([
  'targetScope', 'metadata', 'param', 'var', 'type', 'func', 'resource', 'module', 'output', 'import', 'extension',
  'test', 'assert', 'using', 'extends', 'extensionConfig',
]);

export function isStringStart(kind: TokenKind): boolean {
  return kind === 'StringComplete' || kind === 'StringLeftPiece' || kind === 'MultilineString';
}

export abstract class CompositeParser extends ParserBase {
  protected abstract parseExpression(flags: ExpressionFlags): Expression | SkippedSyntax;
  /** A nested resource declaration inside a resource body (decorators allowed). */
  protected abstract parseNestedResource(): ResourceDeclarationSyntax | MissingDeclarationSyntax | SkippedSyntax;
  protected abstract parseCall(base: Expression | undefined, dot: Token | undefined, identifier: IdentifierSyntax | SkippedSyntax, flags: ExpressionFlags): FunctionCallSyntax;

  // ------------------------------------------------------------ strings

  /** A string at a StringComplete, StringLeftPiece or MultilineString token, with its interpolations. */
  protected parseString(): StringSyntax {
    const first = this.read();
    const form = stringForm(first);
    const tokens = [first];
    const segments = [decodeStringPiece(this.text, first, form)];
    const expressions: (Expression | SkippedSyntax)[] = [];
    if (first.kind === 'StringLeftPiece') {
      for (;;) {
        const holeStart = this.position;
        let hole = this.recover(() => this.parseExpression(ExpressionFlags.None), HOLE_STOPS);
        if (!this.isAtEnd() && !HOLE_STOPS.has(this.peek().kind)) {
          const extraStart = this.peek().start;
          while (!this.isAtEnd() && !HOLE_STOPS.has(this.peek().kind)) this.read();
          const extraEnd = this.tokens[this.position - 1]!.end;
          const diagnostic = this.report({ span: { start: extraStart, end: extraEnd }, message: 'Unexpected tokens in the interpolation.' });
          hole = this.skippedRange(holeStart, this.position, diagnostic);
        }
        expressions.push(hole);
        const next = this.peek();
        if (next.kind !== 'StringMiddlePiece' && next.kind !== 'StringRightPiece') {
          this.report({ span: this.spanAt(next), message: "The interpolation is not closed: expected '}' and the rest of the string." });
          break;
        }
        tokens.push(this.read());
        segments.push(decodeStringPiece(this.text, next, form));
        if (next.kind === 'StringRightPiece') break;
      }
    }
    const end = tokens.length > expressions.length ? tokens[tokens.length - 1]!.end : expressions[expressions.length - 1]!.end;
    return {
      kind: 'String', start: first.start, end, tokens, expressions, segments, multiline: form.multiline,
      value: expressions.length === 0 ? segments[0]!.value : undefined,
    };
  }

  // ------------------------------------------------------------ element lists

  /**
   * The elements of an object or array, separated by line breaks or commas (not both). When the opening bracket has no
   * matching closer in the file, the list also ends before a line that starts a top-level declaration, so a half-typed
   * body does not swallow the declarations after it.
   */
  protected parseElements<T>(children: (T | Token | SkippedSyntax)[], closer: TokenKind, openIndex: number, parseElement: () => T): void {
    if (this.check(closer)) return;
    this.pushNewLines(children);
    const unclosed = this.matches[openIndex]! < 0;
    let expectElement = true;
    while (!this.isAtEnd() && !this.check(closer)) {
      if (unclosed && this.startsTopLevelDeclaration()) break;
      if (!expectElement) {
        if (this.check('NewLine')) {
          this.pushNewLines(children);
        } else if (this.check('Comma')) {
          children.push(this.read());
          if (this.check('NewLine')) {
            children.push(this.skipEmpty('Unexpected line break after a comma: separate items with either commas or line breaks.'));
            this.pushNewLines(children);
          }
        } else {
          children.push(this.skipEmpty('Expected a line break or a comma between items.'));
        }
        expectElement = true;
        continue;
      }
      const before = this.position;
      children.push(parseElement());
      expectElement = false;
      const kind = this.peek().kind;
      if (this.position === before && kind !== 'NewLine' && kind !== 'Comma' && kind !== closer && !this.isAtEnd()) {
        children.push(this.skipTo(this.position + 1, 'Unexpected token.'));
      }
    }
  }

  /** At the start of an unindented line that begins a top-level declaration (or a decorator). */
  protected startsTopLevelDeclaration(): boolean {
    if (!this.previousTokenIsNewLine() || this.position === 0) return false;
    const token = this.peek();
    if (token.leadingTrivia.length > 0 || this.tokens[this.position - 1]!.trailingTrivia.length > 0) return false;
    const next = this.peekAt(1).kind;
    if (token.kind === 'At') return next === 'Identifier';
    if (token.kind !== 'Identifier' || !DECLARATION_KEYWORDS.has(token.text)) return false;
    switch (token.text) {
      case 'targetScope': return next === 'Assignment';
      case 'import': return next === 'LeftBrace' || next === 'Asterisk' || isStringStart(next);
      case 'using': case 'extends': case 'extension': return next === 'Identifier' || isStringStart(next);
      default: return next === 'Identifier';
    }
  }

  // ------------------------------------------------------------ objects and arrays

  protected parseObject(flags: ExpressionFlags): ObjectSyntax | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    const openIndex = this.position;
    const open = this.expect('LeftBrace', "Expected '{'.");
    this.depth++;
    const children: ObjectChild[] = [];
    const properties: ObjectPropertySyntax[] = [];
    const resources: ResourceDeclarationSyntax[] = [];
    this.parseElements(children, 'RightBrace', openIndex, () => {
      const element = this.parseObjectElement(flags);
      if (element.kind === 'ObjectProperty') properties.push(element);
      else if (element.kind === 'ResourceDeclaration') resources.push(element);
      return element;
    });
    const close = this.check('RightBrace') ? this.read() : this.skipEmpty("Expected '}'.");
    this.depth--;
    return { kind: 'Object', start: open.start, end: close.end, open, children, close, properties, resources };
  }

  private parseObjectElement(flags: ExpressionFlags): ObjectPropertySyntax | SpreadSyntax | ResourceDeclarationSyntax | MissingDeclarationSyntax | SkippedSyntax {
    return this.recover(() => {
      // `resource` starts a nested declaration only when a name follows; otherwise it is a property name
      if ((flags & ExpressionFlags.AllowResourceDeclarations) !== 0
        && (this.check('At') || (this.checkKeyword('resource') && this.peekAt(1).kind === 'Identifier'))) {
        return this.parseNestedResource();
      }
      if (this.check('Ellipsis')) return this.parseSpread(OBJECT_VALUE_STOPS);
      const key = this.recover(() => this.parseObjectKey(), OBJECT_KEY_STOPS);
      const colon = this.recover(() => this.expect('Colon', "Expected ':' after the property name."), OBJECT_ELEMENT_STOPS, this.suppressAfter(key));
      const value = this.recover(() => this.parseExpression(ExpressionFlags.AllowComplexLiterals), OBJECT_VALUE_STOPS, this.suppressAfter(colon));
      const name = key.kind === 'IdentifierSyntax' ? key.name : key.kind === 'String' ? key.value : undefined;
      const property: ObjectPropertySyntax = { kind: 'ObjectProperty', start: key.start, end: value.end, key, colon, value, name };
      return property;
    }, OBJECT_ELEMENT_STOPS);
  }

  private parseObjectKey(): IdentifierSyntax | StringSyntax {
    const token = this.peek();
    if (token.kind === 'Identifier') return this.identifierNode(this.read());
    if (token.kind === 'StringComplete' || token.kind === 'StringLeftPiece') return this.parseString();
    return this.fail('Expected a property name.');
  }

  protected parseSpread(stops: Terminators): SpreadSyntax {
    const ellipsis = this.read();
    const expression = this.recover(() => this.parseExpression(ExpressionFlags.AllowComplexLiterals), stops);
    return { kind: 'Spread', start: ellipsis.start, end: Math.max(ellipsis.end, expression.end), ellipsis, expression };
  }

  protected parseArray(): ArraySyntax | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    const openIndex = this.position;
    const open = this.expect('LeftSquare', "Expected '['.");
    this.depth++;
    const children: ArrayChild[] = [];
    const items: ArraySyntax['items'] = [];
    this.parseElements(children, 'RightSquare', openIndex, () => {
      const item = this.recover(
        () => this.check('Ellipsis') ? this.parseSpread(ARRAY_ELEMENT_STOPS) : this.parseExpression(ExpressionFlags.AllowComplexLiterals),
        ARRAY_ELEMENT_STOPS);
      items.push(item);
      return item;
    });
    const close = this.check('RightSquare') ? this.read() : this.skipEmpty("Expected ']'.");
    this.depth--;
    return { kind: 'Array', start: open.start, end: close.end, open, children, close, items };
  }

  // ------------------------------------------------------------ decorators

  /** Decorators, each followed by a line break, before a declaration, an object type property or a tuple item. */
  protected parseLeadingNodes(): LeadingNode[] {
    if (!this.check('At')) return NO_LEADING_NODES;
    const nodes: LeadingNode[] = [];
    while (this.check('At')) {
      nodes.push(this.parseDecorator());
      nodes.push(this.recover(() => this.expect('NewLine', 'Expected a line break after the decorator.'), NEWLINE_STOPS, Recovery.ConsumeTerminator));
      this.pushNewLines(nodes);
    }
    return nodes;
  }

  protected decoratorsOf(nodes: LeadingNode[]): DecoratorSyntax[] {
    if (nodes.length === 0) return NO_LEADING_NODES as DecoratorSyntax[];
    return nodes.filter((node): node is DecoratorSyntax => node.kind === 'Decorator');
  }

  private parseDecorator(): DecoratorSyntax {
    const at = this.read();
    let name: string | undefined;
    const expression = this.recover((): Expression => {
      const identifier = this.identifier('Expected a decorator name or a namespace.');
      name = identifier.name;
      let current: Expression = this.check('LeftParen')
        ? this.parseCall(undefined, undefined, identifier, ExpressionFlags.AllowComplexLiterals)
        : this.variableAccess(identifier);
      // a chain longer than the nesting limit is left for the line-break recovery to skip
      for (let steps = 0; this.check('Dot') && steps < this.maxDepth; steps++) {
        const dot = this.read();
        const member = this.identifierOrSkip('Expected a function or property name.');
        name = member.kind === 'IdentifierSyntax' ? member.name : undefined;
        current = this.check('LeftParen')
          ? this.parseCall(current, dot, member, ExpressionFlags.AllowComplexLiterals)
          : { kind: 'PropertyAccess', start: current.start, end: member.end, base: current, dot, safeMarker: undefined, property: member, safe: false, name };
      }
      return current;
    }, NEWLINE_STOPS);
    if (expression.kind === 'Skipped') name = undefined;
    return { kind: 'Decorator', start: at.start, end: Math.max(at.end, expression.end), at, expression, name };
  }

  protected variableAccess(identifier: IdentifierSyntax): VariableAccessSyntax {
    return { kind: 'VariableAccess', start: identifier.start, end: identifier.end, identifier, name: identifier.name };
  }
}
