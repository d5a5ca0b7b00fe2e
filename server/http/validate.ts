import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

/** Turns zod issues into `{ "path.to.field": "message" }`, so a 400 names every bad field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw new ValidationError(`invalid ${what}: ${Object.keys(fields).join(', ')}`, fields);
  }
  return result.data;
}

type Part = 'body' | 'query' | 'params';
export type PartSchemas = Partial<Record<Part, z.ZodType>>;

/** A validating handler keeps its schemas, so a test can walk every route's input (test/integration/fuzz-*.test.ts). */
export type ValidatingHandler = RequestHandler & { schemas: PartSchemas };

/** Replaces req.body / req.query / req.params with the parsed value, or answers 400 naming the fields. */
export function validate(schemas: PartSchemas): ValidatingHandler {
  const handler: RequestHandler = (req, _res, next) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const parsed = parseOrThrow(schema, part === 'body' ? (req.body ?? {}) : req[part], part);
      // Express 5 exposes req.query as a getter: redefine it instead of assigning.
      Object.defineProperty(req, part, { value: parsed, writable: true, configurable: true, enumerable: true });
    }
    next();
  };
  return Object.assign(handler, { schemas });
}
