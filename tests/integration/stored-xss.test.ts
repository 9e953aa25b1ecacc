import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { useTestDatabase } from "../helpers/database";
import { usePortalServer } from "../helpers/portal";
import { createOrganisation, createRegion, createUser, signInAs } from "../helpers/fixtures";
import { createOffer, createRequest, createSite } from "../helpers/marketplace";

const database = useTestDatabase();
const server = usePortalServer(database);
const X = (field: string) => `<script>window.xss_${field}=1</script><img src=x onerror=xss_${field}>`;

/** Every free-text field people type is stored with a script in it; no page may send it back as markup. */
describe("stored scripts in free text", () => {
  it("render as text on every page that shows them", async () => {
    const region = await createRegion(X("region"));
    const trust = await createOrganisation({ regionId: region.id, name: X("provider") });
    const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id, name: X("university") });
    const site = await createSite(trust.id, { name: X("site") });
    const educator = await createUser("EDUCATOR", { organisationId: trust.id });
    await prisma.user.update({ where: { id: educator.id }, data: { name: X("username") } });
    const lead = await createUser("UNIVERSITY", { organisationId: university.id });
    const facilitator = await createUser("FACILITATOR", { regionId: region.id });
    const offer = await createOffer(trust.id, { siteId: site.id, specialty: X("specialty") });
    await prisma.offer.update({ where: { id: offer.id }, data: { notes: X("notes") } });
    const request = await createRequest(university.id, { students: 2, reasonableAdjustments: X("adjustments") });
    await prisma.programme.update({ where: { id: request.programmeId }, data: { name: X("programme") } });
    await prisma.placementBlock.update({ where: { id: request.blockId }, data: { name: X("block") } });
    const allocation = await bookOffer(lead as SessionUser, { offerId: offer.id, requestId: request.id, students: 1 });
    await transitionAllocation(educator as SessionUser, { allocationId: allocation.id, to: "DECLINED", reason: X("reason") });
    const shortfall = await prisma.shortfallCase.create({ data: { regionId: region.id, kind: "OTHER", title: X("case"), notes: { create: { body: X("casenote") } } } });
    const resource = await prisma.resource.create({ data: { title: X("resource"), summary: X("summary"), category: "best-practice", tags: [X("tag")], url: "https://example.org", comments: { create: { authorId: lead.id, body: X("comment") } } } });

    const pages: [{ id: string }, string][] = [
      [educator, `/provider/offers/${offer.id}`],
      [educator, "/provider/allocations?status=DECLINED"],
      [educator, `/organisations/${trust.id}`],
      [lead, `/allocations/${allocation.id}`],
      [lead, `/university/requests/${request.id}`],
      [lead, "/university/requests"],
      [lead, "/opportunities"],
      [lead, `/opportunities/${offer.id}`],
      [lead, "/notifications"],
      [facilitator, `/facilitator/cases/${shortfall.id}`],
      [facilitator, "/facilitator/cases"],
      [facilitator, "/organisations"],
      [facilitator, `/resources/${resource.id}`],
      [facilitator, "/resources"],
    ];
    const problems: string[] = [];
    for (const [user, path] of pages) {
      const response = await fetch(`${server.base}${path}`, { headers: { Cookie: (await signInAs(user)).cookie } });
      const html = await response.text();
      if (response.status !== 200) problems.push(`${path}: status ${response.status}`);
      for (const match of html.matchAll(/<script>window\.xss_(\w+)|<img src=x onerror=xss_(\w+)/g)) problems.push(`${path}: ${match[1] ?? match[2]} came back as markup`);
    }
    expect(problems).toEqual([]);
    // And the text itself is there, escaped, where it belongs.
    const offerPage = await (await fetch(`${server.base}/opportunities/${offer.id}`, { headers: { Cookie: (await signInAs(lead)).cookie } })).text();
    expect(offerPage).toContain("&lt;script&gt;window.xss_notes=1&lt;/script&gt;");
  });
});
