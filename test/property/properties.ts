/**
 * Property-based checks with fast-check, shared by `npm test` (a few thousand cases) and `npm run fuzz` (100,000+):
 * parsing and analysis never throw, ranges stay inside the document, the Bicep round trip is lossless, and every
 * fix parses without new errors, re-analyses clean and changes nothing outside its edits.
 */
import fc from 'fast-check';
import { analyzeDocument } from '../../server/src/core/analysis/analyzeDocument';
import { applyEdits } from '../../server/src/core/analysis/queries';
import { fixAllChoosingFirst } from '../unit/fixChoices';
import { parseBicep } from '../../server/src/core/bicep/parser';
import { lexBicep } from '../../server/src/core/bicep/lexer';
import { parseJson } from '../../server/src/core/syntax/json';
import { provenanceProperties } from './provenance';
import { compiledTwinProperties } from './compiledTwins';
import { oracleProperties } from './oracles';
import { decodeJsonString } from '../../server/src/core/evaluate/expressions/jsonString';
import { parseExpression } from '../../server/src/core/evaluate/expressions/parser';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function assertSound(uri: string, text: string): void {
  const analysis = analyzeDocument({ uri, text });
  if (analysis.internalError) throw analysis.internalError;
  for (const finding of [...analysis.findings, ...analysis.suppressed]) {
    if (finding.span.start < 0 || finding.span.end > text.length || finding.span.start > finding.span.end) throw new Error(`range outside the document: ${JSON.stringify(finding.span)}`);
    for (const fix of finding.fixes()) for (const edit of fix.edits) if (edit.uri === uri && (edit.span.start < 0 || edit.span.end > text.length)) throw new Error('edit outside the document');
  }
}

/** A registry with any combination of present, missing, wrong and odd-cased values, in any of several styles. */
const registryArbitrary = fc.record({
  access: fc.constantFrom(undefined, 'Enabled', 'Disabled', 'DISABLED', null, ''),
  status: fc.constantFrom(undefined, 'enabled', 'disabled', 'Disabled'),
  policies: fc.constantFrom('object', 'missing', 'empty', 'null', 'other'),
  properties: fc.constantFrom('object', 'missing', 'empty'),
  sku: fc.constantFrom('Premium', 'Basic', 'Standard'),
  apiVersion: fc.constantFrom('2019-12-01-preview', '2021-06-01-preview', '2023-07-01', '2025-11-01'),
  indent: fc.constantFrom(2, 4, 0),
  crlf: fc.boolean(),
  tabs: fc.boolean(),
  comment: fc.boolean(),
});

