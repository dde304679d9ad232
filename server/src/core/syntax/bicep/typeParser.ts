/**
 * Bicep type expressions, parsed loosely but completely enough to read and edit: names with type arguments,
 * literals, unions (a leading | and line breaks before | allowed), T?, T!, T[], T.prop, T[*], object and tuple
 * types with decorators, parentheses, and `resource 'T@v'`.
 */
import { isStringStart } from './compositeParser';
import { ExpressionFlags, terminators } from './parserBase';
import { ExpressionParser } from './expressionParser';
import type {
  ObjectTypePropertySyntax, ObjectTypeSyntax, SkippedSyntax, TupleTypeItemSyntax, TupleTypeSyntax, TypeArgumentsSyntax,
  TypeSyntax, UnionTypeSyntax, ParenthesizedTypeSyntax, ResourceTypeSyntax,
} from './syntax';
import { isUnaryOperator } from './tokens';

const MEMBER_STOPS = terminators('NewLine', 'Pipe', 'Assignment', 'Comma', 'RightBrace', 'RightParen', 'RightSquare', 'GreaterThan');
const TYPE_ARGUMENT_STOPS = terminators('NewLine', 'Comma', 'GreaterThan');
const PROPERTY_STOPS = terminators('NewLine', 'RightBrace');
const PROPERTY_KEY_STOPS = terminators('Colon', 'NewLine', 'RightBrace');
const TUPLE_ITEM_STOPS = terminators('NewLine', 'RightSquare');
const PAREN_TYPE_STOPS = terminators('NewLine', 'Comma', 'RightParen');
const RESOURCE_TYPE_STOPS = terminators('Assignment', 'NewLine');

export abstract class TypeParser extends ExpressionParser {
  /** A type; with `allowOptionalResourceType`, `resource` may stand without its type string (outputs). */
  protected parseType(allowOptionalResourceType: boolean): TypeSyntax | SkippedSyntax {
    if (this.checkKeyword('resource') && this.peekAt(1).kind !== 'LessThan') {
      const keyword = this.read();
      const typeString = allowOptionalResourceType && !isStringStart(this.peek().kind)
        ? undefined
        : this.recover(() => {
          if (!isStringStart(this.peek().kind)) this.fail('Expected the resource type string.');
          return this.parseString();
        }, RESOURCE_TYPE_STOPS);
      const resourceType: ResourceTypeSyntax = { kind: 'ResourceType', start: keyword.start, end: typeString?.end ?? keyword.end, keyword, typeString };
      return resourceType;
    }
    return this.parseTypeExpression();
  }

