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
