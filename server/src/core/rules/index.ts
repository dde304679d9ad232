/** The explicit registry of rules, sorted by id. */
import type { Rule } from './rule';
import { azureAcrExportPolicy } from './azure-acr-export-policy';

export const ALL_RULES: readonly Rule[] = [azureAcrExportPolicy];

export function findRule(id: string): Rule | undefined {
  const wanted = id.toLowerCase();
  return ALL_RULES.find((rule) => rule.metadata.id.toLowerCase() === wanted || rule.metadata.ref.toLowerCase() === wanted);
}

/** Resource types any rule selects, lower case: the walkers report only these. */
export const SELECTED_TYPES: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.metadata.resourceType));
