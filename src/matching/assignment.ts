/**
 * Maximum-weight bipartite matching, exact. Rows need not all be matched, and weights are positive.
 *
 * Two solvers, one answer (the same optimal total; among equally good matchings they may pick different
 * ones):
 * - sparse: shortest augmenting paths with potentials (the Jonker–Volgenant scheme), one Dijkstra per
 *   row with a binary heap over the edges in CSR form. Each row gets a private dummy column of weight 0,
 *   so "unmatched" is one more way to match it. Its cost grows with the edges, not with rows × columns.
 * - dense: LAPJV (Jonker & Volgenant, 1987) on a rows × columns cost matrix in one Float64Array. A cheap
 *   start places most rows (see `DenseAssignment.solve`), then the rest are augmented by a Dijkstra that
 *   scans the unreached columns of an array, no heap. A missing edge costs 0, which is what leaving a
 *   row unmatched is worth, so no dummy columns are needed: with the shorter side as rows and all
 *   weights positive, a best assignment of every row is, without its zero pairs, a best matching of the
 *   graph. Not padding to a square matters: identical all-zero padding rows make the searches slow.
 * `maxWeightAssignment` picks the dense solver when the edges fill at least a tenth of that matrix.
 */

export interface AssignmentEdge {
  row: number;
  col: number;
  weight: number;
}

export interface AssignmentResult {
  pairs: Array<{ row: number; col: number; weight: number }>;
  total: number;
}

/**
 * The share of the rows × columns matrix the edges must fill for the dense solver; below it, scanning
 * the matrix costs more than the heap's work on the edges alone (measured on random instances from
 * 300 × 300 to 2,000 × 2,000 and 300 × 5,000: the two cross between 3% and 10%).
 */
const DENSE_FILL = 0.1;

/** How many columns of least reduced cost each row offers the sparse searches. */
const CANDIDATES_PER_ROW = 16;

/** Sparse search and check rounds before the rows still free get the dense search. */
const SPARSE_ROUNDS = 3;

/**
 * The side from which a square matrix gets the sparse rounds; below it augmenting row reduction starts
 * faster.
 */
const SPARSE_MIN_SIDE = 250;

/** Augmenting row reduction passes (LAPJV uses two), and the steps each may take per row. */
const REDUCTION_PASSES = 2;
const REDUCTION_STEPS_PER_ROW = 8;

/** Solves with whichever solver suits the instance's density; see the module comment. */
export function maxWeightAssignment(rows: number, cols: number, edges: readonly AssignmentEdge[]): AssignmentResult {
  return edges.length >= DENSE_FILL * rows * cols
    ? denseMaxWeightAssignment(rows, cols, edges)
    : sparseMaxWeightAssignment(rows, cols, edges);
}

/** Throws on an edge outside the graph or without a positive weight. */
function checkEdge(e: AssignmentEdge, rows: number, cols: number): void {
  if (!(e.weight > 0) || !(e.row >= 0 && e.row < rows) || !(e.col >= 0 && e.col < cols)) {
    throw new RangeError(`bad edge ${e.row}→${e.col} (${e.weight})`);
  }
}

class MinHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  private less(a: number, b: number): boolean {
    return this.keys[a]! < this.keys[b]! || (this.keys[a] === this.keys[b] && this.items[a]! < this.items[b]!);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const i = this.items[a]!;
    this.items[a] = this.items[b]!;
    this.items[b] = i;
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
    }
    let i = this.size++;
    this.keys[i] = key;
    this.items[i] = item;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the smallest entry; read `topKey`/`topItem` first. */
  pop(): void {
    this.size -= 1;
    this.swap(0, this.size);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.less(l, m)) m = l;
      if (r < this.size && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  get topKey(): number {
    return this.keys[0]!;
  }

  get topItem(): number {
    return this.items[0]!;
  }
}

