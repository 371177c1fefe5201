/**
 * The served OpenAPI document as tests read it: its operations, and Ajv validators for the schemas it
 * declares (request bodies and answers alike).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** An OpenAPI 3.0 schema object, as far as the document uses it. */
export interface SchemaObject {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  items?: SchemaObject;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  nullable?: boolean;
  allOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
}

export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: SchemaObject;
}

export interface Operation {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  /** JSON, or for an upload a file's media types. */
  requestBody?: {
    required?: boolean;
    content: { 'application/json'?: { schema: SchemaObject } } & Record<string, unknown>;
  };
  /** JSON, and for a report also `text/csv` and XLSX. */
  responses: Record<string, { content?: { 'application/json': { schema: SchemaObject } } & Record<string, unknown> }>;
}

export interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject>; securitySchemes: Record<string, object> };
}

export interface Op extends Operation {
  method: Method;
  path: string;
}

export function operationsOf(doc: Doc): Op[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, method: method as Method, path })),
  );
}

/** A `$ref` into the document's components, followed. */
export function resolve(doc: Doc, schema: SchemaObject): SchemaObject {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`no schema ${schema.$ref} in the document`);
  return resolve(doc, target);
}

/** OpenAPI 3.0 schema → what Ajv (draft-07) reads: boolean exclusive bounds become numbers, refs point into the document. */
export function jsonSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchemaOf);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = jsonSchemaOf(value);
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  if (typeof out.$ref === 'string') out.$ref = `openapi.json${out.$ref}`;
  return out;
}

/** Validators for the document's schemas, compiled once per schema object. */
export function schemaValidator(doc: Doc): (schema: SchemaObject, value: unknown) => string | null {
  // strict: false lets OpenAPI's own keywords (example) pass; Ajv reads `nullable` itself.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(jsonSchemaOf({ components: doc.components }) as object, 'openapi.json');
  const compiled = new WeakMap<SchemaObject, ValidateFunction>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(jsonSchemaOf(schema) as object)));
    return validate(value) ? null : ajv.errorsText(validate.errors);
  };
}
