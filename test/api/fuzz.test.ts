/**
 * A fuzz suite generated from the OpenAPI document: every operation, as every role (admin, dispatcher,
 * intake, a helper's link, nobody), gets requests valid by its schemas and requests with one thing
 * broken. Every answer must be one the operation declares (status, and a body valid against that
 * status's schema), never a 5xx; an input the document calls invalid is refused, and a validation error
 * names the field that was wrong. Deterministic by seed: `FC_SEED=N npx vitest run test/api/fuzz.test.ts`.
 */
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES, type UserRole } from '../../src/domain.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';
import { type FuzzCase, idField, mutatedCase, ODD_IDS, READ_AS_NUMBERS, validCase } from '../support/fuzz-cases.js';
import { type Doc, type Op, operationsOf, schemaValidator } from '../support/openapi.js';
import { schaesbergCentroid } from '../support/postcodes.js';
import { dateTimeText, type Hint } from '../support/schema-arbitrary.js';
import { PASSWORD, startTestApp } from '../support/app.js';

/** Runs per operation and role: valid requests, then mutated ones. */
const VALID_RUNS = 3;
const MUTATED_RUNS = 8;
/**
 * Operations that cost a password hash (argon2, tens of milliseconds) per run, or a new login after
 * it (logout), run a third as often, to keep CI's time.
 */
const COSTLY = new Set(['login', 'createUser', 'logout']);
const runs = (id: string, count: number) => (COSTLY.has(id) ? Math.ceil(count / 3) : count);

type Who = UserRole | 'helper' | 'nobody';
const WHO: readonly Who[] = [...USER_ROLES, 'helper', 'nobody'];

/** The service's error log: a 5xx's stack goes into the failure message. */
const errorLog: string[] = [];
const t = await startTestApp({
  // Fuzzed second-factor codes and current passwords count as failed logins, as they must; the fuzz
  // logs in again after a fuzzed deactivation, which the login limit (tested in sessions.test.ts) must not stop.
  login: { perAccount: 1_000_000, perAddress: 1_000_000, windowMinutes: 15 },
  logLevel: 'error',
  logDestination: new Writable({
    write(chunk, _encoding, done) {
      errorLog.push(String(chunk));
      done();
    },
  }),
});
// A postcode table as an installation has one (npm run import:postcodes): without a geocoder and without
// it, every well-formed address lookup is rightly a 503, which the fuzz would take for a failure.
schaesbergCentroid(t.db, '6372AD', LANDGRAAF.lat, LANDGRAAF.lon, t.clock());
const server: Server = createServer(t.app);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const http = supertest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
const doc = (await http.get('/api/v1/openapi.json').expect(200)).body as Doc;
const OPS = operationsOf(doc);
const invalidBy = schemaValidator(doc);
const SKILLS = t.services.skills.list().map((s) => s.code);

/** The helper whose link is the `helper` role: kept out of the ids the suite deactivates or relinks. */
const linkHelperId = t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test').id;
let helperToken = t.services.auth.issueHelperLink(linkHelperId, 'test').token;
const roleUserIds = new Map<UserRole, number>();

afterAll(async () => {
  await new Promise((done) => server.close(done));
  t.close();
});

/** The resources under /api/v1 with ids, each kept in the table of its name. */
const RESOURCES = ['helpers', 'residents', 'requests', 'proposals', 'series', 'closures', 'users', 'workshops'];
/** Ids that exist, per resource, read again after every write so that new rows get fuzzed too. */
const pools: Record<string, number[]> = {};
function refreshPools(): void {
  for (const resource of RESOURCES) {
    const ids = t.db.$client.prepare(`select id from ${resource} order by id`).pluck().all() as number[];
    pools[resource] = ids.filter(
      (id) =>
        !(resource === 'helpers' && id === linkHelperId) &&
        !(resource === 'users' && [...roleUserIds.values()].includes(id)),
    );
  }
}

/** An existing id, or one that does not exist: valid either way by the schema. */
const idOf = (resource: string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.nat().map((i) => pools[resource]![i % Math.max(1, pools[resource]!.length)] ?? 999_999),
    },
    { weight: 1, arbitrary: fc.constant(999_999) },
  );
/** The table an operation's `{id}` is from: the first segment, or the helper's own jobs under /me. */
const resourceOf = (op: Op) => (op.path.startsWith('/api/v1/me/') ? 'requests' : op.path.split('/')[3]!);
const ID_FIELDS: Record<string, string> = {
  residentId: 'residents',
  helperId: 'helpers',
  excludedHelperIds: 'helpers',
};

