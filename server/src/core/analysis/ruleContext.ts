/** The engine's side of what rules may ask: literal replacement in any document read, and provenance wording. */
import type { Origin } from '../evaluate/value';
import { isOutsideDeclaration, type ResourceModel } from '../model/resource';
import type { RuleContext } from '../rules/rule';
import { mapped, memoized } from '../collections';
import { LineIndex } from '../text/lineIndex';
import { decodeUriText, relativeFilePath } from '../text/filePaths';
import { mergedRanges, rangeContaining, type OffsetRange } from '../text/ranges';
import type { TextEdit } from '../types';
import type { DeclarationLocation } from '../arm/describeLocation';
import { restoredModuleName } from '../bicep/registryModules';
import type { PathAssignment } from '../fixes/desiredTree';
import { objectLiteralEditor } from './objectLiteralEdits';

export type TextSource = (uri: string) => string | undefined;

export interface RegistryDeclarations {
  /** the template documents whose parameters the analysed registries read */
  templateUris: readonly string[];
  /** where every analysed registry is declared */
  declarations: readonly { uri: string; span: { start: number; end: number } }[];
}

/** The declaration (variable, parameter default, ...) that contains an offset of a document, if known. */
export type Locator = (uri: string, offset: number) => DeclarationLocation | undefined;

/** Offsets where a parameter or variable is used in a document; undefined when unknown. */
export type UsageFinder = (uri: string, kind: 'variable' | 'parameter', name: string) => number[] | undefined;

/**
 * ARM: `parameters('x')` and `variables('x')` calls, case-insensitive. Each document is searched once for all of
 * them: a search per name made a template with a thousand parameters quadratic.
 */
export function armUsages(textOf: TextSource): UsageFinder {
  const referencesIn = memoized((uri: string) => {
    const text = textOf(uri);
    return text === undefined ? undefined : armReferences(text);
  });
  return (uri, kind, name) => {
    const references = referencesIn(uri);
    return references && (references.get(`${kind}\0${name.toLowerCase()}`) ?? []);
  };
}

const ARM_REFERENCE = /(parameters|variables)\(\s*'([^']*)'\s*\)/gi;

/** Offsets of every `parameters('x')` and `variables('x')` call, by kind and lower-case name. */
function armReferences(text: string): Map<string, number[]> {
  const references = new Map<string, number[]>();
  for (const match of text.matchAll(ARM_REFERENCE)) {
    const key = `${match[1]!.toLowerCase() === 'variables' ? 'variable' : 'parameter'}\0${match[2]!.toLowerCase()}`;
    const offsets = references.get(key);
    if (offsets) offsets.push(match.index);
    else references.set(key, [match.index]);
  }
  return references;
}

