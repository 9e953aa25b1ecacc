import type { MatchingInput, MatchingOffer, MatchingProvider, PlacementRequest } from "../../app/matching/solver/types";

/**
 * Deterministic synthetic instances shaped like AHP placement data: NHS trusts with
 * several sites and PVI providers with one, clustered around population centres;
 * universities running some of eight professions, cohorts per year of study split
 * into requests by where students live; offers posted per term or per block.
 */

export type BenchScale = "london" | "england" | "10x";

/** A generated instance as the command reads it (docs/matching-format.md): sites carry lat and lon, not a location. */
export function toMatchingDocument(input: MatchingInput) {
  return {
    providers: input.providers.map((provider) => ({
      id: provider.id,
      workforce: provider.workforce,
      sites: provider.sites.map((site) => ({ id: site.id, lat: site.location?.lat, lon: site.location?.lon })),
    })),
    offers: input.offers,
    requests: input.requests,
  };
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The draws the generators make, all from one seeded stream: the same seed gives the same instance. */
export function seededDraws(seed: number) {
  const random = seededRandom(seed);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const weightedPick = <T extends { weight: number }>(items: readonly T[]): T => {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let threshold = random() * total;
    for (const item of items) {
      threshold -= item.weight;
      if (threshold <= 0) return item;
    }
    return items[items.length - 1];
  };
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return { random, integer, gaussian, weightedPick, pick };
}

export interface Centre {
  name: string;
  lat: number;
  lon: number;
  /** Relative population weight. */
  weight: number;
  /** Spread of sites and homes around the centre, km. */
  spreadKm: number;
}

export const LONDON_CENTRES: Centre[] = [
  { name: "Central", lat: 51.507, lon: -0.128, weight: 4, spreadKm: 5 },
  { name: "North", lat: 51.6, lon: -0.12, weight: 2, spreadKm: 6 },
  { name: "East", lat: 51.54, lon: 0.05, weight: 2, spreadKm: 6 },
  { name: "South", lat: 51.42, lon: -0.1, weight: 2, spreadKm: 6 },
  { name: "West", lat: 51.51, lon: -0.33, weight: 2, spreadKm: 6 },
];

export const ENGLAND_CENTRES: Centre[] = [
  { name: "London", lat: 51.507, lon: -0.128, weight: 9, spreadKm: 14 },
  { name: "Birmingham", lat: 52.486, lon: -1.89, weight: 3, spreadKm: 12 },
  { name: "Manchester", lat: 53.48, lon: -2.242, weight: 3, spreadKm: 12 },
  { name: "Leeds", lat: 53.8, lon: -1.549, weight: 2, spreadKm: 10 },
  { name: "Liverpool", lat: 53.408, lon: -2.991, weight: 2, spreadKm: 9 },
  { name: "Newcastle", lat: 54.978, lon: -1.618, weight: 1.5, spreadKm: 9 },
  { name: "Sheffield", lat: 53.381, lon: -1.47, weight: 1.5, spreadKm: 8 },
  { name: "Bristol", lat: 51.455, lon: -2.588, weight: 1.5, spreadKm: 9 },
  { name: "Nottingham", lat: 52.954, lon: -1.158, weight: 1.2, spreadKm: 8 },
  { name: "Leicester", lat: 52.637, lon: -1.14, weight: 1, spreadKm: 8 },
  { name: "Southampton", lat: 50.91, lon: -1.404, weight: 1, spreadKm: 8 },
  { name: "Portsmouth", lat: 50.805, lon: -1.087, weight: 0.8, spreadKm: 7 },
  { name: "Plymouth", lat: 50.376, lon: -4.143, weight: 0.7, spreadKm: 7 },
  { name: "Exeter", lat: 50.718, lon: -3.534, weight: 0.6, spreadKm: 8 },
  { name: "Norwich", lat: 52.63, lon: 1.297, weight: 0.7, spreadKm: 8 },
  { name: "Cambridge", lat: 52.205, lon: 0.119, weight: 0.8, spreadKm: 8 },
  { name: "Oxford", lat: 51.752, lon: -1.258, weight: 0.8, spreadKm: 8 },
  { name: "Brighton", lat: 50.822, lon: -0.137, weight: 0.8, spreadKm: 7 },
  { name: "Kent", lat: 51.28, lon: 1.08, weight: 1, spreadKm: 14 },
  { name: "Reading", lat: 51.454, lon: -0.978, weight: 0.8, spreadKm: 8 },
  { name: "Milton Keynes", lat: 52.04, lon: -0.759, weight: 0.6, spreadKm: 8 },
  { name: "Coventry", lat: 52.406, lon: -1.512, weight: 0.8, spreadKm: 7 },
  { name: "Stoke", lat: 53.003, lon: -2.18, weight: 0.7, spreadKm: 8 },
  { name: "Hull", lat: 53.767, lon: -0.327, weight: 0.6, spreadKm: 7 },
  { name: "York", lat: 53.96, lon: -1.08, weight: 0.5, spreadKm: 8 },
  { name: "Preston", lat: 53.763, lon: -2.703, weight: 0.7, spreadKm: 9 },
  { name: "Bradford", lat: 53.795, lon: -1.759, weight: 0.8, spreadKm: 7 },
  { name: "Derby", lat: 52.922, lon: -1.475, weight: 0.6, spreadKm: 7 },
  { name: "Sunderland", lat: 54.906, lon: -1.381, weight: 0.5, spreadKm: 7 },
  { name: "Cornwall", lat: 50.26, lon: -5.05, weight: 0.5, spreadKm: 15 },
  { name: "Carlisle", lat: 54.892, lon: -2.932, weight: 0.3, spreadKm: 12 },
  { name: "Lincoln", lat: 53.23, lon: -0.54, weight: 0.5, spreadKm: 12 },
];

const PROFESSIONS: Array<{ code: string; weight: number }> = [
  { code: "PT", weight: 0.25 },
  { code: "OT", weight: 0.2 },
  { code: "RAD", weight: 0.18 },
  { code: "SLT", weight: 0.1 },
  { code: "PARA", weight: 0.1 },
  { code: "DIET", weight: 0.08 },
  { code: "POD", weight: 0.06 },
  { code: "ORTH", weight: 0.03 },
];

const SPECIALTIES = ["MSK", "neuro", "paediatrics", "mental health", "respiratory", "older people", "community", "acute"];

/** Academic year 2026–27: offer windows are whole terms or single blocks inside them. */
const TERMS: Array<[string, string]> = [
  ["2026-09-14", "2026-12-18"],
  ["2027-01-04", "2027-03-26"],
  ["2027-04-12", "2027-07-16"],
];

interface ScaleSettings {
  centres: Centre[];
  regions: number;
  trusts: number;
  pviProviders: number;
  universities: number;
  students: number;
}

const SETTINGS: Record<BenchScale, ScaleSettings> = {
  london: { centres: LONDON_CENTRES, regions: 1, trusts: 40, pviProviders: 300, universities: 12, students: 10_000 },
  england: { centres: ENGLAND_CENTRES, regions: 1, trusts: 220, pviProviders: 1_000, universities: 60, students: 100_000 },
  // Ten England-sized regions side by side: ten times the data, the same local density.
  "10x": { centres: ENGLAND_CENTRES, regions: 10, trusts: 220, pviProviders: 1_000, universities: 60, students: 100_000 },
};

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function generateInstance(scale: BenchScale, seed = 20270111): MatchingInput {
  const settings = SETTINGS[scale];
  const { random, integer, gaussian, weightedPick, pick } = seededDraws(seed);
  const near = (centre: Centre, region: number, spreadFactor = 1) => {
    const spreadKm = centre.spreadKm * spreadFactor;
    const lat = centre.lat + (gaussian() * spreadKm) / 111.2;
    const lon = centre.lon + region * 8 + (gaussian() * spreadKm) / (111.2 * Math.cos((centre.lat * Math.PI) / 180));
    return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
  };

  const providers: MatchingProvider[] = [];
  const offers: MatchingOffer[] = [];
  const requests: PlacementRequest[] = [];
  const totalProfessionWeight = PROFESSIONS.reduce((sum, profession) => sum + profession.weight, 0);

  for (let region = 0; region < settings.regions; region++) {
    const prefix = settings.regions > 1 ? `R${region + 1}-` : "";
    const regionProviders: MatchingProvider[] = [];

    for (let index = 0; index < settings.trusts + settings.pviProviders; index++) {
      const isTrust = index < settings.trusts;
      const centre = weightedPick(settings.centres);
      const size = isTrust ? 0.4 + random() * 1.6 : 0.03 + random() * 0.12;
      const workforce: Record<string, number> = {};
      const pviProfessions = isTrust ? null : new Set([weightedPick(PROFESSIONS).code, weightedPick(PROFESSIONS).code]);
      for (const profession of PROFESSIONS) {
        if (pviProfessions && !pviProfessions.has(profession.code)) continue;
        if (isTrust && random() < 0.08) continue;
        workforce[profession.code] = Math.round(size * profession.weight * 160 * (0.5 + random()) * 10) / 10;
      }
      const siteCount = isTrust ? integer(2, 6) : 1;
      const provider: MatchingProvider = {
        id: `${prefix}${isTrust ? "T" : "PVI"}${index + 1}`,
        workforce,
        sites: Array.from({ length: siteCount }, (_, site) => ({ id: `S${site + 1}`, location: near(centre, region, isTrust ? 1.2 : 1.5) })),
      };
      regionProviders.push(provider);
    }
    providers.push(...regionProviders);

    // Universities and their blocks.
    const universities = Array.from({ length: settings.universities }, (_, index) => {
      const centre = weightedPick(settings.centres);
      const professions = PROFESSIONS.filter((profession) => random() < Math.min(0.95, 0.25 + profession.weight * 2.2));
      if (professions.length === 0) professions.push(PROFESSIONS[0]);
      return { id: `${prefix}U${index + 1}`, centre, professions };
    });
    const programmes = universities.flatMap((university) => university.professions.map((profession) => ({ university, profession })));
    const programmeWeight = programmes.reduce((sum, programme) => sum + programme.profession.weight, 0);

    let requestSerial = 0;
    for (const { university, profession } of programmes) {
      const programmeStudents = Math.round((settings.students * profession.weight) / programmeWeight);
      for (let year = 1; year <= 3; year++) {
        let cohort = Math.round((programmeStudents / 3) * (0.8 + random() * 0.4));
        const term = TERMS[(year + integer(0, 2)) % 3];
        const weeks = pick([4, 6, 6, 8]);
        const blockStart = addDays(term[0], 7 * integer(0, 3));
        const blockEnd = addDays(blockStart, 7 * weeks - 3);
        while (cohort > 0) {
          const students = Math.min(cohort, integer(1, 9));
          cohort -= students;
          const home = random() < 0.8 ? university.centre : weightedPick(settings.centres);
          const wantsSpecialty = random() < 0.35;
          requests.push({
            id: `${prefix}Q${++requestSerial}-${university.id}`,
            universityId: university.id,
            profession: profession.code,
            year,
            start: blockStart,
            end: blockEnd < term[1] ? blockEnd : term[1],
            students,
            origin: near(home, region, 1.3),
            maxTravelMinutes: pick([45, 60, 60, 75, 90, 90, 120]),
            specialties: wantsSpecialty ? [pick(SPECIALTIES), pick(SPECIALTIES)].filter((value, position, list) => list.indexOf(value) === position) : [],
          });
        }
      }
    }

    // Offers: roughly one place per requested student overall, spread by workforce.
    const regionStudents = settings.students;
    for (const profession of PROFESSIONS) {
      const hosts = regionProviders.filter((provider) => (provider.workforce[profession.code] ?? 0) > 0);
      const totalWorkforce = hosts.reduce((sum, provider) => sum + provider.workforce[profession.code], 0);
      if (totalWorkforce === 0) continue;
      const places = Math.round(((regionStudents * profession.weight) / totalProfessionWeight) * 1.05);
      let posted = 0;
      let serial = 0;
      while (posted < places) {
        const provider = hosts[Math.floor(random() * hosts.length)];
        // Willingness to host varies: some providers post far more than their share, some far less.
        if (random() * 3 > (provider.workforce[profession.code] / totalWorkforce) * hosts.length * (0.3 + random())) continue;
        const term = pick(TERMS);
        const wholeTerm = random() < 0.55;
        const start = wholeTerm ? term[0] : addDays(term[0], 7 * integer(0, 3));
        const end = wholeTerm ? term[1] : addDays(start, 7 * pick([6, 8, 10]) - 3);
        const capacity = integer(1, 6);
        const years = random() < 0.4 ? null : [1, 2, 3].filter(() => random() < 0.7);
        offers.push({
          id: `${prefix}O-${profession.code}-${++serial}`,
          providerId: provider.id,
          siteId: pick(provider.sites).id,
          profession: profession.code,
          start,
          end: end < term[1] ? end : term[1],
          capacity,
          taken: random() < 0.05 ? 1 : 0,
          years: years && years.length > 0 ? years : null,
          specialty: random() < 0.6 ? pick(SPECIALTIES) : null,
        });
        posted += capacity;
      }
    }
  }
  return { providers, offers, requests };
}
