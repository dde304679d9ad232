// Entry point of the language server bundle (dist/server.js). Transport: --stdio, --node-ipc or --socket, chosen by vscode-languageserver.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));
