// Shared set-up for the provider (educator) integration tests; not a test file itself.
import type { SessionUser } from "~/accounts/session.server";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";
import { createSite } from "../helpers/marketplace";

type RoleName = SessionUser["role"];

export function sessionUserOf(user: { id: string; email: string; name: string; role: RoleName; organisationId: string | null; regionId: string | null }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organisationId: user.organisationId, regionId: user.regionId };
}

/** Two providers in one region (each with a site and an educator) and a university with a placement team. */
export async function createProviderWorld() {
  const region = await createRegion();
  const provider = await createOrganisation({ regionId: region.id });
  const site = await createSite(provider.id, { name: "St Thomas' Hospital" });
  const secondSite = await createSite(provider.id, { name: "Guy's Hospital" });
  const educator = await createUser("EDUCATOR", { organisationId: provider.id });
  const otherProvider = await createOrganisation({ regionId: region.id });
  const otherSite = await createSite(otherProvider.id, { name: "King's College Hospital" });
  const otherEducator = await createUser("EDUCATOR", { organisationId: otherProvider.id });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const universityUser = await createUser("UNIVERSITY", { organisationId: university.id });
  return {
    region,
    provider,
    site,
    secondSite,
    educator: sessionUserOf(educator),
    signedIn: await signInAs(educator),
    otherProvider,
    otherSite,
    otherEducator: sessionUserOf(otherEducator),
    otherSignedIn: await signInAs(otherEducator),
    university,
    universityUser: sessionUserOf(universityUser),
  };
}

/** The offer form as a browser sends it. */
export function offerForm(siteId: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "save-draft",
    siteId,
    profession: "PT",
    specialty: "MSK outpatients",
    startDate: "2027-01-04",
    endDate: "2027-02-26",
    slots: "3",
    supervisionModel: "ONE_TO_ONE",
    yearsOfStudy: ["2", "3"],
    notes: "Uniform provided",
    ...overrides,
  };
}

type RouteFunction = (args: { request: Request; params: Record<string, string | undefined>; context: typeof testContext }) => unknown;

/** Runs a loader or action as the portal would, returning its status and data. */
export function call(
  route: RouteFunction,
  path: string,
  options: { as?: SignedIn; form?: Record<string, string | string[]>; params?: Record<string, string>; withCsrf?: boolean } = {},
) {
  const request = buildRequest(path, { as: options.as, form: options.form, withCsrf: options.withCsrf });
  return settle(() => route({ request, params: options.params ?? {}, context: testContext }));
}

/** A multipart upload as a browser sends a file input. */
export function uploadRequest(path: string, as: SignedIn, file: File | null, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.set("csrf", as.csrf);
  if (file) body.set("file", file);
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: as.cookie, Origin: "http://localhost" }, body });
}

export async function signedInAs(role: RoleName, organisationId: string | null, regionId: string | null = null) {
  const user = await createUser(role, { organisationId, regionId });
  return signInAs(user);
}

export { settle, testContext };
