/**
 * File paths as templates write them (relative, with slashes or backslashes) and the file URIs the engine keeps.
 * In a path, '%', '#' and '?' are characters of a file name, not URI syntax.
 */

/** `path` resolved against the file URI `base`: 'a#1.json' is that file, not 'a' with a fragment. */
export function resolveFilePath(path: string, base: string): string {
  return new URL(path.replace(/\\/g, '/').replace(/[%#?]/g, (c) => encodeURIComponent(c)), base).href;
}

/** A URI's percent-encoded text decoded, or as it is where it is not valid percent-encoding ('100%'). */
export function decodeUriText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The path from the folder of `fromUri` to `uri` ('../registry/main.bicep'), decoded; undefined when the two are not
 * on the same scheme and authority.
 */
export function relativeFilePath(uri: string, fromUri: string): string | undefined {
  let target: URL;
  let from: URL;
  try {
    [target, from] = [new URL(uri), new URL(fromUri)];
  } catch {
    return undefined;
  }
  if (target.protocol !== from.protocol || target.host !== from.host) return undefined;
  const targetSegments = target.pathname.split('/');
  const folderSegments = from.pathname.split('/').slice(0, -1);
  let shared = 0;
  while (shared < folderSegments.length && shared < targetSegments.length - 1 && folderSegments[shared] === targetSegments[shared]) shared++;
  const up = folderSegments.length - shared;
  return decodeUriText([...Array<string>(up).fill('..'), ...targetSegments.slice(shared)].join('/'));
}
