/**
 * Everything PSRule configuration decides for one file: the nearest options file (searched from the file's folder up
 * to the root) and the suppression groups under `<root>/.ps-rule/`. File access goes through ConfigFileSource, so
 * the language server can serve open documents and the CLI the disk.
 */
import { isIgnoredByExpressions } from './pathFilter';
import { CONFIG_FILE_NAMES, emptyOptions, parsePsRuleOptions, type ConfigDiagnostic, type PsRuleOptions } from './options';
import { matchingGroup, parseSuppressionGroups, type SuppressionGroup, type SuppressionTarget } from './suppressionGroups';

export interface ConfigFileSource {
  readFile(path: string): string | undefined;
  listDir(path: string): string[];
}

export interface ProjectConfiguration {
  options: PsRuleOptions | undefined;
  groups: SuppressionGroup[];
  diagnostics: ConfigDiagnostic[];
  /** files read, so a change to one of them re-validates */
  files: string[];
  /** which files PSRule does not read: `input.pathIgnore`, then the lines of the `.gitignore` where it runs */
  inputFilter?: InputFilter;
}

/** Expressions PSRule matches against paths relative to `baseDir` (see pathFilter.ts). */
export interface InputFilter {
  baseDir: string;
  expressions: string[];
}

const join = (dir: string, name: string) => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);
const parent = (dir: string) => dir.replace(/\/[^/]*\/?$/, '') || '/';

export function findConfigFile(fileDir: string, rootDir: string, source: ConfigFileSource): string | undefined {
  let dir = fileDir;
  for (let guard = 0; guard < 256; guard++) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (source.readFile(candidate) !== undefined) return candidate;
    }
    if (dir === rootDir || !dir.startsWith(rootDir) || parent(dir) === dir) return undefined;
    dir = parent(dir);
  }
  return undefined;
}

/** What the user named instead of what PSRule finds by itself (the CLI's `--config` and `--source`). */
export interface ConfigurationChoice {
  /** an options file (PSRule's `-Option`), with the folder PSRule would run in (the CLI's working directory) */
  explicit?: { path: string; workingDir: string };
  /** the folder of suppression groups (PSRule's `-Path`, the ps-rule action's `source`) instead of `<root>/.ps-rule` */
  groupsDir?: string;
  /**
   * Where PSRule runs when no options file is named or found (the CLI's working directory); with `useGitIgnore`, the
   * `.gitignore` of the folder PSRule runs in is read too, as PSRule reads it for a repository (the CLI).
   */
  workingDir?: string;
  useGitIgnore?: boolean;
}

/**
 * PSRule reads `input.pathIgnore` relative to where it runs: for an options file it finds by itself (only in that
 * folder) that is the file's own folder; for one named with `-Option`, the folder it runs in.
 */
export function loadProjectConfiguration(filePath: string, rootDir: string, source: ConfigFileSource, choice: ConfigurationChoice = {}): ProjectConfiguration {
  const configuration: ProjectConfiguration = { options: undefined, groups: [], diagnostics: [], files: [] };
  const { explicit } = choice;
  const configPath = explicit?.path ?? findConfigFile(parent(filePath), rootDir, source);
  if (configPath) {
    const text = source.readFile(configPath);
    configuration.files.push(configPath);
    if (text === undefined) {
      configuration.diagnostics.push({ path: configPath, span: { start: 0, end: 0 }, message: `cannot read ${configPath}` });
    } else {
      const parsed = parsePsRuleOptions(text, configPath, explicit?.workingDir ?? parent(configPath));
      configuration.options = parsed.options;
      configuration.diagnostics.push(...parsed.diagnostics);
    }
  }
  configuration.inputFilter = inputFilter(configuration, choice, source);
  const groupsDir = choice.groupsDir ?? join(rootDir, '.ps-rule');
  for (const name of source.listDir(groupsDir).filter((n) => /\.rule\.ya?ml$/i.test(n)).sort()) {
    const path = join(groupsDir, name);
    const text = source.readFile(path);
    if (text === undefined) continue;
    configuration.files.push(path);
    const parsed = parseSuppressionGroups(text, path);
    configuration.groups.push(...parsed.groups);
    configuration.diagnostics.push(...parsed.diagnostics);
  }
  return configuration;
}

/**
 * `input.pathIgnore`, then (for a repository) the lines of the `.gitignore` where PSRule runs, as one list: PSRule adds
 * those lines after the options' expressions, so a `!` line there can take a file back.
 */
function inputFilter(configuration: ProjectConfiguration, choice: ConfigurationChoice, source: ConfigFileSource): InputFilter | undefined {
  const baseDir = configuration.options?.baseDir ?? choice.explicit?.workingDir ?? choice.workingDir;
  if (baseDir === undefined) return undefined;
  const expressions = [...(configuration.options?.pathIgnore ?? [])];
  if (choice.useGitIgnore) {
    const path = join(baseDir, '.gitignore');
    const text = source.readFile(path);
    if (text !== undefined) {
      configuration.files.push(path);
      // Read as .NET's File.ReadAllLines reads it: lines as they are, untrimmed.
      expressions.push(...text.split(/\r\n|\r|\n/));
    }
  }
  return expressions.length > 0 ? { baseDir, expressions } : undefined;
}

const matchesRule = (patterns: readonly string[], ruleId: string, ruleRef: string | undefined) =>
  patterns.some((pattern) => {
    const p = pattern.toLowerCase().replace(/^.*\\/, '');
    return p === ruleId.toLowerCase() || (ruleRef !== undefined && p === ruleRef.toLowerCase());
  });

/** PSRule semantics: exclude wins over include; with an include list, only the listed rules run. */
export function isRuleEnabled(ruleId: string, ruleRef: string | undefined, options: PsRuleOptions | undefined): boolean {
  if (!options) return true;
  if (matchesRule(options.exclude, ruleId, ruleRef)) return false;
  if (options.include && options.include.length > 0) return matchesRule(options.include, ruleId, ruleRef);
  return true;
}

/**
 * Whether PSRule leaves a file out: the filter's expressions relative to where PSRule runs (see
 * loadProjectConfiguration), matched as PSRule matches them (pathFilter.ts); a file outside that folder is never left out.
 */
export function isPathIgnored(filePath: string, filter: InputFilter | undefined): boolean {
  if (!filter) return false;
  const base = filter.baseDir.endsWith('/') ? filter.baseDir : `${filter.baseDir}/`;
  if (!filePath.startsWith(base)) return false;
  return isIgnoredByExpressions(filter.expressions, filePath.slice(base.length));
}

export interface SuppressionDecision {
  suppressed: boolean;
  reason?: string;
}

export function decideSuppression(target: SuppressionTarget, configuration: ProjectConfiguration, now: Date): SuppressionDecision {
  const options = configuration.options;
  if (options) {
    for (const [rule, names] of options.suppression) {
      if (rule.replace(/^.*\\/, '') !== target.ruleId.toLowerCase() && rule !== target.ruleRef?.toLowerCase()) continue;
      const name = names.find((n) => n.toLowerCase() === target.name.toLowerCase());
      if (name) return { suppressed: true, reason: `suppressed for '${name}' by ${options.path}` };
    }
  }
  const group = matchingGroup(configuration.groups, target, now);
  if (group) return { suppressed: true, reason: `suppressed by suppression group '${group.name}' (${group.path})` };
  return { suppressed: false };
}

export function emptyConfiguration(): ProjectConfiguration {
  return { options: undefined, groups: [], diagnostics: [], files: [] };
}

export { emptyOptions };
