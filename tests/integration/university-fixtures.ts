// Shared set-up for the university integration tests; not a test file itself.
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { buildRequest, createOrganisation, createRegion, createUser, fieldErrors, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";
import { createSite } from "../helpers/marketplace";

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

type RoleName = SessionUser["role"];

export function sessionUserOf(user: { id: string; email: string; name: string; role: RoleName; organisationId: string | null; regionId: string | null }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organisationId: user.organisationId, regionId: user.regionId };
}

/** A university with a placement team, a campus and a programme with one block; a rival university; a provider. */
export async function createUniversityWorld() {
  const region = await createRegion();
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const campus = await createSite(university.id, { name: "Main campus", latitude: 51.52, longitude: -0.13 });
  const lead = await createUser("UNIVERSITY", { organisationId: university.id });
  const otherUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const otherLead = await createUser("UNIVERSITY", { organisationId: otherUniversity.id });
  const provider = await createOrganisation({ regionId: region.id });
  const providerSite = await createSite(provider.id, { name: "St Thomas' Hospital" });
  const educator = await createUser("EDUCATOR", { organisationId: provider.id });
  const student = await createUser("STUDENT", { organisationId: university.id });
  const programme = await prisma.programme.create({ data: { universityId: university.id, name: "BSc Physiotherapy", profession: "PT", years: 3 } });
  const block = await prisma.placementBlock.create({
    data: { programmeId: programme.id, name: "Year 2 spring", yearOfStudy: 2, startDate: day("2027-01-11"), endDate: day("2027-02-05") },
  });
  return {
    region,
    university,
    campus,
    lead: sessionUserOf(lead),
    signed: await signInAs(lead),
    otherUniversity,
    otherLead: sessionUserOf(otherLead),
    otherSigned: await signInAs(otherLead),
    provider,
    providerSite,
    educator: sessionUserOf(educator),
    educatorSigned: await signInAs(educator),
    student: sessionUserOf(student),
    studentSigned: await signInAs(student),
    programme,
    block,
  };
}

type RouteFunction = (args: { request: Request; params: Record<string, string | undefined>; context: typeof testContext }) => unknown;

/** Runs a loader or action as the portal would, returning its status and data. */
export function call(
  route: RouteFunction,
  path: string,
  options: { as?: SignedIn; form?: Record<string, string | string[]>; params?: Record<string, string> } = {},
) {
  const request = buildRequest(path, { as: options.as, form: options.form });
  return settle(() => route({ request, params: options.params ?? {}, context: testContext }));
}

/** A multipart upload as a browser sends a file input. */
export function uploadRequest(path: string, as: SignedIn, fields: Record<string, string | File>) {
  const body = new FormData();
  body.set("csrf", as.csrf);
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: as.cookie, Origin: "http://localhost" }, body });
}

export { fieldErrors, settle, testContext };
