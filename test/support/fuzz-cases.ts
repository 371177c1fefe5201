/**
 * What the fuzz suite sends: a request valid by the operation's schemas, or one with a single thing
 * broken (a field dropped or retyped, a huge or strange string, a bad number or date, an extra field, a
 * body that is not an object, bytes that are not JSON, another content type or encoding, an odd id or
 * query). Each case says where it broke the input, so the answer can be held to naming that field.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { type Doc, type Op, resolve, type SchemaObject } from './openapi.js';
import { arbitraryOf, type ArbitraryOptions } from './schema-arbitrary.js';

export interface RawBody {
  bytes: string | Buffer;
  contentType: string;
  contentEncoding?: string;
}

export interface FuzzCase {
  /** `valid`, or the mutation applied (`body.drop`, `raw.encoding`, `path.odd`, …). */
  kind: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
  raw?: RawBody;
  /** Where the input was broken, when one field was: `body` + `window.start`, `query` + `limit`. */
  target?: { in: 'body' | 'query' | 'params' | 'headers'; field: string };
  /** The valid case a broken one was made from. */
  control?: FuzzCase;
}

export interface CaseOptions extends ArbitraryOptions {
  /** Path parameters (all are ids here), drawn from what exists so that the valid ones find data. */
  pathParam: (op: Op, name: string) => fc.Arbitrary<string>;
  /** Query parameters the schema cannot fill well (ids, status lists). */
  queryHint?: (op: Op, name: string) => fc.Arbitrary<string> | undefined;
}

type Path = (string | number)[];

/** The JSON body's schema; an upload (a spreadsheet to import) has none, and is sent no body. */
const bodySchema = (op: Op): SchemaObject | undefined => op.requestBody?.content['application/json']?.schema;

/** Every path into a JSON value, leaves and inner nodes alike, the root excluded. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], value);
}

/** A copy of `value` with the node at `path` replaced (`undefined` removes it). */
function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const next = setAt(copy[head!], rest, replacement);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else copy[head!] = next;
  return copy;
}

const fieldName = (path: Path) => path.map(String).join('.');

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1, 2], { nested: true }];
const HUGE_LENGTHS = [61, 121, 201, 2_001, 4_001, 20_000, 90_000];
const STRANGE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  'Z̴̡̛͉a̶l̷g̸o̵',
  '𝕳𝖊𝖑𝖕',
  '👩‍👩‍👧‍👦',
  '<script>alert(1)</script>',
  "'; drop table residents; --",
  '../../../etc/passwd',
  '%00',
  '\r\nSet-Cookie: x=1',
  ' ',
  '\t\n',
  '0',
  'null',
];
const BAD_NUMBERS: unknown[] = [-1, 0, -0.5, 1.5, 1e308, -1e308, 2 ** 53 + 2, Number.MIN_VALUE, 1e-320, '12', '1e3'];
const BAD_DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-11-24T25:00:00+01:00',
  '2026-11-24T10:00:00',
  '2026-11-24 10:00',
  '24-11-2026',
  'yesterday',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '2026-11-24T10:00:00+25:00',
  '1969-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '2026-W48',
];
/** JSON text the parser must refuse, or read as something the schema refuses. */
const MALFORMED_JSON = [
  '{"oops',
  '{"a":}',
  '{',
  '}',
  'nul',
  "{'single':1}",
  '{"a":1}{"b":2}',
  '{"a":1,}',
  '\u0000',
  '['.repeat(5_000),
  `${'['.repeat(2_000)}${']'.repeat(2_000)}`,
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '1e309',
  '"a string"',
  'true',
  'null',
];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=iso-8859-1',
  'application/json; charset=nonsense',
  'application/vnd.api+json',
  'application/xml',
];
const ENCODINGS = ['gzip', 'deflate', 'br', 'GZIP', 'bogus', 'gzip, gzip', 'identity, gzip', 'x-gzip', 'compress'];
/** Ids as a client may really send them: every one must be a 400 or a 404, never a 500. */
export const ODD_IDS = [
  '0',
  '-1',
  '1e309',
  '%00',
  'abc',
  '1.5',
  '99999999999999999999',
  '%20',
  '0x10',
  '%EF%BC%91',
  '1%2F2',
  '9'.repeat(400),
  '+1',
  '1e3',
  'NaN',
  'Infinity',
  'null',
  '%F0%9F%92%A5',
  '%E0%A4%A',
  '%',
  '%ZZ',
  '1;2',
  '__proto__',
];
/** Odd ids the service reads as numbers, as `Number()` does (`0x10` is 16): the others it must refuse. */
export const READ_AS_NUMBERS = new Set(['0x10', '+1', '1e3']);

