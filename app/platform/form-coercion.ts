import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import type { z } from "zod";

const coerced = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();

/**
 * Conform's parseWithZod with the schema's form coercion built once per schema: parseWithZod
 * rebuilds it on every call, which is most of the cost of a parse (a 500-row CSV parses a form 500 times).
 */
export function parseFormWithZod<Schema extends z.ZodTypeAny>(form: FormData, schema: Schema) {
  let ready = coerced.get(schema);
  if (!ready) {
    ready = coerceFormValue(schema) as z.ZodTypeAny;
    coerced.set(schema, ready);
  }
  return parseWithZod(form, { schema: ready as Schema, disableAutoCoercion: true });
}
