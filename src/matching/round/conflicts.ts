import type { TravelMode } from '../../domain.js';
import { localWeek, MINUTE } from '../calendar.js';
import { DETOUR_FACTOR, MIN_TRAVEL_MINUTES, TRAVEL_SPEED_KMH, travelMinutes } from '../geo.js';
import type { HelperProfile, LatLon } from '../matching.types.js';
import { hoursHeldIn } from '../placement.js';

/**
 * One candidate of the round: a request (`row`) and a helper (`helper`, a position) with the job placed
 * where the candidate put it. The placement is taken as fixed: with a flexible window another start
 * could let one helper fit two jobs that collide as placed, and the round does not try those.
 */
export interface RoundEdge {
  row: number;
  helper: number;
  weight: number;
  start: number;
  end: number;
  location: LatLon;
  /** Start of the local Monday–Sunday week the job starts in: its hours count there. */
  week: number;
  /**
   * A supervised pair is one candidate with an edge for each of its two helpers, `mate` the other's id:
   * both carry the pair's weight and are taken together or not at all. The one with the lower id stands
   * for the pair (`leadOf`) wherever candidates are counted, weighed or chosen.
   */
  mate?: number;
}

/** The edge that stands for the candidate `id` is part of: itself, or the lower of a pair's two. */
export function leadOf(edges: readonly RoundEdge[], id: number): number {
  const mate = edges[id]!.mate;
  return mate !== undefined && mate < id ? mate : id;
}

/** The edges of the candidate `lead` stands for: one, or a pair's two. */
export function halvesOf(edges: readonly RoundEdge[], lead: number): number[] {
  const mate = edges[lead]!.mate;
  return mate === undefined ? [lead] : [lead, mate];
}

/** Whether one helper can do both jobs as placed: the earlier one, plus the trip, ends before the other. */
export function compatible(a: RoundEdge, b: RoundEdge, mode: TravelMode): boolean {
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return first.end + travelMinutes(first.location, second.location, mode) * MINUTE <= second.start;
}

/** The constraints of one helper over their candidates in the round, as edge ids. */
export interface HelperLoad {
  /** Candidates that fit the weekly cap on their own; the others cannot be proposed. */
  usable: number[];
  /**
   * When the candidates fall apart into groups of which at most one each can be taken, and any one per
   * group together fit the cap: the groups. The helper is then one assignment column per group.
   */
  groups: number[][] | null;
  /** Sets of candidates of which at most one can be taken: overlapping cliques and travel pairs. */
  atMostOne: number[][];
  /** Weekly caps that can bind: the candidates starting in one week and the minutes left in it. */
  caps: Array<{ edges: number[]; minutes: number }>;
}

export interface LoadHelper {
  travelMode: TravelMode;
  maxTravelKm: number;
  /** Minutes left under the weekly cap in the week starting at `week`, Infinity without a cap. */
  minutesLeft(week: number): number;
}

/** The helper as the solver sees them: their travel, and the minutes left under the cap per week. */
export function loadHelper(helper: HelperProfile, timeZone: string): LoadHelper {
  const left = new Map<number, number>();
  return {
    travelMode: helper.travelMode,
    maxTravelKm: helper.maxTravelKm,
    minutesLeft(week) {
      if (helper.maxHoursPerWeek === null) return Infinity;
      let minutes = left.get(week);
      if (minutes === undefined) {
        const held = hoursHeldIn(localWeek(week, timeZone), helper);
        minutes = Math.round((helper.maxHoursPerWeek - held) * 60 * 1000) / 1000;
        left.set(week, minutes);
      }
      return minutes;
    },
  };
}

/** No trip between two jobs within the helper's reach of home takes longer (a minute to spare). */
export function longestTripMs(helper: LoadHelper): number {
  const minutes = (2 * helper.maxTravelKm * DETOUR_FACTOR * 60) / TRAVEL_SPEED_KMH[helper.travelMode];
  return (Math.max(MIN_TRAVEL_MINUTES, Math.ceil(minutes)) + 1) * MINUTE;
}

const minutesOf = (e: RoundEdge) => (e.end - e.start) / MINUTE;

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

/**
 * The maximal cliques of the jobs' intervals, each stretched by the shortest trip: every two jobs in
 * one of them collide, whatever the trip between them. `sorted` is in order of start.
 */
