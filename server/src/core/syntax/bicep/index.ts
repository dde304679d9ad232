/** The Bicep lexer and lossless, error-recovering parser: the public API. */
export { lexBicep, isValidIdentifier, MAX_IDENTIFIER_LENGTH, type LexResult } from './lexer';
export { parseBicep, DEFAULT_MAX_DEPTH, type ParseOptions } from './parser';
export {
  printSyntax, nodeSpan, nodeFullSpan, forEachChild, childrenOf, collectTokens, firstToken, lastToken, tokenAt,
  nodePathAt, diagnosticsWithin, type SyntaxElement, type ChildVisitor,
} from './printer';
export { collectPragmas, isSilencedByPragma, type BicepPragmas, type PragmaDirective, type PragmaKind } from './pragmas';
export { decodeStringPiece, stringForm, quoteBicepString, type StringSegment, type StringForm } from './strings';
export * from './syntax';
export * from './tokens';
