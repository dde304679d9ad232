/**
 * The values a caller can pass a module (or a linked template, or a parameter file its template) so that its registry
 * passes, when no parameter default alone decides the failure: a SKU passed that gates the export policy (`acrSku ==
 * 'Premium' ? {...} : null`), a nullable parameter left out that a variable turns into null. A search over the
 * template's string parameters, each set checked by analysing the template with it; the results are kept for every
 * finding of the same declaration (or parameter file).
 */
import { isSameDeclaration } from '../model/resource';
import { once } from '../once';
import type { RuleFinding } from '../rules/rule';
import type { FixAction, TextEdit } from '../types';
import { str, unknown, type Value } from '../evaluate/value';
import type { CheckWithValues } from './parameterFindings';
import type { StringParameters } from './stringParameters';

/** Each set tried is a whole analysis of the module: the fewest parameters first, and no more than this many sets. */
const MAX_SETS_TRIED = 8;

/**
 * A declaration with more findings than this gets no search: each finding's sets are checked on their own, so a module
 * of n failing registries would be analysed about n times for its n findings.
 */
const MAX_FINDINGS_SEARCHED = 8;

const SKU_NAME = ['sku', 'name'];

export type Assignment = ReadonlyMap<string, string>;

export class NeededValues {
  /** the module's findings with each set of values tried, by the set */
  private readonly checked = new Map<string, readonly RuleFinding[]>();
  /** the module's findings with every string parameter unknown: a property that depends on one waits for it */
  private readonly open: () => readonly RuleFinding[];

  constructor(
    /** the values the caller (or the parameter file) passes */
    private readonly passed: ReadonlyMap<string, () => Value>,
    private readonly checkWith: CheckWithValues,
    private readonly parameters: StringParameters,
    /** a parameter's key among the values (ARM: lower case) */
    private readonly key: (name: string) => string,
    /** how many findings the template has with the values passed */
    private readonly findings: number,
  ) {
    this.open = once(() => {
      const values = new Map(passed);
      for (const name of parameters.names) values.set(key(name), () => unknown(`parameter '${name}' is left open`, undefined, [name]));
      return checkWith(values);
    });
  }

  /**
   * The fewest string parameters that the registry's failing properties depend on, each passed the value its property
   * needs (and, `withSku`, one its SKU depends on passed 'Premium'), with which the module leaves no finding of the
   * registry; undefined when no set of at most MAX_SETS_TRIED does.
   */
  find(finding: RuleFinding, withSku: boolean): Assignment | undefined {
    if (this.parameters.names.length === 0 || finding.unresolved || this.findings > MAX_FINDINGS_SEARCHED) return undefined;
    const sameRegistry = (other: RuleFinding) => isSameDeclaration(other.resource, finding.resource);
    const open = this.open().find(sameRegistry);
    if (!open) return undefined;
    const waits = new Map(open.checks().map((check) => [check.path, check.waitsFor] as const));
    const choices = finding
      .checks()
      .filter((check) => check.fails)
      .map((check) => (waits.get(check.path) ?? []).filter((name) => this.parameters.accepts(name, check.expected)).map((name) => [name, check.expected] as const));
    let sets: Assignment[] = [new Map()];
    // For each failing property one of the parameters it depends on, or none (another choice may make it pass).
    for (const options of choices) sets = sets.flatMap((set) => [set, ...options.flatMap(([name, value]) => withValue(set, name, value))]);
    if (withSku) {
      const skuOptions = skuDependsOn(open).filter((name) => this.parameters.accepts(name, 'Premium'));
      sets = sets.flatMap((set) => skuOptions.flatMap((name) => withValue(set, name, 'Premium')));
    }
    const distinct = new Map(sets.filter((set) => set.size > 0).map((set) => [keyOf(set), set] as const));
    const tried = [...distinct.values()].sort((a, b) => a.size - b.size).slice(0, MAX_SETS_TRIED);
    return tried.find((set) => !this.findingsWith(set).some(sameRegistry));
  }

  private findingsWith(set: Assignment): readonly RuleFinding[] {
    const key = keyOf(set);
    let found = this.checked.get(key);
    if (!found) {
      const values = new Map(this.passed);
      for (const [name, value] of set) values.set(this.key(name), () => str(value));
      found = this.checkWith(values);
      this.checked.set(key, found);
    }
    return found;
  }
}

/** The set with `name` passed `value`; none when the set already passes it another value. */
function withValue(set: Assignment, name: string, value: string): Assignment[] {
  const had = set.get(name);
  if (had !== undefined) return had === value ? [set] : [];
  return [new Map(set).set(name, value)];
}

const keyOf = (set: Assignment) => [...set].map(([name, value]) => `${name}\0${value}`).sort().join('\0\0');

/** The parameters the registry's SKU waits for in every instance where it is not known. */
function skuDependsOn(open: RuleFinding): string[] {
  const names = new Set<string>();
  for (const instance of open.resource.instances) {
    const value = instance.resolve(SKU_NAME).value;
    if (value?.kind === 'unknown') for (const name of value.missingParameters ?? []) names.add(name);
  }
  return [...names];
}

/**
 * Fixes that pass what `needed` finds, written by `write` and named by `title`: choices, as a parameter may decide more
 * than the registry. On a registry that is not Premium, a second fix passes 'Premium' to the parameter its SKU depends
 * on too.
 */
export function neededValueFixes(finding: RuleFinding, needed: NeededValues | undefined, title: (values: Assignment) => string, write: (values: Assignment) => TextEdit[] | undefined): FixAction[] {
  if (!needed) return [];
  const fixes: FixAction[] = [];
  for (const withSku of finding.fixesAreChoices ? [false, true] : [false]) {
    const values = needed.find(finding, withSku);
    const edits = values && write(values);
    if (values && edits) fixes.push({ title: title(values), isPreferred: false, needsChoice: true, edits });
  }
  return fixes;
}