function overlapCliques(sorted: readonly number[], edges: readonly RoundEdge[]): number[][] {
  const cliques: number[][] = [];
  let active: number[] = [];
  let grown = false;
  for (const id of sorted) {
    const start = edges[id]!.start;
    const stays = active.filter((a) => edges[a]!.end + MIN_TRAVEL_MINUTES * MINUTE > start);
    if (stays.length < active.length) {
      if (grown && active.length > 1) cliques.push(active);
      grown = false;
      active = stays;
    }
    active.push(id);
    grown = true;
  }
  if (grown && active.length > 1) cliques.push(active);
  return cliques;
}

/** The helper's constraints over the candidates `ids`. */
export function helperLoad(ids: readonly number[], edges: readonly RoundEdge[], helper: LoadHelper): HelperLoad {
  const usable = ids.filter((id) => minutesOf(edges[id]!) <= helper.minutesLeft(edges[id]!.week));
  const sorted = [...usable].sort((a, b) => edges[a]!.start - edges[b]!.start || a - b);
  const parent = Int32Array.from(sorted, (_, i) => i);
  const conflicts: Array<[number, number]> = [];
  const reach = longestTripMs(helper);
  for (let i = 0; i < sorted.length; i++) {
    const a = edges[sorted[i]!]!;
    for (let j = i + 1; j < sorted.length && edges[sorted[j]!]!.start < a.end + reach; j++) {
      if (compatible(a, edges[sorted[j]!]!, helper.travelMode)) continue;
      conflicts.push([sorted[i]!, sorted[j]!]);
      parent[find(parent, i)] = find(parent, j);
    }
  }

  const weeks = new Map<number, number[]>();
  for (const id of sorted) {
    const list = weeks.get(edges[id]!.week) ?? [];
    list.push(id);
    weeks.set(edges[id]!.week, list);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < sorted.length; i++) {
    const root = find(parent, i);
    const list = byRoot.get(root) ?? [];
    list.push(sorted[i]!);
    byRoot.set(root, list);
  }
  const components = [...byRoot.values()];
  const allCliques = components.reduce((n, c) => n + (c.length * (c.length - 1)) / 2, 0) === conflicts.length;
  if (allCliques && capsHoldOnePerGroup(components, edges, helper)) {
    return { usable, groups: components, atMostOne: [], caps: [] };
  }
  if (noTwoFit(sorted, edges, helper)) return { usable, groups: [sorted], atMostOne: [], caps: [] };

  // Pairs that collide only for the trip between them; the others lie in one of the overlap cliques.
  const travelPairs = conflicts.filter(([a, b]) => edges[b]!.start >= edges[a]!.end + MIN_TRAVEL_MINUTES * MINUTE);
  const caps = [...weeks]
    .map(([week, list]) => ({ edges: list, minutes: helper.minutesLeft(week) }))
    .filter((cap) => cap.edges.reduce((sum, id) => sum + minutesOf(edges[id]!), 0) > cap.minutes);
  return { usable, groups: null, atMostOne: [...overlapCliques(sorted, edges), ...travelPairs], caps };
}

/** Whether taking the longest job of every group, per week, stays within the cap. */
function capsHoldOnePerGroup(groups: number[][], edges: readonly RoundEdge[], helper: LoadHelper): boolean {
  const need = new Map<number, number>();
  for (const group of groups) {
    const longest = new Map<number, number>();
    for (const id of group) {
      const e = edges[id]!;
      longest.set(e.week, Math.max(longest.get(e.week) ?? 0, minutesOf(e)));
    }
    for (const [week, minutes] of longest) need.set(week, (need.get(week) ?? 0) + minutes);
  }
  for (const [week, minutes] of need) if (minutes > helper.minutesLeft(week)) return false;
  return true;
}

/** Whether no two of the candidates can both be taken, for the time or for the weekly cap. */
function noTwoFit(sorted: readonly number[], edges: readonly RoundEdge[], helper: LoadHelper): boolean {
  for (let i = 0; i < sorted.length; i++) {
    const a = edges[sorted[i]!]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = edges[sorted[j]!]!;
      const overCap = a.week === b.week && minutesOf(a) + minutesOf(b) > helper.minutesLeft(a.week);
      if (!overCap && compatible(a, b, helper.travelMode)) return false;
    }
  }
  return true;
}
