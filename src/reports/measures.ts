/** The summary statistics of the quality report: pure, over plain numbers. */

/** Gini coefficient of amounts ≥ 0: 0 when everyone has the same, towards 1 when one has all. */
export function gini(amounts: readonly number[]): number {
  const sorted = [...amounts].sort((a, b) => a - b);
  const total = sorted.reduce((sum, x) => sum + x, 0);
  if (sorted.length === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, x, i) => sum + (i + 1) * x, 0);
  return (2 * weighted) / (sorted.length * total) - (sorted.length + 1) / sorted.length;
}

/** The nearest-rank percentile; null for no samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Of each resident's jobs after their first, those done by a helper who had done one of theirs
 * before; `jobs` lists them per resident in the order they were done. A supervised pair's job was done
 * by both its helpers: it keeps continuity when either had come before, and both have come after it.
 */
export function continuity(jobs: readonly { residentId: number; helperId: number; supervisorId?: number | null }[]): {
  again: number;
  of: number;
  residents: number;
} {
  let again = 0;
  let of = 0;
  const regulars = new Set<number>();
  let resident = -1;
  let seen = new Set<number>();
  for (const job of jobs) {
    const helpers = job.supervisorId == null ? [job.helperId] : [job.helperId, job.supervisorId];
    if (job.residentId !== resident) {
      resident = job.residentId;
      seen = new Set();
    } else {
      of += 1;
      regulars.add(resident);
      if (helpers.some((id) => seen.has(id))) again += 1;
    }
    for (const id of helpers) seen.add(id);
  }
  return { again, of, residents: regulars.size };
}
