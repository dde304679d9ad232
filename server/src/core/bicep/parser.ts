/**
 * Recursive-descent Bicep parser with precedence climbing (after Azure/bicep's Parser.cs). Never throws and never
 * loops: every iteration consumes a token or stops. A broken statement or object member is skipped to the next line,
 * so a half-typed line never hides the declarations around it. Nesting deeper than MAX_DEPTH is an error, not a stack
 * overflow.
 */
import { lexBicep, type LexResult, type Pragma, type TokenKind, type TokenList } from './lexer';
import type * as S from './syntax';
import { TextInterner } from './textInterner';

const MAX_DEPTH = 150;
const TOP_LEVEL_ONLY = new Set(['param', 'var', 'module', 'output', 'targetScope', 'metadata', 'type', 'func', 'import', 'using']);
const DECLARATION_KEYWORDS = new Set(['param', 'var', 'resource', 'module', 'output', 'targetScope', 'metadata', 'type', 'func', 'import', 'using', 'extension']);

class ParseError extends Error {}

/** Shared by every string without interpolation (most of them): read-only, so one array serves them all. */
const NO_EXPRESSIONS: readonly S.Expression[] = [];

export interface BicepFile {
  text: string;
  kind: 'bicep' | 'bicepparam';
  tokens: TokenList;
  statements: S.Statement[];
  /** every identifier expression (a reference to a parameter, variable, resource or loop item), in parse order */
  references: S.Identifier[];
  /** token index ranges [from, to), as pairs, that the parser passed over without reading their expressions */
  unparsed: number[];
  pragmas: Pragma[];
  diagnostics: S.BicepDiagnostic[];
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '??': 1, '||': 2, '&&': 3, '==': 4, '!=': 4, '=~': 4, '!~': 4, '<': 5, '<=': 5, '>': 5, '>=': 5, '+': 6, '-': 6, '*': 7, '/': 7, '%': 7,
};

export function parseBicep(text: string, options: { kind?: 'bicep' | 'bicepparam' } = {}): BicepFile {
  const lexed: LexResult = lexBicep(text);
  const parser = new Parser(text, lexed.tokens);
  const statements = parser.program();
  return {
    text,
    kind: options.kind ?? 'bicep',
    tokens: lexed.tokens,
    statements,
    references: parser.references,
    unparsed: parser.unparsed,
    pragmas: lexed.pragmas,
    diagnostics: [...lexed.diagnostics.map((d) => ({ span: { start: d.start, end: d.end }, message: d.message })), ...parser.diagnostics],
  };
}

class Parser {
  private index = 0;
  private depth = 0;
  readonly diagnostics: S.BicepDiagnostic[] = [];
  readonly references: S.Identifier[] = [];
  readonly unparsed: number[] = [];

  constructor(private readonly text: string, private readonly tokens: TokenList) {
    // The 1 MB benchmark file has a name or plain string of its own for one token in twenty-nine.
    this.interner = new TextInterner(text, tokens.length / 32);
  }

  // --- token reading (tokens are read by index: see TokenList) ---
  private get kind(): TokenKind {
    return this.tokens.kind(this.index);
  }
  private at(kind: TokenKind, offset = 0): boolean {
    return this.tokens.kind(Math.min(this.index + offset, this.tokens.length - 1)) === kind;
  }
  /** Compared in place: asked once per object member, it should not copy the token's text. */
  private atKeyword(word: string): boolean {
    const start = this.tokens.start(this.index);
    return this.kind === 'identifier' && this.tokens.end(this.index) - start === word.length && this.text.startsWith(word, start);
  }
  private textOf(token: number): string {
    return this.text.slice(this.tokens.start(token), this.tokens.end(token));
  }

  /**
   * The pieces of a string without interpolation: one list per text ('Premium' or 'Enabled' is written thousands of
   * times), unless it has escapes to decode (rare).
   */
  private plainPieces(start: number, end: number): readonly string[] {
    return this.interner.listUnlessEscaped(start, end) ?? [decode(this.text.slice(start, end))];
  }

  /** Names (identifiers, keys, properties) and plain strings kept once per file: the same few are written thousands of times. */
  private readonly interner: TextInterner;

