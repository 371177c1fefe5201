/** A request's life over HTTP, as the API tests drive it: entered by intake, its proposals read back. */
import { Proposal } from '../../src/proposals/proposals.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import type { TestApp } from './app.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from './factories.js';

export async function enterRequest(t: TestApp, residentId: number, overrides: Parameters<typeof buildRequest>[1] = {}) {
  const res = await t.http
    .post('/api/v1/requests')
    .set(t.auth('intake'))
    .send(buildRequest(residentId, overrides))
    .expect(201);
  return HelpRequest.parse(res.body);
}

export async function proposalsOf(t: TestApp, requestId: number) {
  const res = await t.http.get(`/api/v1/requests/${requestId}/proposals`).set(t.auth()).expect(200);
  return Proposal.array().parse(res.body);
}

/** Helpers ever further north of the resident, entered over HTTP: the first is the best candidate. */
export async function helpersInLine(t: TestApp, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const body = buildHelper({ location: { lat: LANDGRAAF.lat + 0.002 * (i + 1), lon: LANDGRAAF.lon } });
    ids.push((await t.http.post('/api/v1/helpers').set(t.auth()).send(body).expect(201)).body.id as number);
  }
  return ids;
}

/** A resident entered by intake over HTTP; their id. */
export async function newResident(t: TestApp): Promise<number> {
  return (await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident()).expect(201)).body
    .id as number;
}
