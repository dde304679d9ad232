/**
 * Bicep expressions by precedence climbing: ternary (right-associative, line breaks allowed before ? and :), binary
 * operators (left-associative), unary operators, postfix accessors, and primaries (literals, strings, objects,
 * arrays, for-expressions, parentheses, lambdas, calls, names).
 */
import { CompositeParser, DECLARATION_KEYWORDS } from './compositeParser';
import { ExpressionFlags, NO_TOKENS, Recovery, terminators } from './parserBase';
import type {
  ArgumentChild, Expression, ForSyntax, FunctionCallSyntax, IdentifierSyntax, IfConditionSyntax, LambdaSyntax,
  ParenthesizedExpressionSyntax, SkippedSyntax, VariableBlockSyntax,
} from './syntax';
import { binaryPrecedence, isUnaryOperator, type Token } from './tokens';

/** Where a broken operand ends: the end of the line, a separator, or whatever closes the enclosing construct. */
const EXPRESSION_STOPS = terminators('NewLine', 'Comma', 'Colon', 'RightBrace', 'RightParen', 'RightSquare', 'StringMiddlePiece', 'StringRightPiece');
const COLON_STOPS = terminators('NewLine', 'Comma', 'RightBrace', 'RightParen', 'RightSquare', 'StringMiddlePiece', 'StringRightPiece');
const ARGUMENT_STOPS = terminators('NewLine', 'Comma', 'RightParen');
const PAREN_ITEM_STOPS = terminators('NewLine', 'Comma', 'RightBrace', 'RightParen', 'RightSquare', 'StringRightPiece');
const LAMBDA_BODY_STOPS = terminators('NewLine', 'RightParen');
const VARIABLE_STOPS = terminators('Comma', 'RightParen', 'NewLine');
const FOR_STOPS = terminators('RightSquare', 'NewLine');
const FOR_SOURCE_STOPS = terminators('Colon', 'RightSquare', 'NewLine');
const IF_CONDITION_STOPS = terminators('LeftBrace', 'NewLine');
const IF_CONDITION_STOPS_IN_FOR = terminators('RightSquare', 'LeftBrace', 'NewLine');
const NEWLINE_STOPS = terminators('NewLine');