  /**
   * The members, items and arguments of the lists being read, an inner list's above its outer one's: each list is
   * copied out at its size when it ends. A list of its own grown by push per object was a fifth of what parsing
   * allocates. Every reader resets `pendingTop` to where it started, also when it fails.
   */
  private readonly pending: unknown[] = [];
  private pendingTop = 0;
  private addPending(item: unknown): void {
    this.pending[this.pendingTop++] = item;
  }
  private pendingSince<T>(mark: number): T[] {
    return this.pending.slice(mark, this.pendingTop) as T[];
  }
  private nameOf(token: number): string {
    return this.interner.intern(this.tokens.start(token), this.tokens.end(token));
  }
  private advance(): number {
    const current = this.index;
    if (this.kind !== 'eof') this.index++;
    return current;
  }
  private skipNewlines(): void {
    while (this.at('newline')) this.advance();
  }
  /** Kind of the next significant token after newlines, without consuming. */
  private peekPastNewlines(): TokenKind {
    let i = this.index;
    while (this.tokens.kind(i) === 'newline') i++;
    return this.tokens.kind(i);
  }
  private fail(message: string): never {
    const [start, end] = [this.tokens.start(this.index), this.tokens.end(this.index)];
    this.diagnostics.push({ span: { start, end: Math.max(end, start) }, message });
    throw new ParseError(message);
  }
  private expect(kind: TokenKind, what: string): number {
    if (this.at(kind)) return this.advance();
    return this.fail(`Expected ${what}.`);
  }
  /**
   * Completes a node literal made by the caller (always a fresh object) in place: spreading it into a new object was
   * the parser's largest cost. The literal is written with placeholders for these two fields, because V8 gives an
   * object literal room only for the properties it is written with; adding them afterwards cost every node a second
   * allocation (parsing took a quarter longer).
   */
  private node<T extends { start: number; end: number }>(first: number, fields: T): T {
    fields.start = this.tokens.start(first);
    fields.end = this.tokens.end(Math.max(first, this.index - 1));
    return fields;
  }
  private identifier(what: string): S.Identifier {
    const first = this.expect('identifier', what);
    return this.node(first, { start: 0, end: 0, kind: 'identifier' as const, name: this.nameOf(first) });
  }

  private lineStartIndex(index: number): number {
    let i = Math.min(index, this.tokens.length - 1);
    while (i > 0 && this.tokens.kind(i - 1) !== 'newline') i--;
    return i;
  }

  private isDeclarationStart(index: number): boolean {
    const kind = this.tokens.kind(index);
    return (kind === 'identifier' && DECLARATION_KEYWORDS.has(this.textOf(index))) || kind === '@';
  }

