/** Command-line arguments of `acr-guard scan`. */

import type { Severity } from '../core/types';

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'nunit'] as const;
export type OutputFormat = (typeof FORMATS)[number];

const THRESHOLDS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'information', information: 'information', hint: 'hint' };

export interface ScanOptions {
  paths: string[];
  format: OutputFormat;
  output?: string;
  fix: boolean;
  /** glob patterns of files not to scan, matched against the displayed path */
  exclude: string[];
  /** the lowest severity that makes the exit code 1 */
  severityThreshold: Severity;
  /** a PSRule options file to use instead of searching for ps-rule.yaml */
  config?: string;
  /** a folder of suppression groups to use instead of <workspace>/.ps-rule */
  source?: string;
  /** the workspace: modules, linked templates and parameter files' templates are followed inside it, fixes edit only it */
  root?: string;
}

export type ParsedArgs = { command: 'scan'; options: ScanOptions } | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: acr-guard scan [paths or globs...] [options]

Checks ARM templates, parameter files and Bicep files for Azure container registries that break
Azure.ACR.ExportPolicy. Directories are searched recursively (node_modules and .git are skipped).

Options:
  --format FORMAT            text (default), json, sarif, github (GitHub Actions annotations), gitlab (GitLab
                             Code Quality report), or nunit (NUnit XML as PSRule writes it, for Azure Pipelines)
  --output FILE              write the report to FILE instead of standard output
  --fix                      apply the preferred quick fixes in place and report what changed
  --exclude GLOB             do not scan files matching GLOB (repeatable), e.g. '**/generated/**'
  --config FILE              PSRule options file to use (default: the nearest ps-rule.yaml above each file)
  --source DIR               PSRule suppression groups (*.Rule.yaml) to use, as PSRule's -Path or the ps-rule
                             action's source (default: the workspace's .ps-rule folder)
  --root DIR                 the workspace: references are followed, and fixes may edit files, only inside it
                             (default: the git repository of each scanned path, else the folder scanned)
  --severity-threshold LEVEL error|warning|info|hint: the lowest severity that fails the run (default: hint)
  -h, --help                 show this help
  --version                  show the version

Exit codes: 0 no findings (at or above the threshold), 1 findings, or a suppression PSRule fails its run on
(execution.ruleSuppressed: Error), 2 usage or I/O error, or a scan that could not finish.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args = [...argv];
  if (args.length === 0 || args[0] === '-h' || args[0] === '--help' || args[0] === 'help') return { command: 'help' };
  if (args[0] === '--version' || args[0] === '-v') return { command: 'version' };
  if (args[0] !== 'scan') return { command: 'error', message: `unknown command '${args[0]}'` };
  const options: ScanOptions = { paths: [], format: 'text', fix: false, exclude: [], severityThreshold: 'hint' };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format as OutputFormat)) return { command: 'error', message: `--format must be text, json, sarif, github, gitlab or nunit (got '${format ?? ''}')` };
        options.format = format as OutputFormat;
        break;
      }
      case '--output': {
        const output = value();
        if (!output) return { command: 'error', message: '--output needs a file name' };
        options.output = output;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--config': {
        const config = value();
        if (!config) return { command: 'error', message: '--config needs a file name' };
        options.config = config;
        break;
      }
      case '--source': {
        const source = value();
        if (!source) return { command: 'error', message: '--source needs a folder' };
        options.source = source;
        break;
      }
      case '--root': {
        const root = value();
        if (!root) return { command: 'error', message: '--root needs a folder' };
        options.root = root;
        break;
      }
      case '--exclude': {
        const glob = value();
        if (!glob) return { command: 'error', message: '--exclude needs a glob pattern' };
        options.exclude.push(glob);
        break;
      }
      case '--severity-threshold': {
        const level = THRESHOLDS[value() ?? ''];
        if (!level) return { command: 'error', message: '--severity-threshold must be error, warning, info or hint' };
        options.severityThreshold = level;
        break;
      }
      case '-h':
      case '--help':
        return { command: 'help' };
      default:
        if (flag.startsWith('-') && flag !== '-') return { command: 'error', message: `unknown option '${flag}'` };
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return { command: 'scan', options };
}
