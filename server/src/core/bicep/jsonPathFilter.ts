/**
 * JSONPath filter expressions (`[?(@.price > 3 && @.name != 'x')]`) as Newtonsoft's SelectTokens evaluates them: a
 * path that matches nothing makes a comparison false; values compare only with values of their kind (whole numbers
 * and fractions alike), strings by ordinal; `!=` between an object or array and anything is true; a path alone is
 * true when it matches.
 */
import { bool, nullValue, num, str, type Value } from '../evaluate/value';

export type Filter = (item: Value) => boolean;

/** The member of an object by its exact name (members are kept by lower-case name, as ARM ignores case; JSONPath does not). */
export function memberOf(value: Value, name: string): Value | undefined {
  if (value.kind !== 'object') return undefined;
  const member = value.members.get(name.toLowerCase());
  return member && member.name === name ? member.value : undefined;
}

type Operand = { path: PathStep[] } | { literal: Value };
type PathStep = { name: string } | { index: number };
type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** The filter written from `start` to the `)` that closes it (`end` is that `)`); undefined for anything else. */
export function parseFilter(text: string, start: number): { filter: Filter; end: number } | undefined {
  const parser = new FilterParser(text, start);
  try {
    const filter = parser.or();
    parser.skipSpaces();
    return text[parser.at] === ')' ? { filter, end: parser.at } : undefined;
  } catch {
    return undefined;
  }
}

class FilterParser {
  constructor(
    private readonly text: string,
    public at: number,
  ) {}

  skipSpaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  private take(token: string): boolean {
    this.skipSpaces();
    if (!this.text.startsWith(token, this.at)) return false;
    this.at += token.length;
    return true;
  }

  or(): Filter {
    let left = this.and();
    while (this.take('||')) {
      const [a, b] = [left, this.and()];
      left = (item) => a(item) || b(item);
    }
    return left;
  }

  private and(): Filter {
    let left = this.unary();
    while (this.take('&&')) {
      const [a, b] = [left, this.unary()];
      left = (item) => a(item) && b(item);
    }
    return left;
  }

  private unary(): Filter {
    if (this.take('!')) {
      const inner = this.unary();
      return (item) => !inner(item);
    }
    if (this.take('(')) {
      const inner = this.or();
      if (!this.take(')')) throw new Error("expected ')'");
      return inner;
    }
    const left = this.operand();
    this.skipSpaces();
    const operator = /^(==|!=|<=|>=|<|>)/.exec(this.text.slice(this.at))?.[0] as Operator | undefined;
    if (!operator) {
      if (!('path' in left)) throw new Error('a literal alone is no condition');
      return (item) => resolve(item, left) !== undefined;
    }
    this.at += operator.length;
    const right = this.operand();
    return (item) => {
      const [a, b] = [resolve(item, left), resolve(item, right)];
      return a !== undefined && b !== undefined && compare(a, operator, b);
    };
  }

  private operand(): Operand {
    this.skipSpaces();
    const rest = this.text.slice(this.at);
    if (rest.startsWith('@')) {
      this.at++;
      const path: PathStep[] = [];
      for (;;) {
        const step = /^\.([A-Za-z_$][\w$-]*)|^\['([^']*)'\]|^\["([^"]*)"\]|^\[(\d+)\]/.exec(this.text.slice(this.at));
        if (!step) break;
        const [whole, dotted, single, double, index] = step;
        path.push(index !== undefined ? { index: Number(index) } : { name: (dotted ?? single ?? double)! });
        this.at += whole.length;
      }
      return { path };
    }
    const literal = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)\b)/.exec(rest);
    if (!literal) throw new Error('expected a path or a literal');
    this.at += literal[0].length;
    const [, single, double, number, keyword] = literal;
    if (single !== undefined || double !== undefined) return { literal: str((single ?? double)!.replace(/\\(.)/g, '$1')) };
    if (number !== undefined) return { literal: num(Number(number)) };
    return { literal: keyword === 'null' ? nullValue() : bool(keyword === 'true') };
  }
}

function resolve(item: Value, operand: Operand): Value | undefined {
  if ('literal' in operand) return operand.literal;
  let current: Value | undefined = item;
  for (const step of operand.path) {
    if (!current) return undefined;
    current = 'index' in step ? (current.kind === 'array' ? current.items[step.index] : undefined) : memberOf(current, step.name);
  }
  return current;
}

function compare(a: Value, operator: Operator, b: Value): boolean {
  const scalar = (v: Value) => v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' || v.kind === 'null';
  if (!scalar(a) || !scalar(b)) return operator === '!=';
  if (operator === '==' || operator === '!=') {
    const equal = a.kind === b.kind && (a.kind === 'null' || (a as { value: unknown }).value === (b as { value: unknown }).value);
    return operator === '==' ? equal : !equal;
  }
  if (a.kind !== b.kind || (a.kind !== 'number' && a.kind !== 'string')) return false;
  const [x, y] = [(a as { value: number | string }).value, (b as { value: number | string }).value];
  return operator === '<' ? x < y : operator === '<=' ? x <= y : operator === '>' ? x > y : x >= y;
}