const QUARTER_MS = 15 * 60_000;
const hint: Hint = (path, schema) => {
  const last = path.at(-1);
  const parent = path.at(-2);
  if (last === '*' && parent === 'skills' && schema.type === 'string') return fc.constantFrom(...SKILLS);
  if (last === 'code' && path.at(-3) === 'skills' && schema.type === 'string') return fc.constantFrom(...SKILLS);
  const idResource = ID_FIELDS[last === '*' ? parent! : last!];
  if (idResource && schema.type === 'integer') return idOf(idResource);
  if (last === 'window')
    return fc.tuple(fc.integer({ min: -8, max: 14 * 96 }), fc.integer({ min: 1, max: 16 })).map(([q, length]) => ({
      start: dateTimeText(t.clock() + q * QUARTER_MS),
      end: dateTimeText(t.clock() + (q + length) * QUARTER_MS),
    }));
  if (last === 'location')
    return fc.record({
      lat: fc.double({ min: LANDGRAAF.lat - 0.05, max: LANDGRAAF.lat + 0.05, noNaN: true }),
      lon: fc.double({ min: LANDGRAAF.lon - 0.05, max: LANDGRAAF.lon + 0.05, noNaN: true }),
    });
  if (last === '*' && parent === 'availability')
    return fc
      .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 6, max: 12 }), fc.integer({ min: 1, max: 10 }))
      .map(([weekday, from, hours]) => ({
        weekday,
        start: `${String(from).padStart(2, '0')}:00`,
        end: `${String(Math.min(24, from + hours)).padStart(2, '0')}:00`,
      }));
  return undefined;
};

const caseOptions = {
  now: t.clock(),
  hint,
  pathParam: (op: Op) => idOf(resourceOf(op)).map(String),
  queryHint: (_op: Op, name: string) => {
    const resource = ID_FIELDS[name];
    if (resource) return idOf(resource).map(String);
    if (name === 'status')
      return fc
        .subarray(['open', 'proposed', 'assigned', 'completed', 'cancelled'], { minLength: 1 })
        .map((s) => s.join(','));
    return undefined;
  },
};

function credentials(who: Who): Record<string, string> {
  if (who === 'nobody') return {};
  return t.bearer(who === 'helper' ? helperToken : t.tokens[who]);
}

function send(o: Op, who: Who, c: FuzzCase): supertest.Test {
  const url = o.path.replace(/\{(\w+)\}/g, (_, name: string) => c.params[name] ?? '1');
  // A lone surrogate has no UTF-8: it goes as U+FFFD, as a browser would send it.
  const encode = (text: string) => encodeURIComponent(Buffer.from(text).toString());
  const query = Object.entries(c.query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => `${encode(key)}=${encode(v)}`),
  );
  let req = http[o.method](query.length ? `${url}?${query.join('&')}` : url)
    .set(credentials(who))
    .set(c.headers)
    .timeout(20_000);
  if (c.raw) {
    req = req.set('content-type', c.raw.contentType);
    if (c.raw.contentEncoding) req = req.set('content-encoding', c.raw.contentEncoding);
    // As given: superagent would otherwise write a Buffer sent as JSON out as `{"type":"Buffer",…}`.
    req = req.serialize((bytes: string) => bytes).send(Buffer.from(c.raw.bytes));
  } else if (c.body !== undefined) req = req.set('content-type', 'application/json').send(JSON.stringify(c.body));
  return req;
}

/** Whether an error detail is about the field the case broke (or a field inside or around it). */
function names(field: string, target: string): boolean {
  // A body replaced as a whole is wrong wherever the service looks first.
  if (target === 'body') return true;
  return field === target || field.startsWith(`${target}.`) || target.startsWith(`${field}.`);
}

/** Requests sent, per operation class (the document's tag) and per outcome. */
const sent = new Map<string, { valid: number; mutated: number; ok: number; refused: number; ms: number }>();

