/** Finds the files to scan from paths, directories and globs. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';

const SCANNED_EXTENSIONS = ['.json', '.jsonc', '.bicep', '.bicepparam'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface DiscoveredFile {
  /** absolute path */
  path: string;
  /** the path as the user should see it: as given, or joined to the directory or glob base they gave */
  display: string;
  /** the workspace the file is scanned in: references may not leave it */
  root: string;
}

export interface Discovery {
  files: DiscoveredFile[];
  errors: string[];
}

const isScannable = (name: string) => SCANNED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
const isGlob = (arg: string) => /[*?[\]{}]/.test(arg);

/**
 * The files to scan and the workspace of each: `root` when one is given (a file outside it is an error), otherwise the
 * repository the scanned folder is in (the nearest folder above it that holds `.git`), as the editor's workspace is
 * the folder opened, or, outside any repository, the folder given (a file's own folder). Never more than that: a
 * template may read files of its workspace into what is reported (`loadTextContent`), so a scan started from the
 * home folder must not make the home folder the workspace.
 */
export function discoverFiles(args: readonly string[], cwd: string, exclude: readonly string[] = [], root?: string): Discovery {
  const files: DiscoveredFile[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const excluded = (display: string) => exclude.some((glob) => minimatch(toPosix(display), toPosix(glob).replace(/^\.\//, ''), { dot: true, matchBase: !glob.includes('/') }));
  const workspace = root === undefined ? undefined : resolve(cwd, root);
  const repositories = new Map<string, string>();
  const repositoryOf = (folder: string) => repositories.get(folder) ?? repositories.set(folder, enclosingRepository(folder) ?? folder).get(folder)!;
  const add = (file: DiscoveredFile) => {
    if (seen.has(file.path) || excluded(file.display)) return;
    if (workspace !== undefined && !isWithin(workspace, file.path)) {
      errors.push(`'${file.display}' is outside --root '${root}'`);
      return;
    }
    seen.add(file.path);
    files.push({ ...file, root: workspace ?? repositoryOf(file.root) });
  };
  for (const arg of args) {
    if (isGlob(arg)) {
      const base = globBase(arg);
      const root = resolve(cwd, base);
      const pattern = toPosix(arg).replace(/^\.\//, '');
      const matches = walk(root, base).filter((f) => minimatch(toPosix(f.display), pattern, { dot: false }));
      if (matches.length === 0) errors.push(`no files match '${arg}'`);
      matches.forEach((f) => add({ ...f, root }));
      continue;
    }
    const path = resolve(cwd, arg);
    let stats;
    try {
      stats = statSync(path);
    } catch {
      errors.push(`cannot read '${arg}': no such file or directory`);
      continue;
    }
    if (stats.isDirectory()) walk(path, arg).forEach((f) => add({ ...f, root: path }));
    else add({ path, display: arg, root: resolve(path, '..') });
  }
  return { files, errors };
}

function walk(directory: string, display: string): Omit<DiscoveredFile, 'root'>[] {
  const out: Omit<DiscoveredFile, 'root'>[] = [];
  const pending: [string, string][] = [[directory, display]];
  while (pending.length > 0) {
    const [dir, shown] = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      const shownPath = shown === '.' ? entry.name : join(shown, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push([path, shownPath]);
      } else if (entry.isFile() && isScannable(entry.name)) {
        out.push({ path, display: shownPath });
      }
    }
  }
  return out.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/** The directory part of a glob before its first wildcard segment. */
function globBase(glob: string): string {
  const parts = toPosix(glob).split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

/** The nearest folder at or above `folder` that holds `.git` (a folder, or a file in a worktree or submodule). */
function enclosingRepository(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/** Whether `path` is `folder` or inside it (as written: symbolic links are resolved where files are read). */
function isWithin(folder: string, path: string): boolean {
  const relation = relative(folder, path);
  return relation === '' || (relation !== '..' && !relation.startsWith(`..${sep}`) && !isAbsolute(relation));
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

export function displayPath(cwd: string, path: string): string {
  return relative(cwd, path) || path;
}