/** The sparse solver: one heap-based Dijkstra per row over the edges plus the row's dummy column. */
export function sparseMaxWeightAssignment(
  rows: number,
  cols: number,
  edges: readonly AssignmentEdge[],
): AssignmentResult {
  const totalCols = cols + rows;
  // Adjacency by row (CSR), costs = −weight; each row's dummy column last, at cost 0.
  const degree = new Int32Array(rows + 1);
  for (const e of edges) {
    checkEdge(e, rows, cols);
    degree[e.row + 1]! += 1;
  }
  const start = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) start[r + 1] = start[r]! + degree[r + 1]! + 1;
  const adjCol = new Int32Array(start[rows]!);
  const adjCost = new Float64Array(start[rows]!);
  const fill = start.slice(0, rows);
  for (const e of edges) {
    const at = fill[e.row]!++;
    adjCol[at] = e.col;
    adjCost[at] = -e.weight;
  }
  for (let r = 0; r < rows; r++) {
    adjCol[fill[r]!] = cols + r;
    adjCost[fill[r]!] = 0;
  }

  const colOfRow = new Int32Array(rows).fill(-1);
  const rowOfCol = new Int32Array(totalCols).fill(-1);
  const costOfRow = new Float64Array(rows);
  const v = new Float64Array(totalCols);
  const dist = new Float64Array(totalCols).fill(Infinity);
  /** The adjacency entry through which each column was reached: its row and cost. */
  const pred = new Int32Array(totalCols);
  const rowOfEdge = new Int32Array(adjCol.length);
  for (let r = 0; r < rows; r++) rowOfEdge.fill(r, start[r]!, start[r + 1]!);
  const order = new Int32Array(totalCols);
  const scanned = new Uint8Array(totalCols);
  const touched = new Int32Array(totalCols);
  const heap = new MinHeap(1024);

  for (let f = 0; f < rows; f++) {
    let touchedCount = 0;
    heap.clear();
    let uf = Infinity;
    for (let a = start[f]!; a < start[f + 1]!; a++) uf = Math.min(uf, adjCost[a]! - v[adjCol[a]!]!);
    for (let a = start[f]!; a < start[f + 1]!; a++) {
      const j = adjCol[a]!;
      const d = adjCost[a]! - v[j]! - uf;
      if (d < dist[j]!) {
        if (dist[j] === Infinity) touched[touchedCount++] = j;
        dist[j] = d;
        pred[j] = a;
        heap.push(d, j);
      }
    }

    let end = -1;
    let scannedCount = 0;
    while (heap.size > 0) {
      const d = heap.topKey;
      const j = heap.topItem;
      heap.pop();
      if (scanned[j] || d > dist[j]!) continue;
      scanned[j] = 1;
      order[scannedCount++] = j;
      const i = rowOfCol[j]!;
      if (i === -1) {
        end = j;
        break;
      }
      const ui = costOfRow[i]! - v[j]!;
      for (let a = start[i]!; a < start[i + 1]!; a++) {
        const k = adjCol[a]!;
        if (scanned[k]) continue;
        const nd = d + adjCost[a]! - v[k]! - ui;
        if (nd < dist[k]!) {
          if (dist[k] === Infinity) touched[touchedCount++] = k;
          dist[k] = nd;
          pred[k] = a;
          heap.push(nd, k);
        }
      }
    }
    const D = dist[end]!;
    for (let s = 0; s < scannedCount; s++) v[order[s]!]! += dist[order[s]!]! - D;

    for (let j = end; ;) {
      const a = pred[j]!;
      const i = rowOfEdge[a]!;
      const previous = colOfRow[i]!;
      rowOfCol[j] = i;
      colOfRow[i] = j;
      costOfRow[i] = adjCost[a]!;
      if (i === f) break;
      j = previous;
    }

    for (let t = 0; t < touchedCount; t++) {
      dist[touched[t]!] = Infinity;
      scanned[touched[t]!] = 0;
    }
  }

  const pairs: AssignmentResult['pairs'] = [];
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const c = colOfRow[r]!;
    if (c < cols) {
      pairs.push({ row: r, col: c, weight: -costOfRow[r]! });
      total += -costOfRow[r]!;
    }
  }
  return { pairs, total };
}

