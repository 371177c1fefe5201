import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Api } from './api.js';
import { SESSION_COOKIE } from './session.js';
import { z } from './zod.js';

const OpenApiDocument = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }).openapi({ additionalProperties: true }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown()).openapi({ additionalProperties: true })),
  })
  .openapi('OpenApiDocument', { additionalProperties: true, description: 'OpenAPI 3.0' });

export function openApiDocument(registry: OpenAPIRegistry): object {
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'a staff login token (POST /api/v1/auth/login) or the token of a helper’s personal link',
  });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'the pages’ staff session (POST /login); a write with it must come from an allowed origin, else 403 forbidden',
  });
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'wijkmatch',
      version: '1.0.0',
      description:
        'Dispatch service for neighbourhood help. Times are ISO 8601 with offset; weekly availability is local time (Europe/Amsterdam). Errors are always {"error": {code, message, details}}; each response lists the codes it can carry.',
    },
    servers: [{ url: '/' }],
  });
}

/** `GET /openapi.json`: the document of every route declared before it, itself included, so declare it last. */
export function openApiRoute(api: Api, registry: OpenAPIRegistry): void {
  let document: object = {};
  api.route(
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      tag: 'meta',
      roles: 'public',
      operationId: 'getOpenApiDocument',
      response: OpenApiDocument,
    },
    () => document,
  );
  // Built once the route above is registered, so that it describes itself too.
  document = openApiDocument(registry);
}
