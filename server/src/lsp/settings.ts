/** Per-resource settings, fetched from the client and cached until the configuration changes. Never globals. */
import type { Connection } from 'vscode-languageserver';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../core/types';

export interface AcrGuardSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  validationDelay: number;
  unresolvedSeverity: SeveritySetting;
  /** globs relative to the workspace folder */
  exclude: string[];
  /** keep workspace-scan results live as files change on disk */
  workspaceScanLive: boolean;
  /** PSRule files named instead of found (paths relative to the workspace folder, or absolute) */
  psrule: PsRuleSettings;
}

export interface PsRuleSettings {
  /** an options file, as PSRule's `-Option` (the CLI's `--config`) */
  options?: string;
  /** the folder of suppression groups, as PSRule's `-Path` (the CLI's `--source`) */
  source?: string;
}

export const DEFAULT_SETTINGS: AcrGuardSettings = {
  enable: true,
  rules: {},
  validationDelay: 200,
  unresolvedSeverity: 'information',
  exclude: [],
  workspaceScanLive: false,
  psrule: {},
};

const nonEmptyString = (value: unknown) => (typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined);

export function normalizeSettings(raw: unknown): AcrGuardSettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [id, level] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(level)) rules[id.toLowerCase()] = level as SeveritySetting;
    }
  }
  const psrule = input.psrule && typeof input.psrule === 'object' ? (input.psrule as Record<string, unknown>) : undefined;
  const delay = typeof input.validationDelay === 'number' && Number.isFinite(input.validationDelay) ? input.validationDelay : DEFAULT_SETTINGS.validationDelay;
  const unresolved = typeof input.unresolvedSeverity === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(input.unresolvedSeverity)
    ? (input.unresolvedSeverity as SeveritySetting)
    : DEFAULT_SETTINGS.unresolvedSeverity;
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules,
    validationDelay: Math.max(0, Math.min(delay, 5000)),
    unresolvedSeverity: unresolved,
    exclude: Array.isArray(input.exclude) ? input.exclude.filter((g): g is string => typeof g === 'string' && g.length > 0) : [],
    workspaceScanLive: (input.workspaceScan as { live?: unknown } | undefined)?.live === true,
    psrule: { options: nonEmptyString(psrule?.options), source: nonEmptyString(psrule?.source) },
  };
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<AcrGuardSettings>>();
  private supportsConfiguration = false;
  private globalSettings: AcrGuardSettings = DEFAULT_SETTINGS;

  constructor(private readonly connection: Connection) {}

  setClientSupport(supportsConfiguration: boolean): void {
    this.supportsConfiguration = supportsConfiguration;
  }

  /** From a didChangeConfiguration push (clients without workspace/configuration). */
  setGlobal(raw: unknown): void {
    this.globalSettings = normalizeSettings(raw);
  }

  clear(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }

  get(uri: string): Promise<AcrGuardSettings> {
    if (!this.supportsConfiguration) return Promise.resolve(this.globalSettings);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'acrGuard' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }
}
