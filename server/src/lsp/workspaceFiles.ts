/**
 * The documents the server may read: open documents first, then files on disk inside the workspace roots
 * (after resolving symlinks). Outside the roots, only registry modules restored in Bicep's cache are read.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isRestoredModuleUri } from '../core/bicep/registryModules';
import { decodeText } from '../core/text/encoding';
import { join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diskDocument } from './diskDocument';
import { memoized } from '../core/collections';

const MAX_RESTORED_LENGTH = 32_000_000;

export class WorkspaceFiles {
  private roots: string[] = [];
  private uris: string[] = [];
  /** where Bicep's module cache is, unless a bicepconfig.json moves it */
  readonly homeDirectory = pathToFileURL(homedir()).href;

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  rootUris(): readonly string[] {
    return this.uris;
  }

  /** The workspace folder that contains `uri` (the innermost one), if any. */
  rootFor(uri: string): string | undefined {
    return this.uris.filter((root) => uri.startsWith(root.endsWith('/') ? root : `${root}/`)).sort((a, b) => b.length - a.length)[0];
  }

  setRoots(rootUris: readonly string[]): void {
    this.uris = [...rootUris];
    this.roots = rootUris.flatMap((uri) => {
      const path = toPath(uri);
      return path ? [safeRealpath(path) ?? path] : [];
    });
  }

  openDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  openDocuments(): TextDocument[] {
    return this.documents.all();
  }

  readText(uri: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    const path = this.allowedPath(uri);
    if (!path) return undefined;
    try {
      return this.restoredText(path) ?? decodeText(readFileSync(path)).text;
    } catch {
      return undefined;
    }
  }

  /** A file's bytes on disk (what `bicep build` reads), inside the workspace. */
  readBytes(uri: string): Uint8Array | undefined {
    const path = this.allowedPath(uri);
    try {
      return path === undefined ? undefined : new Uint8Array(readFileSync(path));
    } catch {
      return undefined;
    }
  }

  /** The names of the files in a folder inside the workspace (symbolic links to files included, folders not). */
  listFiles(uri: string): string[] | undefined {
    const path = this.allowedPath(uri);
    try {
      if (path === undefined) return undefined;
      return readdirSync(path, { withFileTypes: true })
        .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && statSync(join(path, entry.name)).isFile()))
        .map((entry) => entry.name);
    } catch {
      return undefined;
    }
  }

  /**
   * Registry modules restored in Bicep's cache, kept between analyses: Bicep never changes one in place, and a
   * file that uses several reads megabytes of them on every keystroke. A file whose size or time changed is read again.
   */
  private readonly restoredTexts = new Map<string, { size: number; mtimeMs: number; text: string }>();
  private restoredLength = 0;

  private restoredText(path: string): string | undefined {
    if (!isRestoredModuleUri(pathToFileURL(path).href)) return undefined;
    const { size, mtimeMs } = statSync(path);
    const kept = this.restoredTexts.get(path);
    if (kept && kept.size === size && kept.mtimeMs === mtimeMs) return kept.text;
    const text = decodeText(readFileSync(path)).text;
    if (kept) this.restoredLength -= kept.text.length;
    // Bounded: past 32 million characters (a hundred large modules), start again.
    if (this.restoredLength + text.length > MAX_RESTORED_LENGTH) {
      this.restoredTexts.clear();
      this.restoredLength = 0;
    }
    this.restoredLength += text.length;
    this.restoredTexts.set(path, { size, mtimeMs, text });
    return text;
  }

  /** A TextDocument for position conversion: the open one, else one over the file's text. */
  private textDocument(uri: string): TextDocument | undefined {
    const open = this.documents.get(uri);
    if (open) return open;
    const text = this.readText(uri);
    return text === undefined ? undefined : diskDocument(uri, 'json', text);
  }

  /**
   * TextDocuments for position conversion, each file read once: one validation, scan or code action asks for the same
   * template once per finding or edit, and reading and indexing it again each time was quadratic.
   */
  documentLookup(): (uri: string) => TextDocument | undefined {
    return memoized((uri: string) => this.textDocument(uri));
  }

  /**
   * True when `uri` matches one of the globs, taken relative to the workspace folder that contains it: as the editor
   * names the folder (it may be a symbolic link), else as it really is (a file opened by its real path).
   */
  isExcluded(uri: string, globs: readonly string[]): boolean {
    if (globs.length === 0) return false;
    const path = toPath(uri);
    if (!path) return false;
    const inside = (root: string) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
    const rootUri = this.rootFor(uri);
    const root = (rootUri && toPath(rootUri)) ?? this.roots.find(inside);
    const relativePath = (root !== undefined && inside(root) ? relative(root, path) : path).split(sep).join('/');
    return globs.some((glob) => minimatch(relativePath, glob, { dot: true }));
  }

  private allowedPath(uri: string): string | undefined {
    const path = toPath(uri);
    if (!path) return undefined;
    const real = safeRealpath(path);
    if (!real) return undefined;
    if (isRestoredModuleUri(pathToFileURL(real).href)) return real;
    return this.roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep)) ? real : undefined;
  }
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
