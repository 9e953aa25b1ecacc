// Shared set-up for the administration integration tests; not a test file itself.
import type { RoleName } from "~/vocabulary/roles";
import { createRegion, createUser, signInAs } from "../helpers/fixtures";

/** Every role that must be refused by the administration pages. */
export const NON_ADMIN_ROLES: RoleName[] = ["EDUCATOR", "UNIVERSITY", "FACILITATOR", "STUDENT"];

/** A signed-in administrator and a region to put organisations in. */
export async function createAdminAndRegion(regionName: string) {
  const user = await createUser("ADMIN");
  return { admin: await signInAs(user), adminId: user.id, regionId: (await createRegion(regionName)).id };
}
