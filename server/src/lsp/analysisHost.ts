/** What the engine may read for a document in the editor: the workspace's files and the PSRule files that apply. */
import type { AnalysisHost } from '../core/analysis/analyzeDocument';
import type { ProjectConfigs } from './projectConfigs';
import type { AcrGuardSettings } from './settings';
import type { WorkspaceFiles } from './workspaceFiles';

export function analysisHost(files: WorkspaceFiles, configs: ProjectConfigs, uri: string, settings: AcrGuardSettings): AnalysisHost {
  const config = configs.forDocument(uri, settings.psrule);
  return {
    readText: (other) => files.readText(other),
    readBytes: (other) => files.readBytes(other),
    listFiles: (other) => files.listFiles(other),
    workspaceRoots: files.rootUris(),
    homeDirectory: files.homeDirectory,
    // A severity the user set shows the rule even where ps-rule.yaml excludes it.
    configuration: config ? { project: config.configuration, filePath: config.filePath, userSetRules: new Set(Object.keys(settings.rules)) } : undefined,
  };
}
