/** Engine findings to LSP shapes. Offsets become positions only here, at the edge. */
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleFinding } from '../core/rules/rule';
import type { DocumentAnalysis, Notice } from '../core/analysis/analyzeDocument';
import { findRule } from '../core/rules/index';
import type { FixAction, Severity, SeveritySetting, Span, TextEdit } from '../core/types';
import type { AcrGuardSettings } from './settings';

export const SOURCE = 'acr-guard';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.acrGuard`;

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** The severity the settings give a rule, by its name or its ref; undefined where they give none. */
function ruleSetting(ruleId: string, settings: AcrGuardSettings): SeveritySetting | undefined {
  const rule = findRule(ruleId);
  return settings.rules[ruleId.toLowerCase()] ?? (rule ? settings.rules[rule.metadata.ref.toLowerCase()] : undefined);
}

/** A rule set to `off` shows nothing; otherwise a finding that cannot be verified has a severity of its own. */
export function severityFor(finding: RuleFinding, settings: AcrGuardSettings): SeveritySetting {
  const rule = findRule(finding.ruleId);
  const set = ruleSetting(finding.ruleId, settings);
  if (set === 'off') return 'off';
  if (finding.unresolved) return settings.unresolvedSeverity;
  return set ?? rule?.metadata.defaultSeverity ?? 'warning';
}

function toDiagnostic(document: TextDocument, finding: RuleFinding, severity: Severity, resolveUri: (uri: string) => TextDocument | undefined): Diagnostic {
  const rule = findRule(finding.ruleId);
  return {
    range: toRange(document, finding.span),
    severity: SEVERITIES[severity],
    code: finding.ruleId,
    codeDescription: rule ? { href: rule.metadata.docsUrl } : undefined,
    source: SOURCE,
    message: finding.message,
    relatedInformation: finding.related.flatMap((related) => {
      const target = related.location.uri === document.uri ? document : resolveUri(related.location.uri);
      return target ? [{ location: { uri: related.location.uri, range: toRange(target, related.location.span) }, message: related.message }] : [];
    }),
    data: { ruleId: finding.ruleId, version: document.version },
  };
}

/** The diagnostics of an analysis: its findings at the severity the settings give them (none at `off`), then its notices (none about a rule at `off`). */
export function toDiagnostics(document: TextDocument, analysis: DocumentAnalysis, settings: AcrGuardSettings, resolveUri: (uri: string) => TextDocument | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of analysis.findings) {
    const severity = severityFor(finding, settings);
    if (severity !== 'off') diagnostics.push(toDiagnostic(document, finding, severity, resolveUri));
  }
  for (const notice of analysis.notices) {
    if (notice.ruleId === undefined || ruleSetting(notice.ruleId, settings) !== 'off') diagnostics.push(noticeDiagnostic(document, notice));
  }
  return diagnostics;
}

function noticeDiagnostic(document: TextDocument, notice: Notice): Diagnostic {
  return { range: toRange(document, notice.span), severity: SEVERITIES[notice.severity], source: SOURCE, message: notice.message };
}

export function toWorkspaceEdit(edits: readonly TextEdit[], resolveUri: (uri: string) => TextDocument | undefined): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) {
    const target = resolveUri(edit.uri);
    if (!target) return undefined;
    (changes[edit.uri] ??= []).push({ range: toRange(target, edit.span), newText: edit.newText });
  }
  return { changes };
}

export function toQuickFix(fix: FixAction, diagnostics: Diagnostic[], resolveUri: (uri: string) => TextDocument | undefined): CodeAction | undefined {
  const edit = toWorkspaceEdit(fix.edits, resolveUri);
  if (!edit) return undefined;
  const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
  action.diagnostics = diagnostics;
  action.isPreferred = fix.isPreferred;
  return action;
}

/**
 * A file URI as one form, however it is escaped: the editor writes `%28` and `c%3A` where Node writes `(` and `C:`,
 * and the files in Bicep's cache are named by Node.
 */
export function canonicalUri(uri: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    return uri;
  }
  return decoded.replace(/^file:\/\/\/([A-Za-z]):/, (_, drive: string) => `file:///${drive.toLowerCase()}:`);
}
