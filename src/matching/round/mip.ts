/**
 * A 0–1 program as the round builds it, and the solver it is handed to. The core builds the model and
 * reads the answer; loading and running a solver (HiGHS, compiled to WebAssembly) is the caller's, so
 * the core stays pure and a test can solve with whichever solver it likes.
 */

/** Maximise `cost · x` over binary `x` subject to `A x ≤ upper`, with `A` row by row (CSR). */
export interface MipModel {
  cost: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  upper: Float64Array;
  /** A feasible solution to start from: the solver keeps it unless it finds a better one. */
  start: Float64Array;
}

export interface MipResult {
  /** The best solution found, one value per column. */
  values: Float64Array;
  /** A proven upper bound on the optimum (equal to the solution's objective when proven optimal). */
  bound: number;
  optimal: boolean;
  /** Time the solver ran, so the caller can share one time limit over many models. */
  seconds: number;
}

export interface MipSolver {
  solve(model: MipModel, timeLimitSeconds: number): MipResult;
}

/**
 * How far the objective found may lie below the optimum, as a share of the proven bound: 0 when the
 * round is proven optimal, 0.02 when the optimum could be at most 2 % of the bound above it.
 */
export function relativeGap(objective: number, bound: number): number {
  if (!(bound > 0) || bound <= objective) return 0;
  return (bound - objective) / bound;
}
