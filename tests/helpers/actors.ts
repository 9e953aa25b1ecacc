import { expect } from "vitest";
import type { Actor } from "~/accounts/policy";

/** Someone of this role, with no organisation or region unless given: what the access policies judge. */
export const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  id: "user-1",
  role,
  organisationId: null,
  regionId: null,
  ...extra,
});

/** A refusal with this status (and field, if given). */
export const refusal = (status: number, field?: string) => expect.objectContaining(field ? { status, field } : { status });
