import fc from 'fast-check';
import { munkres } from 'munkres';
import { describe, expect, it } from 'vitest';
import { type AssignmentEdge, maxWeightAssignment } from '../../src/matching/assignment.js';

/** Tries every matching: the ground truth for small instances. */
function bruteForce(rows: number, cols: number, edges: readonly AssignmentEdge[]): number {
  const weight = new Map(edges.map((e) => [`${e.row}:${e.col}`, e.weight]));
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

function assertMatching(result: ReturnType<typeof maxWeightAssignment>, edges: readonly AssignmentEdge[]) {
  const rows = new Set(result.pairs.map((p) => p.row));
  const cols = new Set(result.pairs.map((p) => p.col));
  expect(rows.size).toBe(result.pairs.length);
  expect(cols.size).toBe(result.pairs.length);
  for (const p of result.pairs) expect(edges).toContainEqual(p);
  expect(result.total).toBeCloseTo(
    result.pairs.reduce((s, p) => s + p.weight, 0),
    6,
  );
}

const instance = (maxSide: number) =>
  fc
    .record({ rows: fc.integer({ min: 0, max: maxSide }), cols: fc.integer({ min: 0, max: maxSide }) })
    .chain(({ rows, cols }) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        edges: fc.uniqueArray(
          fc.record({
            row: fc.integer({ min: 0, max: Math.max(0, rows - 1) }),
            col: fc.integer({ min: 0, max: Math.max(0, cols - 1) }),
            weight: fc.integer({ min: 1, max: 100 }),
          }),
          { selector: (e) => `${e.row}:${e.col}`, maxLength: rows * cols },
        ),
      }),
    );

describe('maximum-weight assignment', () => {
  it.each<[string, number, number, AssignmentEdge[], number]>([
    ['nothing to assign', 0, 0, [], 0],
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
  ])('%s', (_name, rows, cols, edges, total) => {
    const result = maxWeightAssignment(rows, cols, edges);
    expect(result.total).toBe(total);
    assertMatching(result, edges);
  });

  it('equals the brute-force optimum on random small instances', () => {
    fc.assert(
      fc.property(instance(6), ({ rows, cols, edges }) => {
        const result = maxWeightAssignment(rows, cols, edges);
        assertMatching(result, edges);
        expect(result.total).toBe(bruteForce(rows, cols, edges));
      }),
      { numRuns: 500 },
    );
  });

  it('equals munkres on random dense instances up to 300 × 300', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (n, seed) => {
        let s = seed >>> 0;
        const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) % 1000) + 1;
        const matrix = Array.from({ length: n }, () => Array.from({ length: n }, next));
        const edges = matrix.flatMap((row, r) => row.map((weight, c) => ({ row: r, col: c, weight })));
        const ours = maxWeightAssignment(n, n, edges);
        const theirs = munkres(matrix.map((row) => row.map((w) => -w))).reduce(
          (sum, [r, c]) => sum + matrix[r]![c]!,
          0,
        );
        expect(ours.total).toBe(theirs);
        expect(ours.pairs).toHaveLength(n);
      }),
      { numRuns: 12 },
    );
  });

  it('refuses edges outside the graph or without a positive weight', () => {
    expect(() => maxWeightAssignment(1, 1, [{ row: 0, col: 1, weight: 1 }])).toThrow(RangeError);
    expect(() => maxWeightAssignment(1, 1, [{ row: 0, col: 0, weight: 0 }])).toThrow(RangeError);
  });
});