  protected parseTypeExpression(): TypeSyntax | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    this.depth++;
    let children: UnionTypeSyntax['children'] | undefined;
    if (this.hasUnionSeparator()) {
      children = [];
      this.pushNewLines(children);
      children.push(this.read());
    }
    const first = this.parseUnaryType();
    if (children === undefined && !this.hasUnionSeparator()) {
      this.depth--;
      return first;
    }
    children ??= [];
    const members: TypeSyntax[] = [];
    children.push(first);
    if (first.kind !== 'Skipped') members.push(first);
    while (this.hasUnionSeparator()) {
      this.pushNewLines(children);
      children.push(this.read());
      if (this.check('NewLine')) {
        children.push(this.skipEmpty("Expected a type after '|'."));
        continue;
      }
      const member = this.recover(() => this.parseUnaryType(), MEMBER_STOPS);
      children.push(member);
      if (member.kind !== 'Skipped') members.push(member);
    }
    this.depth--;
    const last = children[children.length - 1]!;
    const union: UnionTypeSyntax = { kind: 'UnionType', start: children[0]!.start, end: last.end, children, members };
    return union;
  }

  /** A | here, or on a following line (a union written one member per line). */
  private hasUnionSeparator(): boolean {
    if (this.check('Pipe')) return true;
    return this.check('NewLine') && this.peekPastNewLines().kind === 'Pipe';
  }

  private parseUnaryType(): TypeSyntax | SkippedSyntax {
    let candidate = this.parseTypeBase();
    for (let steps = 0; steps < this.maxDepth && candidate.kind !== 'Skipped'; steps++) {
      if (this.check('Question')) {
        const question = this.read();
        candidate = { kind: 'NullableType', start: candidate.start, end: question.end, base: candidate, question };
      } else if (this.check('Exclamation')) {
        const bang = this.read();
        candidate = { kind: 'NonNullableType', start: candidate.start, end: bang.end, base: candidate, bang };
      } else {
        break;
      }
    }
    return candidate;
  }

  private parseTypeBase(): TypeSyntax | SkippedSyntax {
    const operator = this.peek();
    if (!isUnaryOperator(operator.kind)) return this.parseMemberType();
    this.read();
    const operandStart = this.position;
    let operand = this.recover(() => this.parseMemberType(), MEMBER_STOPS);
    if (operand.kind !== 'Skipped' && operand.kind !== 'IntegerLiteral' && operand.kind !== 'BooleanLiteral') {
      operand = this.skippedRange(operandStart, this.position, this.report({
        span: { start: operand.start, end: operand.end },
        message: 'Only an integer or boolean literal can follow a unary operator in a type.',
      }));
    }
    return { kind: 'UnaryOperation', start: operator.start, end: operand.end, operator, operand };
  }

  private parseMemberType(): TypeSyntax | SkippedSyntax {
    const chainStart = this.position;
    let current = this.parsePrimaryType();
    for (let steps = 0; current.kind !== 'Skipped'; steps++) {
      if (!this.check('LeftSquare') && !this.check('Dot')) break;
      if (steps >= this.maxDepth) return this.skipTooDeep(chainStart);
      const token = this.read();
      if (token.kind === 'LeftSquare') {
        if (this.check('RightSquare')) {
          const close = this.read();
          current = { kind: 'ArrayType', start: current.start, end: close.end, element: current, open: token, close };
          continue;
        }
        const index = this.check('Asterisk')
          ? this.read()
          : this.recover(() => this.parseExpression(ExpressionFlags.None), terminators('RightSquare', 'NewLine'));
        const { close, garbage } = this.closeBracket('RightSquare', ']');
        current = {
          kind: 'TypeIndexAccess', start: current.start, end: close.end, base: current, open: token, index,
          skippedBeforeClose: garbage, close,
        };
        continue;
      }
      const property = this.check('Asterisk') ? this.read() : this.identifierOrSkip('Expected a property name after the dot.');
      const typeArguments = this.check('LessThan') ? this.parseTypeArguments() : undefined;
      current = {
        kind: 'TypePropertyAccess', start: current.start, end: typeArguments?.end ?? property.end, base: current, dot: token,
        property, typeArguments,
      };
    }
    return current;
  }

  private parsePrimaryType(): TypeSyntax | SkippedSyntax {
    const token = this.peek();
    switch (token.kind) {
      case 'Integer':
        this.read();
        return { kind: 'IntegerLiteral', start: token.start, end: token.end, token, value: Number(token.text) };
      case 'TrueKeyword':
      case 'FalseKeyword':
        this.read();
        return { kind: 'BooleanLiteral', start: token.start, end: token.end, token, value: token.kind === 'TrueKeyword' };
      case 'NullKeyword':
        this.read();
        return { kind: 'NullLiteral', start: token.start, end: token.end, token };
      case 'StringComplete':
      case 'StringLeftPiece':
      case 'MultilineString':
        return this.parseString();
      case 'LeftBrace':
        return this.parseObjectType();
      case 'LeftSquare':
        return this.parseTupleType();
      case 'LeftParen':
        return this.parseParenthesizedType();
      case 'Identifier': {
        const identifier = this.identifierNode(this.read());
        const typeArguments = this.check('LessThan') ? this.parseTypeArguments() : undefined;
        return { kind: 'TypeReference', start: identifier.start, end: typeArguments?.end ?? identifier.end, identifier, name: identifier.name, typeArguments };
      }
      default:
        return this.fail('Expected a type.');
    }
  }

  private parseTypeArguments(): TypeArgumentsSyntax {
    const open = this.read();
    const children: TypeArgumentsSyntax['children'] = [];
    while (!this.check('GreaterThan') && !this.isAtEnd()) {
      children.push(this.recover(() => this.parseTypeExpression(), TYPE_ARGUMENT_STOPS));
      if (!this.check('Comma')) break;
      children.push(this.read());
    }
    const { close, garbage } = this.closeBracket('GreaterThan', '>');
    if (garbage !== undefined) children.push(garbage);
    return { kind: 'TypeArguments', start: open.start, end: close.end, open, children, close };
  }

  private parseObjectType(): ObjectTypeSyntax | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    const openIndex = this.position;
    const open = this.read();
    this.depth++;
    const children: ObjectTypeSyntax['children'] = [];
    const properties: ObjectTypePropertySyntax[] = [];
    this.parseElements(children, 'RightBrace', openIndex, () => {
      const property = this.recover(() => this.parseObjectTypeProperty(), PROPERTY_STOPS);
      if (property.kind === 'ObjectTypeProperty') properties.push(property);
      return property;
    });
    const close = this.check('RightBrace') ? this.read() : this.skipEmpty("Expected '}'.");
    this.depth--;
    return { kind: 'ObjectType', start: open.start, end: close.end, open, children, close, properties };
  }

  private parseObjectTypeProperty(): ObjectTypePropertySyntax {
    const leadingNodes = this.parseLeadingNodes();
    const key = this.recover(() => {
      const token = this.peek();
      if (token.kind === 'Identifier') return this.identifierNode(this.read());
      if (token.kind === 'StringComplete' || token.kind === 'StringLeftPiece') return this.parseString();
      if (token.kind === 'Asterisk') return this.read();
      return this.fail('Expected a property name or *.');
    }, PROPERTY_KEY_STOPS);
    const colon = this.recover(() => this.expect('Colon', "Expected ':' after the property name."), PROPERTY_STOPS, this.suppressAfter(key));
    const value = this.recover(() => this.parseTypeExpression(), PROPERTY_STOPS, this.suppressAfter(colon));
    const name = key.kind === 'IdentifierSyntax' ? key.name : key.kind === 'String' ? key.value : undefined;
    const first: { start: number } = leadingNodes[0] ?? key;
    return {
      kind: 'ObjectTypeProperty', start: first.start, end: value.end, leadingNodes, decorators: this.decoratorsOf(leadingNodes),
      key, colon, value, name,
    };
  }

  private parseTupleType(): TupleTypeSyntax | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    const openIndex = this.position;
    const open = this.read();
    this.depth++;
    const children: TupleTypeSyntax['children'] = [];
    const items: TupleTypeItemSyntax[] = [];
    this.parseElements(children, 'RightSquare', openIndex, () => {
      const item = this.recover((): TupleTypeItemSyntax => {
        const leadingNodes = this.parseLeadingNodes();
        const value = this.parseTypeExpression();
        const first: { start: number } = leadingNodes[0] ?? value;
        return { kind: 'TupleTypeItem', start: first.start, end: value.end, leadingNodes, decorators: this.decoratorsOf(leadingNodes), value };
      }, TUPLE_ITEM_STOPS);
      if (item.kind === 'TupleTypeItem') items.push(item);
      return item;
    });
    const close = this.check('RightSquare') ? this.read() : this.skipEmpty("Expected ']'.");
    this.depth--;
    return { kind: 'TupleType', start: open.start, end: close.end, open, children, close, items };
  }

  private parseParenthesizedType(): ParenthesizedTypeSyntax {
    const open = this.read();
    const children: ParenthesizedTypeSyntax['children'] = [];
    let count = 0;
    while (!this.check('RightParen') && !this.isAtEnd()) {
      children.push(this.recover(() => this.parseTypeExpression(), PAREN_TYPE_STOPS));
      count++;
      if (!this.check('Comma')) break;
      children.push(this.read());
    }
    if (count !== 1) this.report({ span: { start: open.start, end: this.peek().start }, message: 'Parentheses must contain exactly one type.' });
    const { close, garbage } = this.closeBracket('RightParen', ')');
    if (garbage !== undefined) children.push(garbage);
    return { kind: 'ParenthesizedType', start: open.start, end: close.end, open, children, close };
  }
}
