// One API's request validation and OpenAPI document, both from the zod schemas its routes declare: fastify validates
// params, querystring and body with fastify-type-provider-zod before the handler runs (so handlers get typed, parsed
// values), and @fastify/swagger describes the same schemas. The admin API and the Mini App API each call this in
// their own plugin context, so each gets its own document (docs/http-api.md).
import fastifySwagger from "@fastify/swagger";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";
import { jsonSchemaTransform, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";

/** The JSON every failure answers with, as the documents describe it. */
export const apiErrorSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), reason: z.string().optional(), message: z.string().describe("a sentence a person can read") }),
});

/** The documents the Swagger UI at /admin/api/docs offers (each served by its own API). */
export const API_DOCUMENTS = [
  { name: "admin API", url: "/admin/api/openapi.json" },
  { name: "Mini App API", url: "/app/api/openapi.json" },
];

export interface ApiDocument {
  title: string;
  description: string;
  securitySchemes: Record<string, Record<string, unknown>>;
}

type Operation = { parameters?: { in: string }[] };

/** Path parameters first, then the query: the order a reader (and a client generator) expects. */
function pathParametersFirst({ openapiObject }: { openapiObject: Record<string, unknown> }) {
  const paths = (openapiObject.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      if (Array.isArray(op?.parameters)) op.parameters.sort((a, b) => Number(b.in === "path") - Number(a.in === "path"));
    }
  }
  return openapiObject;
}

/**
 * In this plugin context: validate every route's request with its zod schemas, and collect the routes into an
 * OpenAPI 3.1 document (`app.swagger()`). Register it before the routes. Response schemas only document the success
 * body: replies are sent as the handlers build them, never reshaped or refused by a schema.
 */
export async function validateAndDescribe(app: FastifyInstance, doc: ApiDocument): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: doc.title, description: doc.description, version: "1" },
      servers: [{ url: "/" }],
      components: { securitySchemes: doc.securitySchemes as never },
    },
    stripBasePath: false,
    transform: jsonSchemaTransform,
    transformObject: pathParametersFirst as never,
  });
}

/** A route that documents its body but checks it itself (when the order of its checks matters, e.g. sign-in first). */
export const checkedByHandler: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });

export interface InvalidInput {
  /** the request part: params, query or body */
  part: string;
  /** the field's path inside it, dotted ("items.0.quantity"); "" for the part as a whole */
  field: string;
  message: string;
}

/** The first problem of a request that failed its schema, or null for any other error. */
export function invalidInputOf(err: unknown): InvalidInput | null {
  const e = err as { validation?: { instancePath?: string; message?: string }[]; validationContext?: string };
  if (!Array.isArray(e?.validation) || e.validation.length === 0) return null;
  const first = e.validation[0];
  return {
    part: e.validationContext === "querystring" ? "query" : String(e.validationContext ?? "body"),
    field: String(first.instancePath ?? "").split("/").filter(Boolean).join("."),
    message: String(first.message ?? "invalid"),
  };
}
