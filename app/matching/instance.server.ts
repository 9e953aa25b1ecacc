import { prisma, Prisma } from "~/platform/db/db.server";
import { academicYearOf, formatAcademicYear } from "~/vocabulary/academic-year";
import { loadWorkforce } from "~/fair-share/fair-share.server";
import { addUtcDays } from "~/platform/utc-days";
import { REQUEST_NEED_SELECT } from "~/marketplace/requests.server";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { toIsoDate } from "~/platform/utc-days";

export interface MatchingScope {
  /** Only this region's providers and universities; all regions when null (administrators). */
  regionId: string | null;
  periodStart: Date;
  periodEnd: Date;
  profession: ProfessionCode | null;
}

/** The matching input document (docs/matching-format.md) for what is open in the database now. */
export interface MatchingDocument {
  providers: { id: string; workforce: Record<string, number>; sites: { id: string; lat: number; lon: number }[] }[];
  offers: {
    id: string;
    providerId: string;
    siteId: string;
    profession: string;
    start: string;
    end: string;
    capacity: number;
    taken: number;
    years?: number[];
    specialty?: string;
  }[];
  requests: {
    id: string;
    universityId: string;
    profession: string;
    year: number;
    start: string;
    end: string;
    students: number;
    origin?: { lat: number; lon: number };
    maxTravelMinutes?: number;
    specialties?: string[];
  }[];
}

/**
 * Requests whose block starts in the period and still have students to place, and the published
 * offers of active providers that could cover them. Places already held by allocations (proposed
 * to completed) count as taken, so a run never moves a confirmed allocation.
 */
export async function loadMatchingDocument(scope: MatchingScope): Promise<{ document: MatchingDocument; warnings: string[] }> {
  const profession = scope.profession ?? undefined;
  const inRegion = scope.regionId ? { regionId: scope.regionId } : {};
  const requests = await prisma.placementRequest.findMany({
    where: {
      status: { in: ["OPEN", "PARTLY_ALLOCATED"] },
      profession,
      startDate: { gte: scope.periodStart, lte: scope.periodEnd },
      university: { active: true, ...inRegion },
    },
    select: {
      id: true,
      universityId: true,
      ...REQUEST_NEED_SELECT,
      originLatitude: true,
      originLongitude: true,
      maxTravelMinutes: true,
      specialties: true,
    },
    orderBy: { id: "asc" },
  });
  const open = requests.filter((request) => request.students > request.studentsAllocated);
  const professions = [...new Set(open.map((request) => request.profession))];
  const latestEnd = open.reduce((latest, request) => (request.endDate > latest ? request.endDate : latest), scope.periodEnd);

  const offerWhere: Prisma.OfferWhereInput = {
    status: "PUBLISHED",
    profession: { in: professions },
    startDate: { lte: scope.periodEnd },
    endDate: { gte: scope.periodStart, lte: addUtcDays(latestEnd, 366) },
    provider: { active: true, ...inRegion },
  };
  const offers = await prisma.offer.findMany({
    where: offerWhere,
    select: { id: true, providerId: true, siteId: true, profession: true, startDate: true, endDate: true, slots: true, slotsTaken: true, yearsOfStudy: true, specialty: true },
    orderBy: { id: "asc" },
  });
  const year = academicYearOf(scope.periodStart);
  const [providers, workforce] = await Promise.all([
    prisma.organisation.findMany({
      where: { kind: "PROVIDER", active: true, ...inRegion },
      select: { id: true, name: true, sites: { select: { id: true, latitude: true, longitude: true } } },
      orderBy: { id: "asc" },
    }),
    // The workforce fair share is apportioned by, as on the fair-share pages.
    loadWorkforce(scope.regionId, year, professions),
  ]);
  const workforceRows = new Map<string, typeof workforce>(providers.map((p) => [p.id, []]));
  for (const row of workforce) workforceRows.get(row.organisationId)?.push(row);
  const workforceOf = (providerId: string) => workforceRows.get(providerId) ?? [];

  const warnings: string[] = [];
  const workforceByProvider = new Map(providers.map((p) => [p.id, new Set(workforceOf(p.id).map((w) => w.profession))]));
  const names = new Map(providers.map((p) => [p.id, p.name]));
  const warned = new Set<string>();
  for (const offer of offers) {
    const key = `${offer.providerId}:${offer.profession}`;
    if (!workforceByProvider.get(offer.providerId)?.has(offer.profession) && !warned.has(key)) {
      warned.add(key);
      const profession = PROFESSION_LABELS[offer.profession].toLowerCase();
      warnings.push(`${names.get(offer.providerId)} offers ${profession} placements but has no ${profession} workforce for ${formatAcademicYear(year)}: its fair share is 0`);
    }
  }

  const document: MatchingDocument = {
    providers: providers.map((provider) => ({
      id: provider.id,
      workforce: Object.fromEntries(workforceOf(provider.id).map((row) => [row.profession, row.wte])),
      sites: provider.sites.map((site) => ({ id: site.id, lat: site.latitude, lon: site.longitude })),
    })),
    offers: offers.map((offer) => ({
      id: offer.id,
      providerId: offer.providerId,
      siteId: offer.siteId,
      profession: offer.profession,
      start: toIsoDate(offer.startDate),
      end: toIsoDate(offer.endDate),
      capacity: offer.slots,
      taken: Math.min(offer.slotsTaken, offer.slots),
      ...(offer.yearsOfStudy.length ? { years: offer.yearsOfStudy } : {}),
      ...(offer.specialty ? { specialty: offer.specialty } : {}),
    })),
    requests: open.map((request) => ({
      id: request.id,
      universityId: request.universityId,
      profession: request.profession,
      year: request.yearOfStudy,
      start: toIsoDate(request.startDate),
      end: toIsoDate(request.endDate),
      students: request.students - request.studentsAllocated,
      ...(request.originLatitude !== null && request.originLongitude !== null ? { origin: { lat: request.originLatitude, lon: request.originLongitude } } : {}),
      ...(request.maxTravelMinutes ? { maxTravelMinutes: request.maxTravelMinutes } : {}),
      ...(request.specialties.length ? { specialties: request.specialties } : {}),
    })),
  };
  return { document, warnings };
}
