/**
 * The learning side of the demo: a coach with participants in every track, their plans (the three
 * questions, a practice period, the hours a school asks), workshops attended, a level signed off on
 * an observed job, and the resident's satisfaction and the coach's word after some jobs.
 */
import type { Identity } from '../../src/auth/auth.types.js';
import { localDay } from '../../src/matching/calendar.js';
import type { Services } from '../../src/services.js';

const DAY = 86_400_000;
const TZ = 'Europe/Amsterdam';

/** The participants the coach follows: the first ones of each track's twelve. */
export const COACHED_PER_TRACK = 4;

const QUESTIONS = [
  {
    want: 'Ik wil de opleiding Helpende Zorg en Welzijn afmaken en daarna in een verpleeghuis werken.',
    can: 'Ik kan goed luisteren en ik ben geduldig met ouderen.',
    need: 'Ik heb hulp nodig bij het plannen van mijn week en bij telefoneren.',
  },
  {
    want: 'Ik wil weer aan het werk, het liefst buiten.',
    can: 'Ik ben handig en ik werk graag met mijn handen.',
    need: 'Een vaste plek en iemand die meekijkt hoe het gaat.',
  },
  {
    want: 'Ik wil een diploma halen zodat ik betaald werk kan vinden.',
    can: 'Ik ben op tijd en ik doe wat ik afspreek.',
    need: 'Oefenen met Nederlands praten met bewoners.',
  },
  {
    want: 'Ik wil ontdekken welk werk bij mij past.',
    can: 'Ik help graag mensen met de computer en de telefoon.',
    need: 'Rust en duidelijke afspraken.',
  },
];
const OBSERVATIONS = [
  'Rustig en vriendelijk; plant de route zelf.',
  'Vraagt goed door wat de bewoner wil.',
  'Werkt netjes, mag zelf meer initiatief nemen.',
];

/** Which of a demo helper's skills is learnt (the second, else the first) and who is a mentor. */
export function demoLevel(index: number, position: number, count: number): 'learning' | 'mentor' | null {
  if (index < COACHED_PER_TRACK && position === Math.min(1, count - 1)) return 'learning';
  if (index === COACHED_PER_TRACK && position === 0) return 'mentor';
  return null;
}

export function seedLearning(services: Services, today: number, coachUserId: number, helperIds: number[][]): void {
  const coach: Identity = { kind: 'staff', role: 'coach', userId: coachUserId, tokenId: 0 };
  const date = (ms: number) => localDay(ms, TZ).date;
  helperIds.forEach((ids, track) => {
    let signed = false;
    ids.slice(0, COACHED_PER_TRACK).forEach((helperId, i) => {
      services.learning.assignCoach(helperId, coachUserId, 'system:seed');
      const helper = services.helpers.get(helperId);
      services.learning.update(coach, helperId, {
        questions: QUESTIONS[(track + i) % QUESTIONS.length]!,
        period: { start: date(today - (30 + 40 * i) * DAY) },
        requiredHours: helper.kind === 'student' ? 400 : 200,
      });
      const workshops = services.workshops.participant(coach, helperId);
      for (const w of workshops.slice(0, 3 + 2 * i)) {
        services.workshops.attend(coach, helperId, {
          workshopId: w.id,
          attendedOn: date(today - (60 - w.position) * DAY),
        });
      }
      const file = services.learning.file(coach, helperId);
      file.jobs.slice(0, 2).forEach((job, k) => {
        services.feedback.record(coach, job.requestId, {
          satisfaction: 4 + (k % 2),
          observation: OBSERVATIONS[(i + k) % OBSERVATIONS.length]!,
        });
      });
      const learnt = file.skills.find((s) => typeof s !== 'string' && s.level === 'learning');
      const observed = file.jobs.find((j) => learnt && typeof learnt !== 'string' && j.skills.includes(learnt.code));
      // One sign-off per track, for the first participant seen doing what they learn.
      if (!signed && learnt && typeof learnt !== 'string' && observed) {
        signed = true;
        services.learning.signOff(coach, helperId, {
          skill: learnt.code,
          level: 'competent',
          observedRequestIds: [observed.requestId],
          note: 'Doet dit nu zelfstandig.',
        });
      }
    });
  });
}
