/**
 * PSRule's path filter, for `input.pathIgnore`: which files PSRule reads. PSRule matches its own way, not as git or
 * minimatch do (microsoft/PSRule, src/PSRule/Pipeline/PathFilter.cs), and acr-guard must skip exactly the files it
 * skips. This is PSRule 2.9's matching, which `microsoft/ps-rule@v2.9.0` runs (AVM's and CARML's pipelines): PSRule 3
 * also requires the path to end where an expression after a wildcard ends, so there `*.cs` no longer takes
 * `x.csproj`, but neither does a lone `*` take `a/b.json` (AVM's `'*'` would then ignore nothing).
 * - an expression is read against the path from its start, character by character, and matches once the expression
 *   is used up: `out/` takes everything under `out/` (not `reports/out/`), `out` takes `outer.json` too;
 * - `*` and `**` take any characters, separators included, and once the rest of the expression matches, whatever is
 *   left of the path is taken too; `?` takes one character other than a separator, or none;
 * - `/` and `\` are the same separator; `#` starts a comment; `!` turns a match back;
 * - expressions apply in order, each only when it would change the verdict (the last that matches wins).
 * The matching keeps PSRule's quirks (after a wildcard, a partial match that fails starts again at the next
 * character, not the failed one), so a path is ignored here exactly when PSRule ignores it.
 */

const isSeparator = (c: string) => c === '/' || c === '\\';

/** A position in an expression or a path, as PSRule's PathStream moves it. */
class Cursor {
  position = -1;
  current = '';

  constructor(readonly text: string) {
    // `!` is the expression's sign, not a character to match (PSRule skips it in paths too).
    if (text[0] === '!') this.next();
  }

  next(): boolean {
    this.position++;
    if (this.position >= this.text.length) {
      this.current = '';
      return false;
    }
    this.current = this.text[this.position]!;
    return true;
  }

  /** Moves `count` characters on (at least one, as PSRule's Skip does); false at the end. */
  skip(count: number): boolean {
    if (count > 1) this.position += count - 1;
    return this.next();
  }

  peek(offset: number): string | undefined {
    const at = this.position + offset;
    return at >= this.text.length ? undefined : this.text[at];
  }

  /** Whether this (path) character matches the expression's character at `offset` from its position. */
  matches(expression: Cursor, offset: number): boolean {
    const c = expression.peek(offset);
    return c !== undefined && this.matchesCharacter(c);
  }

  private matchesCharacter(c: string): boolean {
    return this.current === c || (isSeparator(this.current) && isSeparator(c)) || (!isSeparator(this.current) && c === '?');
  }

  /** The expression has `?` at `offset` and the character after it matches this one: the `?` takes nothing. */
  skipsQuestionMark(expression: Cursor, offset: number): boolean {
    const c = expression.peek(offset);
    const after = expression.peek(offset + 1);
    return c === '?' && after !== undefined && this.matchesCharacter(after);
  }

  isDoubleStar(offset = 0): boolean {
    const at = this.position + offset;
    return at + 1 < this.text.length && this.text[at] === '*' && this.text[at + 1] === '*';
  }

  isStar(offset = 0): boolean {
    const at = this.position + offset;
    return at < this.text.length && this.text[at] === '*';
  }

  /** `**` ends the expression here (or `**` and a separator). */
  endsInDoubleStar(): boolean {
    if (!this.isDoubleStar()) return false;
    const at = this.position;
    return at + 1 === this.text.length - 1 || (at + 2 === this.text.length - 1 && isSeparator(this.text[at + 2]!));
  }

  /** Steps over `**`, a separator after it, and any more of the same. */
  skipDoubleStars(): boolean {
    if (!this.isDoubleStar()) return false;
    this.skip(2);
    if (isSeparator(this.current)) this.next();
    this.skipDoubleStars();
    return true;
  }

  skipStar(): boolean {
    if (!this.isStar()) return false;
    this.skip(1);
    return true;
  }

  /** This path from its position against the expression after a `**`. */
  matchAfterDoubleStar(expression: Cursor, start: number): boolean {
    let offset = start;
    do {
      if (this.skipsQuestionMark(expression, offset)) offset++;
      if (expression.isDoubleStar(offset)) {
        expression.skip(offset);
        return true;
      } else if (expression.isStar(offset) && this.matchAfterStar(expression, offset + 1)) {
        return true;
      }
      offset = this.matches(expression, offset) ? offset + 1 : start;
      // The expression is used up: a match, whatever is left of the path.
      if (offset + expression.position >= expression.text.length) {
        expression.skip(offset);
        return true;
      }
    } while (this.next());
    return false;
  }

  /** This path from its position against the expression after a `*`. */
  matchAfterStar(expression: Cursor, start: number): boolean {
    let offset = start;
    do {
      if (expression.isDoubleStar(offset)) {
        expression.skip(offset);
        return true;
      }
      offset = this.matches(expression, offset) ? offset + 1 : start;
      if (offset + expression.position >= expression.text.length) {
        this.next();
        expression.skip(offset);
        return true;
      }
    } while (this.next());
    return false;
  }
}

/** Whether one expression (its `!` aside) matches a path relative to the base folder. */
export function matchesExpression(expression: string, path: string): boolean {
  const pattern = new Cursor(expression);
  const stream = new Cursor(path);
  while (stream.next() && pattern.next()) {
    if (stream.matches(pattern, 0)) continue;
    if (stream.skipsQuestionMark(pattern, 0)) pattern.next();
    else if (pattern.endsInDoubleStar()) break;
    else if (pattern.skipDoubleStars()) {
      if (!stream.matchAfterDoubleStar(pattern, 0)) return false;
    } else if (pattern.skipStar()) {
      if (!stream.matchAfterStar(pattern, 0)) return false;
    } else return false;
  }
  return true;
}

/** Whether PSRule ignores a path (relative to the folder it runs in) under these expressions, in order. */
export function isIgnoredByExpressions(expressions: readonly string[], path: string): boolean {
  if (path.trim() === '') return false;
  let ignored = false;
  for (const expression of expressions) {
    if (expression === '' || expression.startsWith('#')) continue;
    const ignores = !expression.startsWith('!');
    // Only an expression that would change the verdict is tried.
    if (ignores !== ignored && matchesExpression(expression, path)) ignored = ignores;
  }
  return ignored;
}
