/**
 * The Bicep parser: declarations of .bicep and .bicepparam files on top of the expression and type layers, and
 * `parseBicep`, the entry point. Lossless and error-recovering; never throws.
 */
import { isStringStart } from './compositeParser';
import { lexBicep } from './lexer';
import { ExpressionFlags, NO_TOKENS, Recovery, terminators, type Terminators } from './parserBase';
import type {
  AliasAsClauseSyntax, BicepFile, Declaration, Expression, ExtensionDeclarationSyntax, IdentifierSyntax, ImportDeclarationSyntax,
  ImportedSymbolSyntax, ImportedSymbolsListSyntax, ImportFromClauseSyntax, LeadingNode, MissingDeclarationSyntax,
  ModuleDeclarationSyntax, ResourceDeclarationSyntax, SkippedSyntax, Statement, StringSyntax, TypedLambdaSyntax,
  SyntaxNode, TypedLocalVariableSyntax, WildcardImportSyntax, WithClauseSyntax,
} from './syntax';
import type { Token } from './tokens';
import { TypeParser } from './typeParser';

export interface ParseOptions {
  /** .bicep (default) or .bicepparam syntax */
  kind?: 'bicep' | 'bicepparam';
  /** nesting beyond this is skipped with a diagnostic instead of overflowing the stack */
  maxDepth?: number;
}

/** Deep enough for any real template, shallow enough to stay far from the stack limit of a language server. */
export const DEFAULT_MAX_DEPTH = 256;

const NEWLINE = terminators('NewLine');
const NAME_STOPS = terminators('Identifier', 'NewLine');
const NAME_BEFORE_ASSIGNMENT_STOPS = terminators('Assignment', 'NewLine');
const NAME_BEFORE_STRING_STOPS = terminators('StringComplete', 'StringLeftPiece', 'NewLine');
const PARAM_TYPE_STOPS = terminators('Assignment', 'LeftBrace', 'NewLine');
const ASSIGNMENT_BEFORE_BODY_STOPS = terminators('LeftBrace', 'NewLine');
const FUNCTION_NAME_STOPS = terminators('LeftParen', 'Assignment', 'NewLine');
const TYPED_VARIABLE_STOPS = terminators('NewLine', 'Comma', 'RightParen');
const RETURN_TYPE_STOPS = terminators('Arrow', 'NewLine');
const LAMBDA_BODY_STOPS = terminators('NewLine', 'RightParen');
const IMPORT_ITEM_STOPS = terminators('NewLine', 'Comma', 'RightBrace');

export function parseBicep(text: string, options: ParseOptions = {}): BicepFile {
  const lexed = lexBicep(text);
  const kind = options.kind ?? 'bicep';
  const parser = new DeclarationParser(text, lexed.tokens, options.maxDepth ?? DEFAULT_MAX_DEPTH, kind === 'bicepparam');
  const { children, statements } = parser.parseProgram();
  const diagnostics = [...lexed.diagnostics, ...parser.syntaxDiagnostics()]
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { text, kind, statements, children, endOfFile: lexed.tokens[lexed.tokens.length - 1]!, tokens: lexed.tokens, diagnostics };
}

class DeclarationParser extends TypeParser {
  constructor(text: string, tokens: Token[], maxDepth: number, private readonly paramsFile: boolean) {
    super(text, tokens, maxDepth);
  }

  syntaxDiagnostics() {
    return this.diagnostics;
  }

  parseProgram(): { children: (Statement | Token)[]; statements: Statement[] } {
    const children: (Statement | Token)[] = [];
    const statements: Statement[] = [];
    while (!this.isAtEnd()) {
      const before = this.position;
      const statement = this.parseStatement();
      children.push(statement);
      if ('leadingTrivia' in statement) continue; // a blank line
      statements.push(statement);
      // a declaration ends its line; an unclosed body that stopped before the next declaration already has
      if (statement.kind !== 'Skipped' && !this.check('NewLine') && !this.isAtEnd() && !this.previousTokenIsNewLine()) {
        const trailer = this.recover(() => this.fail('Expected a line break after the declaration.'), NEWLINE, Recovery.ConsumeTerminator);
        children.push(trailer);
        statements.push(trailer as SkippedSyntax);
      } else if (statement.kind !== 'Skipped' && this.check('NewLine')) {
        children.push(this.read());
      }
      if (this.position === before && !this.isAtEnd()) {
        const skipped = this.skipTo(this.position + 1, 'Unexpected token.');
        children.push(skipped);
        statements.push(skipped);
      }
    }
    return { children, statements };
  }

