/**
 * Bicep's caches that the extension does not watch itself: one a bicepconfig.json moves (`cacheRootDirectory`), or any
 * cache for an editor without a watcher of its own. Once an open file depends on a module restored there, the client
 * is asked to report changes to its `br` and `ts` folders, so the file is checked again when Bicep restores one.
 */
import { DidChangeWatchedFilesNotification, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { restoredCacheRoot } from '../core/bicep/registryModules';
import { canonicalUri } from './convert';

const RESTORED_FILES = '{br,ts}/**/main.json';

export class CacheWatcher {
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

  /** Asks the client to watch each cache these files are in, once. */
  watchCachesOf(dependencies: readonly string[]): void {
    if (!this.dynamic) return;
    for (const uri of dependencies) {
      const root = restoredCacheRoot(uri);
      if (root === undefined) continue;
      const key = canonicalUri(root);
      if (this.watched.has(key)) continue;
      this.watched.add(key);
      const globPattern = this.relativePatterns ? { baseUri: root, pattern: RESTORED_FILES } : `${fileURLToPath(root).replace(/\\/g, '/')}/${RESTORED_FILES}`;
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] });
    }
  }
}