/**
 * The dense solver: LAPJV on a matrix of cost −weight per edge (the heaviest of duplicates) and 0 where
 * there is none, with the graph's shorter side as its rows; pairs of cost 0 are "unmatched" and left out.
 */
export function denseMaxWeightAssignment(
  rows: number,
  cols: number,
  edges: readonly AssignmentEdge[],
): AssignmentResult {
  const transposed = rows > cols;
  const height = transposed ? cols : rows;
  const width = transposed ? rows : cols;
  const cost = new Float64Array(height * width);
  for (const e of edges) {
    checkEdge(e, rows, cols);
    const at = transposed ? e.col * width + e.row : e.row * width + e.col;
    cost[at] = Math.min(cost[at]!, -e.weight);
  }
  const colOfRow = new DenseAssignment(cost, height, width).solve();

  const pairs: AssignmentResult['pairs'] = [];
  for (let r = 0; r < height; r++) {
    const c = colOfRow[r]!;
    const weight = -cost[r * width + c]!;
    if (weight > 0) pairs.push(transposed ? { row: c, col: r, weight } : { row: r, col: c, weight });
  }
  if (transposed) pairs.sort((a, b) => a.row - b.row);
  let total = 0;
  for (const p of pairs) total += p.weight;
  return { pairs, total };
}

/**
 * Minimum-cost assignment of every row of a row-major cost matrix with no more rows than columns
 * (LAPJV): a cheap start that places most rows, then one shortest path search per row left.
 *
 * Invariant whenever a row is augmented: every assigned row's column has the least reduced cost
 * `cost[i][j] − v[j]` in its row, so the implicit row duals are feasible; augmenting the free rows one
 * by one along shortest paths, in any order, then ends in an optimum. On a wider matrix some columns end
 * unassigned, and the optimum needs those at one price: there prices start at 0 and every step lowers
 * only the prices of columns it leaves assigned.
 */
class DenseAssignment {
  /** Column duals (prices). */
  private readonly v: Float64Array;
  private readonly colOfRow: Int32Array;
  private readonly rowOfCol: Int32Array;
  /** Scratch for the shortest path searches, per column: distance, predecessor row, settled flag. */
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly settled: Uint8Array;
  /** Columns in the order they were settled, then the others touched (sparse search only). */
  private readonly order: Int32Array;
  private readonly touched: Int32Array;
  private readonly heap = new MinHeap(1024);
  /** Per row, once it is first reached: its columns of least reduced cost then, and their costs. */
  private readonly width: number;
  private readonly candidateCol: Int32Array;
  private readonly candidateCost: Float64Array;
  private readonly hasCandidates: Uint8Array;
  /**
   * Candidate edges the sparse searches have followed, and how many they may: a search that fails
   * (its candidates lead to no free column) is wasted, so all of them together get about as much work
   * as one pass over the matrix; rows left over then go to the dense search.
   */
  private sparseWork = 0;
  private readonly sparseBudget: number;
  /** Scratch for `pickCandidates`: reduced costs and columns below its threshold. */
  private readonly pool: Float64Array;
  private readonly poolCol: Int32Array;
  private pickThreshold = Infinity;

  constructor(
    private readonly cost: Float64Array,
    private readonly rows: number,
    private readonly cols: number,
  ) {
    this.v = new Float64Array(cols);
    this.colOfRow = new Int32Array(rows).fill(-1);
    this.rowOfCol = new Int32Array(cols).fill(-1);
    this.dist = new Float64Array(cols).fill(Infinity);
    this.pred = new Int32Array(cols);
    this.settled = new Uint8Array(cols);
    this.order = new Int32Array(cols);
    this.touched = new Int32Array(cols);
    this.width = Math.min(cols, CANDIDATES_PER_ROW);
    this.candidateCol = new Int32Array(rows * this.width);
    this.candidateCost = new Float64Array(rows * this.width);
    this.hasCandidates = new Uint8Array(rows);
    this.pool = new Float64Array(4 * this.width);
    this.poolCol = new Int32Array(4 * this.width);
    this.sparseBudget = rows * cols;
  }

