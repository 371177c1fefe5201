import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

describe('the request log', () => {
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    t = await startTestApp({ logDestination: sink, logLevel: 'info' });
  });
  afterAll(() => t.close());

  const completed = () => lines.filter((l) => l.msg === 'request completed');

  it('writes one line per request with its id, method, path and status: no query, no token, no body', async () => {
    await t.http.get('/api/v1/skills?q=Mevrouw%20Geheim').set(t.auth()).set('X-Request-Id', 'req-42').expect(200);
    const line = completed().find((l) => l.reqId === 'req-42');
    expect(line).toMatchObject({
      reqId: 'req-42',
      req: { id: 'req-42', method: 'GET', path: '/api/v1/skills' },
      res: { status: 200 },
    });
    expect(typeof line!.responseTime).toBe('number');
    expect(JSON.stringify(line)).not.toContain('Geheim');
    expect(JSON.stringify(line)).not.toContain(t.tokens.dispatcher);

    await t.http.get('/h/a-secret-personal-link-token');
    const link = completed().at(-1)!;
    expect(link.req).toMatchObject({ path: '/h/[token]' });
    expect(JSON.stringify(link)).not.toContain('a-secret-personal-link-token');
  });

  it('gives a request without an X-Request-Id a fresh one, a different one each time', async () => {
    const before = completed().length;
    await t.http.get('/healthz').expect(200);
    await t.http.get('/healthz').expect(200);
    const [a, b] = completed().slice(before);
    expect(a!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b!.reqId).not.toBe(a!.reqId);
  });

  it('sends no ETag with an API reply (it is no-store: nobody would send it back)', async () => {
    const res = await t.http.get('/api/v1/skills').set(t.auth()).expect(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
