import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askNextAt, HABIT_ANSWERS, MIN_RESPONSE_MS, usualAnswerMinutes } from '../../src/matching/deadlines.js';

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-23T08:00:00+01:00');

describe('a helper’s usual answer time (issue 13)', () => {
  it.each([
    { answers: [], usual: null },
    { answers: [10, 10, 10, 10], usual: null },
    { answers: [10, 10, 10, 10, 10], usual: 10 },
    { answers: [1, 2, 3, 4, 300], usual: 4 },
    { answers: [300, 1, 2, 3, 4, 5, 6, 7, 8, 9], usual: 8 },
  ])('of $answers is $usual', ({ answers, usual }) => {
    expect(usualAnswerMinutes(answers)).toBe(usual);
  });

  it('reads only the newest answers', () => {
    const recent = Array.from({ length: HABIT_ANSWERS }, () => 10);
    expect(usualAnswerMinutes([...recent, 500, 500, 500, 500, 500])).toBe(10);
  });
});

describe('when the next best is asked as well (issue 13)', () => {
  it.each([
    { case: 'no habit known: the response time', start: 24 * 60, response: 240, answers: [], after: 240 },
    { case: 'a quick helper: their usual time', start: 24 * 60, response: 240, answers: [5, 8, 10, 12, 20], after: 12 },
    {
      case: 'a slow helper: no later than the response time',
      start: 24 * 60,
      response: 60,
      answers: [300, 300, 300, 300, 300],
      after: 60,
    },
    { case: 'never sooner than five minutes', start: 24 * 60, response: 240, answers: [1, 1, 1, 1, 1], after: 5 },
    { case: 'never after the job starts', start: 30, response: 240, answers: [], after: 30 },
  ])('$case', ({ start, response, answers, after }) => {
    const at = askNextAt({ now: NOW, start: NOW + start * MINUTE, responseMinutes: response, answerMinutes: answers });
    expect((at - NOW) / MINUTE).toBe(after);
  });

  it('lies between five minutes and the response time, and never after the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 * 24 * 60 }),
        fc.integer({ min: 5, max: 7 * 24 * 60 }),
        fc.array(fc.integer({ min: 0, max: 24 * 60 }), { maxLength: 30 }),
        (startMinutes, response, answers) => {
          const start = NOW + startMinutes * MINUTE;
          const at = askNextAt({ now: NOW, start, responseMinutes: response, answerMinutes: answers });
          expect(at).toBeLessThanOrEqual(start);
          expect(at).toBeLessThanOrEqual(NOW + response * MINUTE);
          expect(at).toBeGreaterThanOrEqual(Math.min(start, NOW + MIN_RESPONSE_MS));
        },
      ),
    );
  });
});
