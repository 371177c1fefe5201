import { MINUTE } from '../calendar.js';
import { halvesOf, type RoundEdge } from './conflicts.js';
import type { MipModel } from './mip.js';

/** One independent part of the round, in edge ids of the whole round. */
export interface RoundComponent {
  /** The candidates, in column order: a pair by its lead edge (see `RoundEdge.mate`). */
  edges: number[];
  /** Sets of which at most one is taken: each request's candidates, each helper's colliding jobs. */
  atMostOne: number[][];
  /** Weekly caps: the jobs' minutes together within the minutes left. */
  caps: Array<{ edges: number[]; minutes: number }>;
}

/**
 * The 0–1 program of a component: a column per candidate worth its urgency-weighted score, a row per
 * at-most-one set and per weekly cap, `start` (edge ids) as the solution to start from. A pair's two
 * edges are its one column: in its request's row once, in each helper's rows with that helper's half.
 */
export function buildRoundModel(c: RoundComponent, all: readonly RoundEdge[], start: readonly number[]): MipModel {
  const column = new Map<number, number>();
  c.edges.forEach((id, col) => {
    for (const half of halvesOf(all, id)) column.set(half, col);
  });
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const upper: number[] = [];
  const row = (ids: readonly number[], value: (id: number) => number, limit: number) => {
    for (const id of ids) {
      indices.push(column.get(id)!);
      values.push(value(id));
    }
    starts.push(indices.length);
    upper.push(limit);
  };
  for (const set of c.atMostOne) if (set.length > 1) row(set, () => 1, 1);
  for (const cap of c.caps) row(cap.edges, (id) => (all[id]!.end - all[id]!.start) / MINUTE, cap.minutes);

  const initial = new Float64Array(c.edges.length);
  for (const id of start) initial[column.get(id)!] = 1;
  return {
    cost: Float64Array.from(c.edges, (id) => all[id]!.weight),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
    upper: Float64Array.from(upper),
    start: initial,
  };
}
