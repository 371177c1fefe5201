/** A request's life over HTTP, as the API tests drive it: entered by intake, its proposals read back. */
import { Proposal } from '../../src/proposals/proposals.schema.js';
import { HelpRequest } from '../../src/requests/requests.schema.js';
import type { TestApp } from './app.js';
import { buildRequest } from './factories.js';

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