  /** Returns each row's column in an optimal assignment. */
  solve(): Int32Array {
    const { rows, cols } = this;
    if (rows === cols && rows >= SPARSE_MIN_SIDE) {
      let free = this.reduceColumns();
      // The sparse searches keep the invariant on candidate edges only; `releaseViolators` restores it
      // on the whole matrix by freeing the rows that broke it, which the next round tries again. Rows the
      // sparse search cannot place, and any still free after the last round, get the dense search,
      // which needs the invariant everywhere: hence a check after every round.
      const deferred: number[] = [];
      for (let round = 0; round < SPARSE_ROUNDS && free.length > 0; round++) {
        for (const row of free) if (!this.augmentSparse(row)) deferred.push(row);
        free = this.releaseViolators();
      }
      for (const row of free) this.augmentDense(row);
      for (const row of deferred) this.augmentDense(row);
    } else {
      // A wider matrix starts from prices 0 with every row free: column reduction would give columns that
      // end unassigned different prices, as would the sparse rounds' releases.
      let free = rows === cols ? this.reduceColumns() : Int32Array.from({ length: rows }, (_, i) => i);
      for (let pass = 0; pass < REDUCTION_PASSES && free.length > 0; pass++) free = this.reduceByAugmenting(free);
      for (const row of free) this.augmentDense(row);
    }
    return this.colOfRow;
  }

  /**
   * Augmenting row reduction, one pass over the free rows: each takes its column of least reduced cost
   * and lowers that column's price until its second least ties with it, which keeps the invariant. The
   * row it displaces is served next if the price moved, else in the next pass. A price moving by
   * amounts that round away can make rows displace each other forever, hence a step budget; rows
   * still queued when it runs out are simply left free. Only assigned columns' prices move. Returns the
   * rows left free.
   */
  private reduceByAugmenting(free: Int32Array): Int32Array {
    const { cost, cols, v, colOfRow, rowOfCol } = this;
    const queue = Array.from(free);
    const left: number[] = [];
    let k = 0;
    for (let budget = REDUCTION_STEPS_PER_ROW * this.rows; k < queue.length && budget > 0; budget--) {
      const i = queue[k++]!;
      const base = i * cols;
      let u1 = Infinity;
      let u2 = Infinity;
      let j1 = -1;
      let j2 = -1;
      for (let j = 0; j < cols; j++) {
        const r = cost[base + j]! - v[j]!;
        if (r < u2) {
          if (r < u1) {
            u2 = u1;
            j2 = j1;
            u1 = r;
            j1 = j;
          } else {
            u2 = r;
            j2 = j;
          }
        }
      }
      const priced = u1 < u2;
      // On a tie no price can move; the row prefers a free column, else the second one.
      const j = priced || rowOfCol[j1] === -1 ? j1 : j2;
      if (priced) v[j1]! -= u2 - u1;
      const displaced = rowOfCol[j]!;
      rowOfCol[j] = i;
      colOfRow[i] = j;
      if (displaced === -1) continue;
      colOfRow[displaced] = -1;
      if (priced) queue[--k] = displaced;
      else left.push(displaced);
    }
    for (; k < queue.length; k++) left.push(queue[k]!);
    return Int32Array.from(left);
  }

  /**
   * Column reduction, for a square matrix: each column's price is its least cost, so every reduced cost
   * is ≥ 0, and it goes to the first row with that cost unless the row already has a cheaper column.
   * Returns the rows left without a column.
   */
  private reduceColumns(): Int32Array {
    const { rows, v, colOfRow, rowOfCol } = this;
    const minRow = this.columnMinima();
    for (let j = this.cols - 1; j >= 0; j--) {
      const i = minRow[j]!;
      const held = colOfRow[i]!;
      if (held !== -1 && v[held]! <= v[j]!) continue;
      if (held !== -1) rowOfCol[held] = -1;
      colOfRow[i] = j;
      rowOfCol[j] = i;
    }
    const free: number[] = [];
    for (let i = 0; i < rows; i++) if (colOfRow[i] === -1) free.push(i);
    return Int32Array.from(free);
  }

