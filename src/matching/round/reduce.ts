import { MINUTE } from '../calendar.js';
import { compatible, halvesOf, leadOf, type LoadHelper, longestTripMs, type RoundEdge } from './conflicts.js';

/**
 * A candidate is free when its helper can take it whatever else they take: it fits in time (travel
 * included) with every other candidate they still have, and all of those together fit the week's cap.
 * Then, in any solution, moving its request onto it keeps every constraint. So a request's candidates
 * worth no more than its best free one can go, and a request whose best candidate is free is decided.
 * Taking candidates away frees others, so this repeats until nothing changes. With many helpers for few
 * jobs most requests are decided here, and what is left falls apart into small parts.
 *
 * A supervised pair is free when both its halves are: then both helpers can take it whatever else they
 * take. Candidates of one request never clash with each other: the request takes one of them.
 *
 * `alive` marks the candidates' edges still open (a pair's two alike) and is updated in place; the
 * decided candidates are returned (a pair by its `leadOf` edge). A decided candidate keeps counting for
 * its helpers: the caller takes its minutes off their caps.
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
    if (leadOf(edges, id) === id) (byRow.get(e.row) ?? byRow.set(e.row, []).get(e.row)!).push(id);
  });
  // In the order `markFree` reads them, once: filtering keeps it.
  for (const list of byHelper.values()) {
    list.sort(
      (a, b) => edges[a]!.start - edges[b]!.start || edges[a]!.row - edges[b]!.row || edges[a]!.end - edges[b]!.end,
    );
  }
  const isFixed = new Uint8Array(edges.length);
  const free = new Uint8Array(edges.length);
  const isFree = (id: number) => free[id] === 1 && (edges[id]!.mate === undefined || free[edges[id]!.mate!] === 1);
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
        if (isFree(id) && (bestFree < 0 || edges[id]!.weight > edges[bestFree]!.weight)) bestFree = id;
      }
      if (bestFree < 0) continue;
      const decided = edges[bestFree]!.weight >= edges[best]!.weight;
      const keep = open.filter((id) => id === bestFree || (!decided && edges[id]!.weight > edges[bestFree]!.weight));
      if (decided) {
        for (const half of halvesOf(edges, bestFree)) isFixed[half] = 1;
        fixed.push(bestFree);
        byRow.delete(row);
      } else byRow.set(row, keep);
      const kept = new Set(decided ? [] : keep);
      for (const id of open) {
        if (kept.has(id)) continue;
        for (const half of halvesOf(edges, id)) {
          alive[half] = 0;
          if (!isFixed[half]) touched.add(edges[half]!.helper);
        }
      }
      changed ||= keep.length < open.length || decided;
    }
  }
  return fixed;
}

/**
 * Marks which of one helper's open candidates are free; `present` also holds the decided ones, in order
 * of start, request and end. The helper's candidates for one request at one time (alone, and in pairs
 * beside different learners) are one slot: they clash, and count for the cap, once.
 */
function markFree(present: readonly number[], edges: readonly RoundEdge[], helper: LoadHelper, free: Uint8Array): void {
  const slots: RoundEdge[] = [];
  const slotOf = new Int32Array(present.length);
  present.forEach((id, i) => {
    const e = edges[id]!;
    const last = slots[slots.length - 1];
    if (!last || last.start !== e.start || last.row !== e.row || last.end !== e.end) slots.push(e);
    slotOf[i] = slots.length - 1;
  });
  const clash = new Uint8Array(slots.length);
  const reach = longestTripMs(helper);
  const minutes = new Map<number, number>();
  /** The week each request's minutes were counted in: another week of the same one counts again. */
  const counted = new Map<number, number>();
  for (let i = 0; i < slots.length; i++) {
    const a = slots[i]!;
    if (counted.get(a.row) !== a.week) {
      counted.set(a.row, a.week);
      minutes.set(a.week, (minutes.get(a.week) ?? 0) + (a.end - a.start) / MINUTE);
    }
    for (let j = i + 1; j < slots.length && slots[j]!.start < a.end + reach; j++) {
      const b = slots[j]!;
      if (b.row === a.row || compatible(a, b, helper.travelMode)) continue;
      clash[i] = clash[j] = 1;
    }
  }
  present.forEach((id, i) => {
    const week = edges[id]!.week;
    if (!clash[slotOf[i]!] && minutes.get(week)! <= helper.minutesLeft(week)) free[id] = 1;
  });
}
