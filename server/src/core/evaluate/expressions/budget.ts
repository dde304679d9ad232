/** Explicit limits on evaluation per document: exceeding one yields unknown values with a note, never a hang. */

export interface BudgetLimits {
  /** evaluation steps (function calls and nodes) */
  steps: number;
  /** nested evaluations (expressions within parameters within variables ...) */
  depth: number;
  /** nodes in one computed value (a union bomb doubling an object 60 times ends here) */
  valueSize: number;
}

export const DEFAULT_LIMITS: BudgetLimits = { steps: 2_000_000, depth: 200, valueSize: 1_000_000 };

export class EvaluationBudget {
  readonly limits: BudgetLimits;
  private steps = 0;
  private depth = 0;
  /** the first limit hit, for the note on unknown values */
  exceeded: string | undefined;

  constructor(limits: Partial<BudgetLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Counts one step; false once the step budget is spent. */
  step(): boolean {
    if (++this.steps <= this.limits.steps) return true;
    this.exceeded ??= `more than ${this.limits.steps} evaluation steps`;
    return false;
  }

  enter(): boolean {
    if (this.depth >= this.limits.depth) {
      this.exceeded ??= `nesting deeper than ${this.limits.depth}`;
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }
}