  private parseStatement(): Statement | Token {
    return this.recover((): Statement | Token => {
      const leadingNodes = this.parseLeadingNodes();
      const token = this.peek();
      if (token.kind === 'Identifier') {
        const declaration = this.paramsFile ? this.paramsDeclaration(token.text, leadingNodes) : this.bicepDeclaration(token.text, leadingNodes);
        if (declaration !== undefined) return declaration;
      } else if (token.kind === 'NewLine' && leadingNodes.length === 0) {
        return this.read();
      }
      if (leadingNodes.length > 0) return this.missingDeclaration(leadingNodes);
      return this.fail(this.paramsFile
        ? 'Expected a declaration: using, extends, param, var, type, import, extension or extensionConfig.'
        : 'Expected a declaration: targetScope, metadata, param, var, type, func, resource, module, output, import or extension.');
    }, NEWLINE);
  }

  protected parseNestedResource(): ResourceDeclarationSyntax | MissingDeclarationSyntax {
    const leadingNodes = this.parseLeadingNodes();
    if (this.checkKeyword('resource')) return this.resourceDeclaration(leadingNodes);
    if (leadingNodes.length > 0) return this.missingDeclaration(leadingNodes);
    return this.fail('Expected a nested resource declaration.');
  }

  private missingDeclaration(leadingNodes: LeadingNode[]): MissingDeclarationSyntax {
    this.report({ span: this.spanAt(this.peek()), message: 'Expected a declaration after the decorators.' });
    return {
      kind: 'MissingDeclaration', start: leadingNodes[0]!.start, end: leadingNodes[leadingNodes.length - 1]!.end,
      leadingNodes, decorators: this.decoratorsOf(leadingNodes),
    };
  }

  private bicepDeclaration(keyword: string, leadingNodes: LeadingNode[]): Declaration | undefined {
    switch (keyword) {
      case 'targetScope': return this.targetScope(leadingNodes);
      case 'metadata': return this.nameAssignValue('MetadataDeclaration', leadingNodes, NAME_BEFORE_ASSIGNMENT_STOPS);
      case 'param': return this.parameterDeclaration(leadingNodes);
      case 'var': return this.variableDeclaration(leadingNodes);
      case 'type': return this.typeDeclaration(leadingNodes);
      case 'func': return this.functionDeclaration(leadingNodes);
      case 'resource': return this.resourceDeclaration(leadingNodes);
      case 'module': return this.moduleDeclaration(leadingNodes);
      case 'output': return this.outputDeclaration(leadingNodes);
      case 'import': return this.importDeclaration(leadingNodes, true);
      case 'extension': return this.extensionDeclaration(leadingNodes);
      case 'test': return this.testDeclaration(leadingNodes);
      case 'assert': return this.nameAssignValue('AssertDeclaration', leadingNodes, NAME_BEFORE_ASSIGNMENT_STOPS);
      default: return undefined;
    }
  }

  private paramsDeclaration(keyword: string, leadingNodes: LeadingNode[]): Declaration | undefined {
    switch (keyword) {
      case 'using': return this.usingDeclaration(leadingNodes);
      case 'extends': return this.extendsDeclaration(leadingNodes);
      case 'param': return this.nameAssignValue('ParameterAssignment', leadingNodes, NAME_STOPS);
      case 'var': return this.variableDeclaration(leadingNodes);
      case 'type': return this.typeDeclaration(leadingNodes);
      case 'import': return this.importDeclaration(leadingNodes, false);
      case 'extension': return this.extensionDeclaration(leadingNodes);
      case 'extensionConfig': return this.extensionConfigAssignment(leadingNodes);
      default: return undefined;
    }
  }

