import type { Connection } from 'vscode-languageserver';

export function startServer(connection: Connection): void {
  connection.listen();
}
