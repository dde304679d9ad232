/** Property names compare case-insensitively, in ARM JSON and in Bicep alike. */

/**
 * Whether `key` names the property `name` (whose lower case is `wanted`). Most keys differ in length from the one
 * looked up, so lengths are compared before anything is lower-cased: lower-casing keeps the length of every character
 * but U+0130 (İ), which becomes two.
 */
export function sameKeyIgnoringCase(key: string, name: string, wanted: string): boolean {
  if (key.length !== wanted.length && !(key.length < wanted.length && key.includes('\u0130'))) return false;
  return key === name || key.toLowerCase() === wanted;
}