export abstract class ExpressionParser extends CompositeParser {
  protected parseExpression(flags: ExpressionFlags): Expression | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    this.depth++;
    const result = this.parseTernary(flags);
    this.depth--;
    return result;
  }

  private parseTernary(flags: ExpressionFlags): Expression | SkippedSyntax {
    const condition = this.parseBinary(flags, 0);
    let newLinesBeforeQuestion = NO_TOKENS;
    if (this.check('NewLine') && this.peekPastNewLines().kind === 'Question') newLinesBeforeQuestion = this.newLines();
    if (!this.check('Question')) return condition;
    const question = this.read();
    const whenTrue = this.recover(() => this.parseExpression(flags), EXPRESSION_STOPS);
    let newLinesBeforeColon = NO_TOKENS;
    if (whenTrue.kind !== 'Skipped' && this.check('NewLine') && this.peekPastNewLines().kind === 'Colon') newLinesBeforeColon = this.newLines();
    const colon = this.recover(() => this.expect('Colon', "Expected ':' in the conditional expression."), COLON_STOPS, this.suppressAfter(whenTrue));
    const whenFalse = this.recover(() => this.parseExpression(flags), EXPRESSION_STOPS, this.suppressAfter(colon));
    return {
      kind: 'TernaryOperation', start: condition.start, end: whenFalse.end, condition, newLinesBeforeQuestion, question,
      whenTrue, newLinesBeforeColon, colon, whenFalse,
    };
  }

  private parseBinary(flags: ExpressionFlags, minPrecedence: number): Expression | SkippedSyntax {
    let left = this.parseUnary(flags);
    let added = 0;
    for (;;) {
      const operator = this.peek();
      const precedence = binaryPrecedence(operator.kind);
      if (precedence <= minPrecedence) break;
      this.read();
      let right: Expression | SkippedSyntax;
      if (this.tooDeep()) {
        right = this.skipTooDeep();
      } else {
        // each link of a left-associative chain nests the tree one level deeper
        this.depth++;
        added++;
        right = this.recover(() => this.parseBinary(flags, precedence), EXPRESSION_STOPS);
      }
      left = { kind: 'BinaryOperation', start: left.start, end: right.end, left, operator, right };
    }
    this.depth -= added;
    return left;
  }

  private parseUnary(flags: ExpressionFlags): Expression | SkippedSyntax {
    const operator = this.peek();
    if (!isUnaryOperator(operator.kind)) return this.parseMember(flags);
    this.read();
    const operand = this.recover(() => this.parseMember(flags), EXPRESSION_STOPS);
    return { kind: 'UnaryOperation', start: operator.start, end: operand.end, operator, operand };
  }

  private parseMember(flags: ExpressionFlags): Expression | SkippedSyntax {
    const chainStart = this.position;
    let current = this.parsePrimary(flags);
    if (current.kind === 'Skipped') return current;
    let added = 0;
    for (;;) {
      const kind = this.peek().kind;
      if (kind !== 'LeftSquare' && kind !== 'Dot' && kind !== 'DoubleColon' && kind !== 'Exclamation') break;
      if (this.tooDeep()) {
        this.depth -= added;
        return this.skipTooDeep(chainStart);
      }
      this.depth++;
      added++;
      current = this.parsePostfix(current, flags);
    }
    this.depth -= added;
    return current;
  }

  private parsePostfix(base: Expression, flags: ExpressionFlags): Expression {
    const token = this.read();
    switch (token.kind) {
      case 'LeftSquare': {
        const safeMarker = this.check('Question') ? this.read() : undefined;
        const fromEndMarker = this.check('Hat') ? this.read() : undefined;
        const index = this.check('RightSquare')
          ? this.skipEmpty('Expected an index expression.')
          : this.recover(() => this.parseExpression(flags), EXPRESSION_STOPS);
        const { close, garbage } = this.closeBracket('RightSquare', ']');
        return {
          kind: 'ArrayAccess', start: base.start, end: close.end, base, open: token, safeMarker, fromEndMarker, index,
          skippedBeforeClose: garbage, close, safe: safeMarker !== undefined, fromEnd: fromEndMarker !== undefined,
        };
      }
      case 'Dot': {
        const markerIndex = this.position;
        const safeMarker = this.check('Question') ? this.read() : undefined;
        const property = this.identifierOrSkip('Expected a property or function name after the dot.');
        if (this.check('LeftParen')) {
          const name = safeMarker === undefined
            ? property
            : this.skippedRange(markerIndex, this.position, this.report({
              span: { start: safeMarker.start, end: safeMarker.end },
              message: 'The safe-access operator .? cannot call a function; use . instead.',
            }));
          return this.parseCall(base, token, name, flags);
        }
        return {
          kind: 'PropertyAccess', start: base.start, end: property.end, base, dot: token, safeMarker, property,
          safe: safeMarker !== undefined, name: property.kind === 'IdentifierSyntax' ? property.name : undefined,
        };
      }
      case 'DoubleColon': {
        const resourceName = this.identifierOrSkip('Expected the name of a nested resource after ::.');
        return {
          kind: 'ResourceAccess', start: base.start, end: resourceName.end, base, doubleColon: token, resourceName,
          name: resourceName.kind === 'IdentifierSyntax' ? resourceName.name : undefined,
        };
      }
      default:
        return { kind: 'NonNullAssertion', start: base.start, end: token.end, base, bang: token };
    }
  }

  private parsePrimary(flags: ExpressionFlags): Expression | SkippedSyntax {
    const token = this.peek();
    const complex = (flags & ExpressionFlags.AllowComplexLiterals) !== 0;
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
        if (!complex) break;
        return this.parseObject(flags);
      case 'LeftSquare':
        if (!complex) break;
        return this.checkKeyword('for', this.peekPastNewLines(this.position + 1)) ? this.parseFor(flags, false) : this.parseArray();
      case 'LeftParen': {
        const close = this.matches[this.position]!;
        if (close > 0 && this.tokens[close + 1]!.kind === 'Arrow') return this.parseLambda(this.parseVariableBlock(true));
        return this.parseParenthesized(flags);
      }
      case 'Identifier': {
        const next = this.peekAt(1).kind;
        const identifier = this.identifierNode(this.read());
        if (next === 'LeftParen') return this.parseCall(undefined, undefined, identifier, flags);
        if (next === 'Arrow') return this.parseLambda(identifier);
        return this.variableAccess(identifier);
      }
      default:
        return this.fail('Expected an expression.');
    }
    return this.fail('Objects, arrays and loops are not allowed here (for example inside string interpolation).');
  }

  // ------------------------------------------------------------ calls, parentheses, lambdas

  protected parseCall(base: Expression | undefined, dot: Token | undefined, identifier: IdentifierSyntax | SkippedSyntax, flags: ExpressionFlags): FunctionCallSyntax {
    const openIndex = this.position;
    const open = this.expect('LeftParen', "Expected '('.");
    const children: ArgumentChild[] = [];
    const args: (Expression | SkippedSyntax)[] = [];
    if (!this.check('RightParen')) {
      this.pushNewLines(children);
      const unclosed = this.matches[openIndex]! < 0;
      let expectArgument = true;
      while (!this.isAtEnd() && !this.check('RightParen')) {
        if (unclosed && this.startsTopLevelDeclaration()) break;
        if (!expectArgument) {
          if (this.check('NewLine')) {
            const next = this.peekPastNewLines();
            if (next.kind === 'EndOfFile') break;
            if (next.kind !== 'RightParen') children.push(this.skipEmpty('Expected a comma between arguments.'));
            this.pushNewLines(children);
          } else if (this.check('Comma')) {
            children.push(this.read());
            this.pushNewLines(children);
            if (this.check('RightParen')) children.push(this.skipEmpty('Expected an argument: argument lists cannot end with a comma.'));
          } else {
            children.push(this.skipEmpty("Expected ',' or ')'."));
          }
          expectArgument = true;
          continue;
        }
        const before = this.position;
        const argument = this.recover(() => this.parseExpression(flags), ARGUMENT_STOPS);
        children.push(argument);
        args.push(argument);
        expectArgument = false;
        const kind = this.peek().kind;
        if (this.position === before && kind !== 'NewLine' && kind !== 'Comma' && kind !== 'RightParen' && !this.isAtEnd()) {
          children.push(this.skipTo(this.position + 1, 'Unexpected token.'));
        }
      }
    }
    const { close, garbage } = this.closeBracket('RightParen', ')');
    if (garbage !== undefined) children.push(garbage);
    return {
      kind: 'FunctionCall', start: base?.start ?? identifier.start, end: close.end, base, dot, identifier,
      name: identifier.kind === 'IdentifierSyntax' ? identifier.name : undefined, open, children, close, arguments: args,
    };
  }

  protected parseParenthesized(flags: ExpressionFlags): ParenthesizedExpressionSyntax {
    const open = this.expect('LeftParen', "Expected '('.");
    const children: ArgumentChild[] = [];
    const items: (Expression | SkippedSyntax)[] = [];
    this.pushNewLines(children);
    while (!this.check('RightParen') && !this.isAtEnd()) {
      const item = this.recover(() => this.parseExpression(flags), PAREN_ITEM_STOPS);
      children.push(item);
      items.push(item);
      this.pushNewLines(children);
      if (!this.check('Comma')) break;
      children.push(this.read());
      this.pushNewLines(children);
    }
    let expression = items[0];
    if (expression === undefined) {
      expression = this.skipEmpty('Expected an expression inside the parentheses.');
      children.push(expression);
    } else if (items.length > 1) {
      this.report({ span: { start: items[1]!.start, end: items[items.length - 1]!.end }, message: 'Parentheses must contain exactly one expression.' });
    }
    const { close, garbage } = this.closeBracket('RightParen', ')');
    if (garbage !== undefined) children.push(garbage);
    return { kind: 'ParenthesizedExpression', start: open.start, end: close.end, open, children, expression, close };
  }

  /** `(a, b)` before a lambda arrow, or `(item, index)` in a for-expression. */
  protected parseVariableBlock(allowNewLines: boolean): VariableBlockSyntax {
    const open = this.read();
    const children: VariableBlockSyntax['children'] = [];
    const variables: IdentifierSyntax[] = [];
    if (allowNewLines) this.pushNewLines(children);
    while (!this.check('RightParen') && !this.isAtEnd()) {
      const variable = this.recover(() => this.identifier('Expected a variable name.'), VARIABLE_STOPS);
      children.push(variable);
      if (variable.kind === 'IdentifierSyntax') variables.push(variable);
      if (allowNewLines) this.pushNewLines(children);
      if (!this.check('Comma')) break;
      children.push(this.read());
      if (allowNewLines) this.pushNewLines(children);
    }
    const { close, garbage } = this.closeBracket('RightParen', ')');
    if (garbage !== undefined) children.push(garbage);
    return { kind: 'VariableBlock', start: open.start, end: close.end, open, children, close, variables };
  }

  private parseLambda(parameters: IdentifierSyntax | VariableBlockSyntax): LambdaSyntax {
    const arrow = this.expect('Arrow', "Expected '=>'.");
    const newLinesBeforeBody = this.declarationFollows() ? NO_TOKENS : this.newLines();
    const body = this.recover(() => this.parseExpression(ExpressionFlags.AllowComplexLiterals), LAMBDA_BODY_STOPS);
    const parameterNames = parameters.kind === 'IdentifierSyntax' ? [parameters.name] : parameters.variables.map((v) => v.name);
    return { kind: 'Lambda', start: parameters.start, end: body.end, parameters, arrow, newLinesBeforeBody, body, parameterNames };
  }

  /** The next line starts a declaration, so line breaks here end the construct rather than continue it. */
  protected declarationFollows(): boolean {
    const next = this.peekPastNewLines();
    return next.kind === 'Identifier' && DECLARATION_KEYWORDS.has(next.text);
  }

  // ------------------------------------------------------------ loops and conditions

  protected parseFor(flags: ExpressionFlags, resourceContext: boolean): ForSyntax | SkippedSyntax {
    if (this.tooDeep()) return this.skipTooDeep();
    const open = this.expect('LeftSquare', "Expected '['.");
    this.depth++;
    const openNewLines = this.newLines();
    const forKeyword = this.expectKeyword('for');
    let variable: ForSyntax['variable'];
    if (this.check('Identifier')) {
      variable = this.identifierNode(this.read());
    } else if (this.check('LeftParen')) {
      variable = this.parseVariableBlock(false);
      if (variable.variables.length !== 2 && variable.children.every((child) => child.kind !== 'Skipped') && variable.close.kind !== 'Skipped') {
        this.report({ span: { start: variable.start, end: variable.end }, message: 'Expected two loop variables: (item, index).' });
      }
    } else {
      variable = this.skipEmpty('Expected a loop variable name or (item, index).');
    }
    const inKeyword = this.recover(() => this.expectKeyword('in'), FOR_STOPS, this.suppressAfter(variable));
    const source = this.recover(() => this.parseExpression(ExpressionFlags.AllowComplexLiterals), FOR_SOURCE_STOPS, this.suppressAfter(inKeyword));
    const colon = this.recover(() => this.expect('Colon', "Expected ':' after the loop's source."), FOR_STOPS, this.suppressAfter(source));
    const body = this.recover(() => this.parseForBody(flags, resourceContext), FOR_STOPS, this.suppressAfter(colon));
    const closeNewLines = body.kind === 'Skipped' ? NO_TOKENS : this.newLines();
    const { close, garbage } = this.closeBracket('RightSquare', ']');
    this.depth--;
    const names = variable.kind === 'VariableBlock' ? variable.variables : variable.kind === 'IdentifierSyntax' ? [variable] : [];
    return {
      kind: 'For', start: open.start, end: close.end, open, openNewLines, forKeyword, variable, inKeyword, source, colon,
      body, closeNewLines, skippedBeforeClose: garbage, close, itemName: names[0]?.name,
      indexName: variable.kind === 'VariableBlock' ? names[1]?.name : undefined,
    };
  }

  private parseForBody(flags: ExpressionFlags, resourceContext: boolean): Expression | IfConditionSyntax | SkippedSyntax {
    if (!resourceContext) return this.parseExpression(flags | ExpressionFlags.AllowComplexLiterals);
    if (this.check('LeftBrace')) return this.parseObject(flags);
    if (this.checkKeyword('if')) return this.parseIfCondition(flags, true);
    return this.fail("Expected '{' or 'if' for the loop's body.");
  }

  protected parseIfCondition(flags: ExpressionFlags, insideFor: boolean): IfConditionSyntax {
    const keyword = this.expectKeyword('if');
    const condition = this.recover(() => {
      if (!this.check('LeftParen')) this.fail("Expected '(' after 'if'.");
      return this.parseParenthesized(flags & ~ExpressionFlags.AllowResourceDeclarations);
    }, insideFor ? IF_CONDITION_STOPS_IN_FOR : IF_CONDITION_STOPS);
    const conditionComplete = condition.kind === 'ParenthesizedExpression' && condition.close.kind !== 'Skipped';
    const body = this.recover(() => {
      if (!this.check('LeftBrace')) this.fail("Expected '{' after the condition.");
      return this.parseObject(flags);
    }, insideFor ? FOR_STOPS : NEWLINE_STOPS, conditionComplete ? Recovery.None : Recovery.SuppressDiagnostics);
    return { kind: 'IfCondition', start: keyword.start, end: body.end, keyword, condition, body };
  }
}
