import { type AssignmentEdge, maxWeightAssignment } from '../assignment.js';
import { MINUTE } from '../calendar.js';
import {
  compatible,
  halvesOf,
  type HelperLoad,
  helperLoad,
  leadOf,
  type LoadHelper,
  type RoundEdge,
} from './conflicts.js';
import type { MipSolver } from './mip.js';
import { buildRoundModel, type RoundComponent } from './model.js';
import { reduceRound } from './reduce.js';

export interface RoundSolution {
  /** The chosen candidates, as edge ids (a pair by its `leadOf` edge). */
  chosen: number[];
  objective: number;
  /** A proven upper bound on the optimum; equal to `objective` when `exact`. */
  bound: number;
  exact: boolean;
  /** How many independent parts each method solved. */
  methods: { assignment: number; mip: number };
}

export interface SolveOptions {
  solver: MipSolver;
  /** Shared by every part that needs the MIP; a part left without time keeps its starting solution. */
  timeLimitSeconds: number;
}

/**
 * An assignment column: one of a helper's groups (at most one job of it, nothing else binds), or a
 * helper whose jobs need the MIP (`load`), which the starting solution also treats as one column.
 */
interface Unit {
  helper: number;
  edges: number[];
  load: HelperLoad | null;
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

const minutesOf = (e: RoundEdge) => (e.end - e.start) / MINUTE;

/** The weight of candidates given by their lead edges. */
const weightOf = (edges: readonly RoundEdge[], ids: Iterable<number>) => {
  let total = 0;
  for (const id of ids) total += edges[id]!.weight;
  return total;
};

/**
 * The best set of candidates: at most one per request, no helper in two places at once (travel
 * included), every weekly cap kept. The candidates fall apart into independent parts (requests and
 * helpers' columns joined by candidates). A part where no helper can take two of its jobs together, or
 * only jobs from groups of which they take at most one each, is an assignment problem, solved exactly
 * by the assignment solver; the other parts are 0–1 programs, started from the assignment's answer.
 * A supervised pair (two edges, see `RoundEdge.mate`) joins its two helpers' columns in one part and
 * is one column of its program, in the rows of both helpers and of its request: a part with a pair is
 * always a program, since an assignment gives each request one helper.
 */
export function solveRound(
  rows: number,
  edges: readonly RoundEdge[],
  loadOf: (helper: number) => LoadHelper,
  options: SolveOptions,
): RoundSolution {
  const loads = cachedLoad(loadOf);
  // A candidate with a half that alone exceeds the cap of the week it starts in cannot be proposed.
  const fits = (load: (helper: number) => LoadHelper, id: number) =>
    minutesOf(edges[id]!) <= load(edges[id]!.helper).minutesLeft(edges[id]!.week);
  const bothFit = (load: (helper: number) => LoadHelper, e: RoundEdge, id: number) =>
    fits(load, id) && (e.mate === undefined || fits(load, e.mate));
  const alive = Uint8Array.from(edges, (e, id) => (bothFit(loads, e, id) ? 1 : 0));
  const fixed = reduceRound(edges, loads, alive);
  loadOf = cachedLoad(
    withHeld(
      loads,
      fixed.flatMap((id) => halvesOf(edges, id)),
      edges,
    ),
  );
  // `helperLoad` leaves out what no longer fits beside the decided ones: a pair goes with both halves.
  edges.forEach((e, id) => {
    if (alive[id] && e.mate !== undefined && !bothFit(loadOf, e, id)) alive[id] = alive[e.mate] = 0;
  });
  const byHelper = new Map<number, number[]>();
  edges.forEach((e, id) => {
    if (!alive[id]) return;
    const list = byHelper.get(e.helper) ?? [];
    list.push(id);
    byHelper.set(e.helper, list);
  });
  const units: Unit[] = [];
  const unitOf = new Int32Array(edges.length).fill(-1);
  for (const [helper, ids] of byHelper) {
    const load = helperLoad(ids, edges, loadOf(helper));
    const parts = load.groups ?? [load.usable];
    for (const part of parts) {
      const unit = units.push({ helper, edges: part, load: load.groups ? null : load }) - 1;
      for (const id of part) unitOf[id] = unit;
    }
  }

  const parent = Int32Array.from({ length: rows + units.length }, (_, i) => i);
  edges.forEach((e, id) => {
    if (unitOf[id]! >= 0) parent[find(parent, e.row)] = find(parent, rows + unitOf[id]!);
  });
  const parts = new Map<number, number[]>();
  edges.forEach((e, id) => {
    if (unitOf[id]! < 0) return;
    const root = find(parent, e.row);
    const list = parts.get(root) ?? [];
    list.push(id);
    parts.set(root, list);
  });

  const solution: RoundSolution = {
    chosen: [],
    objective: 0,
    bound: 0,
    exact: true,
    methods: { assignment: 0, mip: 0 },
  };
  add(solution, fixed, weightOf(edges, fixed), true);
  let seconds = options.timeLimitSeconds;
  const programs: number[][] = [];
  for (const ids of parts.values()) {
    if (ids.some((id) => units[unitOf[id]!]!.load || edges[id]!.mate !== undefined)) {
      programs.push(ids);
      continue;
    }
    const chosen = assign(ids, edges, unitOf);
    solution.methods.assignment += 1;
    add(solution, chosen, weightOf(edges, chosen), true);
  }
  // The smallest first, so that a tight limit leaves as few parts unproven as it can.
  programs.sort((a, b) => a.length - b.length);
  for (const ids of programs) {
    const alone = ids.filter((id) => edges[id]!.mate === undefined);
    const start = fill(assign(alone, edges, unitOf), ids, edges, unitOf, units, loadOf);
    const startWeight = weightOf(edges, start);
    // Each request takes at most one candidate: its best one bounds what it adds.
    const best = new Map<number, number>();
    for (const id of ids) best.set(edges[id]!.row, Math.max(best.get(edges[id]!.row) ?? 0, edges[id]!.weight));
    let trivialBound = 0;
    for (const w of best.values()) trivialBound += w;
    solution.methods.mip += 1;
    if (seconds <= 0) {
      add(solution, start, startWeight, false, Math.max(startWeight, trivialBound));
      continue;
    }
    const component = componentOf(ids, edges, unitOf, units);
    const result = options.solver.solve(buildRoundModel(component, edges, start), seconds);
    seconds -= result.seconds;
    const found = component.edges.filter((_, col) => result.values[col]! > 0.5);
    const foundWeight = weightOf(edges, found);
    const [chosen, weight] = foundWeight >= startWeight ? [found, foundWeight] : [start, startWeight];
    add(solution, chosen, weight, result.optimal, Math.max(weight, Math.min(result.bound, trivialBound)));
  }
  return solution;
}

/** One `LoadHelper` per helper, so that each week's minutes are counted once. */
function cachedLoad(loadOf: (helper: number) => LoadHelper): (helper: number) => LoadHelper {
  const cache = new Map<number, LoadHelper>();
  return (helper) => cache.get(helper) ?? cache.set(helper, loadOf(helper)).get(helper)!;
}

/** The helpers' caps less the decided candidates' minutes: those are held whatever else is chosen. */
function withHeld(loadOf: (helper: number) => LoadHelper, held: readonly number[], edges: readonly RoundEdge[]) {
  const minutes = new Map<string, number>();
  for (const id of held) {
    const { helper, week, start, end } = edges[id]!;
    const key = `${helper}:${week}`;
    minutes.set(key, (minutes.get(key) ?? 0) + (end - start) / MINUTE);
  }
  return (helper: number): LoadHelper => {
    const load = loadOf(helper);
    return { ...load, minutesLeft: (week) => load.minutesLeft(week) - (minutes.get(`${helper}:${week}`) ?? 0) };
  };
}

function add(s: RoundSolution, chosen: readonly number[], weight: number, exact: boolean, bound = weight): void {
  s.chosen.push(...chosen);
  s.objective += weight;
  s.bound += exact ? weight : bound;
  s.exact &&= exact;
}

/** The best assignment of the part's requests to its units, each unit taking at most one. */
function assign(ids: readonly number[], edges: readonly RoundEdge[], unitOf: Int32Array): number[] {
  const rowAt = new Map<number, number>();
  const colAt = new Map<number, number>();
  const at = new Map<string, number>();
  const list: AssignmentEdge[] = ids.map((id) => {
    const e = edges[id]!;
    const row = rowAt.get(e.row) ?? rowAt.set(e.row, rowAt.size).size - 1;
    const col = colAt.get(unitOf[id]!) ?? colAt.set(unitOf[id]!, colAt.size).size - 1;
    at.set(`${row}:${col}`, id);
    return { row, col, weight: e.weight };
  });
  return maxWeightAssignment(rowAt.size, colAt.size, list).pairs.map(({ row, col }) => at.get(`${row}:${col}`)!);
}

/**
 * The assignment's answer with, for the requests it left without, the best further job a helper of the
 * MIP can still fit (time, travel and weekly cap): a good solution to start the program from. A pair
 * goes in when both halves fit, a half of a group only into a group that holds nothing yet.
 */
function fill(
  chosen: number[],
  ids: readonly number[],
  edges: readonly RoundEdge[],
  unitOf: Int32Array,
  units: readonly Unit[],
  loadOf: (helper: number) => LoadHelper,
): number[] {
  const held = new Map<number, number[]>();
  const done = new Set<number>();
  for (const id of chosen) {
    done.add(edges[id]!.row);
    held.set(unitOf[id]!, [id]);
  }
  const fitsBeside = (half: number) => {
    const e = edges[half]!;
    const mine = held.get(unitOf[half]!) ?? [];
    if (!units[unitOf[half]!]!.load) return e.mate !== undefined && mine.length === 0;
    const helper = loadOf(e.helper);
    let minutes = minutesOf(e);
    for (const other of mine) if (edges[other]!.week === e.week) minutes += minutesOf(edges[other]!);
    if (minutes > helper.minutesLeft(e.week)) return false;
    return mine.every((other) => compatible(edges[other]!, e, helper.travelMode));
  };
  const open = ids.filter((id) => leadOf(edges, id) === id && !done.has(edges[id]!.row));
  open.sort((a, b) => edges[b]!.weight - edges[a]!.weight || a - b);
  for (const id of open) {
    if (done.has(edges[id]!.row)) continue;
    const halves = halvesOf(edges, id);
    if (!halves.every(fitsBeside)) continue;
    for (const half of halves) held.set(unitOf[half]!, [...(held.get(unitOf[half]!) ?? []), half]);
    done.add(edges[id]!.row);
    chosen.push(id);
  }
  return chosen;
}

/** The part's at-most-one sets and caps: per request, per group, per MIP helper its own. */
function componentOf(
  ids: number[],
  edges: readonly RoundEdge[],
  unitOf: Int32Array,
  units: readonly Unit[],
): RoundComponent {
  const byRow = new Map<number, number[]>();
  const inPart = new Set<number>();
  const leads: number[] = [];
  for (const id of ids) {
    inPart.add(unitOf[id]!);
    if (leadOf(edges, id) !== id) continue;
    leads.push(id);
    const list = byRow.get(edges[id]!.row) ?? [];
    list.push(id);
    byRow.set(edges[id]!.row, list);
  }
  const atMostOne = [...byRow.values()];
  const caps: RoundComponent['caps'] = [];
  for (const u of inPart) {
    const { load, edges: own } = units[u]!;
    if (!load) atMostOne.push(own);
    else {
      atMostOne.push(...load.atMostOne);
      caps.push(...load.caps);
    }
  }
  return { edges: leads, atMostOne, caps };
}
