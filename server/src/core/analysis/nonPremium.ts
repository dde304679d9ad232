/** Whether a finding's registry is Premium: on Basic or Standard every fix is the user's choice (see the rule). */
import type { RuleFinding } from '../rules/rule';

/**
 * The registry's SKU when it is not Premium in some instance: with the parameter of the template at `templateUri` whose
 * default it is in every such instance, when there is one. Such a registry's fixes are the user's choice.
 */
export function nonPremiumSku(finding: RuleFinding, templateUri: string = finding.resource.uri): { parameter: string | undefined } | undefined {
  const names = new Set<string | undefined>();
  for (const instance of finding.resource.instances) {
    const value = instance.resolve(['sku', 'name']).value;
    if (value?.kind !== 'string' || value.value.toLowerCase() === 'premium') continue;
    const origin = value.origin;
    names.add(origin?.kind === 'parameterDefault' && origin.uri === templateUri ? origin.name : undefined);
  }
  if (names.size === 0) return undefined;
  return { parameter: names.size === 1 ? [...names][0] : undefined };
}
