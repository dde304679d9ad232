// acr-guard command-line scanner: the same engine as the language server, for CI.
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs, USAGE } from './args';
import { discoverFiles } from './discover';
import { FindingFormatter, reportPieces } from './formats';
import { OtherFiles, scanFiles } from './scan';
import { CliConfiguration, diskSource } from './configuration';
import { scanInParallel, workerCount } from './parallel';
import { resolve } from 'node:path';

export async function runCli(argv: readonly string[], cwd: string, write: (text: string) => void, writeError: (text: string) => void): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === 'help') {
    write(USAGE + '\n');
    return 0;
  }
  if (parsed.command === 'version') {
    write('0.1.0\n');
    return 0;
  }
  if (parsed.command === 'error') {
    writeError(`acr-guard: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { options } = parsed;
  if (options.config && diskSource.readFile(resolve(cwd, options.config)) === undefined) {
    writeError(`acr-guard: cannot read --config '${options.config}'\n`);
    return 2;
  }
  const discovery = discoverFiles(options.paths, cwd, options.exclude);
  const workers = options.fix ? 1 : workerCount(discovery.files.length);
  const explicitConfig = options.config ? resolve(cwd, options.config) : undefined;
  const otherFiles = new OtherFiles();
  const result = workers > 1
    ? await scanInParallel(discovery.files, workers, { explicitConfig, cwd, format: options.format })
    : scanFiles(discovery.files, options.fix, new CliConfiguration(options.config, cwd), { formatter: new FindingFormatter(options.format, cwd, otherFiles.linesOf), otherFiles });
  const errors = [...discovery.errors, ...result.errors];
  const report = reportPieces(options.format, result);
  if (options.output) {
    try {
      writeToFile(options.output, report);
    } catch (error) {
      writeError(`acr-guard: cannot write '${options.output}': ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    for (const chunk of inChunks(report)) write(chunk);
  }
  for (const warning of result.warnings) writeError(`${warning}\n`);
  for (const error of errors) writeError(`acr-guard: ${error}\n`);
  if (errors.length > 0) return 2;
  const rank = { error: 3, warning: 2, information: 1, hint: 0 } as const;
  return result.findings.some((f) => rank[f.severity] >= rank[options.severityThreshold]) ? 1 : 0;
}

/** Pieces joined into chunks of about a megabyte: few writes, and never one string the size of the report. */
function* inChunks(pieces: Iterable<string>): Generator<string> {
  // Joined from an array: one flat copy, where `+=` would build a rope that is flattened piece by piece.
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    parts.push(piece);
    length += piece.length;
    if (length >= 1 << 20) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

function writeToFile(path: string, pieces: Iterable<string>): void {
  const descriptor = openSync(path, 'w');
  try {
    for (const chunk of inChunks(pieces)) {
      const bytes = Buffer.from(chunk, 'utf8');
      for (let written = 0; written < bytes.length; ) written += writeSync(descriptor, bytes, written);
    }
  } finally {
    closeSync(descriptor);
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), process.cwd(), (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then((code) => {
    process.exitCode = code;
  });
}
