import { z } from "zod";

/** An email address as people type it: trimmed and lower-cased. */
export const EmailSchema = z
  .string({ required_error: "Enter their email address" })
  .trim()
  .toLowerCase()
  .email("Enter an email address like name@nhs.net")
  .max(254, "Use 254 characters or fewer");

/** A query-string value: blank means "not given", and a malformed one is dropped rather than refused. */
export function optionalParam<T extends z.ZodTypeAny>(schema: T) {
  return z
    .preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional())
    .catch(undefined) as unknown as z.ZodOptional<T>;
}

/**
 * A query-string value with a fallback: an absent one takes it without being parsed, a malformed one falls back to
 * it. (`default` before `catch`: a parse that fails and is caught builds its issues, far dearer than one that passes.)
 */
export function paramOr<T extends z.ZodTypeAny>(schema: T, fallback: z.output<T>) {
  return schema.default(fallback as z.util.noUndefined<z.input<T>>).catch(fallback) as z.ZodCatch<z.ZodDefault<T>>;
}

/** Which page of a list the address asks for; a blank or malformed one is dropped, and the list shows its first page. */
export const PageParam = optionalParam(z.coerce.number().int().min(1).max(1_000_000));
