/**
 * Which declaration (parameter, variable, a parameter file's value) a value was written in, for messages ("from
 * variable 'props' (line 3 in main.bicep)") and for deciding where a fix may edit it.
 */
import { parseBicep, type BicepFile } from '../bicep/parser';
import { locateDeclaration, type DeclarationLocation } from '../arm/describeLocation';
import { parseJson } from '../syntax/json';
import { rangeContaining } from '../text/ranges';
import { documentKindOf } from './documentKind';
import type { TextSource } from './ruleContext';

type Locator = (offset: number) => DeclarationLocation | undefined;

/**
 * The declarations of the other files an analysis reads (a caller that passes a value to a module, a parameter file),
 * each file parsed once per analysis: a module deployed by hundreds of a caller's declarations names the caller's
 * variables in every finding.
 */
export class DeclarationLocators {
  private readonly locators = new Map<string, Locator | undefined>();

  constructor(private readonly textOf: TextSource) {}

  /** A file the analysis has parsed already, so that it is not parsed again. */
  remember(uri: string, file: BicepFile): void {
    if (!this.locators.has(uri)) this.locators.set(uri, (offset) => locateInBicep(file, offset));
  }

  locate(uri: string, offset: number): DeclarationLocation | undefined {
    if (!this.locators.has(uri)) this.locators.set(uri, this.locatorOf(uri));
    return this.locators.get(uri)?.(offset);
  }

  private locatorOf(uri: string): Locator | undefined {
    const text = this.textOf(uri);
    if (text === undefined) return undefined;
    const kind = documentKindOf(uri);
    if (kind === 'json') {
      const root = parseJson(text).root;
      return root && ((offset) => locateDeclaration(root, offset));
    }
    const file = parseBicep(text, { kind: kind === 'bicepParams' ? 'bicepparam' : 'bicep' });
    return (offset) => locateInBicep(file, offset);
  }
}

/**
 * The param or var declaration around an offset (a `param` of a .bicepparam file too). Statements come in source
 * order and, in a file that parses, do not overlap: then a binary search finds the one statement that can contain the
 * offset. Error recovery can leave overlapping statements in a broken file; those are scanned in order.
 */
export function locateInBicep(file: BicepFile, offset: number): DeclarationLocation | undefined {
  const statements = file.statements;
  if (!inOrderWithoutOverlap(file)) {
    for (const statement of statements) {
      if (offset >= statement.start && offset < statement.end) {
        const location = declarationLocation(statement, file.kind);
        if (location) return location;
      }
    }
    return undefined;
  }
  const index = rangeContaining(statements, offset);
  return index >= 0 ? declarationLocation(statements[index]!, file.kind) : undefined;
}

function declarationLocation(statement: BicepFile['statements'][number], kind: BicepFile['kind']): DeclarationLocation | undefined {
  if (statement.kind === 'param') return { kind: 'parameterDefault', name: statement.name.name, description: `the default value of parameter '${statement.name.name}'` };
  if (statement.kind === 'var') return { kind: 'variable', name: statement.name.name, description: `variable '${statement.name.name}'` };
  if (statement.kind === 'paramAssignment' && kind === 'bicepparam') return { kind: 'parameter', name: statement.name.name, description: `parameter '${statement.name.name}'` };
  if (statement.kind === 'func' && statement.name) return { kind: 'function', name: statement.name.name, description: `function '${statement.name.name}'` };
  return undefined;
}

const orderedFiles = new WeakMap<BicepFile, boolean>();
function inOrderWithoutOverlap(file: BicepFile): boolean {
  let ordered = orderedFiles.get(file);
  if (ordered === undefined) {
    ordered = file.statements.every((statement, index) => index === 0 || statement.start >= file.statements[index - 1]!.end);
    orderedFiles.set(file, ordered);
  }
  return ordered;
}