export function createRuleContext(textOf: TextSource, registries: RegistryDeclarations, locate: Locator = () => undefined, usages: UsageFinder = armUsages(textOf)): RuleContext {
  const lineIndexes = new Map<string, LineIndex>();
  const lineOf = (uri: string, offset: number): number | undefined => {
    let index = lineIndexes.get(uri);
    if (!index) {
      const text = textOf(uri);
      if (text === undefined) return undefined;
      index = LineIndex.of(text);
      lineIndexes.set(uri, index);
    }
    return index.positionAt(offset).line + 1;
  };

  // Where registries are declared, per document, as sorted disjoint ranges: a lookup is a binary search, so asking
  // for every finding stays linear in the findings.
  const registryRanges = new Map<string, OffsetRange[]>();
  const insideRegistry = (uri: string, offset: number): boolean => {
    let ranges = registryRanges.get(uri);
    if (!ranges) {
      ranges = mergedRanges(mapped(registries.declarations.filter((d) => d.uri === uri), (d) => d.span));
      registryRanges.set(uri, ranges);
    }
    return rangeContaining(ranges, offset) >= 0;
  };

  // Whether every use of a parameter or variable is inside a registry: asked for each finding whose value it decides,
  // so it is answered once per name (a parameter shared by a thousand registries made this quadratic).
  const dedicated = new Map<string, boolean>();
  const onlyInRegistries = (uris: readonly string[], kind: 'variable' | 'parameter', name: string): boolean => {
    const key = `${kind}\0${name}\0${uris.join('\0')}`;
    let answer = dedicated.get(key);
    if (answer === undefined) {
      answer = everyUseInsideRegistries(uris, kind, name);
      dedicated.set(key, answer);
    }
    return answer;
  };
  const everyUseInsideRegistries = (uris: readonly string[], kind: 'variable' | 'parameter', name: string): boolean => {
    let references = 0;
    for (const uri of uris) {
      const offsets = usages(uri, kind, name);
      if (offsets === undefined) return false;
      for (const offset of offsets) {
        references++;
        if (!insideRegistry(uri, offset)) return false;
      }
    }
    return references > 0;
  };

  const objectEditors = memoized((uri: string) => {
    const text = textOf(uri);
    return text === undefined ? undefined : objectLiteralEditor(uri, text);
  });

  /** The declaration a value belongs to: a literal inside a variable or a parameter default belongs to that one. */
  const declarationOf = (origin: Origin): { kind?: Origin['kind'] | 'parameterValue'; name?: string } => {
    const container = origin.kind === 'literal' || origin.kind === 'expression' ? locate(origin.uri, origin.span.start) : undefined;
    if (!container) return { kind: origin.kind, name: origin.name };
    const kind = container.kind === 'variable' ? 'variable' : container.kind === 'parameterDefault' ? 'parameterDefault' : container.kind === 'parameter' ? 'parameterValue' : undefined;
    return { kind, name: container.name };
  };

  return {
    replaceLiteral(origin: Origin, value: string): TextEdit | undefined {
      // The option stands in for what the pipeline passes: changing it would only change PSRule's verdict.
      if (origin.kind === 'configuredDefault') return undefined;
      const text = textOf(origin.uri);
      if (text === undefined) return undefined;
      const written = text.slice(origin.span.start, origin.span.end);
      // A JSON string token, or a single-quoted literal (inside an ARM expression, or in Bicep).
      if (written.length >= 2 && written.startsWith('"') && written.endsWith('"') && !written.startsWith('"[')) {
        return { uri: origin.uri, span: origin.span, newText: JSON.stringify(value) };
      }
      if (written.length >= 2 && written.startsWith("'") && written.endsWith("'") && !written.includes('${')) {
        return { uri: origin.uri, span: origin.span, newText: `'${value}'` };
      }
      return undefined;
    },

    setInObjectValue(origin: Origin, assignments: readonly PathAssignment[]): TextEdit[] | undefined {
      const kind = declarationOf(origin).kind;
      if (kind !== 'variable' && kind !== 'parameterValue' && kind !== 'deploymentParameter') return undefined;
      return objectEditors(origin.uri)?.(origin.span, assignments);
    },

    isDedicatedToRegistries(origin: Origin): boolean {
      const { kind, name } = declarationOf(origin);
      if (!name || !kind) return false;
      const isVariable = kind === 'variable';
      // A value a parameter file or a caller passes (a module's `params`, a deployment's `parameters`) feeds the
      // parameter of that name in the templates checked.
      if (!isVariable && kind !== 'parameterDefault' && kind !== 'parameterValue' && kind !== 'deploymentParameter') return false;
      const uris = isVariable || kind === 'parameterDefault' ? [origin.uri] : registries.templateUris;
      return onlyInRegistries(uris, isVariable ? 'variable' : 'parameter', name);
    },

    describeOrigin(origin: Origin | undefined, resource: ResourceModel): string {
      if (!origin) return '';
      const inDeclaration = !isOutsideDeclaration(origin, resource);
      const file = origin.uri === resource.uri ? '' : ` in ${baseName(origin.uri)}`;
      switch (origin.kind) {
        case 'parameterDefault':
          return `from the default value of parameter '${origin.name}'${file}`;
        case 'parameterValue':
          return `from parameter '${origin.name}'${file}`;
        case 'deploymentParameter':
          return `from parameter '${origin.name}' as passed${file}`;
        case 'variable':
          return `from variable '${origin.name}'${file}`;
        case 'configuredDefault':
          return `from parameter '${origin.name}', set by AZURE_PARAMETER_DEFAULTS in ${baseName(origin.uri)}`;
        case 'expression':
        case 'literal': {
          if (inDeclaration) return '';
          const container = locate(origin.uri, origin.span.start);
          const line = `line ${lineOf(origin.uri, origin.span.start) ?? '?'}${file}`;
          return container ? `from ${container.description} (${line})` : `set at ${line}`;
        }
      }
    },
  };
}

/**
 * How a message in `fromUri` names the file `uri`: by its name, or by its path from there when both files have the
 * same name (a main.bicep that deploys '../registry/main.bicep').
 */
export function fileNameFrom(uri: string, fromUri: string): string {
  const name = baseName(uri);
  if (uri === fromUri || name !== baseName(fromUri) || restoredModuleName(uri) !== undefined) return name;
  return relativeFilePath(uri, fromUri) ?? name;
}

export function baseName(uri: string): string {
  // A registry module in Bicep's cache is named as it is referenced: every one of them is a main.json.
  const module = restoredModuleName(uri);
  if (module !== undefined) return module;
  const trimmed = uri.replace(/[?#].*$/, '');
  return decodeUriText(trimmed.slice(trimmed.lastIndexOf('/') + 1));
}
