/**
 * A working day of a small wijkleerbedrijf, made through the services, for page tests that need the
 * pages full: helpers with different hours, residents with their streets, and a request in every lane
 * of the board (open, proposed, assigned later, assigned today, done and cancelled), a closure ahead,
 * a participant with a coach. The service's clock ends at Monday 23 November 2026, 11:00 in Amsterdam.
 */
import type { TestApp } from './app.js';
import { MONDAY_8AM } from './app.js';
import { buildHelper, buildResident } from './factories.js';

const HOUR = 3_600_000;
const WEEKDAYS = [1, 2, 3, 4, 5];
const hours = (start: string, end: string) => WEEKDAYS.map((weekday) => ({ weekday, start, end }));

/** A local time on a day of the test clock's week: `day` 23 is Monday 23 November 2026. */
export const at = (day: number, time: string) => `2026-11-${day}T${time}:00+01:00`;

export interface WorkingDay {
  helpers: { anouk: number; bram: number; chantal: number; daan: number };
  residents: number[];
  requests: { open: number; proposed: number; assigned: number; today: number; done: number; cancelled: number };
}

export async function buildWorkingDay(app: TestApp): Promise<WorkingDay> {
  const s = app.services;
  const helper = (overrides: Parameters<typeof buildHelper>[0]) => s.helpers.create(buildHelper(overrides), 'test').id;
  const helpers = {
    anouk: helper({ name: 'Anouk Janssen', availability: hours('08:00', '18:00'), maxHoursPerWeek: 24 }),
    bram: helper({ name: 'Bram Hermans', availability: hours('09:00', '17:00'), phone: '06 1234 5678' }),
    chantal: helper({
      name: 'Chantal Smeets',
      track: 'green',
      skills: ['gardening'],
      availability: hours('12:00', '20:00'),
    }),
    // A morning helper: by 11:00 their hours today are over.
    daan: helper({ name: 'Daan Vos', kind: 'jobseeker', availability: hours('07:00', '10:00') }),
  };
  const people = [
    ['Mevrouw Frijns', 'Kerkstraat', '12', '6371 AB'],
    ['Meneer Hendriks', 'Hoofdstraat', '3', '6372 AD'],
    ['Mevrouw Custers', 'Dorpstraat', '41', '6374 BA'],
    ['Meneer Peters', 'Pannesheiderstraat', '7', '6371 AB'],
    ['Mevrouw Bemelmans', 'Schaesbergerweg', '118', '6372 AD'],
    ['Meneer Quaedvlieg', 'Streeperstraat', '2', '6374 BA'],
  ] as const;
  const residents = people.map(
    ([name, street, houseNumber, postcode]) =>
      s.residents.create(
        buildResident({ name, phone: '045 531 2345', address: { street, houseNumber, postcode, city: 'Landgraaf' } }),
        'test',
      ).id,
  );
  const admin = s.auth.listUsers().find((u) => u.role === 'admin')!;
  const request = (resident: number, skills: string[], start: string, end: string, extra: object = {}) =>
    s.requests.create({ residentId: residents[resident]!, skills, window: { start, end }, ...extra }, null, 'test').id;

  // Done this morning: entered at 08:00, assigned to Anouk, logged at 11:00.
  const done = request(0, ['groceries'], at(23, '09:00'), at(23, '10:00'));
  s.proposals.assign(done, helpers.anouk, admin.id, 'test');
  app.clock.set(MONDAY_8AM + 3 * HOUR);
  s.requests.complete(done, { hours: 1 }, { kind: 'staff', role: 'admin', userId: admin.id, tokenId: 0 }, 'test');

  const today = request(1, ['companionship'], at(23, '14:00'), at(23, '15:30'));
  s.proposals.assign(today, helpers.bram, admin.id, 'test');
  const assigned = request(2, ['groceries'], at(25, '10:00'), at(25, '11:00'), { description: 'Lijstje op tafel' });
  s.proposals.assign(assigned, helpers.anouk, admin.id, 'test');
  const proposed = request(3, ['groceries', 'companionship'], at(24, '13:00'), at(24, '16:00'), {
    durationMinutes: 90,
    urgency: 'high',
  });
  // Nobody does odd jobs: this one stays open, with the reasons why.
  const open = request(4, ['odd-jobs'], at(24, '10:00'), at(24, '12:00'), { urgency: 'urgent' });
  const cancelled = request(5, ['groceries'], at(26, '10:00'), at(26, '11:00'));
  s.requests.cancel(cancelled, 'Bewoner is opgenomen', 'test');

  s.closures.create({ from: '2026-12-24', to: '2026-12-26', reason: 'Kerst' }, 'test');
  const coach = s.auth.listUsers().find((u) => u.role === 'coach')!;
  s.learning.assignCoach(helpers.anouk, coach.id, 'test');
  return { helpers, residents, requests: { open, proposed, assigned, today, done, cancelled } };
}
