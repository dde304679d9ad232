/**
 * Quick fixes, "show documentation" and fix-all, always computed from the document's current version and only for the
 * findings its diagnostics show.
 */
import { CodeAction, CodeActionKind, CodeActionTriggerKind, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findingsInRange, fixAll } from '../core/analysis/queries';
import { findRule } from '../core/rules/index';
import type { RuleFinding } from '../core/rules/rule';
import { FIX_ALL_KIND, SOURCE, toQuickFix, toWorkspaceEdit } from './convert';
import type { Validator } from './validation';
import type { AcrGuardSettings } from './settings';
import type { WorkspaceFiles } from './workspaceFiles';

export const SHOW_DOCUMENTATION_COMMAND = 'acrGuard.showDocumentation';

export function provideCodeActions(params: CodeActionParams, files: WorkspaceFiles, validator: Validator, settings: AcrGuardSettings): (CodeAction | Command)[] {
  const document = files.openDocument(params.textDocument.uri);
  if (!document) return [];
  const analysis = validator.shownAnalysis(document, settings);
  const resolve = files.documentLookup();
  const only = params.context.only;
  // Asked on its own (VS Code's light bulb, as the cursor moves), a client shows no source actions unless it names
  // their kind: fix-all, which makes every finding's fixes, is then left out rather than made and thrown away.
  const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
  const wants = (kind: string) => (only ? only.some((o) => kind === o || kind.startsWith(`${o}.`)) : !(automatic && kind === FIX_ALL_KIND));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const range = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
    for (const finding of findingsInRange(analysis, range)) {
      const diagnostics = matchingDiagnostics(params.context.diagnostics, finding, document);
      for (const fix of finding.fixes()) {
        const action = toQuickFix(fix, diagnostics, resolve);
        if (action) actions.push(action);
      }
      actions.push(documentationAction(finding, diagnostics));
    }
  }
  // Offered only when it changes something: a finding whose fixes are the user's choice, or that has none, is left out.
  const fixAllEdits = wants(FIX_ALL_KIND) ? fixAll(analysis.findings) : [];
  if (fixAllEdits.length > 0) {
    const edit = toWorkspaceEdit(fixAllEdits, resolve);
    if (edit) actions.push(CodeAction.create('Fix all Azure.ACR.ExportPolicy problems in this file', edit, FIX_ALL_KIND));
  }
  return actions;
}

function documentationAction(finding: RuleFinding, diagnostics: Diagnostic[]): CodeAction {
  const rule = findRule(finding.ruleId);
  const title = `Show documentation for ${finding.ruleId}`;
  const action = CodeAction.create(title, { title, command: SHOW_DOCUMENTATION_COMMAND, arguments: [rule?.metadata.docsUrl ?? ''] }, CodeActionKind.QuickFix);
  action.diagnostics = diagnostics;
  return action;
}

/** The client's diagnostics that stand for this finding, ignoring any published for an older version. */
function matchingDiagnostics(diagnostics: Diagnostic[], finding: RuleFinding, document: TextDocument): Diagnostic[] {
  const start = document.positionAt(finding.span.start);
  return diagnostics.filter((d) => {
    const data = d.data as { version?: number } | undefined;
    if (d.source !== SOURCE || d.code !== finding.ruleId) return false;
    if (data?.version !== undefined && data.version !== document.version) return false;
    return d.range.start.line === start.line && d.range.start.character === start.character;
  });
}
