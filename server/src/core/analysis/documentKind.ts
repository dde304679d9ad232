/** What a file is, by its extension; for a document without one (untitled), by the language the editor gives it. */
export function documentKindOf(uri: string, languageId?: string): 'bicep' | 'bicepParams' | 'json' {
  const path = uri.replace(/[?#].*$/, '').toLowerCase();
  if (path.endsWith('.bicep')) return 'bicep';
  if (path.endsWith('.bicepparam')) return 'bicepParams';
  if (/\.jsonc?$/.test(path)) return 'json';
  if (languageId === 'bicep') return 'bicep';
  if (languageId === 'bicep-params') return 'bicepParams';
  return 'json';
}
