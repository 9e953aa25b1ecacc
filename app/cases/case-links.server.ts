import { prisma, type Prisma } from "~/platform/db/db.server";
import { formatDate } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { allocationLabel, offerLabel, type CaseLinkOption } from "./case-rules";


const SHOWN = 20;

const OFFER_SELECT = {
  id: true,
  profession: true,
  specialty: true,
  startDate: true,
  endDate: true,
  slots: true,
  slotsTaken: true,
  provider: { select: { name: true } },
  site: { select: { name: true } },
} satisfies Prisma.OfferSelect;

const ALLOCATION_SELECT = {
  id: true,
  students: true,
  offer: { select: { provider: { select: { name: true } }, site: { select: { name: true } } } },
  request: { select: { profession: true, startDate: true, endDate: true, programme: { select: { name: true } }, university: { select: { name: true } } } },
} satisfies Prisma.AllocationSelect;

type OfferRow = Prisma.OfferGetPayload<{ select: typeof OFFER_SELECT }>;
type AllocationRow = Prisma.AllocationGetPayload<{ select: typeof ALLOCATION_SELECT }>;

const offerOption = (offer: OfferRow, withPlaces: boolean): CaseLinkOption => ({
  id: offer.id,
  label: offerLabel({
    profession: offer.profession,
    specialty: offer.specialty,
    startDate: offer.startDate,
    endDate: offer.endDate,
    providerName: offer.provider.name,
    siteName: offer.site.name,
    placesLeft: withPlaces ? offer.slots - offer.slotsTaken : undefined,
  }),
});

const allocationOption = (allocation: AllocationRow): CaseLinkOption => ({
  id: allocation.id,
  label: allocationLabel({
    students: allocation.students,
    profession: allocation.request.profession,
    programmeName: allocation.request.programme.name,
    universityName: allocation.request.university.name,
    providerName: allocation.offer.provider.name,
    siteName: allocation.offer.site.name,
    startDate: allocation.request.startDate,
    endDate: allocation.request.endDate,
  }),
});

/** Words of a search, at most five, each of which must match somewhere. */
function words(q: string): string[] {
  return q.trim().split(/\s+/).filter(Boolean).slice(0, 5);
}

const contains = (word: string) => ({ contains: word, mode: "insensitive" as const });

/** Professions whose name contains the word ("physio" finds physiotherapy). */
function professionsNamed(word: string): ProfessionCode[] {
  const lower = word.toLowerCase();
  return PROFESSIONS.filter((code) => PROFESSION_LABELS[code].toLowerCase().includes(lower));
}

/**
 * Offers of the region whose provider, site, specialty or profession match every word. "open-offer":
 * published, not over, with places left and of the given profession, as a university could book.
 */
export async function searchRegionOffers(regionId: string, q: string, options: { open: boolean; profession: ProfessionCode | null; now?: Date }): Promise<CaseLinkOption[]> {
  const where: Prisma.OfferWhereInput = {
    provider: { regionId },
    status: options.open ? "PUBLISHED" : { not: "DRAFT" },
    AND: words(q).map((word) => ({
      OR: [{ provider: { name: contains(word) } }, { site: { name: contains(word) } }, { specialty: contains(word) }, { profession: { in: professionsNamed(word) } }],
    })),
  };
  if (options.open) {
    where.endDate = { gte: options.now ?? new Date() };
    if (options.profession) where.profession = options.profession;
  }
  const offers = await prisma.offer.findMany({ where, select: OFFER_SELECT, orderBy: [{ startDate: "asc" }, { id: "asc" }], take: options.open ? SHOWN * 5 : SHOWN });
  // Places left compare two columns, which a Prisma filter cannot: filtered here from a wider page.
  return offers
    .filter((offer) => !options.open || offer.slotsTaken < offer.slots)
    .slice(0, SHOWN)
    .map((offer) => offerOption(offer, options.open));
}

/** Allocations that touch the region (its provider or its university), not declined or cancelled, matching every word. */
export async function searchRegionAllocations(regionId: string, q: string): Promise<CaseLinkOption[]> {
  const allocations = await prisma.allocation.findMany({
    where: {
      status: { notIn: ["DECLINED", "CANCELLED"] },
      OR: [{ offer: { provider: { regionId } } }, { request: { university: { regionId } } }],
      AND: words(q).map((word) => ({
        OR: [
          { offer: { provider: { name: contains(word) } } },
          { offer: { site: { name: contains(word) } } },
          { request: { university: { name: contains(word) } } },
          { request: { programme: { name: contains(word) } } },
          { request: { profession: { in: professionsNamed(word) } } },
        ],
      })),
    },
    select: ALLOCATION_SELECT,
    orderBy: [{ request: { startDate: "asc" } }, { id: "asc" }],
    take: SHOWN,
  });
  return allocations.map(allocationOption);
}

/** Names for the offers, allocations and requests a case or its notes point at. */
export async function describeLinks(ids: { offers: string[]; allocations: string[]; requests?: string[] }) {
  const [offers, allocations, requests] = await Promise.all([
    ids.offers.length ? prisma.offer.findMany({ where: { id: { in: ids.offers } }, select: OFFER_SELECT }) : [],
    ids.allocations.length ? prisma.allocation.findMany({ where: { id: { in: ids.allocations } }, select: ALLOCATION_SELECT }) : [],
    ids.requests?.length
      ? prisma.placementRequest.findMany({
          where: { id: { in: ids.requests } },
          select: { id: true, students: true, startDate: true, programme: { select: { name: true } }, university: { select: { name: true } } },
        })
      : [],
  ]);
  return {
    offers: new Map(offers.map((offer) => [offer.id, offerOption(offer, false).label])),
    allocations: new Map(allocations.map((allocation) => [allocation.id, allocationOption(allocation).label])),
    requests: new Map(requests.map((r) => [r.id, `${r.programme.name} (${r.university.name}) from ${formatDate(r.startDate)}`])),
  };
}

const LINKED_ID = /\b(offer|allocation|request) (c[a-z0-9]{20,30})\b/g;

/**
 * Timeline notes written before they named what they point at say "offer <id>": the name is put in
 * the id's place (an id nothing matches is left as it was).
 */
export async function nameLinkedIds(bodies: string[]): Promise<string[]> {
  const found = { offer: new Set<string>(), allocation: new Set<string>(), request: new Set<string>() };
  for (const body of bodies) for (const [, type, id] of body.matchAll(LINKED_ID)) found[type as keyof typeof found].add(id);
  if (found.offer.size + found.allocation.size + found.request.size === 0) return bodies;
  const names = await describeLinks({ offers: [...found.offer], allocations: [...found.allocation], requests: [...found.request] });
  const byType = { offer: names.offers, allocation: names.allocations, request: names.requests };
  return bodies.map((body) => body.replace(LINKED_ID, (text, type: keyof typeof byType, id: string) => {
    const name = byType[type].get(id);
    return name ? `${type} ${name}` : text;
  }));
}