async function check(o: Op, who: Who, c: FuzzCase): Promise<void> {
  const started = performance.now();
  const res = await send(o, who, c);
  const tag = o.tags[0]!;
  const count = sent.get(tag) ?? { valid: 0, mutated: 0, ok: 0, refused: 0, ms: 0 };
  count.ms += performance.now() - started;
  count[c.kind === 'valid' ? 'valid' : 'mutated'] += 1;
  count[res.status < 400 ? 'ok' : 'refused'] += 1;
  sent.set(tag, count);
  const what = `${o.operationId} as ${who}, ${c.kind}${c.target ? ` (${c.target.in} ${c.target.field})` : ''} ${JSON.stringify(c.params)}: ${res.status} ${res.text.slice(0, 300)}`;

  expect(res.status, `${what}\n${errorLog.slice(-3).join('')}`).toBeLessThan(500);
  const declared = o.responses[res.status];
  expect(declared, `undeclared status: ${what}`).toBeDefined();
  const schema = declared!.content?.['application/json'].schema;
  // A report asked for as CSV or XLSX answers in a type it declares beside JSON.
  if (res.type !== 'application/json' && declared!.content?.[res.type]) expect(res.status, what).toBe(200);
  else if (schema) {
    expect(res.type, what).toBe('application/json');
    expect(invalidBy(schema, res.body), what).toBeNull();
  } else expect(res.text, what).toBe('');

  const bodySchema = o.requestBody?.content['application/json']?.schema;
  const declaresQuery = o.parameters?.some((p) => p.in === 'query') ?? false;
  const documentRefuses =
    (c.target?.in === 'body' && bodySchema && c.body !== undefined && invalidBy(bodySchema, c.body) !== null) ||
    (c.kind === 'query.unknown' && declaresQuery) ||
    (c.kind === 'path.odd' && !READ_AS_NUMBERS.has(Object.values(c.params)[0]!)) ||
    (c.kind === 'raw.malformed' && bodySchema !== undefined);
  if (documentRefuses) expect(res.status, `the document refuses this input: ${what}`).toBeGreaterThanOrEqual(400);

  const code = res.body?.error?.code as string | undefined;
  if (code === 'validation_failed' || code === 'invalid_json') {
    const details = res.body.error.details as { field?: string }[];
    expect(details.length, what).toBeGreaterThan(0);
    for (const detail of details) expect(detail.field, what).toMatch(/\S/);
    if (c.target && documentRefuses && !details.some((d) => names(d.field!, c.target!.field)))
      await expectExplainedByControl(o, who, c, details, what);
  }
  await afterCall(o, who, res.status);
}

/**
 * A detail that does not name the broken field must be one the valid case it came from gets too: the
 * service refuses things the document cannot state (`activeUntil` before `activeFrom`, a name of
 * spaces once trimmed), and it reads the body before the path and the query, so such a refusal can
 * stand beside the broken field, or hide it.
 */
async function expectExplainedByControl(
  o: Op,
  who: Who,
  c: FuzzCase,
  details: { field?: string }[],
  what: string,
): Promise<void> {
  const blame = `no detail names ${c.target!.field}: ${what}`;
  expect(c.control, blame).toBeDefined();
  const control = await send(o, who, c.control!);
  const refused = new Set(((control.body?.error?.details ?? []) as { field?: string }[]).map((d) => d.field));
  for (const detail of details)
    expect(names(detail.field!, c.target!.field) || refused.has(detail.field), blame).toBe(true);
}

/**
 * The suite's own credentials stay usable: a case may log a role out, or reach a role's user or the
 * link's helper through an id such as `+1` and deactivate them. Whoever got a 401 is restored and gets
 * fresh credentials, so no later case is refused for an earlier one's doing.
 */
async function afterCall(o: Op, who: Who, status: number): Promise<void> {
  if (o.method !== 'get' && status < 400) refreshPools();
  if (status !== 401 || who === 'nobody') return;
  if (who === 'helper') {
    t.services.helpers.update(linkHelperId, { active: true, activeFrom: null, activeUntil: null }, 'test');
    helperToken = t.services.auth.issueHelperLink(linkHelperId, 'test').token;
    return;
  }
  await t.services.auth.updateUser(roleUserIds.get(who)!, { active: true, role: who }, 'test');
  t.tokens[who] = (await t.services.auth.login(`${who}@wijkmatch.test`, PASSWORD)).token;
}

