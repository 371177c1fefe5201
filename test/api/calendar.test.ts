import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Proposal } from '../../src/proposals/proposals.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

const HOUR = 3_600_000;
/** Enough skills, and a street and town long enough (with multi-byte letters), that lines must fold. */
const SKILLS = ['groceries', 'companionship', 'dementia-support', 'accompany-appointment', 'family-support'];
const ADDRESS = {
  street: 'Burgemeester Gijsbertus van Oppenraaij-Übach over Wormsstraat',
  houseNumber: '117a',
  postcode: '6372 XK',
  city: 'Übach over Worms',
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => ({
    uid: vevent.getFirstPropertyValue('uid'),
    start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
    end: (vevent.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().getTime(),
    stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime(),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: vevent.getFirstPropertyValue('status'),
    transparency: vevent.getFirstPropertyValue('transp'),
    summary: vevent.getFirstPropertyValue('summary'),
    location: vevent.getFirstPropertyValue('location'),
    description: vevent.getFirstPropertyValue('description'),
  }));
}

describe('the helper’s calendar feed', () => {
  let t: TestApp;
  let helperId: number;
  let feed: string;
  beforeEach(async () => {
    t = await startTestApp();
    helperId = t.services.helpers.create(buildHelper({ skills: SKILLS }), 'test').id;
    feed = `/h/${t.services.auth.issueHelperLink(helperId, 'test').token}/calendar.ics`;
  });
  afterEach(() => t.close());

  /** A request of the resident's, assigned to the helper by a dispatcher, as it was booked. */
  async function book(residentId: number, overrides: Parameters<typeof buildRequest>[1] = {}) {
    const created = await t.http
      .post('/api/v1/requests')
      .set(t.auth('intake'))
      .send(buildRequest(residentId, { skills: SKILLS, ...overrides }))
      .expect(201);
    const request = HelpRequest.parse(created.body);
    const assigned = await t.http
      .post(`/api/v1/requests/${request.id}/assign`)
      .set(t.auth())
      .send({ helperId })
      .expect(201);
    return { request, proposal: Proposal.parse(assigned.body), at: t.clock() };
  }

  async function fetchFeed(path = feed) {
    const res = await t.http.get(path).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    return res.text;
  }

  function residentWithLongAddress() {
    return t.services.residents.create(buildResident({ phone: '045 531 7788', address: ADDRESS }), 'test').id;
  }

  it('lists the booked job with its time, what and where, in lines that end in CRLF and fold at 75 octets', async () => {
    const { request, proposal } = await book(residentWithLongAddress());
    const ics = await fetchFeed();

    const [event, ...others] = parse(ics);
    expect(others).toEqual([]);
    const labels = new Map(t.services.skills.list().map((s) => [s.code, s.label]));
    expect(event).toMatchObject({
      uid: `request-${request.id}@wijkmatch`,
      start: Date.parse(proposal.start),
      end: Date.parse(proposal.end),
      status: 'CONFIRMED',
      summary: `wijkmatch: ${SKILLS.map((code) => labels.get(code)).join(', ')}`,
      location: `${ADDRESS.street} ${ADDRESS.houseNumber}, ${ADDRESS.postcode} ${ADDRESS.city}`,
      description: 'Telefoon: 045 531 7788',
    });
    // Placed at the start of the window, for the hour it takes.
    expect(event!.start).toBe(Date.parse('2026-11-24T10:00:00+01:00'));
    expect(event!.end - event!.start).toBe(HOUR);

    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/(^|[^\r])\n/);
    const lines = ics.slice(0, -2).split('\r\n');
    const tooLong = lines.filter((line) => Buffer.byteLength(line, 'utf8') > 75);
    expect(tooLong).toEqual([]);
    // The summary and the address do not fit one line: folding was needed, and is undone by a parser.
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThanOrEqual(2);
  });

  it('stamps a job with its last change, not the fetch: the feed is the same until the job changes', async () => {
    const { at } = await book(residentWithLongAddress());
    t.clock.advance(2 * HOUR);
    const first = await fetchFeed();
    t.clock.advance(5 * HOUR);
    const second = await fetchFeed();

    expect(second).toBe(first);
    expect(parse(first)[0]!.stamp).toBe(at);
  });

  it('raises SEQUENCE and DTSTAMP when the job is done, and drops the address', async () => {
    const { request } = await book(residentWithLongAddress());
    const before = parse(await fetchFeed())[0]!;

    // A new day: fresh staff sessions, as the old ones would have expired.
    await t.moveClockTo(Date.parse('2026-11-24T11:30:00+01:00'));
    await t.http.post(`/api/v1/requests/${request.id}/complete`).set(t.auth()).send({ hours: 1 }).expect(200);
    const after = parse(await fetchFeed())[0]!;

    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.stamp).toBe(t.clock());
    expect(after.stamp).toBeGreaterThan(before.stamp);
    expect(after.location).toBe(`6372 ${ADDRESS.city}`);
    expect(after.description).toBeNull();
  });

  it('keeps a cancelled job as STATUS:CANCELLED with a higher SEQUENCE, so a subscribed phone drops its copy', async () => {
    const residentId = residentWithLongAddress();
    await book(residentId);
    const cancelled = await book(residentId, {
      window: { start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T12:00:00+01:00' },
    });
    const before = parse(await fetchFeed());
    expect(before.map((e) => e.status)).toEqual(['CONFIRMED', 'CONFIRMED']);

    t.clock.advance(HOUR);
    await t.http
      .post(`/api/v1/requests/${cancelled.request.id}/cancel`)
      .set(t.auth())
      .send({ reason: 'de bewoner is opgenomen' })
      .expect(200);
    const after = parse(await fetchFeed());

    expect(after[0]).toEqual(before[0]);
    const [was, now] = [before[1]!, after[1]!];
    expect(now).toMatchObject({
      uid: `request-${cancelled.request.id}@wijkmatch`,
      start: was.start,
      end: was.end,
      status: 'CANCELLED',
      transparency: 'TRANSPARENT',
      summary: `Geannuleerd: ${was.summary}`,
      location: `6372 ${ADDRESS.city}`,
      description: null,
      stamp: t.clock(),
    });
    expect(now.sequence).toBeGreaterThan(was.sequence);
  });

  it('refuses a link that was replaced, and the link of a deactivated helper', async () => {
    await book(residentWithLongAddress());
    await fetchFeed();

    const replacement = `/h/${t.services.auth.issueHelperLink(helperId, 'test').token}/calendar.ics`;
    await t.http.get(feed).expect(401);
    await fetchFeed(replacement);

    await t.http.delete(`/api/v1/helpers/${helperId}`).set(t.auth()).expect(200);
    await t.http.get(replacement).expect(401);
  });
});