  // --- statements ---
  program(): S.Statement[] {
    const statements: S.Statement[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.at('eof')) break;
      const first = this.index;
      try {
        statements.push(this.statement());
        if (!this.at('newline') && !this.at('eof')) this.fail('Expected a new line after the declaration.');
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        this.depth = 0;
        // A declaration that starts the line of the error (an unclosed bracket above it) is parsed again on its own.
        const lineStart = this.lineStartIndex(this.index);
        if (lineStart > first && this.isDeclarationStart(lineStart)) {
          this.index = lineStart;
        } else {
          // Skip to the end of the line; always consume at least one token.
          if (this.index === first) this.advance();
          while (!this.at('newline') && !this.at('eof')) this.advance();
        }
        this.unparsed.push(first, this.index);
        statements.push(this.node(first, { start: 0, end: 0, kind: 'skipped' as const, message: error.message }));
      }
    }
    return statements;
  }

  private statement(): S.Statement {
    const first = this.index;
    const decorators: S.Decorator[] = [];
    while (this.at('@')) {
      const start = this.advance();
      const expression = this.postfix();
      decorators.push(this.node(start, { start: 0, end: 0, kind: 'decorator' as const, expression }));
      this.skipNewlines();
    }
    if (!this.at('identifier')) this.fail('Expected a declaration keyword.');
    const keyword = this.textOf(this.index);
    this.advance();
    switch (keyword) {
      case 'param': {
        const name = this.identifier('a parameter name');
        if (this.at('=')) {
          this.advance();
          return this.node(first, {
            start: 0, end: 0,
            kind: 'paramAssignment' as const, decorators, name, value: this.expression(),
          });
        }
        const typeStart = this.tokens.start(this.index);
        const nullable = this.skipType();
        const type = this.text.slice(typeStart, this.tokens.end(this.index - 1)).trim();
        let value: S.Expression | undefined;
        if (this.at('=')) {
          this.advance();
          value = this.expression();
        }
        return this.node(first, { start: 0, end: 0, kind: 'param' as const, decorators, name, type, value, nullable });
      }
      case 'var': {
        const name = this.identifier('a variable name');
        if (!this.at('=')) this.skipType();
        this.expect('=', "'='");
        return this.node(first, { start: 0, end: 0, kind: 'var' as const, decorators, name, value: this.expression() });
      }
      case 'resource':
        return this.resource(first, decorators);
      case 'module': {
        const name = this.identifier('a module name');
        const path = this.stringLiteral('the module path');
        this.expect('=', "'='");
        this.skipNewlines();
        return this.node(first, {
          start: 0, end: 0,
          kind: 'module' as const, decorators, name, path, value: this.declarationBody(),
        });
      }
      case 'output': {
        const name = this.identifier('an output name');
        if (this.atKeyword('resource')) {
          this.advance();
          this.stringLiteral('a resource type');
        } else if (!this.at('=')) this.skipType();
        this.expect('=', "'='");
        return this.node(first, { start: 0, end: 0, kind: 'output' as const, decorators, name, value: this.expression() });
      }
      case 'using': {
        const path = this.at('string') ? this.stringLiteral('a path') : (this.atKeyword('none') ? (this.advance(), undefined) : this.fail('Expected a path after using.'));
        if (this.atKeyword('with')) {
          this.advance();
          this.expression();
        }
        return this.node(first, { start: 0, end: 0, kind: 'using' as const, decorators, path });
      }
      case 'targetScope':
      case 'metadata':
      case 'type':
      case 'func':
      case 'import':
      case 'extension':
      case 'extends':
      case 'test':
      case 'assert':
      case 'extensionConfig':
        return this.loose(first, keyword, decorators);
      default:
        return this.fail(`Unknown declaration '${keyword}'.`);
    }
  }

  /** Declarations whose inside acr-guard does not read: parsed to the end of the line, balancing brackets. */
  private loose(first: number, keyword: S.OtherStatement['kind'], decorators: S.Decorator[]): S.OtherStatement {
    let name: S.Identifier | undefined;
    if (this.at('identifier') && keyword !== 'import' && keyword !== 'extension') name = this.identifier('a name');
    let value: S.Expression | undefined;
    let imports: S.ImportedSymbols | undefined;
    let fn: S.LambdaExpression | undefined;
    let nullable: boolean | undefined;
    const alias = keyword === 'type' ? this.typeAlias() : undefined;
    if (keyword === 'targetScope' || keyword === 'metadata') {
      this.expect('=', "'='");
      value = this.expression();
    } else if (keyword === 'extends' && this.at('string') && (this.at('newline', 1) || this.at('eof', 1))) {
      // `extends 'base.bicepparam'`: the path is the value.
      value = this.stringLiteral('a path');
    } else {
      imports = keyword === 'import' ? this.importedSymbols() : undefined;
      fn = keyword === 'func' && name ? this.functionDefinition() : undefined;
      if (!imports && !fn) {
        const last = this.skipBalanced(keyword === 'type');
        if (keyword === 'type') nullable = last === '?';
      }
    }
    return this.node(first, { start: 0, end: 0, kind: keyword, decorators, name, value, imports, function: fn, nullable, alias });
  }

  /** `= b` or `= ns.b` after a type's name, with `?` or not and nothing else on the line: the type it names. */
  private typeAlias(): string | undefined {
    if (!this.at('=') || !this.at('identifier', 1)) return undefined;
    let next = this.at('.', 2) && this.at('identifier', 3) ? 4 : 2;
    const named = this.text.slice(this.tokens.start(this.index + 1), this.tokens.end(this.index + next - 1));
    if (this.at('?', next)) next++;
    return this.at('newline', next) || this.at('eof', next) ? named : undefined;
  }

  /**
   * `(a string, b object) string => body` after a function's name: the parameters' names and the body, as a lambda;
   * the types are skipped. Anything else leaves the position as it was and gives undefined: the caller skips it.
   */
  private functionDefinition(): S.LambdaExpression | undefined {
    const start = this.index;
    const parameters: string[] = [];
    if (this.at('(')) {
      this.advance();
      for (;;) {
        // Parameters may go on lines of their own.
        this.skipNewlines();
        if (this.at(')')) {
          this.advance();
          if (!this.skipTypeUntil('=>')) break;
          this.advance();
          this.skipNewlines();
          return this.node(start, { start: 0, end: 0, kind: 'lambda' as const, parameters, body: this.expression() });
        }
        if (!this.at('identifier')) break;
        parameters.push(this.textOf(this.advance()));
        if (!this.skipTypeUntil(',', ')', 'newline')) break;
        if (this.at(',')) this.advance();
      }
    }
    this.index = start;
    return undefined;
  }

  /** Skips a type up to one of `stops` outside brackets (an object type may span lines); false at the end of the line. */
  private skipTypeUntil(...stops: string[]): boolean {
    let depth = 0;
    while (!this.at('eof')) {
      const kind = this.kind;
      if (depth === 0 && stops.includes(kind)) return true;
      if (kind === 'newline' && depth === 0) return false;
      if (kind === '{' || kind === '[' || kind === '(' || kind === 'stringLeft') depth++;
      if ((kind === '}' || kind === ']' || kind === ')' || kind === 'stringRight') && depth > 0) depth--;
      this.advance();
    }
    return false;
  }

  /**
   * `{ a, b as c } from 'x.bicep'` or `* as x from 'x.bicep'`, up to the end of the line. Anything else (a provider
   * import, a half-typed line) leaves the position as it was and gives undefined: the caller skips it as before.
   */
  private importedSymbols(): S.ImportedSymbols | undefined {
    const start = this.index;
    const names = new Map<string, string | undefined>();
    const alias = () => (this.atKeyword('as') && this.at('identifier', 1) ? (this.advance(), this.textOf(this.advance())) : undefined);
    if (this.at('*')) {
      this.advance();
      const local = alias();
      if (local !== undefined) names.set(local, undefined);
    } else if (this.at('{')) {
      this.advance();
      for (;;) {
        while (this.at('newline') || this.at(',')) this.advance();
        // A name that is no Bicep identifier (an ARM variable 'my-name') is quoted, and must be given an alias.
        const quoted = this.at('string') ? this.stringLiteral('an exported name').pieces[0] : undefined;
        if (quoted === undefined && !this.at('identifier')) break;
        const exported = quoted ?? this.textOf(this.advance());
        const local = alias();
        if (quoted !== undefined && local === undefined) break;
        names.set(local ?? exported, exported);
      }
      if (this.at('}')) this.advance();
      else names.clear();
    }
    if (names.size > 0 && this.atKeyword('from') && this.at('string', 1)) {
      this.advance();
      const from = this.stringLiteral('a path');
      if (this.at('newline') || this.at('eof')) return { from, names };
    }
    this.index = start;
    return undefined;
  }

  /**
   * Skips tokens to the end of the line, across brackets (types, function bodies, imports). In a type, `<...>` are
   * brackets too (`resourceInput<...>`), and a line that starts with `|` goes on with the union above it. Returns the
   * kind of the last token skipped (`?` ends a nullable type).
   */
  private skipBalanced(type = false): TokenKind | undefined {
    const start = this.index;
    let depth = 0;
    let last: TokenKind | undefined;
    while (!this.at('eof') && !(depth === 0 && this.at('newline') && !(type && this.peekPastNewlines() === '|'))) {
      depth = Math.max(0, depth + this.bracketStep(type));
      if (!this.at('newline')) last = this.kind;
      this.advance();
    }
    this.unparsed.push(start, this.index);
    return last;
  }

  /** How the token at the position changes the bracket depth: +1 opening, -1 closing, else 0. */
  private bracketStep(type: boolean): number {
    const kind = this.kind;
    if (kind === '{' || kind === '[' || kind === '(' || kind === 'stringLeft' || (type && kind === '<')) return 1;
    if (kind === '}' || kind === ']' || kind === ')' || kind === 'stringRight' || (type && kind === '>')) return -1;
    return 0;
  }

  /**
   * A type expression, read loosely up to `=` or the end of the line (brackets, `<...>` and a union going on with `|`
   * on the next line included); true when it ends in `?` (nullable).
   */
  private skipType(): boolean {
    let depth = 0;
    let last: TokenKind | undefined;
    while (!this.at('eof') && !(depth === 0 && (this.at('=') || (this.at('newline') && this.peekPastNewlines() !== '|')))) {
      depth = Math.max(0, depth + this.bracketStep(true));
      if (!this.at('newline')) last = this.kind;
      this.advance();
    }
    return last === '?';
  }

  private resource(first: number, decorators: S.Decorator[]): S.ResourceDeclaration {
    const name = this.identifier('a resource name');
    const typeString = this.stringLiteral('the resource type');
    let existing = false;
    if (this.atKeyword('existing')) {
      this.advance();
      existing = true;
    }
    this.expect('=', "'='");
    this.skipNewlines();
    return this.node(first, {
      start: 0, end: 0,
      kind: 'resource' as const, decorators, name, typeString, existing, value: this.declarationBody(),
    });
  }

  /** `{...}`, `if (c) {...}` or `[for ...]`. */
  private declarationBody(): S.Expression {
    if (this.atKeyword('if')) return this.ifExpression();
    if (this.at('[') || this.at('{')) return this.primary();
    return this.fail("Expected '{', 'if' or '[for'.");
  }

  private ifExpression(): S.IfExpression {
    const first = this.advance();
    this.expect('(', "'('");
    const condition = this.expression();
    this.expect(')', "')'");
    this.skipNewlines();
    const body = this.primary();
    return this.node(first, { start: 0, end: 0, kind: 'if' as const, condition, body });
  }

  // --- expressions ---
  expression(): S.Expression {
    if (++this.depth > MAX_DEPTH) this.fail(`The expression is nested more than ${MAX_DEPTH} levels deep.`);
    try {
      return this.ternary();
    } finally {
      this.depth--;
    }
  }

  private ternary(): S.Expression {
    const first = this.index;
    const condition = this.binary(1);
    if (this.peekPastNewlines() !== '?') return condition;
    this.skipNewlines();
    this.advance();
    this.skipNewlines();
    const whenTrue = this.expression();
    this.skipNewlines();
    this.expect(':', "':'");
    this.skipNewlines();
    const whenFalse = this.expression();
    return this.node(first, { start: 0, end: 0, kind: 'ternary' as const, condition, whenTrue, whenFalse });
  }

  private binary(minimum: number): S.Expression {
    const first = this.index;
    let left = this.unary();
    for (;;) {
      const operator = this.kind;
      const precedence = BINARY_PRECEDENCE[operator];
      if (precedence === undefined || precedence < minimum) return left;
      this.advance();
      this.skipNewlines();
      const right = this.binary(precedence + 1);
      left = this.node(first, { start: 0, end: 0, kind: 'binary' as const, operator, left, right });
    }
  }

  private unary(): S.Expression {
    if (this.at('!') || this.at('-') || this.at('+')) {
      const first = this.advance();
      const operator = this.tokens.kind(first) as '!' | '-' | '+';
      if (++this.depth > MAX_DEPTH) this.fail(`The expression is nested more than ${MAX_DEPTH} levels deep.`);
      try {
        return this.node(first, { start: 0, end: 0, kind: 'unary' as const, operator, operand: this.unary() });
      } finally {
        this.depth--;
      }
    }
    return this.postfix();
  }

  private postfix(): S.Expression {
    const first = this.index;
    let expression = this.primary();
    for (;;) {
      if (this.at('.') || this.at('.?')) {
        const safe = this.kind === '.?';
        this.advance();
        const nameToken = this.expect('identifier', 'a property name');
        const name = this.nameOf(nameToken);
        if (this.at('(')) {
          const args = this.arguments();
          expression = this.node(first, {
            start: 0, end: 0,
            kind: 'call' as const, base: expression, name, nameSpan: { start: this.tokens.start(nameToken), end: this.tokens.end(nameToken) }, args,
          });
        } else {
          expression = this.node(first, {
            start: 0, end: 0,
            kind: 'propertyAccess' as const, base: expression, name, safe,
          });
        }
      } else if (this.at('[')) {
        this.advance();
        let safe = false;
        if (this.at('?')) {
          this.advance();
          safe = true;
        }
        if (this.at('^')) this.advance();
        const index = this.expression();
        this.expect(']', "']'");
        expression = this.node(first, { start: 0, end: 0, kind: 'arrayAccess' as const, base: expression, index, safe });
      } else if (this.at('::')) {
        this.advance();
        const nameToken = this.expect('identifier', 'a child resource name');
        expression = this.node(first, {
          start: 0, end: 0,
          kind: 'resourceAccess' as const, base: expression, name: this.nameOf(nameToken),
        });
      } else if (this.at('!') && !this.at('=', 1)) {
        this.advance();
        expression = this.node(first, { start: 0, end: 0, kind: 'nonNull' as const, base: expression });
      } else {
        return expression;
      }
    }
  }

  private arguments(): S.Expression[] {
    this.expect('(', "'('");
    this.skipNewlines();
    const mark = this.pendingTop;
    try {
      while (!this.at(')')) {
        this.addPending(this.expression());
        this.skipNewlines();
        if (this.at(',')) {
          this.advance();
          this.skipNewlines();
        } else break;
      }
      this.expect(')', "')'");
      return this.pendingSince<S.Expression>(mark);
    } finally {
      this.pendingTop = mark;
    }
  }

  private primary(): S.Expression {
    const first = this.index;
    switch (this.kind) {
      case 'integer':
        this.advance();
        return this.node(first, { start: 0, end: 0, kind: 'integer' as const, value: Number(this.textOf(first)) });
      case 'string':
      case 'stringLeft':
      case 'multilineString':
        return this.stringLiteral('a string');
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '(': {
        if (this.isLambdaAhead()) return this.lambda();
        this.advance();
        this.skipNewlines();
        const expression = this.expression();
        this.skipNewlines();
        this.expect(')', "')'");
        return this.node(first, { start: 0, end: 0, kind: 'paren' as const, expression });
      }
      case 'identifier': {
        const name = this.nameOf(first);
        if (this.at('=>', 1)) return this.lambda();
        this.advance();
        if (name === 'true' || name === 'false') return this.node(first, {
          start: 0, end: 0,
          kind: 'boolean' as const, value: name === 'true',
        });
        if (name === 'null') return this.node(first, { start: 0, end: 0, kind: 'null' as const });
        if (this.at('(')) {
          const args = this.arguments();
          return this.node(first, {
            start: 0, end: 0,
            kind: 'call' as const, name, nameSpan: { start: this.tokens.start(first), end: this.tokens.end(first) }, args,
          });
        }
        const reference = this.node(first, { start: 0, end: 0, kind: 'identifier' as const, name });
        this.references.push(reference);
        return reference;
      }
      default:
        return this.fail('Expected an expression.');
    }
  }

  /** `(a, b) =>`, the parameters on one line or one per line. */
  private isLambdaAhead(): boolean {
    let i = this.index + 1;
    while (i < this.tokens.length && (this.tokens.kind(i) === 'identifier' || this.tokens.kind(i) === ',' || this.tokens.kind(i) === 'newline')) i++;
    return i + 1 < this.tokens.length && this.tokens.kind(i) === ')' && this.tokens.kind(i + 1) === '=>';
  }

  private lambda(): S.LambdaExpression {
    const first = this.index;
    const parameters: string[] = [];
    if (this.at('(')) {
      this.advance();
      this.skipNewlines();
      while (this.at('identifier')) {
        parameters.push(this.textOf(this.advance()));
        if (this.at(',')) this.advance();
        this.skipNewlines();
      }
      this.expect(')', "')'");
    } else {
      parameters.push(this.textOf(this.advance()));
    }
    this.expect('=>', "'=>'");
    this.skipNewlines();
    return this.node(first, { start: 0, end: 0, kind: 'lambda' as const, parameters, body: this.expression() });
  }

  stringLiteral(what: string): S.StringLiteral {
    const first = this.index;
    const kind = this.kind;
    const [start, end] = [this.tokens.start(first), this.tokens.end(first)];
    // `$'''` (or `$$'''`, ...) starts a multi-line string that interpolates with that many `$`.
    const dollars = this.text.charCodeAt(start) === 36 ? dollarsAt(this.text, start) : 0;
    if (kind === 'multilineString') {
      this.advance();
      const open = start + dollars + 3;
      const body = this.text.slice(open, Math.max(open, multilineEnd(this.text, open, end))).replace(/^\r?\n/, '');
      return this.node(first, {
        start: 0, end: 0,
        kind: 'string' as const, pieces: [body], expressions: NO_EXPRESSIONS, multiline: true,
      });
    }
    if (kind === 'string') {
      this.advance();
      return this.node(first, {
        start: 0, end: 0,
        kind: 'string' as const, pieces: this.plainPieces(start + 1, closingEnd(this.text, start, end)), expressions: NO_EXPRESSIONS, multiline: false,
      });
    }
    if (kind !== 'stringLeft') return this.fail(`Expected ${what}.`);
    this.advance();
    // A piece ends with its hole's opening: `${`, or in a multi-line string as many `$` as it starts with, and `{`.
    const multiline = dollars > 0;
    const hole = multiline ? dollars + 1 : 2;
    const text = (from: number, to: number) => (multiline ? this.text.slice(from, to) : decode(this.text.slice(from, to)));
    const pieces = [multiline ? text(start + dollars + 3, end - hole).replace(/^\r?\n/, '') : text(start + 1, end - hole)];
    const expressions: S.Expression[] = [];
    for (;;) {
      expressions.push(this.expression());
      const piece = this.index;
      const [pieceStart, pieceEnd] = [this.tokens.start(piece), this.tokens.end(piece)];
      if (this.kind === 'stringMiddle') {
        this.advance();
        pieces.push(text(pieceStart + 1, pieceEnd - hole));
      } else if (this.kind === 'stringRight') {
        this.advance();
        const close = multiline ? Math.max(pieceStart + 1, multilineEnd(this.text, pieceStart + 1, pieceEnd)) : closingEnd(this.text, pieceStart, pieceEnd);
        pieces.push(text(pieceStart + 1, close));
        break;
      } else {
        this.fail("Expected '}' to close the interpolation.");
      }
    }
    return this.node(first, { start: 0, end: 0, kind: 'string' as const, pieces, expressions, multiline });
  }

  private object(): S.ObjectExpression {
    const first = this.advance();
    const open = this.tokens.start(first);
    if (++this.depth > MAX_DEPTH) this.fail(`The expression is nested more than ${MAX_DEPTH} levels deep.`);
    const mark = this.pendingTop;
    try {
      for (;;) {
        while (this.at('newline') || this.at(',')) this.advance();
        if (this.at('}') || this.at('eof')) break;
        // A top-level declaration where a property should be: the object was never closed.
        if (this.at('identifier') && this.at('identifier', 1) && TOP_LEVEL_ONLY.has(this.textOf(this.index))) break;
        const memberStart = this.index;
        try {
          this.addPending(this.objectMember());
          if (!this.at('newline') && !this.at(',') && !this.at('}')) this.fail("Expected a new line or ',' after the property.");
        } catch (error) {
          if (!(error instanceof ParseError) || this.depth > 1 && this.at('eof')) throw error;
          if (this.index === memberStart) this.advance();
          // Recover at the next line or the closing brace of this object.
          while (!this.at('newline') && !this.at('}') && !this.at('eof')) this.advance();
          this.unparsed.push(memberStart, this.index);
        }
      }
      const close = this.at('}') ? this.tokens.start(this.advance()) : undefined;
      if (close === undefined) this.diagnostics.push({ span: { start: open, end: open + 1 }, message: "Expected '}' to close the object." });
      // Lists are kept as exact copies: one grown by push keeps room for 17 items, a file has thousands of short ones,
      // and the tree lives as long as the file (the 1 MB bench file's tree: 13 MB -> 11 MB with the copies).
      return this.node(first, { start: 0, end: 0, kind: 'object' as const, members: this.pendingSince<S.ObjectExpression['members'][number]>(mark), open, close });
    } finally {
      this.pendingTop = mark;
      this.depth--;
    }
  }

  private objectMember(): S.ObjectProperty | S.SpreadElement | S.ResourceDeclaration {
    const first = this.index;
    if (this.at('...')) {
      this.advance();
      return this.node(first, { start: 0, end: 0, kind: 'spread' as const, expression: this.expression() });
    }
    // `resource` starts a nested declaration only when a name or a decorator follows.
    if ((this.atKeyword('resource') && this.at('identifier', 1)) || this.at('@')) {
      const decorators: S.Decorator[] = [];
      while (this.at('@')) {
        const start = this.advance();
        decorators.push(this.node(start, { start: 0, end: 0, kind: 'decorator' as const, expression: this.postfix() }));
        this.skipNewlines();
      }
      if (!this.atKeyword('resource')) this.fail("Expected 'resource' after the decorator.");
      this.advance();
      return this.resource(first, decorators);
    }
    let key: string | undefined;
    let interpolatedKey: S.StringLiteral | undefined;
    const keyStart = this.tokens.start(this.index);
    if (this.at('identifier')) {
      key = this.nameOf(this.advance());
    } else if (this.at('string') || this.at('stringLeft')) {
      const written = this.stringLiteral('a property name');
      if (written.expressions.length === 0) key = written.pieces[0];
      else interpolatedKey = written;
    } else {
      return this.fail('Expected a property name.');
    }
    const keyEnd = this.tokens.end(this.index - 1);
    this.expect(':', "':'");
    this.skipNewlines();
    const value = this.expression();
    return this.node(first, { start: 0, end: 0, kind: 'property' as const, key, keyStart, keyEnd, interpolatedKey, value });
  }

  private array(): S.Expression {
    const first = this.advance();
    this.skipNewlines();
    if (this.atKeyword('for')) return this.forExpression(first);
    if (++this.depth > MAX_DEPTH) this.fail(`The expression is nested more than ${MAX_DEPTH} levels deep.`);
    const mark = this.pendingTop;
    try {
      for (;;) {
        while (this.at('newline') || this.at(',')) this.advance();
        if (this.at(']') || this.at('eof')) break;
        const itemStart = this.index;
        if (this.at('...')) {
          this.advance();
          this.addPending(this.node(itemStart, { start: 0, end: 0, kind: 'spread' as const, expression: this.expression() }));
        } else {
          this.addPending(this.expression());
        }
        if (!this.at('newline') && !this.at(',') && !this.at(']')) this.fail("Expected a new line or ',' between items.");
      }
      this.expect(']', "']'");
      return this.node(first, { start: 0, end: 0, kind: 'array' as const, items: this.pendingSince<S.ArrayExpression['items'][number]>(mark) });
    } finally {
      this.pendingTop = mark;
      this.depth--;
    }
  }

  private forExpression(first: number): S.ForExpression {
    this.advance();
    let itemName: string | undefined;
    let indexName: string | undefined;
    if (this.at('(')) {
      this.advance();
      itemName = this.identifier('a loop item').name;
      if (this.at(',')) {
        this.advance();
        indexName = this.identifier('a loop index').name;
      }
      this.expect(')', "')'");
    } else {
      itemName = this.identifier('a loop item').name;
    }
    if (!this.atKeyword('in')) this.fail("Expected 'in'.");
    this.advance();
    const source = this.expression();
    this.expect(':', "':'");
    this.skipNewlines();
    const body = this.atKeyword('if') ? this.ifExpression() : this.expression();
    this.skipNewlines();
    this.expect(']', "']'");
    return this.node(first, { start: 0, end: 0, kind: 'for' as const, itemName, indexName, source, body });
  }
}

/** Where a string token's text ends before its closing quote (an unterminated string has none). */
/** How many `$` start the text at `start`. */
function dollarsAt(text: string, start: number): number {
  let end = start;
  while (text.charCodeAt(end) === 36) end++;
  return end - start;
}

/** Where a multi-line string's text ends: before its closing `'''` (an unterminated one ends at `end`). */
function multilineEnd(text: string, from: number, end: number): number {
  return end - from >= 3 && text.startsWith("'''", end - 3) ? end - 3 : end;
}

function closingEnd(text: string, start: number, end: number): number {
  return end > start + 1 && text[end - 1] === "'" ? end - 1 : end;
}

/** Bicep escapes: \\ \' \n \r \t \$ \u{HEX}. `''` is not an escape in Bicep. */
export function decode(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|.)/g, (_match, escape: string, hex: string | undefined) => {
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
    switch (escape) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      default: return escape;
    }
  });
}

