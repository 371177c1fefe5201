import { MINUTE } from './calendar.js';

/** Even for a job that starts right away, a helper gets a few minutes to read and answer. */
export const MIN_RESPONSE_MS = 5 * MINUTE;

/** A helper's answer habit is read from this many of their last answers, and only once there are enough. */
export const HABIT_ANSWERS = 20;
export const HABIT_MIN_ANSWERS = 5;

export interface ResponseInput {
  now: number;
  /** When the job starts: no answer counts after that. */
  start: number;
  /** The organisation's response time for the request's urgency. */
  responseMinutes: number;
  /**
   * The helper's own answer times (minutes from proposal to yes or no), newest first; empty when the
   * habit is not used.
   */
  answerMinutes: readonly number[];
}

/** The 80th percentile (nearest rank) of at least HABIT_MIN_ANSWERS answer times; null with fewer. */
export function usualAnswerMinutes(answerMinutes: readonly number[]): number | null {
  const recent = answerMinutes.slice(0, HABIT_ANSWERS);
  if (recent.length < HABIT_MIN_ANSWERS) return null;
  const sorted = [...recent].sort((a, b) => a - b);
  return sorted[Math.ceil(0.8 * sorted.length) - 1]!;
}

/**
 * When the next best helper is asked as well if this one has not answered: after the response time, or
 * sooner once the helper's usual answer time has passed (four in five of their answers came no later:
 * after that, a yes soon is unlikely); never sooner than MIN_RESPONSE_MS, never after the job starts.
 */
export function askNextAt(input: ResponseInput): number {
  const { now, start } = input;
  const usual = usualAnswerMinutes(input.answerMinutes);
  const minutes = usual === null ? input.responseMinutes : Math.min(input.responseMinutes, usual);
  return Math.min(start, now + Math.max(MIN_RESPONSE_MS, minutes * MINUTE));
}
