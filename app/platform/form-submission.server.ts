import { data, type TypedResponse } from "@remix-run/node";
import { z } from "zod";
import { parseFormWithZod } from "./conform-zod";
import { refusalReply } from "./refusal-reply.server";

/**
 * No form of the portal has more than a few hundred fields or names nested more than a few levels;
 * anything beyond is a probe, and parsing it costs CPU (or, nested deep enough, the stack).
 */
export const FORM_LIMITS = { maxFields: 1000, maxNameDepth: 8, maxNameLength: 200 } as const;

/** Throws a 413 for too many fields and a 400 for a field name nested too deep, before anything parses names. */
export function assertFormShape(form: FormData): void {
  let count = 0;
  for (const name of form.keys()) {
    count += 1;
    if (count > FORM_LIMITS.maxFields) {
      throw new Response(`That form has too many entries: send at most ${FORM_LIMITS.maxFields.toLocaleString("en-GB")} at a time.`, { status: 413, statusText: "Payload Too Large" });
    }
    if (name.length > FORM_LIMITS.maxNameLength || nameDepth(name) > FORM_LIMITS.maxNameDepth) {
      throw new Response("The form has a field name the portal does not use.", { status: 400, statusText: "Bad Request" });
    }
  }
}

function nameDepth(name: string): number {
  let depth = 1;
  for (const character of name) if (character === "[" || character === ".") depth += 1;
  return depth;
}

/** The top-level field names a zod schema reads (through refinements, transforms and defaults). */
export function schemaFieldNames(schema: z.ZodTypeAny): string[] {
  let current: z.ZodTypeAny = schema;
  for (;;) {
    if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current._def.innerType;
    else if (current instanceof z.ZodPipeline) current = current._def.in;
    else break;
  }
  if (current instanceof z.ZodObject) return Object.keys(current.shape as Record<string, unknown>);
  if (current instanceof z.ZodDiscriminatedUnion || current instanceof z.ZodUnion) {
    const options = (current as z.ZodUnion<[z.ZodTypeAny, ...z.ZodTypeAny[]]>).options as z.ZodTypeAny[];
    return [...new Set(options.flatMap(schemaFieldNames))];
  }
  if (current instanceof z.ZodIntersection) return [...new Set([...schemaFieldNames(current._def.left), ...schemaFieldNames(current._def.right)])];
  return [];
}

/**
 * parseWithZod over only the fields the schema knows, so a reply (which echoes what was parsed)
 * never carries back fields nobody asked for.
 */
export function parseSubmission<Schema extends z.ZodTypeAny>(form: FormData, schema: Schema) {
  const known = new Set(schemaFieldNames(schema));
  // A schema whose fields cannot be read (a bare array, a custom type) parses the form as sent.
  if (known.size === 0) return parseFormWithZod(form, schema);
  const only = new FormData();
  for (const [name, value] of form.entries()) {
    if (known.has(topLevelName(name))) only.append(name, value);
  }
  return parseFormWithZod(only, schema);
}

function topLevelName(name: string): string {
  const end = name.search(/[.[]/);
  return end === -1 ? name : name.slice(0, end);
}

/**
 * One form of a page that routes several forms to one action by `intent`: validate with the form's
 * own schema, run the change, which answers with its redirect (post/redirect/get). Bad input and
 * refusals come back as a 4xx Conform reply tagged with the intent, so the page shows them by the right form's fields.
 */
export async function submitIntent<Schema extends z.ZodTypeAny>(
  form: FormData,
  intent: string,
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<TypedResponse<never>>,
) {
  const submission = parseSubmission(form, schema);
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply() }, { status: 400 });
  }
  try {
    return await run(submission.value);
  } catch (error) {
    return refusalReply(error, submission, { intent });
  }
}

/** The page's own address, to land on again after a change. */
export function ownAddress(request: Request, options: { drop?: string[] } = {}): string {
  const url = new URL(request.url);
  // Remix's own routing parameters never belong in the address the browser lands on.
  for (const key of ["index", "_data", "_routes", ...(options.drop ?? [])]) url.searchParams.delete(key);
  const search = url.searchParams.toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}
