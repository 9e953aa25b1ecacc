import { prisma } from "~/platform/db/db.server";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A calendar date (YYYY-MM-DD) this many days from today, for tests whose dates must stay in the future or past. */
export function isoFromToday(days: number): string {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);
}

export async function createSite(organisationId: string, overrides: Partial<{ name: string; latitude: number; longitude: number }> = {}) {
  return prisma.site.create({
    data: { organisationId, name: overrides.name ?? `Site ${Math.random().toString(36).slice(2, 8)}`, postcode: "SE1 7EH", latitude: overrides.latitude ?? 51.498, longitude: overrides.longitude ?? -0.118 },
  });
}

export async function createOffer(
  providerId: string,
  overrides: Partial<{ slots: number; status: "DRAFT" | "PUBLISHED" | "WITHDRAWN"; profession: "PT" | "OT" | "SLT"; start: string; end: string; years: number[]; siteId: string; specialty: string }> = {},
) {
  const siteId = overrides.siteId ?? (await createSite(providerId)).id;
  return prisma.offer.create({
    data: {
      providerId,
      siteId,
      profession: overrides.profession ?? "PT",
      specialty: overrides.specialty ?? "MSK",
      startDate: day(overrides.start ?? "2027-01-04"),
      endDate: day(overrides.end ?? "2027-02-26"),
      slots: overrides.slots ?? 2,
      supervisionModel: "ONE_TO_ONE",
      yearsOfStudy: overrides.years ?? [2, 3],
      status: overrides.status ?? "PUBLISHED",
      publishedAt: new Date(),
    },
  });
}

export async function createRequest(
  universityId: string,
  overrides: Partial<{ students: number; profession: "PT" | "OT" | "SLT"; year: number; start: string; end: string; reasonableAdjustments: string }> = {},
) {
  const profession = overrides.profession ?? "PT";
  const year = overrides.year ?? 2;
  const programme = await prisma.programme.create({
    data: { universityId, name: `BSc ${profession} ${Math.random().toString(36).slice(2, 8)}`, profession, years: 3 },
  });
  const block = await prisma.placementBlock.create({
    data: { programmeId: programme.id, name: `Year ${year} block`, yearOfStudy: year, startDate: day(overrides.start ?? "2027-01-11"), endDate: day(overrides.end ?? "2027-02-05") },
  });
  return prisma.placementRequest.create({
    data: {
      universityId,
      programmeId: programme.id,
      blockId: block.id,
      profession,
      yearOfStudy: year,
      startDate: block.startDate,
      endDate: block.endDate,
      students: overrides.students ?? 4,
      reasonableAdjustments: overrides.reasonableAdjustments,
    },
  });
}
