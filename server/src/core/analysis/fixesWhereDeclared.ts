/**
 * Fixes in the file that declares a registry, offered where the registry is reported on its deployment because that
 * file's own values decide it: a Bicep module's caller, a template that links another. Each is one of the fixes that
 * file's own analysis offers, kept only when this document, analysed again with that file so edited, no longer reports
 * the registry.
 */
import type { RuleFinding } from '../rules/rule';
import type { FixAction, SourceDocument, TextEdit } from '../types';
import { isRestoredModuleUri } from '../bicep/registryModules';
import { isInside } from '../arm/parameterFile';
import { isSameDeclaration } from '../model/resource';
import { applyEdits } from './queries';
import { fileNameFrom } from './ruleContext';
import { withExtraFixes } from './inlineSuppression';

/** What the fixes need of the analysis they are offered in. */
export interface DeclaringFiles {
  document: SourceDocument;
  workspaceRoots: readonly string[];
  /** the text of another file, as the analysis reads it */
  textOf: (uri: string) => string | undefined;
  /** the active and suppressed findings of a document analysed with these texts of other files; undefined on an error */
  findingsOf: (document: SourceDocument, textOf: (uri: string) => string | undefined) => readonly RuleFinding[] | undefined;
}

/**
 * The most such findings a document may have for their fixes to be offered: each fix is checked by analysing the whole
 * document again, so a module with hundreds of failing registries would take minutes in a report that lists every fix.
 * There, the module's own file is the place to fix them (all at once).
 */
export const MAX_FINDINGS_FIXED_WHERE_DECLARED = 8;

/** The findings, those reported here about a registry declared and decided in another file given that file's fixes too. */
export function withFixesWhereDeclared(findings: readonly RuleFinding[], files: DeclaringFiles): RuleFinding[] {
  const eligible = findings.filter((finding) => isDecidedWhereDeclared(finding, files)).length;
  if (eligible === 0 || eligible > MAX_FINDINGS_FIXED_WHERE_DECLARED) return [...findings];
  // The declaring file's own analysis, once for all its registries reported here.
  const declaring = new Map<string, readonly RuleFinding[]>();
  const declaringFindings = (uri: string) => {
    let found = declaring.get(uri);
    if (!found) {
      const text = files.textOf(uri);
      found = (text === undefined ? undefined : files.findingsOf({ uri, text }, files.textOf)) ?? [];
      declaring.set(uri, found);
    }
    return found;
  };
  // One analysis of this document for each edited text, however many findings ask about it.
  const reanalysed = new Map<string, readonly RuleFinding[] | undefined>();
  const findingsWith = (uri: string, edited: string) => {
    const key = `${uri}\0${edited}`;
    let found = reanalysed.get(key);
    if (!reanalysed.has(key)) {
      found = files.findingsOf(files.document, (other) => (other === uri ? edited : files.textOf(other)));
      reanalysed.set(key, found);
    }
    return found;
  };
  return findings.map((finding) => {
    if (!isDecidedWhereDeclared(finding, files)) return finding;
    return withExtraFixes(finding, () => {
      const declaredIn = finding.resource.uri;
      const text = files.textOf(declaredIn);
      const own = declaringFindings(declaredIn).find((other) => other.uri === declaredIn && isSameDeclaration(other.resource, finding.resource));
      if (text === undefined || !own) return [];
      const name = fileNameFrom(declaredIn, files.document.uri);
      return own
        .fixes()
        .filter((fix) => !fix.suppresses && fix.edits.length > 0 && fix.edits.every((edit) => edit.uri === declaredIn))
        .filter((fix) => {
          // Wherever it is reported now: a fix can move the deciding value to what this file passes. Every deployment
          // of the registry must pass, as the edit reaches them all.
          const start = offsetAfter(finding.resource.declarationSpan.start, fix.edits);
          const stillReported = (other: RuleFinding) => other.resource.uri === declaredIn && other.resource.declarationSpan.start === start;
          const after = findingsWith(declaredIn, applyEdits(text, fix.edits));
          return after !== undefined && !after.some(stillReported);
        })
        .map((fix): FixAction => ({ title: `${fix.title} in ${name}`, isPreferred: false, needsChoice: true, edits: fix.edits }));
    });
  });
}

/**
 * Reported on its deployment here, decided by the values of the file that declares it, in the workspace. One that
 * follows from a value this file (or a file between) passes is fixed where that value is passed, by the finding's own
 * fixes; Bicep's module cache is Bicep's to write.
 */
function isDecidedWhereDeclared(finding: RuleFinding, files: DeclaringFiles): boolean {
  const declaredIn = finding.resource.uri;
  if (finding.decidedWhereDeclared !== files.document.uri || declaredIn === files.document.uri || finding.unresolved) return false;
  return !isRestoredModuleUri(declaredIn) || isInside(declaredIn, files.workspaceRoots);
}

/** Where `offset` is once `edits` are applied: moved by those that end at or before it. */
function offsetAfter(offset: number, edits: readonly TextEdit[]): number {
  let moved = offset;
  for (const edit of edits) if (edit.span.end <= offset) moved += edit.newText.length - (edit.span.end - edit.span.start);
  return moved;
}
