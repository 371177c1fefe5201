import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type IRouter, type Request, type Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { Identity } from '../auth/auth.types.js';
import { ROLES, type Role } from '../domain.js';
import { AppError, ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../errors.js';
import { errorReply } from './errors.middleware.js';
import { validationError } from './validation.js';
import { errorBody } from './common.schema.js';
import { bearerToken, originAllowed, sessionToken } from './session.js';

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteSpec<B, Q, P> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed to call; `public` needs no token. */
  roles: readonly Role[] | 'public';
  body?: B;
  query?: Q;
  params?: P;
  /** Request headers the route reads (a non-strict object: every other header is let through). */
  headers?: z.ZodObject;
  response: Schema;
  status?: number;
  /** A stable name for generated clients; made from the method and path when left out. */
  operationId?: string;
  /**
   * The codes the route's service can throw beyond those every route can answer (`routeErrorCodes`):
   * the document lists each under its status, and test/api/openapi.test.ts holds the route to it.
   */
  errors?: readonly ErrorCode[];
  /**
   * Other media types the reply can take besides JSON (a report as CSV or XLSX): chosen by the query's
   * `format` (its name here) or else by `Accept`, JSON staying the default.
   */
  formats?: Readonly<Record<string, ReplyFormat>>;
  /**
   * The body is a file of one of these media types (a spreadsheet to import), not JSON: the handler
   * gets its bytes as `file`; any other body is refused naming `body`.
   */
  upload?: { types: Readonly<Record<string, ReplyFormat['schema']>>; limit: string };
  /**
   * A long task (an import) that can report how far it is: asked with `Accept: application/x-ndjson`,
   * the reply is a stream of lines `{"progress": …}`, then `{"result": …}` or `{"error": …}`.
   */
  progress?: boolean;
  /** A POST that writes nothing (a preview): it never waits for the write lock, so never answers 503. */
  readOnly?: boolean;
  /**
   * A read of personal data that appends to the audit log first: with the write lock held elsewhere it
   * answers 503 rather than show data it could not account for.
   */
  audited?: boolean;
}

/** One other media type a route answers in: how it is written and how the document describes it. */
export interface ReplyFormat {
  /** The media type, without parameters. */
  type: string;
  /** The document's schema of the body: a string, or `format: binary` for a file. */
  schema: { type: 'string'; format?: 'binary' };
  render(result: unknown, query: unknown): ReplyFile | Promise<ReplyFile>;
}

/** A reply that is a file: its body and the name a browser saves it under. */
export interface ReplyFile {
  body: string | Buffer;
  filename: string;
}

/** The format a call asks for: by name in the query, else by `Accept`; undefined is JSON. */
function chosenFormat(formats: Readonly<Record<string, ReplyFormat>>, query: unknown, req: Request) {
  const named = (query as { format?: string } | undefined)?.format;
  if (named !== undefined) return formats[named];
  const types = Object.values(formats).map((f) => f.type);
  const accepted = req.accepts(['application/json', ...types]);
  return Object.values(formats).find((f) => f.type === accepted);
}

/** Where an Api's router sits in the app. */
export interface ApiMount {
  /** The path the router is mounted at: the document's paths start with it. */
  base: string;
  /** A JSON body parser in front of every route, with this size limit. */
  jsonLimit?: string;
}

export interface RouteInput<B, Q, P> {
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  identity: Identity;
  req: Request;
  /** An upload route's file: its media type and bytes. */
  file: { type: string; bytes: Buffer } | undefined;
  /** A progress route's report of how far it is, when the caller asked for a stream; else undefined. */
  progress: ((progress: object) => void) | undefined;
}

export const NDJSON = 'application/x-ndjson';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Declares a route once: it is mounted on the router (auth → zod → handler → JSON reply) and
 * described in the OpenAPI document from the same schemas.
 */
export class Api {
  constructor(
    private readonly router: IRouter,
    private readonly registry: OpenAPIRegistry,
    private readonly auth: AuthService,
    private readonly allowedOrigins: readonly string[],
    private readonly mount: ApiMount,
  ) {
    if (mount.jsonLimit) router.use(express.json({ limit: mount.jsonLimit, strict: true }));
  }

