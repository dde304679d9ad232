/** Request handlers never take the server down: an exception is logged and answered with the empty result. */
import type { CancellationToken, Connection } from 'vscode-languageserver';

export function runSafe<T>(connection: Connection, what: string, token: CancellationToken | undefined, empty: T, compute: () => T): T {
  if (token?.isCancellationRequested) return empty;
  try {
    return compute();
  } catch (error) {
    connection.console.error(`acr-guard: error while computing ${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return empty;
  }
}
