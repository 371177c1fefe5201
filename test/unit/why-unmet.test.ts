import { describe, expect, it } from 'vitest';
import type { ExclusionReason, ProposalStatus } from '../../src/domain.js';
import { whyUnmet } from '../../src/reports/why-unmet.js';

const excluded = (helperId: number, ...reasons: ExclusionReason[]) => ({ helperId, reasons });

describe('whyUnmet', () => {
  it.each([
    ['nobody at all', [], [], [], { helpers: {}, reason: 'noHelpers' }],
    [
      'each helper under their first reason; the closest miss decides',
      [],
      [excluded(1, 'skills', 'excluded'), excluded(2, 'distance'), excluded(3, 'availability', 'hours')],
      [],
      { helpers: { skills: 1, distance: 1, availability: 1 }, reason: 'availability' },
    ],
    [
      'an asked helper under their answer, whatever the ranking says of them now',
      [{ helperId: 1 }],
      [excluded(2, 'busy'), excluded(3, 'skills')],
      [
        [1, 'declined'],
        [2, 'expired'],
      ],
      { helpers: { declined: 1, unanswered: 1, skills: 1 }, reason: 'unanswered' },
    ],
    [
      'a helper who could come and was never asked is the closest miss',
      [{ helperId: 4 }],
      [],
      [[5, 'released']],
      { helpers: { notAsked: 1 }, reason: 'notAsked' },
    ],
  ] as const)('%s', (_, candidates, exclusions, asked, expected) => {
    const answers = new Map<number, ProposalStatus>(asked.map(([id, status]) => [id, status]));
    expect(whyUnmet({ candidates, excluded: exclusions }, answers)).toEqual(expected);
  });
});
