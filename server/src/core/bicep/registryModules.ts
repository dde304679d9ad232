/**
 * Modules from a Bicep registry (`br:<registry>/<path>:<tag>`, `br/<alias>:<path>:<tag>`, `...@sha256:<digest>`) and
 * from template specs (`ts:<subscription>/<resource group>/<name>:<version>`, `ts/<alias>:<name>:<version>`), read
 * where Bicep restores them: `<cache root>/br/<registry>/<repository>/<tag>/main.json`, the compiled ARM template,
 * and `<cache root>/ts/<subscription>/<resource group>/<name>/<version>/main.json`, the template spec version with its
 * ARM template in `properties.mainTemplate`. Nothing is downloaded: a module that is not restored is not followed.
 * Aliases and the cache root come from the nearest bicepconfig.json, as Bicep reads them (after Bicep's
 * OciArtifactAddressComponents, TagEncoder, BicepRegistryArtifact, TemplateSpecModuleReference and
 * TemplateSpecModuleRegistry).
 */
import { parse as parseJsonc } from 'jsonc-parser';
import type { TextSource } from '../analysis/ruleContext';

export interface RegistryModuleReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

interface ModuleAlias {
  registry: string;
  modulePath?: string;
}

export interface TemplateSpecReference {
  subscription: string;
  resourceGroup: string;
  name: string;
  version: string;
}

interface TemplateSpecAlias {
  subscription: string;
  resourceGroup: string;
}

/** What a bicepconfig.json says about registry modules and template specs. */
export interface RegistryModuleConfig {
  aliases: ReadonlyMap<string, ModuleAlias>;
  /** `moduleAliases.ts`; none when the file defines none */
  templateSpecAliases?: ReadonlyMap<string, TemplateSpecAlias>;
  /** a file URI; undefined: `~/.bicep` */
  cacheRoot?: string;
}

// The OCI distribution spec's grammar, as Bicep checks a reference.
const NAMESPACE_SEGMENT = /^[a-z0-9]+([._-][a-z0-9]+)*$/;
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const ALIAS_NAME = /^[a-zA-Z0-9-_]+$/;
/** a host name or IPv4 address with an optional port (Bicep's registries; IPv6 hosts are not followed) */
const REGISTRY = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:[0-9]{1,5})?$/;

/** Bicep's built-in alias: `br/public:x:1.0` is `br:mcr.microsoft.com/bicep/x:1.0`. */
const BUILT_IN_ALIASES: ReadonlyMap<string, ModuleAlias> = new Map([['public', { registry: 'mcr.microsoft.com', modulePath: 'bicep' }]]);

export const DEFAULT_REGISTRY_MODULE_CONFIG: RegistryModuleConfig = { aliases: BUILT_IN_ALIASES };

/** `br:...` or `br/<alias>:...`; `br/x.bicep`, without the colon, is a local path, as Bicep reads it. */
export function isRegistryModulePath(path: string): boolean {
  return /^br(:|\/[a-zA-Z0-9_-]+:)/i.test(path);
}

/** `ts:...` or `ts/<alias>:...`: a template spec. */
export function isTemplateSpecPath(path: string): boolean {
  return /^ts(:|\/[a-zA-Z0-9_-]+:)/i.test(path);
}

