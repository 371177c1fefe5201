import { MINUTE } from '../calendar.js';
import { compatible, type LoadHelper, longestTripMs, type RoundEdge } from './conflicts.js';

/**
 * A candidate is free when its helper can take it whatever else they take: it fits in time (travel
 * included) with every other candidate they still have, and all of those together fit the week's cap.
 * Then, in any solution, moving its request onto it keeps every constraint. So a request's candidates
 * worth no more than its best free one can go, and a request whose best candidate is free is decided.
 * Taking candidates away frees others, so this repeats until nothing changes. With many helpers for few
 * jobs most requests are decided here, and what is left falls apart into small parts.
 *
 * `alive` marks the candidates still open and is updated in place; the decided ones are returned. A
 * decided candidate keeps counting for its helper: the caller takes its minutes off the cap.
 */
export function reduceRound(
  edges: readonly RoundEdge[],
  loadOf: (helper: number) => LoadHelper,
  alive: Uint8Array,
): number[] {
  const fixed: number[] = [];
  const byHelper = new Map<number, number[]>();
  const byRow = new Map<number, number[]>();
  edges.forEach((e, id) => {
    if (!alive[id]) return;
    (byHelper.get(e.helper) ?? byHelper.set(e.helper, []).get(e.helper)!).push(id);
    (byRow.get(e.row) ?? byRow.set(e.row, []).get(e.row)!).push(id);
  });
  const isFixed = new Uint8Array(edges.length);
  const free = new Uint8Array(edges.length);
  // Whether a candidate is free depends only on its helper's candidates still present: only helpers
  // who lost one since are marked again.
  let touched = new Set(byHelper.keys());
  for (let changed = true; changed;) {
    changed = false;
    for (const helper of touched) {
      const list = byHelper.get(helper)!;
      for (const id of list) free[id] = 0;
      const present = list.filter((id) => alive[id] || isFixed[id]);
      byHelper.set(helper, present);
      markFree(present, edges, loadOf(helper), free);
    }
    touched = new Set();
    for (const [row, list] of byRow) {
      const open = list.filter((id) => alive[id]);
      if (open.length === 0) {
        byRow.delete(row);
        continue;
      }
      let best = open[0]!;
      let bestFree = -1;
      for (const id of open) {
        if (edges[id]!.weight > edges[best]!.weight) best = id;
        if (free[id] && (bestFree < 0 || edges[id]!.weight > edges[bestFree]!.weight)) bestFree = id;
      }
      if (bestFree < 0) continue;
      const decided = edges[bestFree]!.weight >= edges[best]!.weight;
      const keep = open.filter((id) => id === bestFree || (!decided && edges[id]!.weight > edges[bestFree]!.weight));
      if (decided) {
        isFixed[bestFree] = 1;
        fixed.push(bestFree);
        byRow.delete(row);
      } else byRow.set(row, keep);
      for (const id of open) {
        if (!decided && keep.includes(id)) continue;
        alive[id] = 0;
        if (!isFixed[id]) touched.add(edges[id]!.helper);
      }
      changed ||= keep.length < open.length || decided;
    }
  }
  return fixed;
}

/** Marks which of one helper's open candidates are free; `present` also holds the decided ones. */
function markFree(present: readonly number[], edges: readonly RoundEdge[], helper: LoadHelper, free: Uint8Array): void {
  const sorted = [...present].sort((a, b) => edges[a]!.start - edges[b]!.start || a - b);
  const clash = new Uint8Array(sorted.length);
  const reach = longestTripMs(helper);
  const minutes = new Map<number, number>();
  for (let i = 0; i < sorted.length; i++) {
    const a = edges[sorted[i]!]!;
    minutes.set(a.week, (minutes.get(a.week) ?? 0) + (a.end - a.start) / MINUTE);
    for (let j = i + 1; j < sorted.length && edges[sorted[j]!]!.start < a.end + reach; j++) {
      if (compatible(a, edges[sorted[j]!]!, helper.travelMode)) continue;
      clash[i] = clash[j] = 1;
    }
  }
  sorted.forEach((id, i) => {
    const week = edges[id]!.week;
    if (!clash[i] && minutes.get(week)! <= helper.minutesLeft(week)) free[id] = 1;
  });
}
