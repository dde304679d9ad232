/** Request handlers never take the server down: an exception is logged and answered with the empty result. */
import type { CancellationToken, Connection } from 'vscode-languageserver';

export async function runSafe<T>(connection: Connection, what: string, token: CancellationToken | undefined, empty: T, compute: () => T | Promise<T>): Promise<T> {
  if (token?.isCancellationRequested) return empty;
  try {
    return await compute();
  } catch (error) {
    connection.console.error(`acr-guard: error while computing ${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return empty;
  }
}