  // ------------------------------------------------------------ pieces

  private startOf(leadingNodes: LeadingNode[], keyword: Token): number {
    return leadingNodes.length > 0 ? leadingNodes[0]!.start : keyword.start;
  }

  private name(message: string, stops: Terminators): IdentifierSyntax | SkippedSyntax {
    return this.recover(() => this.identifier(message), stops);
  }

  private assignment(after: SyntaxNode | undefined, stops: Terminators = NEWLINE): Token | SkippedSyntax {
    return this.recover(() => this.expect('Assignment', "Expected '='."), stops, this.suppressAfter(after));
  }

  private value(after: Token | SkippedSyntax): Expression | SkippedSyntax {
    return this.recover(() => this.parseExpression(ExpressionFlags.AllowComplexLiterals), NEWLINE, this.suppressAfter(after));
  }

  private pathString(message: string, stops: Terminators, after?: IdentifierSyntax | SkippedSyntax | Token): StringSyntax | SkippedSyntax {
    return this.recover(() => {
      if (!isStringStart(this.peek().kind)) this.fail(message);
      return this.parseString();
    }, stops, this.suppressAfter(after));
  }

  // ------------------------------------------------------------ declarations

  private targetScope(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const assignment = this.assignment(undefined);
    const value = this.value(assignment);
    return { kind: 'TargetScopeDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes, decorators: this.decoratorsOf(leadingNodes), keyword, assignment, value };
  }

  /** metadata, assert and .bicepparam's param: `keyword name = value`. */
  private nameAssignValue(kind: 'MetadataDeclaration' | 'AssertDeclaration' | 'ParameterAssignment', leadingNodes: LeadingNode[], nameStops: Terminators): Declaration {
    const keyword = this.read();
    const name = this.name(`Expected a name after '${keyword.text}'.`, nameStops);
    const assignment = this.assignment(name);
    const value = this.value(assignment);
    return { kind, start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes, decorators: this.decoratorsOf(leadingNodes), keyword, name, assignment, value };
  }

  private parameterDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const name = this.name('Expected a parameter name.', NAME_STOPS);
    const type = this.recover(() => this.parseType(false), PARAM_TYPE_STOPS, this.suppressAfter(name));
    let assignment: Token | undefined;
    let defaultValue: Expression | SkippedSyntax | undefined;
    if (this.check('Assignment')) {
      assignment = this.read();
      defaultValue = this.value(assignment);
    } else if (!this.check('NewLine') && !this.isAtEnd()) {
      defaultValue = this.recover(() => this.fail("Expected '=' and a default value, or a line break."), NEWLINE, this.suppressAfter(type));
    }
    return {
      kind: 'ParameterDeclaration', start: this.startOf(leadingNodes, keyword), end: (defaultValue ?? type).end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, type, assignment, defaultValue,
    };
  }