type RegistryShape = typeof registryArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function armRegistryText(shape: RegistryShape): string {
  const properties: Record<string, unknown> = {};
  if (shape.access !== undefined) properties.publicNetworkAccess = shape.access;
  if (shape.policies === 'object') properties.policies = shape.status === undefined ? { quarantinePolicy: { status: 'enabled' } } : { exportPolicy: { status: shape.status } };
  if (shape.policies === 'empty') properties.policies = {};
  if (shape.policies === 'null') properties.policies = null;
  if (shape.policies === 'other') properties.policies = { retentionPolicy: { days: 7 } };
  const resource: Record<string, unknown> = { type: 'Microsoft.ContainerRegistry/registries', apiVersion: shape.apiVersion, name: 'r', sku: { name: shape.sku } };
  if (shape.properties === 'object') resource.properties = properties;
  if (shape.properties === 'empty') resource.properties = {};
  let text = JSON.stringify({ $schema: SCHEMA, resources: [resource] }, null, shape.indent || undefined);
  if (shape.tabs && shape.indent) text = text.replace(/^( +)/gm, (s) => '\t'.repeat(s.length / shape.indent));
  if (shape.comment && shape.indent) text = text.replace('"resources"', '// registries\n  "resources"');
  if (shape.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

export function bicepRegistryText(shape: RegistryShape): string {
  const lines: string[] = [];
  if (shape.properties !== 'missing') {
    const inner: string[] = [];
    if (shape.properties === 'object') {
      if (shape.access !== undefined) inner.push(`publicNetworkAccess: ${shape.access === null ? 'null' : `'${shape.access}'`}`);
      if (shape.policies === 'object') inner.push(shape.status === undefined ? 'policies: {\n      quarantinePolicy: { status: \'enabled\' }\n    }' : `policies: {\n      exportPolicy: {\n        status: '${shape.status}'\n      }\n    }`);
      if (shape.policies === 'empty') inner.push('policies: {}');
      if (shape.policies === 'null') inner.push('policies: null');
    }
    lines.push(inner.length ? `  properties: {\n${inner.map((l) => `    ${l}`).join('\n')}\n  }` : '  properties: {}');
  }
  let text = `resource acr 'Microsoft.ContainerRegistry/registries@${shape.apiVersion}' = {\n  name: 'r'\n  sku: {\n    name: '${shape.sku}'\n  }\n${lines.join('\n')}${lines.length ? '\n' : ''}}\n`;
  if (shape.tabs) text = text.replace(/^( +)/gm, (s) => '\t'.repeat(Math.ceil(s.length / 2)));
  if (shape.crlf) text = text.replace(/\n/g, '\r\n');
  return text;
}

function assertFixIsSound(uri: string, text: string, errorCount: (t: string) => number): void {
  const analysis = analyzeDocument({ uri, text });
  if (analysis.internalError) throw analysis.internalError;
  const edits = fixAllChoosingFirst(analysis.findings);
  if (analysis.findings.length > 0 && edits.length === 0) throw new Error('a finding without a fix');
  const fixed = applyEdits(text, edits);
  if (errorCount(fixed) > errorCount(text)) throw new Error(`the fix introduced a syntax error:\n${fixed}`);
  const again = analyzeDocument({ uri, text: fixed });
  if (again.findings.length > 0) throw new Error(`not clean after the fix: ${again.findings[0]!.message}\n${fixed}`);
  // Nothing outside the edits changes: the text before the first edit and after the last one is intact.
  if (edits.length > 0) {
    const first = Math.min(...edits.map((e) => e.span.start));
    const last = Math.max(...edits.map((e) => e.span.end));
    if (!fixed.startsWith(text.slice(0, first)) || !fixed.endsWith(text.slice(last))) throw new Error('text outside the edits changed');
  }
}

/** Mutations of a real or generated text: truncation, insertion of noise, byte flips. */
const mutation = (base: string) =>
  fc.oneof(
    fc.nat({ max: base.length }).map((n) => base.slice(0, n)),
    fc.tuple(fc.nat({ max: base.length }), fc.string({ maxLength: 8, unit: 'binary' })).map(([at, noise]) => base.slice(0, at) + noise + base.slice(at)),
    fc.tuple(fc.nat({ max: Math.max(0, base.length - 1) }), fc.constantFrom('{', '}', '[', ']', '"', "'", '\\', '\u0000', '\uD800', '${', ':', ',', '\n', '/*')).map(([at, c]) => base.slice(0, at) + c + base.slice(at + 1)),
    // The file ends right after it: a backslash ending the file inside a string once hung the Bicep parser.
    fc.tuple(fc.nat({ max: base.length }), fc.constantFrom('\\', "'", '${', '/*', "'''", '@', '.')).map(([at, c]) => base.slice(0, at) + c),
  );

export interface PropertyRun {
  name: string;
  run(numRuns: number): void;
}

export function properties(armSeed: string, bicepSeed: string): PropertyRun[] {
  return [
    { name: 'ARM analysis never throws and keeps ranges inside the document, on any text', run: (numRuns) => fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (noise) => assertSound('file:///p/t.json', `{"$schema":"${SCHEMA}",${noise}`)), { numRuns }) },
    { name: 'ARM analysis survives mutations of a real template', run: (numRuns) => fc.assert(fc.property(mutation(armSeed), (text) => assertSound('file:///p/t.json', text)), { numRuns }) },
    { name: 'the Bicep round trip is lossless and analysis never throws, on mutations', run: (numRuns) => fc.assert(fc.property(mutation(bicepSeed), (text) => {
      // Lexed first: the parser stops at the end token, so a token list without one would loop it instead of failing.
      const { tokens } = lexBicep(text);
      if (tokens.kind(tokens.length - 1) !== 'eof' || tokens.end(tokens.length - 1) > text.length) throw new Error('no end token at the end');
      const file = parseBicep(text);
      if (file.tokens.toArray().map((t) => text.slice(t.fullStart, t.end)).join('') !== text) throw new Error('not lossless');
      assertSound('file:///p/main.bicep', text);
    }), { numRuns }) },
    { name: 'the expression parser never throws and keeps spans inside the document', run: (numRuns) => fc.assert(fc.property(fc.string({ maxLength: 120 }), (inner) => {
      const document = JSON.stringify({ x: `[${inner}]` });
      const start = document.indexOf('"[');
      const { diagnostics } = parseExpression(decodeJsonString(document, start, document.length - 1));
      for (const d of diagnostics) if (d.span.start < 0 || d.span.end > document.length) throw new Error('span outside');
    }), { numRuns }) },
    { name: 'every ARM fix parses, re-analyses clean and changes nothing outside its edits', run: (numRuns) => fc.assert(fc.property(registryArbitrary, (shape) => assertFixIsSound('file:///p/t.json', armRegistryText(shape), (t) => parseJson(t).errors.length)), { numRuns }) },
    { name: 'every Bicep fix parses, re-analyses clean and changes nothing outside its edits', run: (numRuns) => fc.assert(fc.property(registryArbitrary, (shape) => assertFixIsSound('file:///p/main.bicep', bicepRegistryText(shape), (t) => parseBicep(t).diagnostics.length)), { numRuns }) },
    ...provenanceProperties,
    ...oracleProperties,
    ...compiledTwinProperties,
  ];
}
