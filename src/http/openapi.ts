import { OpenApiGeneratorV3, type OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';

export function openApiDocument(registry: OpenAPIRegistry): object {
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'wijkmatch',
      version: '1.0.0',
      description:
        'Dispatch service for neighbourhood help. Times are ISO 8601 with offset; weekly availability is local time (Europe/Amsterdam). Errors are always {"error": {code, message, details}}.',
    },
    servers: [{ url: '/' }],
  });
}
