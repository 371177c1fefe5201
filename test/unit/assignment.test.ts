import fc from 'fast-check';
import { munkres } from 'munkres';
import { describe, expect, it } from 'vitest';
import {
  type AssignmentEdge,
  type AssignmentResult,
  denseMaxWeightAssignment,
  maxWeightAssignment,
  sparseMaxWeightAssignment,
} from '../../src/matching/assignment.js';

type Solver = (rows: number, cols: number, edges: readonly AssignmentEdge[]) => AssignmentResult;

const SOLVERS: Array<[string, Solver]> = [
  ['maxWeightAssignment', maxWeightAssignment],
  ['dense', denseMaxWeightAssignment],
  ['sparse', sparseMaxWeightAssignment],
];

/** The heaviest weight of each (row, col), for duplicate edges. */
function weightsOf(edges: readonly AssignmentEdge[]): Map<string, number> {
  const weight = new Map<string, number>();
  for (const e of edges) {
    const key = `${e.row}:${e.col}`;
    weight.set(key, Math.max(weight.get(key) ?? 0, e.weight));
  }
  return weight;
}

/** Tries every matching: the ground truth for small instances. */
function bruteForce(rows: number, cols: number, edges: readonly AssignmentEdge[]): number {
  const weight = weightsOf(edges);
  const used = new Set<number>();
  const best = (row: number): number => {
    if (row === rows) return 0;
    let top = best(row + 1);
    for (let col = 0; col < cols; col++) {
      const w = weight.get(`${row}:${col}`);
      if (w === undefined || used.has(col)) continue;
      used.add(col);
      top = Math.max(top, w + best(row + 1));
      used.delete(col);
    }
    return top;
  };
  return best(0);
}

/** The optimum according to the munkres package, on the cost matrix −weight with 0 for no edge. */
function munkresTotal(rows: number, cols: number, edges: readonly AssignmentEdge[]): number {
  const weight = weightsOf(edges);
  const cost = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => -(weight.get(`${r}:${c}`) ?? 0)),
  );
  return munkres(cost).reduce((sum, [r, c]) => sum - cost[r]![c]!, 0);
}

/** No row or column twice, only existing edges at their weight, and a total that is their sum. */
function assertMatching(result: AssignmentResult, edges: readonly AssignmentEdge[]) {
  const rows = new Set(result.pairs.map((p) => p.row));
  const cols = new Set(result.pairs.map((p) => p.col));
  expect(rows.size).toBe(result.pairs.length);
  expect(cols.size).toBe(result.pairs.length);
  const weights = new Map<string, Set<number>>();
  for (const e of edges)
    weights.set(`${e.row}:${e.col}`, (weights.get(`${e.row}:${e.col}`) ?? new Set()).add(e.weight));
  for (const p of result.pairs) expect(weights.get(`${p.row}:${p.col}`)?.has(p.weight)).toBe(true);
  expect(result.total).toBeCloseTo(
    result.pairs.reduce((s, p) => s + p.weight, 0),
    6,
  );
}

const WEIGHT_KINDS = ['scores', 'ties', 'equal'] as const;
type WeightKind = (typeof WEIGHT_KINDS)[number];

/**
 * A seeded random instance: each (row, col) is an edge with probability `density`; weights are scores
 * 1..100 with two decimals, integers 1..3 (many ties), or all 7.
 */
function randomInstance(rows: number, cols: number, density: number, kind: WeightKind, seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const weight = {
    scores: () => Math.round((1 + next() * 99) * 100) / 100,
    ties: () => 1 + Math.floor(next() * 3),
    equal: () => 7,
  }[kind];
  const edges: AssignmentEdge[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) if (next() < density) edges.push({ row, col, weight: weight() });
  }
  return edges;
}

/** Every solver returns a valid matching whose total is `expected`. */
function expectAllOptimal(rows: number, cols: number, edges: readonly AssignmentEdge[], expected: number) {
  for (const [, solve] of SOLVERS) {
    const result = solve(rows, cols, edges);
    assertMatching(result, edges);
    expect(result.total).toBeCloseTo(expected, 6);
  }
}

