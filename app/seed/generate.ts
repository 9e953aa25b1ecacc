import { PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { createRandom, type Random } from "./random";

export type SeedScale = "demo" | "london" | "england";

export interface SeedPlan {
  regions: { key: string; name: string; centre: { lat: number; lon: number } }[];
  organisations: {
    key: string;
    name: string;
    kind: "PROVIDER" | "UNIVERSITY";
    providerType: "NHS_TRUST" | "COMMUNITY" | "PVI" | null;
    code: string;
    regionKey: string;
    sites: { name: string; postcode: string; latitude: number; longitude: number }[];
    workforce: { profession: ProfessionCode; year: number; wte: number }[];
  }[];
  users: { email: string; name: string; role: "ADMIN" | "EDUCATOR" | "UNIVERSITY" | "FACILITATOR" | "STUDENT"; organisationKey: string | null; regionKey: string | null }[];
  programmes: {
    key: string;
    universityKey: string;
    name: string;
    profession: ProfessionCode;
    years: number;
    blocks: { key: string; name: string; yearOfStudy: number; start: string; end: string }[];
  }[];
  requests: {
    universityKey: string;
    programmeKey: string;
    blockKey: string;
    students: number;
    specialties: string[];
    maxTravelMinutes: number | null;
  }[];
  offers: {
    providerKey: string;
    siteIndex: number;
    profession: ProfessionCode;
    specialty: string | null;
    start: string;
    end: string;
    slots: number;
    supervisionModel: "ONE_TO_ONE" | "TWO_TO_ONE" | "PEER_ASSISTED" | "ROLE_EMERGING" | "VIRTUAL" | "HYBRID";
    yearsOfStudy: number[];
    status: "DRAFT" | "PUBLISHED";
  }[];
}

const SCALES: Record<SeedScale, { regions: number; trusts: number; community: number; pvi: number; universities: number; studentsPerUniversity: number }> = {
  demo: { regions: 1, trusts: 12, community: 4, pvi: 8, universities: 6, studentsPerUniversity: 4 },
  london: { regions: 1, trusts: 40, community: 10, pvi: 200, universities: 12, studentsPerUniversity: 20 },
  england: { regions: 7, trusts: 220, community: 60, pvi: 1500, universities: 60, studentsPerUniversity: 20 },
};

const REGIONS = [
  { name: "London", centre: { lat: 51.507, lon: -0.128 }, postcodes: ["E1", "N1", "SE1", "SW1", "W2", "NW1", "E14", "SE5", "SW17", "W12"] },
  { name: "South East", centre: { lat: 51.27, lon: 0.52 }, postcodes: ["ME14", "CT1", "TN1", "GU1", "RH1"] },
  { name: "East of England", centre: { lat: 52.2, lon: 0.12 }, postcodes: ["CB2", "NR4", "IP4", "CO4", "PE3"] },
  { name: "Midlands", centre: { lat: 52.48, lon: -1.9 }, postcodes: ["B15", "NG7", "LE1", "CV2", "DE22"] },
  { name: "North West", centre: { lat: 53.48, lon: -2.24 }, postcodes: ["M13", "L7", "PR2", "BL4", "WN1"] },
  { name: "North East and Yorkshire", centre: { lat: 53.8, lon: -1.55 }, postcodes: ["LS1", "S10", "NE1", "HU3", "YO31"] },
  { name: "South West", centre: { lat: 51.45, lon: -2.59 }, postcodes: ["BS2", "EX2", "PL6", "BA1", "TA1"] },
];

const PLACE_NAMES = [
  "Royal Riverside", "St Barnabas", "Northgate", "Kingsmead", "Westbrook", "Eastfield", "Highbury Vale",
  "Queen Mary's", "Southwark Park", "Thameside", "Greenwich Marsh", "Hampstead Heath", "Camden Lock", "Lewisham Road",
  "Croydon Hill", "Ealing Common", "Harrow Weald", "Barnet Gate", "Enfield Chase", "Ilford Bridge", "Romford Market",
  "Bromley Common", "Kingston Bridge", "Hillingdon Green", "Wandle Valley", "Lea Valley", "Brent Cross", "Holloway",
];
const UNIVERSITY_NAMES = [
  "City Health University", "Thames Valley Institute of Health", "University of North London Health Sciences",
  "South Bank School of Allied Health", "Royal College of Therapies", "Metropolitan University", "Kingsway University",
  "Riverside University", "St George's Health Campus", "Capital University", "Greenwich Health College", "Brunel Park University",
];
const FIRST_NAMES = ["Aisha", "Ben", "Chloe", "Dev", "Emma", "Farah", "George", "Hannah", "Imran", "Jess", "Kwame", "Lucy", "Mo", "Niamh", "Olu", "Priya", "Rhys", "Sara", "Tom", "Zara"];
const LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Francis", "Green", "Hussain", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Novak", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Taylor"];

/** Profession mixes: acute trusts are physio- and OT-heavy; PVI services are small and specialised. */
function workforceFor(random: Random, type: "NHS_TRUST" | "COMMUNITY" | "PVI", year: number) {
  const scale = type === "NHS_TRUST" ? 1 : type === "COMMUNITY" ? 0.6 : 0.08;
  const base: Record<ProfessionCode, number> = { PT: 60, OT: 45, SLT: 18, DIET: 20, POD: 10, RAD: 50, PARA: 0, ORTH: 4 };
  return PROFESSIONS.flatMap((profession) => {
    if (base[profession] === 0) return [];
    if (type === "PVI" && !random.chance(0.35)) return [];
    const wte = random.round(base[profession] * scale * (0.4 + random.next() * 1.2), 1);
    return wte > 0 ? [{ profession, year, wte }] : [];
  });
}

export const DEMO_PASSWORD = "demo-password-2026";
export const ACADEMIC_YEAR = 2026;

export function generateSeedPlan(scale: SeedScale = "demo", seed = 20261125): SeedPlan {
  const random = createRandom(seed);
  const size = SCALES[scale];
  const plan: SeedPlan = { regions: [], organisations: [], users: [], programmes: [], requests: [], offers: [] };
  const regions = REGIONS.slice(0, size.regions);
  plan.regions = regions.map((region, i) => ({ key: `region-${i}`, name: region.name, centre: region.centre }));
  const regionFor = (index: number) => index % regions.length;
  const jitter = (centre: number, spread: number) => random.round(centre + (random.next() - 0.5) * spread, 5);
  const person = () => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;

  const addProvider = (type: "NHS_TRUST" | "COMMUNITY" | "PVI", index: number) => {
    const regionIndex = regionFor(index);
    const region = REGIONS[regionIndex];
    const place = PLACE_NAMES[index % PLACE_NAMES.length];
    const suffix = index >= PLACE_NAMES.length ? ` ${Math.floor(index / PLACE_NAMES.length) + 1}` : "";
    const name =
      type === "NHS_TRUST"
        ? `${place}${suffix} NHS Foundation Trust`
        : type === "COMMUNITY"
          ? `${place}${suffix} Community Health Services`
          : `${place}${suffix} Therapy Practice`;
    const siteCount = type === "NHS_TRUST" ? random.int(2, 4) : 1;
    const key = `${type.toLowerCase()}-${index}`;
    plan.organisations.push({
      key,
      name: regions.length > 1 ? `${name} (${region.name})` : name,
      kind: "PROVIDER",
      providerType: type,
      code: `${type === "NHS_TRUST" ? "R" : type === "COMMUNITY" ? "C" : "P"}${String(index).padStart(4, "0")}`,
      regionKey: `region-${regionIndex}`,
      sites: Array.from({ length: siteCount }, (_, s) => ({
        name: s === 0 ? `${place} main site` : `${place} ${["community hub", "outpatients", "rehabilitation unit"][s - 1]}`,
        postcode: `${random.pick(region.postcodes)} ${random.int(1, 9)}${String.fromCharCode(65 + random.int(0, 25))}${String.fromCharCode(65 + random.int(0, 25))}`,
        latitude: jitter(region.centre.lat, 0.3),
        longitude: jitter(region.centre.lon, 0.5),
      })),
      workforce: workforceFor(random, type, ACADEMIC_YEAR),
    });
    return key;
  };

  const trustKeys = Array.from({ length: size.trusts }, (_, i) => addProvider("NHS_TRUST", i));
  for (let i = 0; i < size.community; i++) addProvider("COMMUNITY", i);
  for (let i = 0; i < size.pvi; i++) addProvider("PVI", i);

  const universityKeys = Array.from({ length: size.universities }, (_, i) => {
    const regionIndex = regionFor(i);
    const region = REGIONS[regionIndex];
    const base = UNIVERSITY_NAMES[i % UNIVERSITY_NAMES.length];
    const suffix = i >= UNIVERSITY_NAMES.length ? ` ${Math.floor(i / UNIVERSITY_NAMES.length) + 1}` : "";
    const key = `university-${i}`;
    plan.organisations.push({
      key,
      name: regions.length > 1 ? `${base}${suffix} (${region.name})` : `${base}${suffix}`,
      kind: "UNIVERSITY",
      providerType: null,
      code: `U${String(10000000 + i)}`,
      regionKey: `region-${regionIndex}`,
      sites: [{ name: "Main campus", postcode: `${random.pick(region.postcodes)} 1AA`, latitude: jitter(region.centre.lat, 0.1), longitude: jitter(region.centre.lon, 0.2) }],
      workforce: [],
    });
    return key;
  });

  addProgrammesAndRequests(plan, random, universityKeys, scale);
  addOffers(plan, random);

  // The named demo accounts, one per role, then a second educator for cross-organisation checks.
  plan.users.push(
    { email: "admin@example.com", name: "Alex Admin", role: "ADMIN", organisationKey: null, regionKey: null },
    { email: "educator@example.com", name: "Erin Educator", role: "EDUCATOR", organisationKey: trustKeys[0], regionKey: null },
    { email: "educator2@example.com", name: "Eli Educator", role: "EDUCATOR", organisationKey: trustKeys[1], regionKey: null },
    { email: "university@example.com", name: "Uma University", role: "UNIVERSITY", organisationKey: universityKeys[0], regionKey: null },
    { email: "university2@example.com", name: "Umar University", role: "UNIVERSITY", organisationKey: universityKeys[1], regionKey: null },
    { email: "facilitator@example.com", name: "Fay Facilitator", role: "FACILITATOR", organisationKey: null, regionKey: "region-0" },
    { email: "student@example.com", name: "Sam Student", role: "STUDENT", organisationKey: universityKeys[0], regionKey: null },
  );
  for (let i = 2; i < trustKeys.length; i++) {
    plan.users.push({ email: `educator.${i}@example.com`, name: person(), role: "EDUCATOR", organisationKey: trustKeys[i], regionKey: null });
  }
  universityKeys.forEach((key, u) => {
    for (let s = 0; s < size.studentsPerUniversity; s++) {
      plan.users.push({ email: `student.${u}.${s}@example.com`, name: person(), role: "STUDENT", organisationKey: key, regionKey: null });
    }
  });
  for (let r = 1; r < regions.length; r++) {
    plan.users.push({ email: `facilitator.${r}@example.com`, name: person(), role: "FACILITATOR", organisationKey: null, regionKey: `region-${r}` });
  }
  return plan;
}

/** The accounts a person signs in with, as printed at start-up and listed in README. */
export const DEMO_ACCOUNT_EMAILS = [
  "admin@example.com",
  "educator@example.com",
  "educator2@example.com",
  "university@example.com",
  "facilitator@example.com",
  "student@example.com",
];

const SPECIALTIES: Record<ProfessionCode, string[]> = {
  PT: ["MSK", "Neuro", "Respiratory", "Paediatrics", "Older people", "Community"],
  OT: ["Mental health", "Neuro", "Paediatrics", "Community", "Hand therapy"],
  SLT: ["Paediatrics", "Adult acquired", "Dysphagia", "Learning disability"],
  DIET: ["Acute", "Community", "Paediatrics", "Diabetes"],
  POD: ["Diabetic foot", "MSK", "Community"],
  RAD: ["Diagnostic", "Therapeutic", "CT/MRI"],
  PARA: ["Emergency", "Urgent care"],
  ORTH: ["Paediatrics", "Neuro-ophthalmology"],
};
const PROGRAMME_NAMES: Record<ProfessionCode, string> = {
  PT: "BSc (Hons) Physiotherapy",
  OT: "BSc (Hons) Occupational Therapy",
  SLT: "BSc (Hons) Speech and Language Therapy",
  DIET: "BSc (Hons) Dietetics",
  POD: "BSc (Hons) Podiatry",
  RAD: "BSc (Hons) Diagnostic Radiography",
  PARA: "BSc (Hons) Paramedic Science",
  ORTH: "BSc (Hons) Orthoptics",
};
/** Placement blocks of the 2026/27 year by year of study: autumn, spring and summer windows. */
const BLOCK_PATTERNS: { yearOfStudy: number; name: string; start: string; end: string }[] = [
  { yearOfStudy: 1, name: "Year 1 spring", start: "2027-03-01", end: "2027-03-26" },
  { yearOfStudy: 2, name: "Year 2 autumn", start: "2026-11-02", end: "2026-12-11" },
  { yearOfStudy: 2, name: "Year 2 summer", start: "2027-05-10", end: "2027-06-18" },
  { yearOfStudy: 3, name: "Year 3 winter", start: "2027-01-11", end: "2027-03-05" },
  { yearOfStudy: 3, name: "Year 3 summer", start: "2027-06-07", end: "2027-07-30" },
];
/** Offer windows cover one or more blocks; providers post in these seasons. */
const OFFER_WINDOWS: { start: string; end: string }[] = [
  { start: "2026-10-26", end: "2026-12-18" },
  { start: "2027-01-04", end: "2027-03-31" },
  { start: "2027-02-22", end: "2027-04-02" },
  { start: "2027-05-03", end: "2027-07-30" },
];
const SUPERVISION_WEIGHTS = ["ONE_TO_ONE", "ONE_TO_ONE", "ONE_TO_ONE", "TWO_TO_ONE", "TWO_TO_ONE", "PEER_ASSISTED", "ROLE_EMERGING", "VIRTUAL", "HYBRID"] as const;

function addProgrammesAndRequests(plan: SeedPlan, random: Random, universityKeys: string[], scale: SeedScale) {
  // Demand roughly matches capacity overall but not everywhere, so shortfalls exist.
  const groupsPerBlock = { demo: [1, 2], london: [4, 8], england: [12, 20] }[scale];
  for (const universityKey of universityKeys) {
    const professions = PROFESSIONS.filter((p) => p !== "PARA" && (p === "PT" || p === "OT" || random.chance(0.45)));
    for (const profession of professions) {
      const programmeKey = `${universityKey}-${profession}`;
      const blocks = BLOCK_PATTERNS.map((block, i) => ({ key: `${programmeKey}-b${i}`, ...block }));
      plan.programmes.push({ key: programmeKey, universityKey, name: PROGRAMME_NAMES[profession], profession, years: 3, blocks });
      for (const block of blocks) {
        // A cohort is requested in a few groups (campus or specialty preferences differ).
        const groups = random.int(groupsPerBlock[0], groupsPerBlock[1]);
        for (let g = 0; g < groups; g++) {
          plan.requests.push({
            universityKey,
            programmeKey,
            blockKey: block.key,
            students: random.int(2, 8),
            specialties: random.chance(0.5) ? [random.pick(SPECIALTIES[profession])] : [],
            maxTravelMinutes: random.chance(0.3) ? random.pick([45, 60, 90]) : null,
          });
        }
      }
    }
  }
}

function addOffers(plan: SeedPlan, random: Random) {
  // Capacity per profession is about 95% of demand overall, shared out by workforce but with
  // some providers generous and some far below their share: the exchange has work to do.
  const demand = new Map<ProfessionCode, number>();
  const studentsByProgramme = new Map(plan.programmes.map((programme) => [programme.key, programme.profession]));
  for (const request of plan.requests) {
    const profession = studentsByProgramme.get(request.programmeKey)!;
    demand.set(profession, (demand.get(profession) ?? 0) + request.students);
  }
  const providers = plan.organisations.filter((organisation) => organisation.kind === "PROVIDER");
  const weighted = providers.flatMap((organisation) =>
    organisation.workforce.map((workforce) => ({ organisation, workforce, weight: workforce.wte * random.pick([0.3, 0.6, 0.9, 1.1, 1.4]) })),
  );
  const totalWeight = new Map<ProfessionCode, number>();
  for (const row of weighted) totalWeight.set(row.workforce.profession, (totalWeight.get(row.workforce.profession) ?? 0) + row.weight);

  for (const { organisation, workforce, weight } of weighted) {
    const profession = workforce.profession;
    const target = ((demand.get(profession) ?? 0) * 0.95 * weight) / (totalWeight.get(profession) || 1);
    let remaining = Math.round(target);
    while (remaining > 0) {
      const window = random.pick(OFFER_WINDOWS);
      const slots = Math.min(remaining, random.int(1, 6));
      remaining -= slots;
      plan.offers.push({
        providerKey: organisation.key,
        siteIndex: random.int(0, organisation.sites.length - 1),
        profession,
        specialty: random.chance(0.8) ? random.pick(SPECIALTIES[profession]) : null,
        start: window.start,
        end: window.end,
        slots,
        supervisionModel: random.pick(SUPERVISION_WEIGHTS),
        yearsOfStudy: random.chance(0.4) ? [] : random.pick([[2, 3], [3], [1, 2, 3], [2]]),
        status: random.chance(0.95) ? "PUBLISHED" : "DRAFT",
      });
    }
  }
}
