/**
 * The path filter of `loadJsonContent(file, path)` and `loadYamlContent(file, path)`: the JSONPath Bicep applies with
 * Newtonsoft's SelectTokens. One match is the value, several an array, none an error. Names match exactly. Read
 * here: `$`, `.name`, `['name']`, `[n]`, `[*]`, `.*`, `..name` (every descendant's member of that name) and filters
 * `[?(...)]` over `@` paths, literals, `==` `!=` `<` `<=` `>` `>=`, `&&`, `||`, `!` and parentheses; anything else
 * (slices, unions, regular expressions, script) is not.
 */
import { arrayValue, unknown, type Value } from '../evaluate/value';
import { memberOf, parseFilter, type Filter } from './jsonPathFilter';

type Step = { name: string } | { index: number } | { all: true } | { descendants: string } | { filter: Filter };

export function selectPath(root: Value, path: string, file: string): Value {
  const steps = parsePath(path);
  if (!steps) return unknown(`the path '${path}' is not evaluated`);
  let matches: Value[] = [root];
  for (const step of steps) matches = matches.flatMap((value) => stepInto(value, step));
  if (matches.some((match) => match.kind === 'unknown')) return matches.find((match) => match.kind === 'unknown')!;
  if (matches.length === 0) return unknown(`'${path}' matches nothing in '${file}'`);
  return matches.length === 1 ? matches[0]! : arrayValue(matches);
}

/** The items of an array or the member values of an object, in order. */
function childrenOf(value: Value): Value[] {
  return value.kind === 'object' ? [...value.members.values()].map((member) => member.value) : value.kind === 'array' ? [...value.items] : [];
}

function stepInto(value: Value, step: Step): Value[] {
  if ('all' in step) return childrenOf(value);
  if ('index' in step) return value.kind === 'array' && value.items[step.index] !== undefined ? [value.items[step.index]!] : [];
  if ('descendants' in step) return descendantMembers(value, step.descendants);
  if ('filter' in step) return childrenOf(value).filter((child) => step.filter(child));
  const member = memberOf(value, step.name);
  return member ? [member] : [];
}

/** `..name`: the members of that name of the value and of everything inside it, in document order. */
function descendantMembers(value: Value, name: string): Value[] {
  const found: Value[] = [];
  const visit = (current: Value) => {
    const member = memberOf(current, name);
    if (member) found.push(member);
    for (const child of childrenOf(current)) visit(child);
  };
  visit(value);
  return found;
}

/** The steps of a path, or undefined when it uses what is not read here. */
function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    if (path.startsWith('..', i)) {
      const descendant = /^(?:([^.[\]*]+)|\['([^']*)'\]|\["([^"]*)"\])/.exec(path.slice(i + 2));
      if (!descendant) return undefined;
      steps.push({ descendants: (descendant[1] ?? descendant[2] ?? descendant[3])! });
      i += 2 + descendant[0].length;
      continue;
    }
    if (path[i] === '.') {
      if (path[i + 1] === '*') {
        steps.push({ all: true });
        i += 2;
        continue;
      }
      const name = /^[^.[\]]+/.exec(path.slice(i + 1))?.[0];
      if (!name) return undefined;
      steps.push({ name });
      i += 1 + name.length;
      continue;
    }
    if (path.startsWith('[?(', i)) {
      const parsed = parseFilter(path, i + 3);
      if (!parsed || !path.startsWith(')]', parsed.end)) return undefined;
      steps.push({ filter: parsed.filter });
      i = parsed.end + 2;
      continue;
    }
    const bracket = /^\[(?:(\d+)|\*|'([^']*)'|"([^"]*)")\]/.exec(path.slice(i));
    if (!bracket) return undefined;
    const [whole, index, single, double] = bracket;
    steps.push(index !== undefined ? { index: Number(index) } : single !== undefined || double !== undefined ? { name: (single ?? double)! } : { all: true });
    i += whole.length;
  }
  return steps;
}