  /**
   * The caller, by bearer token or, from our own pages, by session cookie. A cookie rides along on
   * any site's request, so a cookie-borne write must come from an allowed origin (no CSRF).
   */
  identify(req: Request, roles: readonly Role[]): Identity {
    let token = bearerToken(req);
    if (!token) {
      token = sessionToken(req.get('cookie'));
      if (
        token &&
        !SAFE_METHODS.has(req.method) &&
        !originAllowed(req.get('origin'), req.get('host'), this.allowedOrigins)
      )
        throw new AppError('forbidden', 'this origin may not use the session cookie');
    }
    const identity = token ? this.auth.authenticate(token) : null;
    if (!identity) throw new AppError('unauthorized', 'a valid bearer token is required');
    if (!roles.includes(identity.role)) throw new AppError('forbidden', `role ${identity.role} may not do this`);
    return identity;
  }

  route<
    B extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    P extends Schema | undefined = undefined,
  >(spec: RouteSpec<B, Q, P>, handler: (input: RouteInput<B, Q, P>) => unknown): void {
    this.document(spec);
    const status = spec.status ?? 200;
    const upload = spec.upload;
    const rawBody = upload
      ? express.raw({ type: Object.keys(upload.types), limit: upload.limit })
      : (_req: Request, _res: Response, next: () => void) => next();
    this.router[spec.method](spec.path, rawBody, async (req: Request, res: Response) => {
      const identity = spec.roles === 'public' ? (undefined as never) : this.identify(req, spec.roles);
      const file = upload ? uploaded(req, Object.keys(upload.types)) : undefined;
      const body = parse(spec.body, req.body ?? {}, 'body');
      const query = parse(spec.query, req.query, 'query');
      const params = parse(spec.params, req.params, 'params');
      parse(spec.headers, req.headers, 'headers');
      const stream = spec.progress && req.accepts(['application/json', NDJSON]) === NDJSON ? new LineStream(res) : null;
      const progress = stream ? (p: object) => stream.line({ progress: p }) : undefined;
      let result: unknown;
      try {
        result = await handler({ body, query, params, identity, req, file, progress } as RouteInput<B, Q, P>);
      } catch (err) {
        // Before the first line the error is a reply of its own (a 400 for a missing column).
        if (!stream?.started) throw err;
        return stream.end(errorReply(err, req).body);
      }
      if (stream?.started) return stream.end({ result });
      const format = spec.formats && chosenFormat(spec.formats, query, req);
      if (status === 204) res.status(204).end();
      else if (format) {
        const file = await format.render(result, query);
        res.status(status).type(format.type).attachment(file.filename).send(file.body);
      } else res.status(status).json(result);
    });
  }

