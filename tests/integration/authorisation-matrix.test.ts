/**
 * Every route and action, every role, and users of another organisation or region: the expected
 * answer comes from the one table below. A route file without an entry fails the first test.
 */
import { readdirSync } from "node:fs";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { bookOffer } from "~/marketplace/allocations.server";
import { useTestDatabase } from "../helpers/database";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";

useTestDatabase();

const ACTORS = ["anonymous", "admin", "educator", "otherEducator", "university", "otherUniversity", "facilitator", "otherFacilitator", "student"] as const;
type Actor = (typeof ACTORS)[number];
/** 200 (or another exact status), "ok" (allowed: any answer but 401/403/404/5xx), or a refusal status. */
type Outcome = number | "ok";
type Expectations = Record<Actor, Outcome>;

interface World {
  offerId: string;
  /** Another offer of the provider, for probes that change it. */
  spareOfferId: string;
  requestId: string;
  allocationId: string;
  programmeId: string;
  providerId: string;
  runId: string;
  caseId: string;
  auditId: string;
  resourceId: string;
  fundingProgrammeId: string;
  fundingAwardId: string;
  timesheetId: string;
}

interface RouteCase {
  path: (w: World) => string;
  params?: (w: World) => Record<string, string>;
  loader?: Expectations;
  action?: Expectations;
  /**
   * A form the owner could submit. With it, a stranger's refusal comes from the ownership check,
   * not from validation of an empty form.
   */
  probe?: (w: World) => Record<string, string>;
}

/** Shorthand: the listed actors get their outcome, everyone else `refused`, anonymous a sign-in redirect. */
function only(allowed: Partial<Record<Actor, Outcome>>, refused: Outcome = 403, anonymous: Outcome = 302): Expectations {
  return Object.fromEntries(ACTORS.map((actor) => [actor, actor === "anonymous" ? anonymous : (allowed[actor] ?? refused)])) as Expectations;
}
const everyone = (outcome: Outcome, anonymous: Outcome = 302) => only(Object.fromEntries(ACTORS.map((a) => [a, outcome])), outcome, anonymous);
const educatorOwn = (own: Outcome) => only({ educator: own, otherEducator: 404 });
const universityOwn = (own: Outcome) => only({ university: own, otherUniversity: 404 });
const signedInHome = { anonymous: 200, admin: 302, educator: 302, otherEducator: 302, university: 302, otherUniversity: 302, facilitator: 302, otherFacilitator: 302, student: 302 } as Expectations;

