/**
 * The path filter of `loadJsonContent(file, path)` and `loadYamlContent(file, path)`: the JSONPath Bicep applies with
 * Newtonsoft's SelectTokens. One match is the value, several an array, none an error. Names match exactly. Read
 * here: `$`, `.name`, `['name']`, `[n]`, `[*]` and `.*`; anything else (filters, slices, unions, `..`) is not.
 */
import { arrayValue, unknown, type Value } from '../evaluate/value';

type Step = { name: string } | { index: number } | { all: true };

export function selectPath(root: Value, path: string, file: string): Value {
  const steps = parsePath(path);
  if (!steps) return unknown(`the path '${path}' is not evaluated`);
  let matches: Value[] = [root];
  for (const step of steps) matches = matches.flatMap((value) => stepInto(value, step));
  if (matches.some((match) => match.kind === 'unknown')) return matches.find((match) => match.kind === 'unknown')!;
  if (matches.length === 0) return unknown(`'${path}' matches nothing in '${file}'`);
  return matches.length === 1 ? matches[0]! : arrayValue(matches);
}

function stepInto(value: Value, step: Step): Value[] {
  if ('all' in step) return value.kind === 'object' ? [...value.members.values()].map((member) => member.value) : value.kind === 'array' ? [...value.items] : [];
  if ('index' in step) return value.kind === 'array' && value.items[step.index] !== undefined ? [value.items[step.index]!] : [];
  if (value.kind !== 'object') return [];
  // Members are kept by lower-case name (ARM ignores case); JSONPath does not.
  const member = value.members.get(step.name.toLowerCase());
  return member && member.name === step.name ? [member.value] : [];
}

/** The steps of a path, or undefined when it uses what is not read here. */
function parsePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    if (path.startsWith('..', i)) return undefined;
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
    const bracket = /^\[(?:(\d+)|\*|'([^']*)'|"([^"]*)")\]/.exec(path.slice(i));
    if (!bracket) return undefined;
    const [whole, index, single, double] = bracket;
    steps.push(index !== undefined ? { index: Number(index) } : single !== undefined || double !== undefined ? { name: (single ?? double)! } : { all: true });
    i += whole.length;
  }
  return steps;
}