/** The field a refused id is reported under: the parameter, or the whole path when it does not even decode. */
export function idField(name: string, id: string): string {
  try {
    decodeURIComponent(id);
    return name;
  } catch {
    return 'path';
  }
}

export function validCase(doc: Doc, op: Op, options: CaseOptions): fc.Arbitrary<FuzzCase> {
  const params = op.parameters ?? [];
  const entries = <T>(arbs: [string, fc.Arbitrary<T>][]) =>
    arbs.length ? fc.record(Object.fromEntries(arbs)) : fc.constant({} as Record<string, T>);
  const path = entries(params.filter((p) => p.in === 'path').map((p) => [p.name, options.pathParam(op, p.name)]));
  const queryParams = params.filter((p) => p.in === 'query');
  const query = queryParams.length
    ? fc.record(
        Object.fromEntries(
          queryParams.map((p) => [
            p.name,
            options.queryHint?.(op, p.name) ?? arbitraryOf(doc, p.schema, options).map(String),
          ]),
        ),
        { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
      )
    : fc.constant({});
  const headerParams = params.filter((p) => p.in === 'header');
  const headers = headerParams.length
    ? fc.record(
        Object.fromEntries(headerParams.map((p) => [p.name, arbitraryOf(doc, p.schema, options).map(String)])),
        { requiredKeys: [] },
      )
    : fc.constant({});
  const schema = bodySchema(op);
  const body = schema ? arbitraryOf(doc, schema, options) : fc.constant(undefined);
  return fc.record({ params: path, query, headers, body }).map((c) => ({
    kind: 'valid',
    params: c.params as Record<string, string>,
    query: c.query as Record<string, string>,
    headers: c.headers as Record<string, string>,
    body: c.body,
  }));
}

/** One thing broken in a valid case. */
export function mutatedCase(doc: Doc, op: Op, options: CaseOptions): fc.Arbitrary<FuzzCase> {
  const mutations: fc.Arbitrary<FuzzCase>[] = [];
  const base = validCase(doc, op, options);
  const schema = bodySchema(op);
  if (schema) mutations.push(base.chain(bodyMutation), base.chain(bodyMutation), base.chain(bodyMutation));
  mutations.push(base.chain((c) => rawMutation(c, schema !== undefined)));
  const params = op.parameters ?? [];
  if (params.some((p) => p.in === 'path')) mutations.push(base.chain(pathMutation));
  const queryNames = params.filter((p) => p.in === 'query').map((p) => p.name);
  mutations.push(base.chain((c) => queryMutation(c, queryNames)));
  const headerNames = params.filter((p) => p.in === 'header').map((p) => p.name);
  if (headerNames.length) mutations.push(base.chain((c) => headerMutation(c, headerNames)));
  return fc.oneof(...mutations);

  function bodyMutation(c: FuzzCase): fc.Arbitrary<FuzzCase> {
    const paths = pathsOf(c.body);
    const anyPath = paths.length ? fc.constantFrom(...paths) : fc.constant<Path>([]);
    const at = (kind: string, path: Path, value: unknown): FuzzCase => ({
      ...c,
      kind: `body.${kind}`,
      control: c,
      body: setAt(c.body, path, value),
      target: { in: 'body', field: fieldName(path) || 'body' },
    });
    const objectPaths = [[], ...paths].filter((p) => {
      const node = getAt(c.body, p);
      return node && typeof node === 'object' && !Array.isArray(node);
    });
    const requiredPaths = requiredPathsOf(doc, schema!, c.body);
    return fc.oneof(
      requiredPaths.length
        ? fc.constantFrom(...requiredPaths).map((p) => at('drop', p, undefined))
        : anyPath.map((p) => at('drop', p, undefined)),
      fc.tuple(anyPath, fc.constantFrom(...WRONG_TYPES)).map(([p, v]) => at('retype', p, v)),
      fc
        .tuple(anyPath, fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom('x', 'é', '😀', '9'))
        .map(([p, n, ch]) => at('huge', p, ch.repeat(n))),
      fc
        .tuple(anyPath, fc.oneof(fc.constantFrom(...STRANGE_STRINGS), fc.string({ unit: 'binary', maxLength: 30 })))
        .map(([p, v]) => at('unicode', p, v)),
      fc.tuple(anyPath, fc.constantFrom(...BAD_NUMBERS)).map(([p, v]) => at('number', p, v)),
      fc.tuple(anyPath, fc.constantFrom(...BAD_DATES)).map(([p, v]) => at('date', p, v)),
      fc
        .tuple(fc.constantFrom(...objectPaths), fc.constantFrom('unexpected', 'id', 'status', 'role', 'toString'))
        .map(([p, key]) => ({
          ...at('extra', [...p, key], 'surprise'),
          target: { in: 'body' as const, field: fieldName([...p, key]) },
        })),
      fc.constantFrom<unknown>([], 'text', 42, true, [c.body], { body: c.body }).map((v) => ({
        ...c,
        kind: 'body.shape',
        control: c,
        body: v,
        target: { in: 'body' as const, field: 'body' },
      })),
    );
  }

  function rawMutation(c: FuzzCase, hasBody: boolean): fc.Arbitrary<FuzzCase> {
    const json = JSON.stringify(c.body ?? {});
    const raw = (kind: string, body: RawBody): FuzzCase => ({ ...c, kind: `raw.${kind}`, body: undefined, raw: body });
    const garbage = fc.uint8Array({ minLength: 0, maxLength: 64 }).map((bytes) => Buffer.from(bytes));
    return fc.oneof(
      fc
        .constantFrom(...MALFORMED_JSON, json.slice(0, Math.max(1, json.length - 1)))
        .map((bytes) => raw('malformed', { bytes, contentType: 'application/json' })),
      fc.constantFrom(...OTHER_TYPES).map((contentType) => raw('type', { bytes: hasBody ? json : 'a=1', contentType })),
      fc
        .tuple(fc.constantFrom(...ENCODINGS), garbage)
        .map(([contentEncoding, bytes]) =>
          raw('encoding', { bytes, contentType: 'application/json', contentEncoding }),
        ),
      // A body compressed as it says: read like any other.
      fc.constant(raw('gzip', { bytes: gzipSync(json), contentType: 'application/json', contentEncoding: 'gzip' })),
    );
  }

  function pathMutation(c: FuzzCase): fc.Arbitrary<FuzzCase> {
    const name = Object.keys(c.params)[0]!;
    return fc.constantFrom(...ODD_IDS).map((id) => ({
      ...c,
      kind: 'path.odd',
      control: c,
      params: { ...c.params, [name]: id },
      target: { in: 'params' as const, field: idField(name, id) },
    }));
  }

  function queryMutation(c: FuzzCase, names: string[]): fc.Arbitrary<FuzzCase> {
    const unknown = fc.constantFrom('unexpected', 'id', '__proto__', 'limit[]', 'q[0]').map((key) => ({
      ...c,
      kind: 'query.unknown',
      control: c,
      query: { ...c.query, [key]: '1' },
      target: { in: 'query' as const, field: key },
    }));
    if (!names.length) return unknown;
    const odd = fc
      .tuple(
        fc.constantFrom(...names),
        fc.oneof(
          fc.constantFrom('', '-1', '0', '1e309', 'NaN', '1.5', 'true', ...BAD_DATES, ...STRANGE_STRINGS),
          fc.constantFrom(...HUGE_LENGTHS).map((n) => 'x'.repeat(Math.min(n, 6_000))),
          fc.constant<string[]>(['1', '2']),
        ),
      )
      .map(([name, value]) => ({
        ...c,
        kind: 'query.odd',
        control: c,
        query: { ...c.query, [name]: value },
        target: { in: 'query' as const, field: name },
      }));
    return fc.oneof(unknown, odd);
  }

  function headerMutation(c: FuzzCase, names: string[]): fc.Arbitrary<FuzzCase> {
    return fc
      .tuple(fc.constantFrom(...names), fc.constantFrom('', 'short', 'x'.repeat(3_000), 'tab\there', 'é'.repeat(10)))
      .map(([name, value]) => ({
        ...c,
        kind: 'header.odd',
        control: c,
        headers: { ...c.headers, [name]: value },
        target: { in: 'headers' as const, field: name },
      }));
  }
}

/** Paths of the required properties present in `value`, nested objects included. */
function requiredPathsOf(doc: Doc, node: SchemaObject, value: unknown, prefix: Path = []): Path[] {
  const schema = resolve(doc, node);
  if (!value || typeof value !== 'object' || Array.isArray(value) || !schema.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    if (!(name in value)) return [];
    const here = schema.required?.includes(name) ? [[...prefix, name]] : [];
    return [...here, ...requiredPathsOf(doc, property, (value as Record<string, unknown>)[name], [...prefix, name])];
  });
}
