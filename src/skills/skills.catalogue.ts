import type { Track } from '../domain.js';

export interface SkillDefinition {
  code: string;
  track: Track;
  labelNl: string;
  labelEn: string;
}

/** The catalogue every database starts with; start-up adds what is missing and keeps labels current. */
export const SKILL_CATALOGUE: readonly SkillDefinition[] = [
  { code: 'laundry', track: 'cleaning', labelNl: 'Was doen', labelEn: 'Laundry' },
  { code: 'ironing', track: 'cleaning', labelNl: 'Strijken', labelEn: 'Ironing' },
  { code: 'cleaning', track: 'cleaning', labelNl: 'Schoonmaken', labelEn: 'Cleaning' },
  { code: 'groceries', track: 'care', labelNl: 'Boodschappen', labelEn: 'Groceries' },
  { code: 'companionship', track: 'care', labelNl: 'Gezelschap', labelEn: 'Companionship' },
  { code: 'dementia-support', track: 'care', labelNl: 'Ondersteuning bij dementie', labelEn: 'Dementia support' },
  {
    code: 'accompany-appointment',
    track: 'care',
    labelNl: 'Begeleiding naar afspraak',
    labelEn: 'Accompany to an appointment',
  },
  { code: 'family-support', track: 'care', labelNl: 'Gezinsondersteuning', labelEn: 'Family support' },
  { code: 'cooking', track: 'health', labelNl: 'Koken', labelEn: 'Cooking' },
  { code: 'exercise-walk', track: 'health', labelNl: 'Samen bewegen / wandelen', labelEn: 'Exercise and walks' },
  { code: 'gardening', track: 'green', labelNl: 'Tuinieren', labelEn: 'Gardening' },
  { code: 'odd-jobs', track: 'handy', labelNl: 'Klusjes', labelEn: 'Odd jobs' },
  { code: 'digital-help', track: 'handy', labelNl: 'Digitale hulp', labelEn: 'Digital help' },
];
