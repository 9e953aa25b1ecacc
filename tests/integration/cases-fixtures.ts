import type { LoaderFunctionArgs } from "@remix-run/node";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext, type SignedIn } from "../helpers/fixtures";
import { createSite } from "../helpers/marketplace";

type RouteFunction = (args: LoaderFunctionArgs) => unknown;

/** Runs a loader or action at a path, as someone. */
export function call(run: RouteFunction, path: string, options: { as?: SignedIn; form?: Record<string, string | string[]>; params?: Record<string, string> } = {}) {
  const request = buildRequest(path, { as: options.as, form: options.form });
  return settle(() => run({ request, params: options.params ?? {}, context: testContext }));
}

function sessionUser(user: { id: string; email: string; name: string; role: SessionUser["role"]; organisationId: string | null; regionId: string | null }): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organisationId: user.organisationId, regionId: user.regionId };
}

async function person(role: SessionUser["role"], options: { organisationId?: string; regionId?: string }) {
  const user = await createUser(role, options);
  return { user: sessionUser(user), signed: await signInAs(user) };
}

/** Two regions; region A has two providers, a university and two facilitators. */
export async function createCaseWorld() {
  const region = await createRegion();
  const otherRegion = await createRegion();
  const provider = await createOrganisation({ kind: "PROVIDER", regionId: region.id });
  const lowProvider = await createOrganisation({ kind: "PROVIDER", regionId: region.id });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const otherProvider = await createOrganisation({ kind: "PROVIDER", regionId: otherRegion.id });
  const [site, lowSite, otherSite] = await Promise.all([createSite(provider.id), createSite(lowProvider.id), createSite(otherProvider.id)]);
  return {
    region,
    otherRegion,
    provider,
    lowProvider,
    university,
    otherProvider,
    site,
    lowSite,
    otherSite,
    facilitator: await person("FACILITATOR", { regionId: region.id }),
    colleague: await person("FACILITATOR", { regionId: region.id }),
    otherFacilitator: await person("FACILITATOR", { regionId: otherRegion.id }),
    admin: await person("ADMIN", {}),
    educator: await person("EDUCATOR", { organisationId: provider.id }),
    lowEducator: await person("EDUCATOR", { organisationId: lowProvider.id }),
    otherEducator: await person("EDUCATOR", { organisationId: otherProvider.id }),
    universityUser: await person("UNIVERSITY", { organisationId: university.id }),
  };
}

export type CaseWorld = Awaited<ReturnType<typeof createCaseWorld>>;

export function notificationsOf(userId: string, kind: string) {
  return prisma.notification.findMany({ where: { userId, kind }, select: { title: true, body: true, link: true } });
}
