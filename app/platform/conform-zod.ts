import { getZodConstraint, parseWithZod, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import type { z } from "zod";
import { keptPerObject } from "./kept-per-object";

// What conform works out from a schema is kept per schema: conform recomputes it on every call and only reads it.
const coercedSchema = keptPerObject((schema: z.ZodTypeAny) => coerceFormValue(schema) as z.ZodTypeAny);

/**
 * Conform's parseWithZod with the schema's form coercion built once per schema: parseWithZod
 * rebuilds it on every call, which is most of the cost of a parse (a 500-row CSV parses a form 500 times).
 */
export function parseFormWithZod<Schema extends z.ZodTypeAny>(form: FormData, schema: Schema) {
  return parseWithZod(form, { schema: coercedSchema(schema) as Schema, disableAutoCoercion: true });
}

/** Conform's getZodConstraint once per schema: forms ask for it on every render, and it walks the whole schema. */
export const zodConstraint = keptPerObject((schema: z.ZodTypeAny) => getZodConstraint(schema));
