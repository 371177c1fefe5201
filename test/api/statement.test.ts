import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe("the participant's own view and hours statement", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  const post = async (path: string, body: object) =>
    (await t.http.post(path).set(t.auth()).send(body).expect(201)).body;

  async function jobDone(helperId: number, day: string, hours: number) {
    const resident = await post('/api/v1/residents', buildResident());
    const window = { start: `${day}T10:00:00+01:00`, end: `${day}T12:00:00+01:00` };
    const request = await post('/api/v1/requests', buildRequest(resident.id, { window }));
    await t.http.post(`/api/v1/requests/${request.id}/assign`).set(t.auth()).send({ helperId }).expect(201);
    await t.moveClockTo(Date.parse(`${day}T12:00:00+01:00`));
    await t.http.post(`/api/v1/requests/${request.id}/complete`).set(t.auth()).send({ hours }).expect(200);
  }

  it('prints the completed jobs of the practice period with their total, as a page and as a PDF', async () => {
    const helper = await post('/api/v1/helpers', buildHelper({ name: 'Sanne de Vries' }));
    const other = await post('/api/v1/helpers', buildHelper({ name: 'Anders' }));
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    await t.http
      .patch(`/api/v1/helpers/${helper.id}/learning`)
      .set(t.auth('coach'))
      .send({ period: { start: '2026-11-24', end: '2026-11-30' }, requiredHours: 40 })
      .expect(200);
    await jobDone(helper.id, '2026-11-23', 1);
    await jobDone(helper.id, '2026-11-24', 1.5);
    await jobDone(helper.id, '2026-11-25', 2);
    await jobDone(other.id, '2026-11-26', 2);
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;

    const page = await t.http.get(`/h/${link.token}/statement`).expect(200);
    expect(page.type).toBe('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Urenverklaring');
    expect(page.text).toContain('Sanne de Vries');
    expect(page.text).toContain('2026-11-24 – 2026-11-30');
    // The jobs of the period only (not the 23rd's, not another helper's), and their total.
    expect(page.text.match(/<tbody>.*<\/tbody>/s)![0].match(/<tr>/g)).toHaveLength(2);
    expect(page.text).toContain('2026-11-25');
    expect(page.text).not.toContain('2026-11-23</td>');
    expect(page.text).toMatch(/Totaal<\/td><td class="num">3,5</);
    expect(page.text).toMatch(/Vereist<\/td><td class="num">40</);
    expect(page.text).toContain('>coach<');

    const wider = await t.http.get(`/h/${link.token}/statement?from=2026-11-01&to=2026-11-30`).expect(200);
    expect(wider.text).toMatch(/Totaal<\/td><td class="num">4,5</);
    expect(wider.text).toContain('statement.pdf?from=2026-11-01&amp;to=2026-11-30');

    const pdf = await t.http
      .get(`/h/${link.token}/statement.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.type).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    await t.http.get(`/h/${link.token}/statement?from=gisteren`).expect(400);
    await t.http.get('/h/not-a-token/statement').expect(401);
    await t.http.get('/h/not-a-token/statement.pdf').expect(401);
  });

  it("records the coach's sign-off of a period with its totals frozen, shown on the page and the PDF's source", async () => {
    const helper = await post('/api/v1/helpers', buildHelper({ name: 'Sanne de Vries' }));
    const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
      (u: { role: string }) => u.role === 'coach',
    ).id;
    await t.http.put(`/api/v1/helpers/${helper.id}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
    const signOffs = `/api/v1/helpers/${helper.id}/statement-sign-offs`;

    const noPeriod = await t.http.post(signOffs).set(t.auth('coach')).send({}).expect(400);
    expect(noPeriod.body.error.details[0].field).toBe('from');
    const backwards = await t.http
      .post(signOffs)
      .set(t.auth('coach'))
      .send({ from: '2026-11-30', to: '2026-11-01' })
      .expect(400);
    expect(backwards.body.error.details[0].field).toBe('to');
    await t.http.post(signOffs).set(t.auth()).send({ from: '2026-11-01', to: '2026-11-30' }).expect(403);
    await t.http.post('/api/v1/helpers/999999/statement-sign-offs').set(t.auth('coach')).send({}).expect(404);
    expect((await t.http.get(signOffs).set(t.auth()).expect(200)).body).toEqual([]);

    await t.http
      .patch(`/api/v1/helpers/${helper.id}/learning`)
      .set(t.auth('coach'))
      .send({ period: { start: '2026-11-24', end: '2026-11-30' }, requiredHours: 40 })
      .expect(200);
    await jobDone(helper.id, '2026-11-24', 1.5);
    const signed = (await t.http.post(signOffs).set(t.auth('coach')).send({}).expect(201)).body;
    expect(signed).toMatchObject({
      helperId: helper.id,
      from: '2026-11-24',
      to: '2026-11-30',
      totalHours: 1.5,
      jobs: 1,
      requiredHours: 40,
      signedBy: { id: coachId, name: 'coach' },
      signedAt: new Date(Date.parse('2026-11-24T12:00:00+01:00')).toISOString(),
    });
    // A job of the period completed later changes the statement, not what was signed.
    await jobDone(helper.id, '2026-11-25', 2);
    expect((await t.http.get(signOffs).set(t.auth()).expect(200)).body).toEqual([signed]);
    expect((await t.http.get(signOffs).set(t.auth('coach')).expect(200)).body).toEqual([signed]);
    await t.http.get(signOffs).set(t.auth('intake')).expect(403);

    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const page = await t.http.get(`/h/${link.token}/statement`).expect(200);
    expect(page.text).toMatch(/Totaal<\/td><td class="num">3,5</);
    expect(page.text).toContain('Afgetekend door coach op 2026-11-24: 1,5 uur, 1 klus');
    // Another period was not signed: a line to sign on paper.
    const other = await t.http.get(`/h/${link.token}/statement?from=2026-11-01&to=2026-11-30`).expect(200);
    expect(other.text).toContain('Handtekening coach: ____');
    const statement = t.services.statements.statement(
      { kind: 'helper', role: 'helper', helperId: helper.id, tokenId: 0 },
      helper.id,
    );
    expect(statement.signOff).toEqual(signed);
  });

  it("shows the participant their file and their track's workshops through the link", async () => {
    const helper = await post('/api/v1/helpers', buildHelper({ skills: [{ code: 'groceries', level: 'learning' }] }));
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const file = (await t.http.get('/api/v1/me/learning').set(t.bearer(link.token)).expect(200)).body;
    expect(file).toMatchObject({ helperId: helper.id, skills: [{ code: 'groceries', level: 'learning' }], jobs: [] });
    const workshops = (await t.http.get('/api/v1/me/workshops').set(t.bearer(link.token)).expect(200)).body;
    expect(workshops).toHaveLength(10);
    await t.http.get('/api/v1/me/workshops').set(t.auth()).expect(403);
  });
});
