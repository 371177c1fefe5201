/**
 * The exact assignment solvers side by side with the `munkres` package, on the same random instances in
 * the same run: dense n × n (scores 1..100 with two decimals) for n = 100, 1,000 and 2,000, and a round's
 * shape, 300 open requests × 5,000 helpers with about 5% feasible pairs.
 * Target (issue 5): dense 1,000 × 1,000 median ≤ 150 ms, and faster than munkres at every n.
 * Run: npm run bench:solver
 */
import { munkres } from 'munkres';
import {
  type AssignmentEdge,
  type AssignmentResult,
  denseMaxWeightAssignment,
  maxWeightAssignment,
  sparseMaxWeightAssignment,
} from '../../src/matching/assignment.js';
import { type Random, seededRandom } from '../demo/random.js';
import { fmt, machine, summarise, verdict } from './stats.js';

type Solver = (rows: number, cols: number, edges: readonly AssignmentEdge[]) => AssignmentResult;

const rnd: Random = seededRandom(5);

/** Each pair is an edge with probability `density`, weighted like a real score. */
function randomEdges(rows: number, cols: number, density: number): AssignmentEdge[] {
  const edges: AssignmentEdge[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      if (rnd.next() < density) edges.push({ row, col, weight: Math.round((1 + rnd.next() * 99) * 100) / 100 });
    }
  }
  return edges;
}

/** munkres minimises over a full matrix: cost −weight, 0 where there is no edge. */
function costMatrix(rows: number, cols: number, edges: readonly AssignmentEdge[]): number[][] {
  const cost = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (const e of edges) cost[e.row]![e.col] = -e.weight;
  return cost;
}

interface Case {
  label: string;
  rows: number;
  cols: number;
  density: number;
  /** Runs per solver; each run is a fresh instance that every solver with runs left gets. */
  runs: Record<'auto' | 'dense' | 'sparse' | 'munkres', number>;
}

const OURS: Record<'auto' | 'dense' | 'sparse', Solver> = {
  auto: maxWeightAssignment,
  dense: denseMaxWeightAssignment,
  sparse: sparseMaxWeightAssignment,
};

function run(c: Case) {
  const samples: Record<keyof Case['runs'] | 'munkresWithMatrix', number[]> = {
    auto: [],
    dense: [],
    sparse: [],
    munkres: [],
    munkresWithMatrix: [],
  };
  const most = Math.max(...Object.values(c.runs));
  for (let r = 0; r < most; r++) {
    const edges = randomEdges(c.rows, c.cols, c.density);
    const totals: number[] = [];
    for (const name of ['auto', 'dense', 'sparse'] as const) {
      if (r >= c.runs[name]) continue;
      const t = performance.now();
      totals.push(OURS[name](c.rows, c.cols, edges).total);
      samples[name].push(performance.now() - t);
    }
    if (r < c.runs.munkres) {
      const t = performance.now();
      const cost = costMatrix(c.rows, c.cols, edges);
      const built = performance.now();
      totals.push(munkres(cost).reduce((sum, [i, j]) => sum - cost[i]![j]!, 0));
      const done = performance.now();
      samples.munkres.push(done - built);
      samples.munkresWithMatrix.push(done - t);
    }
    if (totals.some((x) => Math.abs(x - totals[0]!) > 1e-6)) throw new Error(`${c.label}: totals differ: ${totals}`);
  }
  const median = (name: keyof typeof samples) => summarise(samples[name]).median;
  const runs = (name: keyof Case['runs']) => `${c.runs[name]} run${c.runs[name] === 1 ? '' : 's'}`;
  console.log(`${c.label}, ${c.density === 1 ? 'full' : `${c.density * 100}% of pairs feasible`}:`);
  console.log(`  maxWeightAssignment ${fmt(median('auto'))} (${runs('auto')})`);
  console.log(`  dense solver        ${fmt(median('dense'))} (${runs('dense')})`);
  console.log(`  sparse solver       ${fmt(median('sparse'))} (${runs('sparse')})`);
  console.log(
    `  munkres             ${fmt(median('munkres'))} on a ready matrix, ${fmt(median('munkresWithMatrix'))} building it from the edges (${runs('munkres')})`,
  );
  console.log(
    `  munkres ÷ dense: ${(median('munkres') / median('dense')).toFixed(2)}× (ready matrix), ${(median('munkresWithMatrix') / median('dense')).toFixed(2)}× (from the edges); medians`,
  );
  return median('dense');
}

console.log(`solver.bench: ${machine()}`);
// Warm-up, so the first measured runs are not the JIT's.
for (let i = 0; i < 20; i++) {
  const edges = randomEdges(200, 200, 1);
  for (const solve of Object.values(OURS)) solve(200, 200, edges);
  munkres(costMatrix(200, 200, edges));
}

run({
  label: '100 × 100',
  rows: 100,
  cols: 100,
  density: 1,
  runs: { auto: 200, dense: 200, sparse: 200, munkres: 200 },
});
const dense1000 = run({
  label: '1,000 × 1,000',
  rows: 1000,
  cols: 1000,
  density: 1,
  runs: { auto: 9, dense: 9, sparse: 3, munkres: 5 },
});
console.log(`  target dense 1,000 × 1,000 median ≤ 150 ms: ${verdict(dense1000, 150)}`);
// munkres and the sparse solver take seconds here: one run each.
run({ label: '2,000 × 2,000', rows: 2000, cols: 2000, density: 1, runs: { auto: 5, dense: 5, sparse: 1, munkres: 1 } });
run({
  label: 'a round: 300 requests × 5,000 helpers',
  rows: 300,
  cols: 5000,
  density: 0.05,
  runs: { auto: 15, dense: 15, sparse: 15, munkres: 1 },
});
