/**
 * The HTTP edge, as an attacker or a careless client meets it: bodies that do not decode, paths that
 * do not decode, the personal-link token on every spelling of the link, a chosen request id, and form
 * posts from another site.
 */
import { Writable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { buildHelper } from '../support/factories.js';
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js';

interface LogLine {
  msg: string;
  req?: { id: string; path: string };
}

let t: TestApp;
const log: string[] = [];
const lines = () => log.map((line) => JSON.parse(line) as LogLine);

beforeAll(async () => {
  t = await startTestApp({
    logLevel: 'info',
    logDestination: new Writable({
      write(chunk, _encoding, done) {
        log.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  });
});
beforeEach(() => {
  log.length = 0;
});
afterAll(() => t.close());

const LOGIN = { email: 'admin@wijkmatch.test', password: PASSWORD };

describe('a body that does not decode as its Content-Encoding says', () => {
  it.each([
    ['gzip', Buffer.from('{"email":"x"}')],
    ['deflate', Buffer.from('not deflated')],
    ['br', Buffer.from([0xff, 0xff, 0xff])],
    ['gzip', gzipSync(JSON.stringify(LOGIN)).subarray(0, 12)],
  ])('is a 400 naming the body on the unauthenticated login (%s)', async (encoding, bytes) => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .set('content-encoding', encoding)
      .serialize((b: string) => b)
      .send(bytes);
    expect([res.status, res.type, res.body.error.code, res.body.error.details[0].field]).toEqual([
      400,
      'application/json',
      'validation_failed',
      'body',
    ]);
    expect(lines().filter((l) => l.msg === 'unhandled error')).toEqual([]);
  });

  it('is a 400 on the login form too, and no session', async () => {
    const res = await t.http
      .post('/login')
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('content-encoding', 'gzip')
      .send('email=admin%40wijkmatch.test&password=x');
    expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('is read like any other when it really is compressed', async () => {
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(JSON.stringify(LOGIN))],
      ['deflate', deflateSync(JSON.stringify(LOGIN))],
    ] as const) {
      const res = await t.http
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .set('content-encoding', encoding)
        .serialize((b: string) => b)
        .send(bytes);
      expect(res.status, encoding).toBe(200);
    }
  });
});

describe('a path whose percent-encoding is broken', () => {
  it.each(['/api/v1/helpers/%E0%A4%A', '/api/v1/residents/%', '/h/%ZZ', '/h/%ZZ/calendar.ics'])(
    '%s is a 400 naming the path, not a 500',
    async (path) => {
      const res = await t.http.get(path).set(t.auth());
      expect([res.status, res.body.error.code, res.body.error.details[0].field]).toEqual([
        400,
        'validation_failed',
        'path',
      ]);
    },
  );
});

describe('the personal-link token in the logs', () => {
  let token: string;
  beforeAll(() => {
    const helperId = t.services.helpers.create(buildHelper(), 'test').id;
    token = t.services.auth.issueHelperLink(helperId, 'test').token;
  });

  it.each([
    ['/h/TOKEN', 200],
    ['/H/TOKEN', 200],
    ['/h/TOKEN/', 200],
    ['/H/TOKEN/CALENDAR.ICS', 200],
    ['/h/TOKEN/calendar.ics?x=1', 200],
    ['//h/TOKEN', 404],
    ['/%68/TOKEN', 404],
    ['/h%2FTOKEN', 404],
    ['/h/%54OKEN', 200],
    ['/h/TOKEN%00', 401],
    ['/x/h/TOKEN', 404],
    ['/h/TOKEN-but-mistyped', 401],
    ['/h/TOK', 401],
  ])('never reaches them: %s', async (spelling, status) => {
    // `%54` is `T`: the token percent-encoded, a letter at a time.
    const path = spelling
      .replace('TOKEN', token)
      .replace('%54OKEN', `%${token.charCodeAt(0).toString(16)}${token.slice(1)}`);
    const res = await t.http.get(path);
    expect(res.status).toBe(status);
    const completed = lines().filter((l) => l.msg === 'request completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.req!.path).toContain('[token]');
    expect(log.join('\n')).not.toContain(token);
    expect(log.join('\n')).not.toContain(token.slice(0, 16));
  });
});

describe('the request id', () => {
  const loggedId = () => lines().find((l) => l.msg === 'request completed')!.req!.id;

  it('is the client’s when short and plain, so a proxy’s log lines up with ours', async () => {
    await t.http.get('/healthz').set('x-request-id', 'edge-7f3a.01_B').expect(200);
    expect(loggedId()).toBe('edge-7f3a.01_B');
  });

  it.each([
    ['3,000 characters', 'a'.repeat(3_000)],
    ['65 characters', 'a'.repeat(65)],
    ['a forged log line', 'x","level":60,"msg":"forged'],
    ['spaces', 'two words'],
    ['a slash', '../etc'],
    ['nothing', ''],
  ])('is one of our own when the client sends %s', async (_name, given) => {
    await t.http.get('/healthz').set('x-request-id', given).expect(200);
    expect(loggedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(log.join('\n')).not.toContain(given || '"id":""');
  });
});

describe('the login and logout forms', () => {
  const form = () => t.http.post('/login').type('form');
  const body = { email: 'dispatcher@wijkmatch.test', password: PASSWORD };

  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['Origin null (a sandboxed frame)', { origin: 'null' }],
    ['a Referer of another site and no Origin', { referer: 'https://evil.example/login.html' }],
    ['an unreadable Referer and no Origin', { referer: 'not a url' }],
    ['an Origin that only looks like ours', { origin: 'http://wijkmatch.test.evil.example' }],
  ])('refuse a login posted from %s, with 403 and no session', async (_name, headers) => {
    const res = await form().set(headers).send(body);
    expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['the configured origin', { origin: 'http://wijkmatch.test' }],
    ['the origin of the host addressed', { host: 'desk.example:8080', origin: 'http://desk.example:8080' }],
    ['a Referer on the configured origin', { referer: 'http://wijkmatch.test/login?next=/board' }],
    ['no Origin or Referer (not a browser page)', {}],
  ])('accept a login posted from %s', async (_name, headers) => {
    const res = await form().set(headers).send(body);
    expect(res.status).toBe(303);
    expect(res.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it('refuse a logout posted from another site, and the session lives on', async () => {
    const token = (await t.services.auth.login('intake@wijkmatch.test', PASSWORD)).token;
    const cookie = `${SESSION_COOKIE}=${token}`;
    const res = await t.http.post('/logout').set({ cookie, origin: 'https://evil.example' });
    expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
    await t.http.get('/api/v1/skills').set(t.bearer(token)).expect(200);

    await t.http.post('/logout').set({ cookie, origin: 'http://wijkmatch.test' }).expect(303);
    await t.http.get('/api/v1/skills').set(t.bearer(token)).expect(401);
  });
});
