/**
 * Files an open document depends on that the extension does not watch itself, watched through the client once a
 * document depends on them, so it is checked again when they change on disk:
 * - Bicep's caches: one a bicepconfig.json moves (`cacheRootDirectory`), or any cache for an editor without a watcher
 *   of its own; their `br` and `ts` folders, for when Bicep restores a module there;
 * - files Bicep's load functions read (a YAML file, a script for `loadFileAsBase64`) and folders they list: the
 *   extension watches only JSON, Bicep and PSRule files.
 */
import { DidChangeWatchedFilesNotification, type ClientCapabilities, type Connection, type FileSystemWatcher } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { isRestoredModuleUri, restoredCacheRoot } from '../core/bicep/registryModules';
import { canonicalUri } from './convert';
import { decodeUriText } from '../core/text/filePaths';

const RESTORED_FILES = '{br,ts}/**/main.json';
/** What the extension's own watchers cover (client/src/extension.ts). */
const WATCHED_BY_CLIENT = /\.(json|jsonc|bicep|bicepparam)$|(^|\/)(ps-rule|psrule)\.ya?ml$/i;

export class DependencyWatcher {
  private dynamic = false;
  private relativePatterns = false;
  private readonly watched = new Set<string>();

  /** `watchedByClient`: the cache the client watches on its own (`~/.bicep` for the extension). */
  constructor(
    private readonly connection: Connection,
    watchedByClient: string,
  ) {
    this.watched.add(canonicalUri(watchedByClient));
  }

  setClientSupport(capabilities: ClientCapabilities): void {
    const support = capabilities.workspace?.didChangeWatchedFiles;
    this.dynamic = !!support?.dynamicRegistration;
    this.relativePatterns = !!support?.relativePatternSupport;
  }

  /** Asks the client, once for each, to watch what these dependencies need that it does not watch already. */
  watch(dependencies: readonly string[]): void {
    if (!this.dynamic) return;
    const watchers: FileSystemWatcher[] = [];
    const add = (key: string, folder: string, pattern: string) => {
      if (this.watched.has(key)) return;
      this.watched.add(key);
      watchers.push({ globPattern: this.relativePatterns ? { baseUri: folder, pattern } : `${fileURLToPath(folder).replace(/\\/g, '/').replace(/\/$/, '')}/${pattern}` });
    };
    for (const uri of dependencies) {
      if (!uri.startsWith('file:')) continue;
      const root = restoredCacheRoot(uri);
      if (root !== undefined) add(canonicalUri(root), root, RESTORED_FILES);
      else if (uri.endsWith('/')) add(canonicalUri(uri), uri, '*');
      else if (!isRestoredModuleUri(uri) && !WATCHED_BY_CLIENT.test(uri)) {
        const slash = uri.lastIndexOf('/');
        add(canonicalUri(uri), uri.slice(0, slash + 1), decodeUriText(uri.slice(slash + 1)).replace(/[*?[\]{}]/g, '[$&]'));
      }
    }
    if (watchers.length > 0) void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  }
}