  /**
   * Sets each column's price to its least cost and returns the first row with it. One pass along the
   * rows, not down the columns, which would stride through memory.
   */
  private columnMinima(): Int32Array {
    const { cost, rows, cols, v } = this;
    const minRow = new Int32Array(cols);
    v.set(cost.subarray(0, cols));
    for (let i = 1; i < rows; i++) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) {
        if (cost[base + j]! < v[j]!) {
          v[j] = cost[base + j]!;
          minRow[j] = i;
        }
      }
    }
    return minRow;
  }

  /**
   * Stores row `i`'s `width` columns of least reduced cost, with their costs: the only edges the sparse
   * search follows out of the row. Columns below a threshold go into a pool; a full pool is sorted and
   * cut back to its best half, which lowers the threshold. The threshold starts at the last row's
   * 2·width-th least reduced cost, so most columns are passed over with one comparison; if that leaves
   * fewer than `width`, the row is read again without one.
   */
  private pickCandidates(i: number): void {
    const { cost, cols, v, width, pool, poolCol } = this;
    const base = i * cols;
    const half = pool.length / 2;
    let count = 0;
    for (let threshold = this.pickThreshold; ; threshold = Infinity) {
      count = 0;
      for (let j = 0; j < cols; j++) {
        const r = cost[base + j]! - v[j]!;
        if (r < threshold) {
          pool[count] = r;
          poolCol[count++] = j;
          if (count === pool.length) {
            sortPool(pool, poolCol, count);
            count = half;
            threshold = pool[half - 1]!;
          }
        }
      }
      if (count >= width || threshold === Infinity) break;
    }
    sortPool(pool, poolCol, count);
    if (count >= half) this.pickThreshold = pool[half - 1]!;
    const first = i * width;
    for (let a = 0; a < width; a++) {
      this.candidateCol[first + a] = poolCol[a]!;
      this.candidateCost[first + a] = cost[base + poolCol[a]!]!;
    }
    this.hasCandidates[i] = 1;
  }

  /**
   * Augments free row `start` along a shortest path over the candidate edges (Dijkstra with a heap).
   * Returns false, changing nothing, when no free column is reachable that way.
   */
  private augmentSparse(start: number): boolean {
    const { cost, cols, v, rowOfCol, dist, pred, settled, order, touched, heap, width } = this;
    const { candidateCol, candidateCost, hasCandidates, sparseBudget } = this;
    let work = this.sparseWork;
    heap.clear();
    let touchedCount = 0;
    let settledCount = 0;
    let end = -1;
    let row = start;
    let offset = 0;
    let level = -Infinity;
    for (;;) {
      if (work >= sparseBudget) break;
      work += width;
      if (hasCandidates[row] === 0) this.pickCandidates(row);
      for (let a = row * width, stop = a + width; a < stop; a++) {
        const j = candidateCol[a]!;
        if (settled[j] === 1) continue;
        const d = candidateCost[a]! - v[j]! - offset;
        if (d < dist[j]!) {
          if (dist[j] === Infinity) touched[touchedCount++] = j;
          dist[j] = d;
          pred[j] = row;
          if (d <= level && rowOfCol[j] === -1) {
            end = j;
            break;
          }
          heap.push(d, j);
        }
      }
      if (end !== -1) break;
      let next = -1;
      while (heap.size > 0 && next === -1) {
        const j = heap.topItem;
        if (settled[j] === 0 && heap.topKey <= dist[j]!) next = j;
        heap.pop();
      }
      if (next === -1 || rowOfCol[next] === -1) {
        end = next;
        break;
      }
      settled[next] = 1;
      order[settledCount++] = next;
      level = dist[next]!;
      row = rowOfCol[next]!;
      offset = cost[row * cols + next]! - v[next]! - level;
    }

    if (end !== -1) {
      const reach = dist[end]!;
      for (let s = 0; s < settledCount; s++) v[order[s]!]! += dist[order[s]!]! - reach;
      this.flipPath(start, end);
    }
    for (let s = 0; s < settledCount; s++) settled[order[s]!] = 0;
    for (let t = 0; t < touchedCount; t++) dist[touched[t]!] = Infinity;
    this.sparseWork = work;
    return end !== -1;
  }

  /**
   * Frees every row whose column no longer has its least reduced cost, which a sparse search can cause
   * through an edge it did not follow; its candidates are picked again when it is next reached. One
   * pass over the matrix; afterwards the invariant holds everywhere. Returns the freed rows.
   */
  private releaseViolators(): Int32Array {
    const { cost, rows, cols, v, colOfRow, rowOfCol, hasCandidates } = this;
    const released: number[] = [];
    for (let i = 0; i < rows; i++) {
      const own = colOfRow[i]!;
      if (own === -1) continue;
      const base = i * cols;
      const target = cost[base + own]! - v[own]!;
      for (let j = 0; j < cols; j++) {
        if (cost[base + j]! - v[j]! < target) {
          released.push(i);
          colOfRow[i] = -1;
          rowOfCol[own] = -1;
          hasCandidates[i] = 0;
          break;
        }
      }
    }
    return Int32Array.from(released);
  }

  /**
   * Augments free row `start` along a shortest path over the whole matrix (the LAPJV search). The
   * columns sit in one array: [0, low) settled, [low, up) at the least distance `level` and still to
   * scan, [up, cols) further; each step scans one cost row for the columns in [up, cols) and ends as
   * soon as a free column is at the least distance. Settled columns' prices then move by their distance.
   */
  private augmentDense(start: number): void {
    const { cost, cols, v, rowOfCol, dist, pred, order: columns } = this;
    const startBase = start * cols;
    for (let j = 0; j < cols; j++) {
      dist[j] = cost[startBase + j]! - v[j]!;
      pred[j] = start;
      columns[j] = j;
    }
    let low = 0;
    let up = 0;
    let lastLevelStart = 0;
    let level = 0;
    let end = -1;
    while (end === -1) {
      if (up === low) {
        lastLevelStart = low;
        level = dist[columns[up++]!]!;
        for (let k = up; k < cols; k++) {
          const j = columns[k]!;
          const d = dist[j]!;
          if (d <= level) {
            if (d < level) {
              up = low;
              level = d;
            }
            columns[k] = columns[up]!;
            columns[up++] = j;
          }
        }
        for (let k = low; k < up && end === -1; k++) {
          if (rowOfCol[columns[k]!] === -1) end = columns[k]!;
        }
        if (end !== -1) break;
      }
      const reached = columns[low++]!;
      const row = rowOfCol[reached]!;
      const base = row * cols;
      const offset = cost[base + reached]! - v[reached]! - level;
      for (let k = up; k < cols; k++) {
        const j = columns[k]!;
        const d = cost[base + j]! - v[j]! - offset;
        if (d < dist[j]!) {
          dist[j] = d;
          pred[j] = row;
          if (d === level) {
            if (rowOfCol[j] === -1) {
              end = j;
              break;
            }
            columns[k] = columns[up]!;
            columns[up++] = j;
          }
        }
      }
    }

    for (let k = 0; k < lastLevelStart; k++) {
      const j = columns[k]!;
      v[j]! += dist[j]! - level;
    }
    this.flipPath(start, end);
    dist.fill(Infinity);
  }

  /** Reassigns along the search's predecessors, from free column `end` back to row `start`. */
  private flipPath(start: number, end: number): void {
    const { colOfRow, rowOfCol, pred } = this;
    for (let j = end; ;) {
      const i = pred[j]!;
      const previous = colOfRow[i]!;
      rowOfCol[j] = i;
      colOfRow[i] = j;
      if (i === start) break;
      j = previous;
    }
  }
}

/** Sorts the first `count` keys ascending, with their columns (insertion sort: `count` is small). */
function sortPool(keys: Float64Array, cols: Int32Array, count: number): void {
  for (let a = 1; a < count; a++) {
    const key = keys[a]!;
    const col = cols[a]!;
    let b = a;
    while (b > 0 && keys[b - 1]! > key) {
      keys[b] = keys[b - 1]!;
      cols[b] = cols[b - 1]!;
      b--;
    }
    keys[b] = key;
    cols[b] = col;
  }
}
