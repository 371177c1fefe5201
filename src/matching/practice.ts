import type { PracticeStanding } from './matching.types.js';

/** The hours a participant should have by `at`: the required hours spread evenly over the period. */
export function hoursDueBy(practice: PracticeStanding, at: number): number {
  const length = practice.end - practice.start;
  if (length <= 0) return practice.requiredHours;
  const elapsed = Math.min(1, Math.max(0, (at - practice.start) / length));
  return practice.requiredHours * elapsed;
}

/**
 * How far the participant is behind the hours due by `at` (positive) or ahead of them (negative), as a
 * share of those hours, between −1 and 1; null before anything is due (the period has not begun).
 */
export function practiceBehind(practice: PracticeStanding, at: number): number | null {
  const due = hoursDueBy(practice, at);
  if (due <= 0) return null;
  return Math.min(1, Math.max(-1, (due - practice.heldHours) / due));
}

/**
 * The workload criterion judged over the practice period: the room left in the week, raised by how
 * far the participant is behind their required hours and lowered by how far ahead, within 0..1. A
 * helper without a running period keeps the week's room alone.
 */
export function practiceWorkloadTerm(weekTerm: number, practice: PracticeStanding | undefined, at: number): number {
  const behind = practice ? practiceBehind(practice, at) : null;
  if (behind === null) return weekTerm;
  return Math.min(1, Math.max(0, weekTerm + behind));
}
