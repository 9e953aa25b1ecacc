import type { MatchingInput, MatchingOffer, MatchingProvider, PlacementRequest } from "../../app/matching/solver/types";
import { ENGLAND_CENTRES, LONDON_CENTRES, seededDraws, type Centre } from "./generate";

/**
 * Region shapes that the England/London bench does not cover (issue #12), at any size.
 * The base is the "dense" shape of real regions: a wide area, 40% of requests without a
 * travel limit, block dates jittered per request and per offer, half the offers taking only
 * some years, one requested specialty out of six, and places for about 90% of students.
 * The other shapes change one thing each.
 */
export const BENCH_SHAPES = ["dense", "london", "tiny-offers", "dominant-provider", "over-supply", "under-supply"] as const;
export type BenchShape = (typeof BENCH_SHAPES)[number];

export const BENCH_SIZES: Record<string, number> = { "10k": 10_000, "30k": 30_000, "100k": 100_000, "1m": 1_000_000 };

interface ShapeSettings {
  centres: readonly Centre[];
  /** Spread of provider sites around their centre, km: wide spreads cover the whole area. */
  siteSpreadKm: number;
  /** Share of requests with no travel limit. */
  unlimitedShare: number;
  /** Places offered per student requested. */
  supplyRatio: number;
  capacity: [low: number, high: number];
  /** Share of all offers posted by one provider (0: none dominates). */
  dominantShare: number;
  travelLimits: readonly number[];
}

const DENSE: ShapeSettings = {
  centres: ENGLAND_CENTRES,
  siteSpreadKm: 60,
  unlimitedShare: 0.4,
  supplyRatio: 0.9,
  capacity: [1, 6],
  dominantShare: 0,
  travelLimits: [45, 60, 60, 75, 90, 90, 120],
};

const SHAPES: Record<BenchShape, ShapeSettings> = {
  dense: DENSE,
  london: { ...DENSE, centres: LONDON_CENTRES, siteSpreadKm: 8, unlimitedShare: 0, travelLimits: [30, 45, 45, 60, 60, 75, 90] },
  "tiny-offers": { ...DENSE, capacity: [1, 1] },
  "dominant-provider": { ...DENSE, dominantShare: 0.4 },
  "over-supply": { ...DENSE, supplyRatio: 2 },
  "under-supply": { ...DENSE, supplyRatio: 0.5 },
};

const PROFESSIONS = [
  { code: "PT", weight: 0.28 },
  { code: "OT", weight: 0.22 },
  { code: "RAD", weight: 0.2 },
  { code: "SLT", weight: 0.12 },
  { code: "PARA", weight: 0.1 },
  { code: "DIET", weight: 0.08 },
];

const SPECIALTIES = ["MSK", "neuro", "paediatrics", "mental health", "respiratory", "community"];

/** Eight five-week blocks through the academic year 2026–27, as day offsets from its first day. */
const YEAR_START = Date.UTC(2026, 8, 14);
const BLOCK_COUNT = 8;
const BLOCK_STRIDE_DAYS = 35;
const BLOCK_LENGTH_DAYS = 32;