const ROUTES: Record<string, RouteCase> = {
  "_index.tsx": { path: () => "/", loader: signedInHome },
  "sign-in.tsx": { path: () => "/sign-in", loader: signedInHome, action: everyone(400, 400) },
  "sign-out.tsx": { path: () => "/sign-out", loader: everyone(302, 302), action: everyone(302) },
  "login.tsx": { path: () => "/login", loader: everyone(301, 301) },
  "forgot-password.tsx": { path: () => "/forgot-password", action: everyone(400, 400) },
  "reset-password.$token.tsx": { path: () => "/reset-password/nonsense", params: () => ({ token: "nonsense" }), loader: everyone(410, 410), action: everyone(400, 400) },
  "unlock-sign-in.$token.tsx": { path: () => "/unlock-sign-in/nonsense", params: () => ({ token: "nonsense" }), loader: everyone(410, 410), action: everyone(410, 410) },
  "invitations.$token.tsx": { path: () => "/invitations/nonsense", params: () => ({ token: "nonsense" }), loader: everyone(410, 410), action: everyone(400, 400) },
  "account.tsx": { path: () => "/account", loader: everyone(200), action: everyone(400) },
  "notifications._index.tsx": { path: () => "/notifications", loader: everyone(200), action: everyone(400) },
  "notifications.count.ts": { path: () => "/notifications/count", loader: everyone(200) },
  "notifications.preferences.tsx": { path: () => "/notifications/preferences", loader: everyone(200), action: everyone(400) },
  "notifications.unsubscribe.tsx": { path: () => "/notifications/unsubscribe", loader: everyone(400, 400), action: everyone(400, 400) },
  "opportunities._index.tsx": { path: () => "/opportunities", loader: everyone(200) },
  "opportunities.$offerId.tsx": { path: (w) => `/opportunities/${w.offerId}`, params: (w) => ({ offerId: w.offerId }), loader: everyone(200) },
  "allocations.$allocationId.tsx": {
    path: (w) => `/allocations/${w.allocationId}`,
    params: (w) => ({ allocationId: w.allocationId }),
    loader: only({ admin: 200, educator: 200, university: 200, facilitator: 200 }, 404),
    // Only the provider confirms: the administrator (asked first) is refused; once the educator has
    // confirmed, the parties after it get 409; strangers never see it (404).
    action: only({ admin: 403, educator: "ok", university: "ok", facilitator: "ok" }, 404),
    probe: () => ({ to: "CONFIRMED" }),
  },
  "organisations._index.tsx": { path: () => "/organisations", loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }) },
  "organisations.$organisationId.tsx": {
    path: (w) => `/organisations/${w.providerId}`,
    params: (w) => ({ organisationId: w.providerId }),
    loader: only({ admin: 200, educator: 200, facilitator: 200 }, 404),
  },
  "admin._index.tsx": { path: () => "/admin", loader: only({ admin: 200 }) },
  "admin.organisations._index.tsx": { path: () => "/admin/organisations", loader: only({ admin: 200 }) },
  "admin.organisations.new.tsx": { path: () => "/admin/organisations/new", loader: only({ admin: 200 }), action: only({ admin: "ok" }) },
  "admin.organisations.$organisationId.tsx": {
    path: (w) => `/admin/organisations/${w.providerId}`,
    params: (w) => ({ organisationId: w.providerId }),
    loader: only({ admin: 200 }),
    action: only({ admin: "ok" }),
  },
  "admin.users.tsx": { path: () => "/admin/users", loader: only({ admin: 200 }), action: only({ admin: "ok" }) },
  "admin.settings.tsx": { path: () => "/admin/settings", loader: only({ admin: 200 }), action: only({ admin: "ok" }) },
  "admin.workforce.upload.tsx": { path: () => "/admin/workforce/upload", loader: only({ admin: 200 }), action: only({ admin: "ok" }) },
  "facilitator._index.tsx": { path: () => "/facilitator", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.matching._index.tsx": { path: () => "/facilitator/matching", loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }), action: only({ admin: "ok", facilitator: "ok", otherFacilitator: "ok" }) },
  "facilitator.matching.$runId.tsx": {
    path: (w) => `/facilitator/matching/${w.runId}`,
    params: (w) => ({ runId: w.runId }),
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 404 }),
    action: only({ admin: "ok", facilitator: "ok", otherFacilitator: 404 }),
    probe: () => ({ intent: "discard" }),
  },
  "facilitator.matching.$runId_.fair-share.tsx": {
    path: (w) => `/facilitator/matching/${w.runId}/fair-share`,
    params: (w) => ({ runId: w.runId }),
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 404 }),
  },
  "facilitator.cases._index.tsx": { path: () => "/facilitator/cases", loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }), action: only({ admin: "ok", facilitator: "ok", otherFacilitator: "ok" }) },
  "facilitator.cases.board.tsx": { path: () => "/facilitator/cases/board", loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.cases.new.tsx": { path: () => "/facilitator/cases/new", loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }), action: only({ admin: "ok", facilitator: "ok", otherFacilitator: "ok" }) },
  "facilitator.cases.$caseId.tsx": {
    path: (w) => `/facilitator/cases/${w.caseId}`,
    params: (w) => ({ caseId: w.caseId }),
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 404 }),
    action: only({ admin: "ok", facilitator: "ok", otherFacilitator: 404 }),
    probe: () => ({ intent: "note", body: "Matrix probe" }),
  },
  "facilitator.cases.$caseId.search.ts": {
    path: (w) => `/facilitator/cases/${w.caseId}/search?type=offer&q=matrix`,
    params: (w) => ({ caseId: w.caseId }),
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 404 }),
  },
  "support.tsx": {
    path: () => "/support",
    loader: only({ educator: 200, otherEducator: 200, university: 200, otherUniversity: 200 }),
    action: only({ educator: "ok", otherEducator: "ok", university: "ok", otherUniversity: "ok" }),
  },
  "provider.audits._index.tsx": { path: () => "/provider/audits", loader: only({ educator: 200, otherEducator: 200 }), action: only({ educator: 400, otherEducator: 400 }) },
  "provider.audits.$auditId.tsx": {
    path: (w) => `/provider/audits/${w.auditId}`,
    params: (w) => ({ auditId: w.auditId }),
    loader: only({ educator: 200, otherEducator: 404, university: 200, otherUniversity: 200, facilitator: 200, otherFacilitator: 404 }),
    action: educatorOwn("ok"),
    probe: () => ({ intent: "add", description: "Matrix probe", dueOn: "2030-01-01" }),
  },
  "facilitator.quality.tsx": { path: () => "/facilitator/quality", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "student.placements.$allocationId.feedback.tsx": {
    path: (w) => `/student/placements/${w.allocationId}/feedback`,
    params: (w) => ({ allocationId: w.allocationId }),
    // The matrix's student is not named on the allocation: it is not theirs to see.
    loader: only({ student: 404 }),
    action: only({ student: 404 }),
    probe: () => ({ overall: "4", induction: "4", supervision: "4", learning: "4" }),
  },
  "facilitator.fair-share._index.tsx": { path: () => "/facilitator/fair-share", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.fair-share.$providerId.tsx": {
    path: (w) => `/facilitator/fair-share/${w.providerId}`,
    params: (w) => ({ providerId: w.providerId }),
    loader: only({ facilitator: 200, otherFacilitator: 404 }),
  },
  "facilitator.fair-share.overview[.csv].tsx": { path: () => "/facilitator/fair-share/overview.csv", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.fair-share.providers[.csv].tsx": { path: () => "/facilitator/fair-share/providers.csv", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.universities.tsx": { path: () => "/facilitator/universities", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.universities[.csv].tsx": { path: () => "/facilitator/universities.csv", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "provider.fair-share.tsx": { path: () => "/provider/fair-share", loader: only({ educator: 200, otherEducator: 200 }) },
  "provider.fair-share[.csv].tsx": { path: () => "/provider/fair-share.csv", loader: only({ educator: 200, otherEducator: 200 }) },
  "resources._index.tsx": { path: () => "/resources", loader: everyone(200) },
  "resources.new.tsx": { path: () => "/resources/new", loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }), action: only({ admin: "ok", facilitator: "ok", otherFacilitator: "ok" }) },
  "resources.$resourceId.tsx": {
    path: (w) => `/resources/${w.resourceId}`,
    params: (w) => ({ resourceId: w.resourceId }),
    loader: everyone(200),
    // Everyone but students may join the discussion.
    action: only({ admin: "ok", educator: "ok", otherEducator: "ok", university: "ok", otherUniversity: "ok", facilitator: "ok", otherFacilitator: "ok" }),
    probe: () => ({ intent: "comment", body: "Matrix probe" }),
  },
  "resources.$resourceId.edit.tsx": {
    path: (w) => `/resources/${w.resourceId}/edit`,
    params: (w) => ({ resourceId: w.resourceId }),
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }),
    action: only({ admin: "ok", facilitator: "ok", otherFacilitator: "ok" }),
  },
  // A resource with a link and no file: nothing to download, for anyone.
  "resources.$resourceId.file.tsx": { path: (w) => `/resources/${w.resourceId}/file`, params: (w) => ({ resourceId: w.resourceId }), loader: everyone(404) },
  "provider._index.tsx": { path: () => "/provider", loader: only({ educator: 200, otherEducator: 200 }) },
  "provider.allocations.tsx": {
    path: () => "/provider/allocations",
    loader: only({ educator: 200, otherEducator: 200 }),
    action: only({ educator: "ok", otherEducator: 404 }),
    probe: (w) => ({ intent: "confirm", allocationId: w.allocationId }),
  },
  "provider.capacity.tsx": { path: () => "/provider/capacity", loader: only({ educator: 200, otherEducator: 200 }) },
  "provider.offers._index.tsx": { path: () => "/provider/offers", loader: only({ educator: 200, otherEducator: 200 }) },
  "provider.offers.new.tsx": { path: () => "/provider/offers/new", loader: only({ educator: 200, otherEducator: 200 }), action: only({ educator: "ok", otherEducator: "ok" }) },
  "provider.offers.$offerId.tsx": {
    path: (w) => `/provider/offers/${w.spareOfferId}`,
    params: (w) => ({ offerId: w.spareOfferId }),
    loader: educatorOwn(200),
    action: educatorOwn("ok"),
    probe: () => ({ intent: "withdraw", reason: "Authorisation matrix probe" }),
  },
  "provider.offers.upload.tsx": { path: () => "/provider/offers/upload", loader: only({ educator: 200, otherEducator: 200 }), action: only({ educator: "ok", otherEducator: "ok" }) },
  "provider.offers.export[.csv].ts": { path: () => "/provider/offers/export.csv", loader: only({ educator: 200, otherEducator: 200 }) },
  "provider.offers.template[.csv].ts": { path: () => "/provider/offers/template.csv", loader: only({ educator: 200, otherEducator: 200 }) },
  "university._index.tsx": { path: () => "/university", loader: only({ university: 200, otherUniversity: 200 }) },
  "university.programmes._index.tsx": { path: () => "/university/programmes", loader: only({ university: 200, otherUniversity: 200 }) },
  "university.programmes.new.tsx": { path: () => "/university/programmes/new", loader: only({ university: 200, otherUniversity: 200 }), action: only({ university: "ok", otherUniversity: "ok" }) },
  "university.programmes.$programmeId.tsx": { path: (w) => `/university/programmes/${w.programmeId}`, params: (w) => ({ programmeId: w.programmeId }), loader: universityOwn(200), action: universityOwn("ok") },
  "university.requests._index.tsx": { path: () => "/university/requests", loader: only({ university: 200, otherUniversity: 200 }) },
  "university.requests.new.tsx": { path: () => "/university/requests/new", loader: only({ university: 200, otherUniversity: 200 }), action: only({ university: "ok", otherUniversity: "ok" }) },
  "university.requests.$requestId.tsx": {
    path: (w) => `/university/requests/${w.requestId}`,
    params: (w) => ({ requestId: w.requestId }),
    loader: universityOwn(200),
    action: universityOwn("ok"),
    probe: () => ({ intent: "cancel", reason: "Authorisation matrix probe" }),
  },
  "university.requests.upload.tsx": { path: () => "/university/requests/upload", loader: only({ university: 200, otherUniversity: 200 }), action: only({ university: "ok", otherUniversity: "ok" }) },
  "university.requests.export[.]csv.tsx": { path: () => "/university/requests/export.csv", loader: only({ university: 200, otherUniversity: 200 }) },
  "university.requests.template[.]csv.tsx": { path: () => "/university/requests/template.csv", loader: only({ university: 200, otherUniversity: 200 }) },
  "university.book.$offerId.tsx": { path: (w) => `/university/book/${w.offerId}`, params: (w) => ({ offerId: w.offerId }), loader: only({ university: 200, otherUniversity: 200 }), action: only({ university: "ok", otherUniversity: "ok" }) },
  "university.allocations._index.tsx": {
    path: () => "/university/allocations",
    loader: only({ university: 200, otherUniversity: 200 }),
    action: only({ university: "ok", otherUniversity: 404 }),
    probe: (w) => ({ intent: "accept", allocationId: w.allocationId }),
  },
  "university.allocations.$allocationId.students.tsx": {
    path: (w) => `/university/allocations/${w.allocationId}/students`,
    params: (w) => ({ allocationId: w.allocationId }),
    loader: universityOwn(200),
    action: universityOwn("ok"),
  },
  "facilitator.funding._index.tsx": {
    path: () => "/facilitator/funding",
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 200 }),
    action: only({ facilitator: "ok", otherFacilitator: "ok" }),
    probe: () => ({ intent: "create", name: "Matrix probe programme", amount: "50000", periodStart: "2026-09-01", periodEnd: "2027-08-31" }),
  },
  "facilitator.funding.$programmeId.tsx": {
    path: (w) => `/facilitator/funding/${w.fundingProgrammeId}`,
    params: (w) => ({ programmeId: w.fundingProgrammeId }),
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 404 }),
    // Administrators read every programme but only the region's facilitators change one.
    action: only({ admin: 403, facilitator: "ok", otherFacilitator: 404 }),
    probe: () => ({ intent: "update-programme", name: "Matrix funding", amount: "100000", periodStart: "2026-09-01", periodEnd: "2027-08-31" }),
  },
  "facilitator.funding.delivery[.csv].tsx": {
    path: (w) => `/facilitator/funding/delivery.csv?programme=${w.fundingProgrammeId}`,
    loader: only({ admin: 200, facilitator: 200, otherFacilitator: 404 }),
  },
  "funding.awards.$awardId.tsx": {
    path: (w) => `/funding/awards/${w.fundingAwardId}`,
    params: (w) => ({ awardId: w.fundingAwardId }),
    // The provider sees its own award; only the region's facilitators record payments.
    loader: only({ admin: 200, educator: 200, otherEducator: 404, facilitator: 200, otherFacilitator: 404 }),
    action: only({ admin: 403, educator: 403, otherEducator: 404, facilitator: "ok", otherFacilitator: 404 }),
    probe: () => ({ intent: "add-payment", payOn: "2026-10-01", amount: "10" }),
  },
  "provider.funding.tsx": { path: () => "/provider/funding", loader: only({ educator: 200, otherEducator: 200 }) },
  "student._index.tsx": { path: () => "/student", loader: only({ student: 200 }) },
  "student.placements._index.tsx": { path: () => "/student/placements", loader: only({ student: 200 }) },
  "student.hours.tsx": {
    path: () => "/student/hours",
    loader: only({ student: 200 }),
    // The matrix's student is not named on the allocation: it is not theirs to record hours on.
    action: only({ student: 404 }),
    probe: (w) => ({ allocationId: w.allocationId, weekStarting: "2027-01-11", days: "5", inPersonHours: "37.5" }),
  },
  "provider.timesheets.tsx": {
    path: () => "/provider/timesheets",
    loader: only({ educator: 200, otherEducator: 200 }),
    action: only({ educator: "ok", otherEducator: 404 }),
    probe: (w) => ({ intent: "confirm", timesheetId: w.timesheetId }),
  },
  "university.hours._index.tsx": { path: () => "/university/hours", loader: only({ university: 200, otherUniversity: 200 }) },
  "university.hours[.csv].tsx": { path: () => "/university/hours.csv", loader: only({ university: 200, otherUniversity: 200 }) },
  "facilitator.hours.tsx": { path: () => "/facilitator/hours", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "facilitator.hours[.csv].tsx": { path: () => "/facilitator/hours.csv", loader: only({ facilitator: 200, otherFacilitator: 200 }) },
  "admin.hours.tsx": {
    path: () => "/admin/hours",
    loader: only({ admin: 200 }),
    action: only({ admin: "ok" }),
    probe: () => ({ profession: "PT", minimumHours: "1000", countsInPerson: "on", source: "Matrix probe", effectiveFrom: "2031-09-01" }),
  },
};