  private variableDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const name = this.name('Expected a variable name.', NAME_STOPS);
    const type = this.check('Assignment') || this.check('NewLine') || this.isAtEnd()
      ? undefined
      : this.recover(() => this.parseType(false), NAME_BEFORE_ASSIGNMENT_STOPS, this.suppressAfter(name));
    const assignment = this.assignment(type ?? name);
    const value = this.value(assignment);
    return {
      kind: 'VariableDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, type, assignment, value,
    };
  }

  private typeDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const name = this.name('Expected a type name.', NAME_BEFORE_ASSIGNMENT_STOPS);
    const assignment = this.assignment(name);
    const value = this.recover(() => this.parseType(false), NEWLINE, this.suppressAfter(assignment));
    return {
      kind: 'TypeDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, assignment, value,
    };
  }

  private functionDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const name = this.name('Expected a function name.', FUNCTION_NAME_STOPS);
    const lambda = this.recover(() => this.typedLambda(), NEWLINE, this.suppressAfter(name));
    return {
      kind: 'FunctionDeclaration', start: this.startOf(leadingNodes, keyword), end: lambda.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, lambda,
    };
  }

  /** `(a string, b int) string => body` */
  private typedLambda(): TypedLambdaSyntax {
    const open = this.expect('LeftParen', "Expected '(' and the function's parameters.");
    const children: TypedLambdaSyntax['children'] = [];
    const parameters: TypedLocalVariableSyntax[] = [];
    this.pushNewLines(children);
    while (!this.check('RightParen') && !this.isAtEnd()) {
      const parameter = this.recover((): TypedLocalVariableSyntax => {
        const name = this.identifierOrSkip('Expected a parameter name.');
        const type = this.recover(() => this.parseType(false), TYPED_VARIABLE_STOPS, this.suppressAfter(name));
        return { kind: 'TypedLocalVariable', start: name.start, end: type.end, name, type };
      }, TYPED_VARIABLE_STOPS);
      children.push(parameter);
      if (parameter.kind === 'TypedLocalVariable') parameters.push(parameter);
      this.pushNewLines(children);
      if (!this.check('Comma')) break;
      children.push(this.read());
      this.pushNewLines(children);
    }
    const { close, garbage } = this.closeBracket('RightParen', ')');
    if (garbage !== undefined) children.push(garbage);
    const returnType = this.recover(() => this.parseType(false), RETURN_TYPE_STOPS);
    const arrow = this.recover(() => this.expect('Arrow', "Expected '=>'."), NEWLINE, this.suppressAfter(returnType));
    const newLinesBeforeBody = arrow.kind === 'Skipped' || this.declarationFollows() ? NO_TOKENS : this.newLines();
    const body = this.recover(() => this.parseExpression(ExpressionFlags.AllowComplexLiterals), LAMBDA_BODY_STOPS, this.suppressAfter(arrow));
    return { kind: 'TypedLambda', start: open.start, end: body.end, open, children, close, parameters, returnType, arrow, newLinesBeforeBody, body };
  }

  private resourceDeclaration(leadingNodes: LeadingNode[]): ResourceDeclarationSyntax {
    const keyword = this.read();
    const name = this.name('Expected a resource name.', NAME_BEFORE_STRING_STOPS);
    const type = this.pathString("Expected the resource type string, such as 'Microsoft.ContainerRegistry/registries@2023-07-01'.", NAME_BEFORE_ASSIGNMENT_STOPS, name);
    const existingKeyword = this.checkKeyword('existing') ? this.read() : undefined;
    const assignment = this.assignment(type, ASSIGNMENT_BEFORE_BODY_STOPS);
    const newLines = assignment.kind !== 'Skipped' && this.checkKeyword('if', this.peekPastNewLines()) ? this.newLines() : NO_TOKENS;
    const flags = ExpressionFlags.AllowComplexLiterals | ExpressionFlags.AllowResourceDeclarations;
    const value = this.recover(() => this.body(flags), NEWLINE, this.suppressAfter(assignment));
    return {
      kind: 'ResourceDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, type, existingKeyword, existing: existingKeyword !== undefined,
      assignment, newLines, value,
    };
  }

  private moduleDeclaration(leadingNodes: LeadingNode[]): ModuleDeclarationSyntax {
    const keyword = this.read();
    const name = this.name('Expected a module name.', NAME_BEFORE_STRING_STOPS);
    const path = this.pathString('Expected the module path string.', NAME_BEFORE_ASSIGNMENT_STOPS, name);
    const assignment = this.assignment(path, ASSIGNMENT_BEFORE_BODY_STOPS);
    const newLines = this.checkKeyword('if', this.peekPastNewLines()) ? this.newLines() : NO_TOKENS;
    const value = this.recover(() => this.body(ExpressionFlags.AllowComplexLiterals), NEWLINE, this.suppressAfter(assignment));
    return {
      kind: 'ModuleDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, path, assignment, newLines, value,
    };
  }

  /** The value of a resource or module: `{...}`, `if (c) {...}` or `[for ...]`. */
  private body(flags: ExpressionFlags) {
    if (this.checkKeyword('if')) return this.parseIfCondition(flags, false);
    if (this.check('LeftBrace')) return this.parseObject(flags);
    if (this.check('LeftSquare')) return this.parseFor(flags, true);
    return this.fail("Expected '{', 'if' or '[for'.");
  }

  private outputDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const name = this.name('Expected an output name.', NAME_STOPS);
    const type = this.recover(() => this.parseType(true), NAME_BEFORE_ASSIGNMENT_STOPS, this.suppressAfter(name));
    const assignment = this.assignment(type);
    const value = this.value(assignment);
    return {
      kind: 'OutputDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, type, assignment, value,
    };
  }

  private testDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const name = this.name('Expected a test name.', NAME_BEFORE_STRING_STOPS);
    const path = this.pathString('Expected the path of the template under test.', NAME_BEFORE_ASSIGNMENT_STOPS, name);
    const assignment = this.assignment(path, ASSIGNMENT_BEFORE_BODY_STOPS);
    const value = this.recover(() => this.parseObject(ExpressionFlags.AllowComplexLiterals), NEWLINE, this.suppressAfter(assignment));
    return {
      kind: 'TestDeclaration', start: this.startOf(leadingNodes, keyword), end: value.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, name, path, assignment, value,
    };
  }

  // ------------------------------------------------------------ imports and extensions

  private importDeclaration(leadingNodes: LeadingNode[], allowLegacyExtension: boolean): Declaration {
    // `import 'az@1.0.0'` is the old spelling of an extension declaration
    if (allowLegacyExtension && isStringStart(this.peekAt(1).kind)) return this.extensionDeclaration(leadingNodes);
    const keyword = this.read();
    let imports: ImportDeclarationSyntax['imports'];
    const next = this.peek();
    if (next.kind === 'LeftBrace') {
      imports = this.importedSymbolsList();
    } else if (next.kind === 'Asterisk') {
      imports = this.recover(() => this.wildcardImport(), NEWLINE);
    } else if (next.kind === 'NewLine' || next.kind === 'EndOfFile' || next.kind === 'Identifier') {
      imports = this.skipEmpty("Expected '{' and the names to import, or '* as' and a namespace name.");
    } else {
      imports = this.skipTo(this.position + 1, "Expected '{' and the names to import, or '* as' and a namespace name.");
    }
    const from = this.recover((): ImportFromClauseSyntax => {
      const fromKeyword = this.expectKeyword('from', "Expected 'from' and the path to import from.");
      const path = this.pathString('Expected the path to import from.', NEWLINE, fromKeyword);
      return { kind: 'ImportFromClause', start: fromKeyword.start, end: path.end, keyword: fromKeyword, path };
    }, NEWLINE, this.suppressAfter(imports));
    return {
      kind: 'ImportDeclaration', start: this.startOf(leadingNodes, keyword), end: from.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, imports, from,
    };
  }

  private importedSymbolsList(): ImportedSymbolsListSyntax | SkippedSyntax {
    const openIndex = this.position;
    const open = this.read();
    const children: ImportedSymbolsListSyntax['children'] = [];
    const symbols: ImportedSymbolSyntax[] = [];
    this.parseElements(children, 'RightBrace', openIndex, () => {
      const symbol = this.recover(() => this.importedSymbol(), IMPORT_ITEM_STOPS);
      if (symbol.kind === 'ImportedSymbol') symbols.push(symbol);
      return symbol;
    });
    const close = this.check('RightBrace') ? this.read() : this.skipEmpty("Expected '}'.");
    return { kind: 'ImportedSymbolsList', start: open.start, end: close.end, open, children, close, symbols };
  }

  private importedSymbol(): ImportedSymbolSyntax {
    const token = this.peek();
    let originalName: IdentifierSyntax | StringSyntax;
    if (token.kind === 'Identifier') originalName = this.identifierNode(this.read());
    else if (token.kind === 'StringComplete') originalName = this.parseString();
    else return this.fail('Expected the name of an exported symbol.');
    const asClause = this.checkKeyword('as') ? this.aliasAsClause(IMPORT_ITEM_STOPS) : undefined;
    if (originalName.kind === 'String' && asClause === undefined) {
      this.report({ span: { start: originalName.start, end: originalName.end }, message: "A quoted name must be imported with an alias: add 'as' and a name." });
    }
    return { kind: 'ImportedSymbol', start: originalName.start, end: asClause?.end ?? originalName.end, originalName, asClause };
  }

  private aliasAsClause(stops: Terminators): AliasAsClauseSyntax {
    const keyword = this.expectKeyword('as', "Expected 'as'.");
    const alias = this.name("Expected a name after 'as'.", stops);
    return { kind: 'AliasAsClause', start: keyword.start, end: alias.end, keyword, alias };
  }

  private wildcardImport(): WildcardImportSyntax {
    const asterisk = this.read();
    const asClause = this.recover(() => {
      const keyword = this.expectKeyword('as', "Expected 'as' and a namespace name after '*'.");
      const alias = this.identifier('Expected a namespace name.');
      const clause: AliasAsClauseSyntax = { kind: 'AliasAsClause', start: keyword.start, end: alias.end, keyword, alias };
      return clause;
    }, terminators('Identifier', 'NewLine'));
    return { kind: 'WildcardImport', start: asterisk.start, end: asClause.end, asterisk, asClause };
  }

  private extensionDeclaration(leadingNodes: LeadingNode[]): ExtensionDeclarationSyntax {
    const keyword = this.read();
    const specification = this.check('Identifier')
      ? this.identifierNode(this.read())
      : this.pathString('Expected the extension name or its reference string.', NEWLINE);
    let withClause: ExtensionDeclarationSyntax['withClause'];
    if (!this.check('NewLine') && !this.isAtEnd() && !this.checkKeyword('as')) {
      withClause = this.recover(() => this.withClause("Expected 'with', 'as' or a line break."), NEWLINE, this.suppressAfter(specification));
    }
    let asClause: ExtensionDeclarationSyntax['asClause'];
    if (!this.check('NewLine') && !this.isAtEnd()) {
      asClause = this.recover(() => this.aliasAsClause(NEWLINE), NEWLINE, this.suppressAfter(withClause ?? specification));
    }
    return {
      kind: 'ExtensionDeclaration', start: this.startOf(leadingNodes, keyword), end: (asClause ?? withClause ?? specification).end,
      leadingNodes, decorators: this.decoratorsOf(leadingNodes), keyword, specification, withClause, asClause,
    };
  }

  private withClause(message: string): WithClauseSyntax {
    const keyword = this.expectKeyword('with', message);
    const config = this.recover(() => this.parseObject(ExpressionFlags.AllowComplexLiterals), NEWLINE);
    return { kind: 'WithClause', start: keyword.start, end: config.end, keyword, config };
  }

  // ------------------------------------------------------------ .bicepparam

  private usingDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    let path: StringSyntax | IdentifierSyntax | SkippedSyntax;
    if (this.checkKeyword('none')) path = this.identifierNode(this.read());
    else if (isStringStart(this.peek().kind)) path = this.parseString();
    else path = this.skipEmpty("Expected the path of the template, or 'none'.");
    const withClause = this.check('NewLine') || this.isAtEnd()
      ? undefined
      : this.recover(() => this.withClause("Expected 'with' or a line break."), NEWLINE, this.suppressAfter(path));
    return {
      kind: 'UsingDeclaration', start: this.startOf(leadingNodes, keyword), end: (withClause ?? path).end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, path, withClause,
    };
  }

  private extendsDeclaration(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const path = this.pathString('Expected the path of the base parameters file.', NEWLINE);
    return {
      kind: 'ExtendsDeclaration', start: this.startOf(leadingNodes, keyword), end: path.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, path,
    };
  }

  private extensionConfigAssignment(leadingNodes: LeadingNode[]): Declaration {
    const keyword = this.read();
    const alias = this.name('Expected the alias of an extension.', NAME_STOPS);
    const withClause = this.recover(() => this.withClause("Expected 'with' and the configuration object."), NEWLINE, this.suppressAfter(alias));
    return {
      kind: 'ExtensionConfigAssignment', start: this.startOf(leadingNodes, keyword), end: withClause.end, leadingNodes,
      decorators: this.decoratorsOf(leadingNodes), keyword, alias, withClause,
    };
  }
}
