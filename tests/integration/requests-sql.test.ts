import { describe, expect, it } from "vitest";
import { listRequests, REQUEST_ROW_SELECT, requestWhere } from "~/marketplace/requests.server";
import type { RequestFilters } from "~/marketplace/request-form";
import { prisma } from "~/platform/db/db.server";
import { pageWindow } from "~/platform/paging";
import { useTestDatabase } from "../helpers/database";
import { seededGenerator } from "../helpers/seeded-random";
import { createOrganisation, createRegion, createUser } from "../helpers/fixtures";
import { sessionUserOf } from "./provider-fixtures";

useTestDatabase();

/*
 * The university's requests list reads on the driver. Every filter, alone and combined, and every page are
 * checked here against the Prisma query the page used before (written out below as the reference), on
 * generated requests of two universities: every status and profession, several programmes, blocks across
 * the year, and requests made in the same instant (so the order's last key, the id, decides).
 */

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const STARTS = ["2026-09-14", "2026-11-02", "2027-01-11", "2027-01-11", "2027-03-01", "2027-05-10"];
const STATUSES = ["OPEN", "OPEN", "PARTLY_ALLOCATED", "FULLY_ALLOCATED", "CANCELLED"] as const;
const PROFESSIONS_USED = ["PT", "OT", "SLT"] as const;

async function generateRequests(seed: number) {
  const random = seededGenerator(seed);
  const region = await createRegion(`Region ${seed}`);
  const universities = [await createOrganisation({ kind: "UNIVERSITY", regionId: region.id }), await createOrganisation({ kind: "UNIVERSITY", regionId: region.id })];
  const programmes = [];
  for (const [index, university] of universities.entries()) {
    for (const name of ["BSc Physiotherapy", "MSc Occupational_Therapy", "BSc 100% Speech"]) {
      const profession = random.pick(PROFESSIONS_USED);
      programmes.push(await prisma.programme.create({ data: { universityId: university.id, name: `${name} ${seed}-${index}`, profession, years: 3 } }));
    }
  }
  const createdAt = new Date("2026-06-01T09:00:00Z");
  for (let index = 0; index < 90; index++) {
    const programme = random.pick(programmes);
    const start = random.pick(STARTS);
    const end = new Date(day(start).getTime() + random.int(3, 8) * 7 * 86_400_000);
    const year = random.int(1, 3);
    const block = await prisma.placementBlock.create({ data: { programmeId: programme.id, name: `Year ${year} block ${index}`, yearOfStudy: year, startDate: day(start), endDate: end } });
    const students = random.int(1, 8);
    await prisma.placementRequest.create({
      data: {
        universityId: programme.universityId,
        programmeId: programme.id,
        blockId: block.id,
        profession: programme.profession,
        yearOfStudy: year,
        startDate: day(start),
        endDate: end,
        students,
        studentsAllocated: random.int(0, students),
        status: random.pick(STATUSES),
        reasonableAdjustments: "never listed",
        // Half made in the same instant as another.
        createdAt: new Date(createdAt.getTime() + random.int(0, 40) * 60_000),
      },
    });
  }
  const team = await createUser("UNIVERSITY", { organisationId: universities[0]!.id });
  return { university: universities[0]!, programmes: programmes.filter((programme) => programme.universityId === universities[0]!.id), user: sessionUserOf(team), random };
}

/** The page's query before it moved to the driver. */
async function prismaReference(universityId: string, filters: RequestFilters) {
  const where = requestWhere(universityId, filters);
  const window = pageWindow(await prisma.placementRequest.count({ where }), filters.page);
  const [requests, programmes] = await Promise.all([
    prisma.placementRequest.findMany({
      where,
      orderBy: [{ startDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      skip: window.skip,
      take: window.take,
      select: { ...REQUEST_ROW_SELECT, status: true },
    }),
    prisma.programme.findMany({ where: { universityId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { window, requests: requests.map(({ programme, block, ...request }) => ({ ...request, programmeName: programme.name, blockName: block.name })), programmes };
}

describe("the university's requests list on the driver", () => {
  it("answers every filter and page as the Prisma query did", async () => {
    const { university, programmes, user, random } = await generateRequests(7);
    const choices = {
      status: [undefined, ...new Set(STATUSES)],
      profession: [undefined, ...PROFESSIONS_USED, "RAD" as const],
      programmeId: [undefined, ...programmes.map((programme) => programme.id), "no-such-programme"],
      from: [undefined, "2026-11-02", "2027-02-01", "2030-01-01"],
      to: [undefined, "2026-09-13", "2027-01-11", "2027-06-30"],
      page: [undefined, 1, 2, 3, 99],
    };
    const cases: RequestFilters[] = [{} as RequestFilters];
    for (const [key, values] of Object.entries(choices)) for (const value of values) cases.push({ [key]: value } as RequestFilters);
    for (let index = 0; index < 60; index++) {
      cases.push(Object.fromEntries(Object.entries(choices).map(([key, values]) => [key, random.pick(values as unknown[])])) as RequestFilters);
    }
    let compared = 0;
    for (const filters of cases) {
      const [driver, reference] = await Promise.all([listRequests(user, filters), prismaReference(university.id, filters)]);
      expect(driver, JSON.stringify(filters)).toEqual(reference);
      compared += driver.requests.length;
    }
    // The cases reached rows: an always-empty comparison would prove nothing.
    expect(compared).toBeGreaterThan(500);
    const firstPage = await listRequests(user, {} as RequestFilters);
    expect(firstPage.window.total).toBeGreaterThan(25);
    expect(JSON.stringify(firstPage)).not.toContain("never listed");
  });

  it("reads the same calendar days whatever the server's time zone", async () => {
    const { user } = await generateRequests(11);
    const zone = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      const west = await listRequests(user, {} as RequestFilters);
      process.env.TZ = "Asia/Tokyo";
      const east = await listRequests(user, {} as RequestFilters);
      expect(west.requests.map((request) => request.startDate.toISOString())).toEqual(east.requests.map((request) => request.startDate.toISOString()));
      expect(west.requests.every((request) => request.startDate.toISOString().endsWith("T00:00:00.000Z"))).toBe(true);
    } finally {
      process.env.TZ = zone;
    }
  });
});
