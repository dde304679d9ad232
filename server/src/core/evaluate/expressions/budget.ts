/** Explicit limits on evaluation per document: exceeding one yields unknown values with a note, never a hang. */
import { unknown, type UnknownValue, type Value } from '../value';
import { valueSize } from './valueOps';

export interface BudgetLimits {
  /** evaluation steps (function calls and nodes) */
  steps: number;
  /** nested evaluations (expressions within parameters within variables ...) */
  depth: number;
  /** nodes in one computed value (a union bomb doubling an object 60 times ends here) */
  valueSize: number;
  /** characters in one computed string (ARM's whole template is at most 4 MB) */
  stringLength: number;
}

export const DEFAULT_LIMITS: BudgetLimits = { steps: 2_000_000, depth: 200, valueSize: 1_000_000, stringLength: 4_194_304 };

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

  /** An unknown value instead of `value` when it is larger than the limits allow; `producer` says what built it. */
  oversized(value: Value, producer: string): UnknownValue | undefined {
    if (value.kind === 'string' && value.value.length > this.limits.stringLength) {
      this.exceeded ??= `a string longer than ${this.limits.stringLength} characters`;
      return unknown(`evaluation budget exceeded: ${producer} builds a string longer than ${this.limits.stringLength} characters`);
    }
    if ((value.kind === 'object' || value.kind === 'array') && valueSize(value) > this.limits.valueSize) {
      this.exceeded ??= `a value larger than ${this.limits.valueSize} nodes`;
      return unknown(`evaluation budget exceeded: ${producer} builds a value larger than ${this.limits.valueSize} nodes`);
    }
    return undefined;
  }
}