function isoDay(dayOffset: number): string {
  return new Date(YEAR_START + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

/** 2,500 providers and 60 universities per 100,000 students, as in the held-out England data. */
export function generateShapedInstance(shape: BenchShape, students: number, seed = 20270112): MatchingInput {
  const settings = SHAPES[shape];
  const { random, integer, gaussian, pick, weightedPick } = seededDraws(seed);
  const near = (centre: Centre, spreadKm: number) => ({
    lat: Math.round((centre.lat + (gaussian() * spreadKm) / 111.2) * 1e5) / 1e5,
    lon: Math.round((centre.lon + (gaussian() * spreadKm) / (111.2 * Math.cos((centre.lat * Math.PI) / 180))) * 1e5) / 1e5,
  });

  const providerCount = Math.max(10, Math.round(students / 40));
  const universityCount = Math.max(3, Math.round(students / 1_700));

  const providers: MatchingProvider[] = Array.from({ length: providerCount }, (_, index) => {
    const large = index < providerCount * 0.1;
    const size = large ? 0.5 + random() * 1.5 : 0.05 + random() * 0.2;
    const workforce: Record<string, number> = {};
    for (const profession of PROFESSIONS) {
      if (!large && random() < 0.5) continue;
      workforce[profession.code] = Math.round(size * profession.weight * 160 * (0.5 + random()) * 10) / 10;
    }
    if (Object.keys(workforce).length === 0) workforce[weightedPick(PROFESSIONS).code] = Math.round(size * 20 * 10) / 10;
    const centre = weightedPick(settings.centres);
    return {
      id: `P${index + 1}`,
      workforce,
      sites: Array.from({ length: large ? integer(2, 5) : 1 }, (_, site) => ({ id: `S${site + 1}`, location: near(centre, settings.siteSpreadKm) })),
    };
  });
  if (settings.dominantShare > 0) {
    for (const profession of PROFESSIONS) providers[0].workforce[profession.code] = Math.round(students * profession.weight * 0.2);
  }

  const universities = Array.from({ length: universityCount }, (_, index) => ({ id: `U${index + 1}`, centre: weightedPick(settings.centres) }));
  const requests: PlacementRequest[] = [];
  const demandByProfession = new Map<string, number>();
  let requested = 0;
  while (requested < students) {
    const university = pick(universities);
    const profession = weightedPick(PROFESSIONS);
    const block = integer(0, BLOCK_COUNT - 1);
    const count = Math.min(students - requested, integer(1, 6));
    requested += count;
    demandByProfession.set(profession.code, (demandByProfession.get(profession.code) ?? 0) + count);
    const home = random() < 0.8 ? university.centre : weightedPick(settings.centres);
    const blockStart = block * BLOCK_STRIDE_DAYS;
    requests.push({
      id: `Q${requests.length + 1}`,
      universityId: university.id,
      profession: profession.code,
      year: integer(1, 3),
      start: isoDay(blockStart + integer(-2, 3)),
      end: isoDay(blockStart + BLOCK_LENGTH_DAYS + integer(-3, 2)),
      students: count,
      origin: near(home, 15),
      maxTravelMinutes: random() < settings.unlimitedShare ? null : pick(settings.travelLimits),
      specialties: [pick(SPECIALTIES)],
    });
  }

  const offers: MatchingOffer[] = [];
  for (const profession of PROFESSIONS) {
    const hosts = providers.filter((provider) => (provider.workforce[profession.code] ?? 0) > 0);
    if (hosts.length === 0) continue;
    const places = Math.round((demandByProfession.get(profession.code) ?? 0) * settings.supplyRatio);
    const totalWorkforce = hosts.reduce((sum, provider) => sum + provider.workforce[profession.code], 0);
    let posted = 0;
    while (posted < places) {
      const provider =
        settings.dominantShare > 0 && random() < settings.dominantShare
          ? providers[0]
          : // Willingness to host varies: some providers post far more than their share, some far less.
            (() => {
              for (;;) {
                const host = pick(hosts);
                if (random() * 3 <= (host.workforce[profession.code] / totalWorkforce) * hosts.length * (0.3 + random())) return host;
              }
            })();
      const firstBlock = integer(0, BLOCK_COUNT - 1);
      const lastBlock = Math.min(BLOCK_COUNT - 1, firstBlock + (random() < 0.7 ? 0 : 1));
      const capacity = integer(settings.capacity[0], settings.capacity[1]);
      const someYears = [1, 2, 3].filter(() => random() < 0.5);
      const years = random() < 0.5 ? null : someYears.length > 0 ? someYears : [integer(1, 3)];
      offers.push({
        id: `O-${profession.code}-${offers.length + 1}`,
        providerId: provider.id,
        siteId: pick(provider.sites).id,
        profession: profession.code,
        start: isoDay(firstBlock * BLOCK_STRIDE_DAYS + integer(-4, 1)),
        end: isoDay(lastBlock * BLOCK_STRIDE_DAYS + BLOCK_LENGTH_DAYS + integer(-1, 4)),
        capacity,
        taken: random() < 0.05 ? 1 : 0,
        years,
        specialty: random() < 0.8 ? pick(SPECIALTIES) : null,
      });
      posted += capacity;
    }
  }
  return { providers, offers, requests };
}