/** The registry, repository and tag (or digest) a module path names; a reason when it names none. */
export function parseRegistryModuleReference(path: string, config: RegistryModuleConfig = DEFAULT_REGISTRY_MODULE_CONFIG): RegistryModuleReference | { invalid: string } {
  let unqualified: string;
  if (/^br:/i.test(path)) unqualified = path.slice(3);
  else {
    const match = /^br\/([^:]*):(.*)$/is.exec(path);
    if (!match) return { invalid: `'${path}' is not a registry module reference` };
    const [, aliasName, rest] = match as unknown as [string, string, string];
    const alias = ALIAS_NAME.test(aliasName) ? config.aliases.get(aliasName) : undefined;
    if (!alias) return { invalid: `module alias '${aliasName}' is not defined in bicepconfig.json` };
    unqualified = `${alias.registry}/${alias.modulePath ? `${alias.modulePath}/` : ''}${rest}`;
  }
  const segments = unqualified.split('/');
  const registry = segments.shift()!;
  const last = segments.pop();
  if (!REGISTRY.test(registry) || last === undefined) return { invalid: `'${path}' is not a valid registry module reference` };
  const delimiter = last.search(/[:@]/);
  const name = delimiter < 0 ? last : last.slice(0, delimiter);
  if (![...segments, name].every((segment) => NAMESPACE_SEGMENT.test(segment))) return { invalid: `'${path}' has an invalid repository path` };
  const repository = [...segments, name].join('/');
  if (delimiter < 0) return { invalid: `'${path}' names no tag or digest` };
  const version = last.slice(delimiter + 1);
  if (last[delimiter] === ':') return TAG.test(version) ? { registry, repository, tag: version } : { invalid: `'${path}' has an invalid tag` };
  return DIGEST.test(version) ? { registry, repository, digest: version } : { invalid: `'${path}' has an invalid digest` };
}

// What Bicep accepts in a template spec reference: a GUID, then resource group, name and version by one rule (up to
// 90 letters, digits, '-', '_', '.', '(' and ')', not ending with '.').
const SUBSCRIPTION = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const AZURE_NAME = /^[\p{L}\p{N}_().-]{0,89}[\p{L}\p{N}_()-]$/u;

/** The subscription, resource group, name and version a template spec path names; a reason when it names none. */
export function parseTemplateSpecReference(path: string, config: RegistryModuleConfig = DEFAULT_REGISTRY_MODULE_CONFIG): TemplateSpecReference | { invalid: string } {
  let unqualified: string;
  if (/^ts:/i.test(path)) unqualified = path.slice(3);
  else {
    const match = /^ts\/([^:]*):(.*)$/is.exec(path);
    if (!match) return { invalid: `'${path}' is not a template spec reference` };
    const [, aliasName, rest] = match as unknown as [string, string, string];
    const alias = ALIAS_NAME.test(aliasName) ? config.templateSpecAliases?.get(aliasName) : undefined;
    if (!alias) return { invalid: `template spec alias '${aliasName}' is not defined in bicepconfig.json` };
    unqualified = `${alias.subscription}/${alias.resourceGroup}/${rest}`;
  }
  const match = /^([^/]+)\/([^/]+)\/([^/:]+):([^/]+)$/.exec(unqualified);
  if (!match) return { invalid: `'${path}' is not a valid template spec reference` };
  const [, subscription, resourceGroup, name, version] = match as unknown as [string, string, string, string, string];
  if (!SUBSCRIPTION.test(subscription)) return { invalid: `'${path}' has an invalid subscription ID` };
  if (!AZURE_NAME.test(resourceGroup)) return { invalid: `'${path}' has an invalid resource group name` };
  if (!AZURE_NAME.test(name) || !AZURE_NAME.test(version)) return { invalid: `'${path}' has an invalid template spec name or version` };
  return { subscription, resourceGroup, name, version };
}

/**
 * A tag as a file name that keeps its case on a case-insensitive file system: the tag, `$`, then a bit mask of its
 * upper-case letters in hexadecimal, 64 bits per group, highest group first, only the first group without zeros.
 */
export function encodeTag(tag: string): string {
  const groups: bigint[] = Array.from({ length: Math.ceil(128 / 64) }, () => 0n);
  for (let i = 0; i < tag.length; i++) {
    if (/[A-Z]/.test(tag[i]!)) groups[Math.floor(i / 64)]! |= 1n << BigInt(i % 64);
  }
  let mask = '';
  for (let group = groups.length - 1; group >= 0; group--) {
    const value = groups[group]!;
    if (mask) mask += value.toString(16).padStart(16, '0');
    else if (value !== 0n) mask = value.toString(16);
  }
  return `${tag}$${mask}`;
}