const instance = (maxSide: number, maxWeight: number) =>
  fc
    .record({ rows: fc.integer({ min: 0, max: maxSide }), cols: fc.integer({ min: 0, max: maxSide }) })
    .chain(({ rows, cols }) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        edges: fc.array(
          fc.record({
            row: fc.integer({ min: 0, max: Math.max(0, rows - 1) }),
            col: fc.integer({ min: 0, max: Math.max(0, cols - 1) }),
            weight: fc.integer({ min: 1, max: maxWeight }),
          }),
          { maxLength: rows * cols === 0 ? 0 : rows * cols + 3 },
        ),
      }),
    );

describe.each(SOLVERS)('maximum-weight assignment: %s', (_solver, solve) => {
  it.each<[string, number, number, AssignmentEdge[], number]>([
    ['nothing to assign', 0, 0, [], 0],
    ['rows but no columns', 2, 0, [], 0],
    ['one edge', 1, 1, [{ row: 0, col: 0, weight: 5 }], 5],
    ['a row without edges', 2, 1, [{ row: 1, col: 0, weight: 3 }], 3],
    [
      'where greedy is wrong',
      2,
      2,
      [
        { row: 0, col: 0, weight: 10 },
        { row: 0, col: 1, weight: 9 },
        { row: 1, col: 0, weight: 8 },
      ],
      17,
    ],
    [
      'where leaving a row unmatched is best',
      2,
      1,
      [
        { row: 0, col: 0, weight: 10 },
        { row: 1, col: 0, weight: 4 },
      ],
      10,
    ],
    [
      'duplicate edges, the heavier counts',
      1,
      2,
      [
        { row: 0, col: 1, weight: 2 },
        { row: 0, col: 1, weight: 6 },
        { row: 0, col: 0, weight: 5 },
      ],
      6,
    ],
  ])('%s', (_name, rows, cols, edges, total) => {
    const result = solve(rows, cols, edges);
    expect(result.total).toBe(total);
    assertMatching(result, edges);
  });

  it('refuses edges outside the graph or without a positive weight', () => {
    expect(() => solve(1, 1, [{ row: 0, col: 1, weight: 1 }])).toThrow(RangeError);
    expect(() => solve(1, 1, [{ row: 0, col: 0, weight: 0 }])).toThrow(RangeError);
    expect(() => solve(1, 1, [{ row: -1, col: 0, weight: 1 }])).toThrow(RangeError);
  });
});

describe('the solvers agree on the optimum', () => {
  it.each([100, 3])('with brute force on random small instances, weights 1..%i', (maxWeight) => {
    fc.assert(
      fc.property(instance(6, maxWeight), ({ rows, cols, edges }) => {
        expectAllOptimal(rows, cols, edges, bruteForce(rows, cols, edges));
      }),
      { numRuns: 300 },
    );
  });

  // Each dense path: square from 250 (sparse rounds), smaller square, wider, taller (transposed).
  it.each<[number, number, number, WeightKind]>([
    [300, 300, 1, 'scores'],
    [300, 300, 1, 'ties'],
    [300, 300, 1, 'equal'],
    [280, 280, 0.3, 'scores'],
    [260, 260, 0.1, 'ties'],
    [300, 300, 0.02, 'scores'],
    [120, 120, 1, 'scores'],
    [120, 300, 0.5, 'ties'],
    [300, 40, 1, 'scores'],
    [290, 300, 1, 'scores'],
  ])('with munkres on %i × %i at density %f, %s', (rows, cols, density, kind) => {
    const edges = randomInstance(rows, cols, density, kind, rows * 7919 + cols);
    expectAllOptimal(rows, cols, edges, munkresTotal(rows, cols, edges));
  });

  it('with munkres on random shapes, densities and weights up to 300 × 300', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(0.01, 0.05, 0.2, 0.6, 1),
        fc.constantFrom(...WEIGHT_KINDS),
        fc.integer(),
        (rows, cols, density, kind, seed) => {
          const edges = randomInstance(rows, cols, density, kind, seed);
          expectAllOptimal(rows, cols, edges, munkresTotal(rows, cols, edges));
        },
      ),
      { numRuns: 15 },
    );
  });
});
