/** Shared vocabulary of the engine. Offsets are UTF-16 code-unit offsets into a document's text. */

/** A half-open range [start, end) of offsets in one document. */
export interface Span {
  start: number;
  end: number;
}

export interface SourceLocation {
  uri: string;
  span: Span;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** A replacement of `span` in document `uri` by `newText`. */
export interface TextEdit {
  uri: string;
  span: Span;
  newText: string;
}

export interface FixAction {
  title: string;
  isPreferred: boolean;
  edits: TextEdit[];
  /** suppresses the finding instead of fixing it: never applied by fix-all or --fix */
  suppresses?: boolean;
  /**
   * a choice only the user can make (on a registry that is not Premium, the fix cannot deploy as it is, and the other
   * one changes the SKU): offered as a quick fix, never applied by fix-all or --fix
   */
  needsChoice?: boolean;
}

export interface RelatedLocation {
  location: SourceLocation;
  message: string;
}

/** A document as the engine sees it: no transport, no versions. */
export interface SourceDocument {
  uri: string;
  text: string;
  /**
   * The editor's language for the document ('bicep', 'bicep-params', 'json', ...): it decides only where the URI has
   * no extension that does (an untitled document).
   */
  languageId?: string;
}