/** Where Bicep restores the module: the compiled template in the cache. */
export function restoredModuleUri(reference: RegistryModuleReference, cacheRoot: string): string {
  const registry = reference.registry.replace(/:/g, '$').toLowerCase();
  const repository = reference.repository.replace(/\//g, '$');
  const version = reference.tag !== undefined ? encodeTag(reference.tag) : reference.digest!.replace(':', '#');
  const root = cacheRoot.endsWith('/') ? cacheRoot : `${cacheRoot}/`;
  return `${root}br/${[registry, repository, version].map(encodeURIComponent).join('/')}/main.json`;
}

/**
 * The template spec version a resource ID names (`/subscriptions/<id>/resourceGroups/<group>/providers/
 * Microsoft.Resources/templateSpecs/<name>/versions/<version>`, what Bicep writes in `templateLink.id` for a `ts:`
 * module); undefined for any other ID.
 */
export function templateSpecReferenceFromId(id: string): TemplateSpecReference | undefined {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Resources\/templateSpecs\/([^/]+)\/versions\/([^/]+)$/i.exec(id.trim());
  if (!match) return undefined;
  const [, subscription, resourceGroup, name, version] = match as unknown as [string, string, string, string, string];
  const reference = parseTemplateSpecReference(`ts:${subscription}/${resourceGroup}/${name}:${version}`);
  return 'invalid' in reference ? undefined : reference;
}

/** Where Bicep restores a template spec: every part lower-cased. */
export function restoredTemplateSpecUri(reference: TemplateSpecReference, cacheRoot: string): string {
  const parts = [reference.subscription, reference.resourceGroup, reference.name, reference.version];
  const root = cacheRoot.endsWith('/') ? cacheRoot : `${cacheRoot}/`;
  return `${root}ts/${parts.map((part) => encodeURIComponent(part.toLowerCase())).join('/')}/main.json`;
}

/**
 * The two shapes of file read outside the workspace: `.../br/<registry>/<repository>/<tag or digest>/main.json` and
 * `.../ts/<subscription>/<resource group>/<name>/<version>/main.json`.
 */
const RESTORED_MODULE = /\/br\/([^/]+)\/([^/]+)\/([^/]+)\/main\.json$/;
const RESTORED_TEMPLATE_SPEC = /\/ts\/([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})\/([^/]+)\/([^/]+)\/([^/]+)\/main\.json$/;

export function isRestoredModuleUri(uri: string): boolean {
  return RESTORED_MODULE.test(uri) || RESTORED_TEMPLATE_SPEC.test(uri);
}

/** The cache a restored module's file is in (the folder that holds its `br` or `ts` folder), as a URI. */
export function restoredCacheRoot(uri: string): string | undefined {
  const match = RESTORED_TEMPLATE_SPEC.exec(uri) ?? RESTORED_MODULE.exec(uri);
  return match ? uri.slice(0, match.index) : undefined;
}

/** A restored template spec: its file holds the template spec version, not a template. */
export function isRestoredTemplateSpecUri(uri: string): boolean {
  return RESTORED_TEMPLATE_SPEC.test(uri);
}

/**
 * How a message names a restored module: as the reference that brings it in (`br:registry/repository:tag`,
 * `ts:subscription/group/name:version`).
 */
export function restoredModuleName(uri: string): string | undefined {
  const spec = RESTORED_TEMPLATE_SPEC.exec(uri);
  if (spec) {
    const [subscription, resourceGroup, name, version] = spec.slice(1).map(decodeURIComponent) as [string, string, string, string];
    return `ts:${subscription}/${resourceGroup}/${name}:${version}`;
  }
  const match = RESTORED_MODULE.exec(uri);
  if (!match) return undefined;
  const [registry, repository, version] = match.slice(1).map(decodeURIComponent) as [string, string, string];
  const at = version.lastIndexOf('$');
  const suffix = version.startsWith('sha256#') ? `@${version.replace('#', ':')}` : at >= 0 ? `:${version.slice(0, at)}` : '';
  return `br:${registry.replace(/\$/g, ':')}/${repository.replace(/\$/g, '/')}${suffix}`;
}

/** A module path Bicep restores into its cache: a registry module or a template spec. */
export function isRestoredModulePath(path: string): boolean {
  return isRegistryModulePath(path) || isTemplateSpecPath(path);
}

/**
 * Where Bicep restores the module a registry or template spec reference names, with the aliases and cache root of the
 * bicepconfig.json nearest to the file that references it (`config`); undefined for a malformed reference (Bicep
 * reports it) or when there is no cache to look in.
 */
export function restoredModuleTarget(path: string, config: RegistryModuleConfig, homeDirectory: string | undefined): string | undefined {
  const cacheRoot = cacheRootOf(config, homeDirectory);
  if (!cacheRoot) return undefined;
  if (isTemplateSpecPath(path)) {
    const spec = parseTemplateSpecReference(path, config);
    return 'invalid' in spec ? undefined : restoredTemplateSpecUri(spec, cacheRoot);
  }
  const reference = parseRegistryModuleReference(path, config);
  return 'invalid' in reference ? undefined : restoredModuleUri(reference, cacheRoot);
}

/** Bicep's cache: the configured root, or `~/.bicep`; undefined when there is neither. */
export function cacheRootOf(config: RegistryModuleConfig, homeDirectory: string | undefined): string | undefined {
  return config.cacheRoot ?? (homeDirectory && `${homeDirectory.replace(/\/$/, '')}/.bicep`);
}

/**
 * The registry module settings of the nearest bicepconfig.json above `fromUri` (as far as `readText` may read), over
 * Bicep's defaults. A file that cannot be parsed gives the defaults.
 */
export function registryModuleConfig(fromUri: string, readText: TextSource, homeDirectory: string | undefined): RegistryModuleConfig {
  let directory = new URL('.', fromUri);
  for (;;) {
    const text = readText(new URL('bicepconfig.json', directory).href);
    if (text !== undefined) return parseRegistryModuleConfig(text, homeDirectory);
    const parent = new URL('..', directory);
    // The root (of a drive, too) is its own parent.
    if (parent.href === directory.href) return DEFAULT_REGISTRY_MODULE_CONFIG;
    directory = parent;
  }
}

function parseRegistryModuleConfig(text: string, homeDirectory: string | undefined): RegistryModuleConfig {
  const config: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  const aliases = new Map(BUILT_IN_ALIASES);
  for (const [name, alias] of Object.entries(objectAt(config, 'moduleAliases', 'br') ?? {})) {
    const registry = objectAt(alias)?.registry;
    const modulePath = objectAt(alias)?.modulePath;
    if (typeof registry === 'string') aliases.set(name, { registry, modulePath: typeof modulePath === 'string' ? modulePath : undefined });
  }
  const templateSpecAliases = new Map<string, TemplateSpecAlias>();
  for (const [name, alias] of Object.entries(objectAt(config, 'moduleAliases', 'ts') ?? {})) {
    const subscription = objectAt(alias)?.subscription;
    const resourceGroup = objectAt(alias)?.resourceGroup;
    if (typeof subscription === 'string' && typeof resourceGroup === 'string') templateSpecAliases.set(name, { subscription, resourceGroup });
  }
  const cacheRoot = objectAt(config)?.cacheRootDirectory;
  return { aliases, templateSpecAliases, cacheRoot: typeof cacheRoot === 'string' ? cacheRootUri(cacheRoot, homeDirectory) : undefined };
}

/** The JSON object at `path` in `value`, if there is one. */
function objectAt(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
  let current = value;
  for (const name of path) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[name] : undefined;
  return typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : undefined;
}

/** `cacheRootDirectory` as a file URI (`~` is the home directory); undefined for a relative path, which Bicep does not define. */
function cacheRootUri(path: string, homeDirectory: string | undefined): string | undefined {
  const slashes = path.trim().replace(/\\/g, '/');
  if (slashes === '~' || slashes.startsWith('~/')) {
    return homeDirectory === undefined ? undefined : `${homeDirectory.replace(/\/$/, '')}${encodePath(slashes.slice(1))}`;
  }
  if (/^[a-zA-Z]:\//.test(slashes)) return `file:///${slashes.slice(0, 2)}${encodePath(slashes.slice(2))}`;
  if (slashes.startsWith('/')) return `file://${encodePath(slashes)}`;
  return undefined;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
