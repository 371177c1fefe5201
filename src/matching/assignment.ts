/**
 * Maximum-weight bipartite matching, exact, on a sparse graph: shortest augmenting paths with
 * potentials (the Jonker–Volgenant scheme), one Dijkstra per row over typed arrays.
 *
 * Rows need not all be matched: each row gets a private dummy column of weight 0, so "unmatched" is
 * one more way to match it. A perfect matching of the rows of maximum total weight in that graph is,
 * without its dummy pairs, a maximum-weight matching of the original one.
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

export function maxWeightAssignment(rows: number, cols: number, edges: readonly AssignmentEdge[]): AssignmentResult {
  const totalCols = cols + rows;
  // Adjacency by row (CSR), costs = −weight; each row's dummy column last, at cost 0.
  const degree = new Int32Array(rows + 1);
  for (const e of edges) {
    if (!(e.weight > 0) || e.row < 0 || e.row >= rows || e.col < 0 || e.col >= cols) {
      throw new RangeError(`bad edge ${e.row}→${e.col} (${e.weight})`);
    }
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