  private document(spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>): void {
    const success = spec.status ?? 200;
    const responses: Record<number, object> = {
      [success]: {
        description: spec.summary,
        ...(success === 204
          ? {}
          : {
              content: {
                'application/json': { schema: spec.response },
                ...Object.fromEntries(Object.values(spec.formats ?? {}).map((f) => [f.type, { schema: f.schema }])),
                ...(spec.progress ? { [NDJSON]: { schema: progressLines } } : {}),
              },
            }),
      },
    };
    for (const [status, codes] of byStatus(routeErrorCodes(spec, this.mount))) {
      responses[status] = {
        description: `${STATUS_CODES[status]}: ${codes.join(', ')}`,
        content: { 'application/json': { schema: errorBody(codes) } },
      };
    }
    this.registry.registerPath({
      method: spec.method,
      path: `${this.mount.base}${spec.path.replace(/:(\w+)/g, '{$1}')}`,
      operationId: spec.operationId ?? derivedOperationId(spec.method, spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      security: security(spec.roles),
      request: {
        ...(spec.body ? { body: requestBody(spec.body) } : {}),
        ...(spec.upload
          ? {
              body: {
                required: true,
                content: Object.fromEntries(
                  Object.entries(spec.upload.types).map(([type, schema]) => [type, { schema }]),
                ),
              },
            }
          : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
      },
      responses: responses as never,
    });
  }
}

/** How a progress stream is described in the document. */
const progressLines = {
  type: 'string' as const,
  description:
    'one JSON object a line: {"progress": {phase, done, total}} while it runs, then {"result": <the JSON reply>} or {"error": <the error body>}',
};

/** A reply sent line by line: its status and type go out with the first line, 200 once started. */
class LineStream {
  started = false;
  constructor(private readonly res: Response) {}

  line(value: object): void {
    if (!this.started) {
      this.res.status(200).type(NDJSON).set('Cache-Control', 'no-store');
      this.started = true;
    }
    this.res.write(`${JSON.stringify(value)}\n`);
  }

  end(value: object): void {
    this.line(value);
    this.res.end();
  }
}

/**
 * Every code a route can answer: its own, and those of what stands in front of every handler (the
 * body parser, the zod parse, the token and role check, the error middleware's 500).
 */
function routeErrorCodes(
  spec: Pick<
    RouteSpec<unknown, unknown, unknown>,
    'method' | 'roles' | 'body' | 'query' | 'params' | 'headers' | 'errors' | 'readOnly' | 'audited'
  >,
  mount: ApiMount,
): ErrorCode[] {
  const codes = new Set<ErrorCode>(spec.errors);
  // The parser reads a JSON body sent to any route, even one that declares none; its charset check
  // answers validation_failed.
  if (mount.jsonLimit)
    for (const code of ['invalid_json', 'validation_failed', 'payload_too_large'] as const) codes.add(code);
  if (spec.body || spec.query || spec.params || spec.headers) codes.add('validation_failed');
  if (spec.roles !== 'public') {
    codes.add('unauthorized');
    // With every role allowed, only a session-cookie write from a foreign origin is refused.
    const everyRole = ROLES.every((role) => spec.roles.includes(role));
    if (!everyRole || !SAFE_METHODS.has(spec.method.toUpperCase())) codes.add('forbidden');
  }
  // A write waits a moment for another process's lock, then says so; reads never wait on writers (WAL).
  const writes = SAFE_METHODS.has(spec.method.toUpperCase()) ? spec.audited : !spec.readOnly;
  if (writes) codes.add('database_busy');
  codes.add('internal');
  return ERROR_CODES.filter((code) => codes.has(code));
}

function byStatus(codes: readonly ErrorCode[]): Map<number, [ErrorCode, ...ErrorCode[]]> {
  const groups = new Map<number, [ErrorCode, ...ErrorCode[]]>();
  for (const code of codes) {
    const group = groups.get(ERROR_STATUS[code]);
    if (group) group.push(code);
    else groups.set(ERROR_STATUS[code], [code]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}

/** The pages' session cookie only ever holds a staff login; a helper has the bearer token of their link. */
function security(roles: RouteSpec<unknown, unknown, unknown>['roles']): Record<string, string[]>[] {
  if (roles === 'public') return [];
  return roles.some((role) => role !== 'helper') ? [{ bearer: [] }, { session: [] }] : [{ bearer: [] }];
}

/** A missing body is parsed as `{}`: the body is required only when the schema refuses that. */
function requestBody(schema: Schema) {
  return { required: !schema.safeParse({}).success, content: { 'application/json': { schema } } };
}

/** `get /me/proposals` → `getMeProposals`. */
function derivedOperationId(method: string, path: string): string {
  const words = path
    .split(/[/_-]/)
    .filter((word) => word && !word.startsWith(':'))
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return method + words.join('');
}

/** The uploaded file, or a 400 naming the body when something else was sent. */
function uploaded(req: Request, types: readonly string[]): { type: string; bytes: Buffer } {
  const type = req.is(types as string[]);
  if (!type || !Buffer.isBuffer(req.body) || req.body.length === 0)
    throw new AppError('validation_failed', 'send the file itself as the body', [
      { field: 'body', in: 'body', message: `expected a non-empty body of type ${types.join(' or ')}` },
    ]);
  return { type, bytes: req.body };
}

function parse(schema: Schema | undefined, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
