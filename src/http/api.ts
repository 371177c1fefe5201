import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { Identity } from '../auth/auth.types.js';
import type { Role } from '../domain.js';
import { AppError } from '../errors.js';
import { validationError } from './validation.js';
import { ErrorBody } from './common.schema.js';
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
  response: Schema;
  status?: number;
}

export interface RouteInput<B, Q, P> {
  body: Infer<B>;
  query: Infer<Q>;
  params: Infer<P>;
  identity: Identity;
  req: Request;
}

const ERROR_RESPONSES = {
  400: 'Validation failed; details name the fields',
  401: 'Missing, wrong or expired token',
  403: 'The role may not do this',
  404: 'Not found',
  409: 'The state does not allow this',
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Declares a route once: it is mounted on the router (auth → zod → handler → JSON reply) and
 * described in the OpenAPI document from the same schemas.
 */
export class Api {
  constructor(
    private readonly router: Router,
    private readonly registry: OpenAPIRegistry,
    private readonly auth: AuthService,
    private readonly allowedOrigins: readonly string[],
  ) {}

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
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const identity = spec.roles === 'public' ? (undefined as never) : this.identify(req, spec.roles);
      const body = parse(spec.body, req.body ?? {}, 'body');
      const query = parse(spec.query, req.query, 'query');
      const params = parse(spec.params, req.params, 'params');
      const result = await handler({ body, query, params, identity, req } as RouteInput<B, Q, P>);
      if (status === 204) res.status(204).end();
      else res.status(status).json(result);
    });
  }

  private document(spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>): void {
    const responses: Record<string, object> = {
      [spec.status ?? 200]: {
        description: spec.summary,
        ...(spec.status === 204 ? {} : { content: { 'application/json': { schema: spec.response } } }),
      },
    };
    const errors = spec.roles === 'public' ? [400] : [400, 401, 403, 404, 409];
    for (const code of errors) {
      responses[code] = {
        description: ERROR_RESPONSES[code as keyof typeof ERROR_RESPONSES],
        content: { 'application/json': { schema: ErrorBody } },
      };
    }
    this.registry.registerPath({
      method: spec.method,
      path: `/api/v1${spec.path.replace(/:(\w+)/g, '{$1}')}`,
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.roles === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.params ? { params: spec.params as never } : {}),
      },
      responses: responses as never,
    });
  }
}

function parse(schema: Schema | undefined, value: unknown, where: 'body' | 'query' | 'params'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
