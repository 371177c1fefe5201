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