beforeAll(async () => {
  for (const role of USER_ROLES)
    roleUserIds.set(role, t.services.auth.listUsers().find((u) => u.email === `${role}@wijkmatch.test`)!.id);
  // Something of everything to find, before the fuzzing adds its own.
  for (let i = 0; i < 3; i += 1) {
    t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    await t.services.auth.createUser(
      { email: `fodder${i}@wijkmatch.test`, password: PASSWORD, name: `Fodder ${i}`, role: 'intake' },
      null,
    );
  }
  // Jobs on the week's days, each offered to the link's helper too: proposals for every role to answer.
  for (const day of ['24', '25', '26', '27']) {
    const residentId = t.services.residents.create(buildResident(), 'test').id;
    const window = { start: `2026-11-${day}T10:00:00+01:00`, end: `2026-11-${day}T12:00:00+01:00` };
    const request = await http.post('/api/v1/requests').set(t.auth()).send(buildRequest(residentId, { window }));
    expect(request.status).toBe(201);
    await http.post(`/api/v1/requests/${request.body.id}/proposals`).set(t.auth()).send({ helperId: linkHelperId });
  }
  refreshPools();
  expect(pools.proposals!.length).toBeGreaterThanOrEqual(4);
});

/**
 * Each (operation, role) draws from its own seed, derived from the file's: the same cases for every
 * role would test one role's refusal five times over. `FC_SEED` still replays the whole file.
 */
const FILE_SEED = fc.readConfigureGlobal().seed ?? 0;
const seedOf = (...parts: (string | number)[]) =>
  [...parts.join(' ')].reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0, FILE_SEED);

describe.each(OPS.map((o) => [o.operationId, o] as const))('%s', (id, o) => {
  it.each(WHO)('as %s: valid and mutated requests answer only what the document declares', async (who) => {
    await fc.assert(
      fc.asyncProperty(validCase(doc, o, caseOptions), (c) => check(o, who, c)),
      { numRuns: runs(id, VALID_RUNS), seed: seedOf(id, who, 'valid') },
    );
    await fc.assert(
      fc.asyncProperty(mutatedCase(doc, o, caseOptions), (c) => check(o, who, c)),
      { numRuns: runs(id, MUTATED_RUNS), seed: seedOf(id, who, 'mutated') },
    );
  });
});

describe('every operation, as admin, with each odd id and each bad body encoding', () => {
  it.each(OPS.map((o) => [o.operationId, o] as const))('%s', async (_id, o) => {
    // A body valid by the document, so that the id is the one thing wrong.
    const [base] = fc.sample(validCase(doc, o, caseOptions), 1) as [FuzzCase];
    if (o.parameters?.some((p) => p.in === 'path'))
      for (const id of ODD_IDS)
        await check(o, 'admin', {
          ...base,
          kind: 'path.odd',
          control: base,
          params: { id },
          target: { in: 'params', field: idField('id', id) },
        });
    for (const contentEncoding of ['gzip', 'deflate', 'br', 'bogus'])
      await check(o, 'admin', {
        ...base,
        kind: 'raw.encoding',
        raw: { bytes: '{"not":"compressed"}', contentType: 'application/json', contentEncoding },
      });
  });
});

/** What the suite found, kept as cases that run every time: each was a 500 before its fix. */
const FOUND: [string, Who, FuzzCase][] = [
  ['updateUser', 'admin', { kind: 'valid', params: { id: '4' }, query: {}, headers: {}, body: {} }],
  [
    'login',
    'nobody',
    {
      kind: 'raw.encoding',
      params: {},
      query: {},
      headers: {},
      raw: { bytes: '{"email":"a@b.nl"}', contentType: 'application/json', contentEncoding: 'gzip' },
    },
  ],
  [
    'getResident',
    'intake',
    {
      kind: 'path.odd',
      params: { id: '%E0%A4%A' },
      query: {},
      headers: {},
      target: { in: 'params', field: 'path' },
    },
  ],
];

describe('what the suite found, kept', () => {
  it.each(FOUND)('%s as %s', async (id, who, c) => {
    await check(
      OPS.find((o) => o.operationId === id)!,
      who,
      c,
    );
  });
});

afterAll(() => {
  const rows = [...sent].sort(([a], [b]) => a.localeCompare(b));
  const total = rows.reduce((sum, [, c]) => sum + c.valid + c.mutated, 0);
  console.log(
    [
      `fuzz: ${total} requests over ${OPS.length} operations × ${WHO.length} roles`,
      ...rows.map(
        ([tag, c]) =>
          `  ${tag.padEnd(10)} ${String(c.valid + c.mutated).padStart(5)} (valid ${c.valid}, mutated ${c.mutated}; 2xx ${c.ok}, 4xx ${c.refused}; ${(c.ms / 1000).toFixed(1)} s)`,
      ),
    ].join('\n'),
  );
});