function routeFiles(): string[] {
  return readdirSync("app/routes", { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(tsx|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

let world: World;
const cookies = {} as Record<Exclude<Actor, "anonymous">, SessionUser>;

beforeAll(async () => {
  const region = await createRegion();
  const otherRegion = await createRegion();
  const provider = await createOrganisation({ regionId: region.id });
  const otherProvider = await createOrganisation({ regionId: region.id });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const otherUniversity = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const users = {
    admin: await createUser("ADMIN"),
    educator: await createUser("EDUCATOR", { organisationId: provider.id }),
    otherEducator: await createUser("EDUCATOR", { organisationId: otherProvider.id }),
    university: await createUser("UNIVERSITY", { organisationId: university.id }),
    otherUniversity: await createUser("UNIVERSITY", { organisationId: otherUniversity.id }),
    facilitator: await createUser("FACILITATOR", { regionId: region.id }),
    otherFacilitator: await createUser("FACILITATOR", { regionId: otherRegion.id }),
    student: await createUser("STUDENT", { organisationId: university.id }),
  };
  Object.assign(cookies, users);
  const offer = await createOffer(provider.id, { slots: 5 });
  const spareOffer = await createOffer(provider.id, { slots: 2 });
  const request = await createRequest(university.id, { students: 2 });
  const allocation = await bookOffer(users.university as SessionUser, { offerId: offer.id, requestId: request.id, students: 1 });
  const run = await prisma.matchingRun.create({
    data: { regionId: region.id, periodStart: new Date("2026-09-01"), periodEnd: new Date("2027-08-31"), startedById: users.facilitator.id, status: "FAILED", error: "test" },
  });
  const shortfallCase = await prisma.shortfallCase.create({ data: { regionId: region.id, kind: "OTHER", title: "Matrix case" } });
  const site = await prisma.site.findFirstOrThrow({ where: { organisationId: provider.id } });
  const audit = await prisma.placementAudit.create({
    data: { siteId: site.id, providerId: provider.id, rating: "SATISFACTORY", auditedOn: new Date("2026-01-10"), expiresOn: new Date("2028-01-10") },
  });
  const resource = await prisma.resource.create({ data: { title: "Matrix guide", summary: "For the matrix", category: "best-practice", tags: [], url: "https://example.org/guide" } });
  const fundingProgramme = await prisma.fundingProgramme.create({
    data: { regionId: region.id, name: "Matrix funding", amountPence: 10_000_000, periodStart: new Date("2026-09-01"), periodEnd: new Date("2027-08-31") },
  });
  const fundingAward = await prisma.fundingAward.create({
    data: {
      programmeId: fundingProgramme.id,
      providerId: provider.id,
      profession: "PT",
      periodStart: new Date("2026-09-01"),
      periodEnd: new Date("2027-08-31"),
      unit: "WEEKS",
      committed: 10,
      baselineStudents: 0,
      baselineWeeks: 0,
      amountPence: 1_000_000,
    },
  });
  const timesheet = await prisma.timesheet.create({
    data: { allocationId: allocation.id, studentId: users.student.id, providerId: provider.id, weekStarting: new Date("2027-01-11"), days: 5, inPersonMinutes: 2250, telehealthMinutes: 0, simulationMinutes: 0, submittedAt: new Date() },
  });
  world = { timesheetId: timesheet.id, fundingProgrammeId: fundingProgramme.id, fundingAwardId: fundingAward.id, resourceId: resource.id, auditId: audit.id, caseId: shortfallCase.id, offerId: offer.id, spareOfferId: spareOffer.id, requestId: request.id, allocationId: allocation.id, programmeId: request.programmeId, providerId: provider.id, runId: run.id };
});

async function requestAs(actor: Actor, path: string, form?: Record<string, string>, withCsrf = true) {
  const as = actor === "anonymous" ? undefined : await signInAs(cookies[actor]);
  return buildRequest(path, { as, form, withCsrf });
}

function matches(outcome: Outcome, status: number) {
  if (outcome === "ok") return status < 500 && ![401, 403, 404].includes(status);
  return status === outcome;
}

describe("authorisation matrix", () => {
  it("has an entry for every route file", () => {
    const missing = routeFiles().filter((file) => !ROUTES[file]);
    expect(missing, `Add these routes to the matrix: ${missing.join(", ")}`).toEqual([]);
  });

  for (const file of Object.keys(ROUTES).sort()) {
    const entry = ROUTES[file];
    it(`${file}: every role gets the expected answer`, async () => {
      const module = (await import(`../../app/routes/${file}`)) as {
        loader?: (args: LoaderFunctionArgs) => unknown;
        action?: (args: ActionFunctionArgs) => unknown;
      };
      const failures: string[] = [];
      const params = entry.params?.(world) ?? {};
      for (const [kind, expectations] of [["loader", entry.loader], ["action", entry.action]] as const) {
        if (!expectations) continue;
        const handler = kind === "loader" ? module.loader : module.action;
        if (!handler) {
          failures.push(`${kind} expected but the route has none`);
          continue;
        }
        for (const actor of ACTORS) {
          const request = await requestAs(actor, entry.path(world), kind === "loader" ? undefined : (entry.probe?.(world) ?? {}));
          const { status } = await settle(() => handler({ request, params, context: testContext }));
          if (!matches(expectations[actor], status)) failures.push(`${kind} as ${actor}: expected ${expectations[actor]}, got ${status}`);
        }
      }
      expect(failures).toEqual([]);
    });

    // Signed-in actions: even someone allowed is refused without the form's CSRF token.
    const allowedActor = entry.action && entry.action.anonymous === 302 ? ACTORS.find((actor) => actor !== "anonymous" && [200, "ok"].includes(entry.action![actor])) : undefined;
    if (allowedActor) {
      it(`${file}: the action needs the CSRF token`, async () => {
        const module = (await import(`../../app/routes/${file}`)) as { action: (args: ActionFunctionArgs) => unknown };
        const request = await requestAs(allowedActor, entry.path(world), entry.probe?.(world) ?? {}, false);
        const { status } = await settle(() => module.action({ request, params: entry.params?.(world) ?? {}, context: testContext }));
        expect(status).toBe(403);
      });
    }
  }
});
