/** Where a registry that is not Premium gets its SKU, for a fix that passes 'Premium' there. */
import type { RuleFinding } from '../rules/rule';

/**
 * The parameter of the template at `templateUri` whose default is the registry's SKU in every instance where it is
 * not Premium; undefined when another value decides it, or when every instance is Premium.
 */
export function skuDefaultParameter(finding: RuleFinding, templateUri: string): string | undefined {
  const names = new Set<string | undefined>();
  for (const instance of finding.resource.instances) {
    const value = instance.resolve(['sku', 'name']).value;
    if (value?.kind !== 'string' || value.value.toLowerCase() === 'premium') continue;
    const origin = value.origin;
    names.add(origin?.kind === 'parameterDefault' && origin.uri === templateUri ? origin.name : undefined);
  }
  return names.size === 1 ? [...names][0] : undefined;
}
