import { getZodConstraint } from "@conform-to/zod";
import type { z } from "zod";

const constraints = new WeakMap<z.ZodTypeAny, ReturnType<typeof getZodConstraint>>();

/**
 * Conform's getZodConstraint worked out once per schema: forms ask for it on every render, and it
 * walks the whole schema each time. Conform only reads the result.
 */
export function zodConstraint(schema: z.ZodTypeAny): ReturnType<typeof getZodConstraint> {
  let constraint = constraints.get(schema);
  if (!constraint) {
    constraint = getZodConstraint(schema);
    constraints.set(schema, constraint);
  }
  return constraint;
}
