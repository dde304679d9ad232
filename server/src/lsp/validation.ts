/**
 * Debounced validation of open documents, and the analysis cache that hovers and code actions read.
 * An analysis is keyed by document version, so a request never sees findings of an older text.
 */
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, empty, type DocumentAnalysis } from '../core/analysis/analyzeDocument';
import type { AcrGuardSettings, SettingsCache } from './settings';
import { canonicalUri, severityFor, toDiagnostics } from './convert';
import { analysisHost } from './analysisHost';
import type { WorkspaceFiles } from './workspaceFiles';
import type { ProjectConfigs } from './projectConfigs';

/**
 * Fault injection for the robustness tests: with ACR_GUARD_FAULT_INJECTION set, documents whose URI contains that text
 * fail inside the analysis, as an engine bug would.
 */
const FAULT = process.env.ACR_GUARD_FAULT_INJECTION;
const analyze: typeof analyzeDocument = FAULT
  ? (document, host) => (document.uri.includes(FAULT) ? { ...analyzeDocument({ uri: document.uri, text: '' }), internalError: new Error('injected fault') } : analyzeDocument(document, host))
  : analyzeDocument;

interface CachedAnalysis {
  version: number;
  analysis: DocumentAnalysis;
  /** what of the settings the analysis depends on (rules the user set a severity for, the PSRule files named) */
  settingsKey: string;
}

/** The settings an analysis depends on, as a key: the others only filter what it found. */
const settingsKey = (settings: AcrGuardSettings) =>
  JSON.stringify([Object.keys(settings.rules).sort(), settings.psrule.options ?? null, settings.psrule.source ?? null]);

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly analyses = new Map<string, CachedAnalysis>();
  private readonly reportedErrors = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly files: WorkspaceFiles,
    private readonly settings: SettingsCache,
    private readonly configs: ProjectConfigs,
    /** told of every analysis made (the caches its dependencies are in are watched) */
    private readonly onAnalyzed: (analysis: DocumentAnalysis) => void = () => {},
  ) {}

  /** Drops every cached analysis (configuration changed) and re-validates the open documents. */
  invalidateAll(): void {
    this.analyses.clear();
    this.scheduleAll();
  }

  /**
   * What the user sees of the document's current version: the findings published as diagnostics (none when checking
   * is off or the file is excluded, none of a rule set to `off`). Diagnostics, hovers and code actions all read this,
   * so a fix is never offered, nor applied on save by fix-all, for a finding the user does not see.
   */
  shownAnalysis(document: TextDocument, settings: AcrGuardSettings): DocumentAnalysis {
    // Not analysed at all: a file is often excluded because it is large and generated.
    if (!settings.enable || this.files.isExcluded(document.uri, settings.exclude)) return empty(document.uri, 'other');
    const analysis = this.analysisOf(document, settings);
    const findings = analysis.findings.filter((finding) => severityFor(finding, settings) !== 'off');
    return findings.length === analysis.findings.length ? analysis : { ...analysis, findings };
  }

  /** The analysis of the document's current version, computed now if needed. */
  private analysisOf(document: TextDocument, settings: AcrGuardSettings): DocumentAnalysis {
    const key = settingsKey(settings);
    const cached = this.analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.settingsKey === key) return cached.analysis;
    const analysis = analyze({ uri: document.uri, text: document.getText(), languageId: document.languageId }, analysisHost(this.files, this.configs, document.uri, settings));
    if (analysis.internalError) this.reportInternalError(document.uri, analysis.internalError);
    this.analyses.set(document.uri, { version: document.version, analysis, settingsKey: key });
    this.onAnalyzed(analysis);
    return analysis;
  }

  schedule(document: TextDocument): void {
    this.scheduleOne(document);
    this.scheduleDependents(document.uri);
  }

  /**
   * A parameter file's verdict depends on its template: re-validate whatever read `changedUri`, or listed the folder it
   * is in (a dependency that ends in '/', from loadDirectoryFileInfo).
   */
  scheduleDependents(changedUri: string): void {
    const changed = canonicalUri(changedUri);
    const folder = changed.slice(0, changed.lastIndexOf('/') + 1);
    const dependsOn = (dependency: string) => dependency === changedUri || canonicalUri(dependency) === changed || (dependency.endsWith('/') && canonicalUri(dependency) === folder);
    for (const [uri, cached] of this.analyses) {
      if (uri === changedUri || !cached.analysis.dependencies.some(dependsOn)) continue;
      this.analyses.delete(uri);
      const dependent = this.files.openDocument(uri);
      if (dependent) this.scheduleOne(dependent);
    }
  }

  private scheduleOne(document: TextDocument): void {
    this.cancel(document.uri);
    void this.settings.get(document.uri).then((settings) => {
      const timer = setTimeout(() => {
        this.timers.delete(document.uri);
        void this.validate(document.uri);
      }, settings.validationDelay);
      this.timers.set(document.uri, timer);
    });
  }

  scheduleAll(): void {
    for (const document of this.files.openDocuments()) this.schedule(document);
  }

  async validate(uri: string): Promise<void> {
    const document = this.files.openDocument(uri);
    if (!document) return;
    const version = document.version;
    const settings = await this.settings.get(uri);
    const current = this.files.openDocument(uri);
    // A newer edit or a close arrived meanwhile: that one publishes.
    if (!current || current.version !== version) return;
    const diagnostics = toDiagnostics(current, this.shownAnalysis(current, settings), settings, this.files.documentLookup());
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  close(uri: string): void {
    this.cancel(uri);
    this.analyses.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private reportInternalError(uri: string, error: Error): void {
    const key = `${uri}:${error.message}`;
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    this.connection.console.error(`acr-guard: internal error while analysing ${uri}: ${error.stack ?? error.message}`);
  }
}
