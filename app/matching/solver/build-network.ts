import {
  computeFairShares,
  cosineOfLatitude,
  fairShareMarginalCost,
  normaliseSpecialty,
  preferenceCost,
  TRAVEL_MINUTES_PER_KM,
  travelMinutesWithCosines,
  universityShortfallMarginalCost,
} from "./objective";
import { INFINITE_CAPACITY } from "./network-simplex";
import { isoDateToDay } from "./parse-input";
import type { MatchingInput } from "./types";

/** What an arc stands for; the objective level of its cost follows from it (docs/matching.md). */
export const ARC_REQUEST_OFFER = 0;
export const ARC_OFFER_PROVIDER = 1;
export const ARC_PROVIDER_UNIT = 2;
export const ARC_REQUEST_SHORTFALL = 3;
export const ARC_SHORTFALL_UNIT = 4;

/**
 * Each request → offer pair is an arc of about 100 bytes while its profession is solved.
 * Requests without a travel limit pair with every offer of the profession covering their
 * block, so pairs grow with requests × offers: 6M at 100,000 students in a dense region,
 * hundreds of millions at a million. Beyond this many the run stops before allocating
 * instead of exhausting a shared machine's memory.
 */
export const MAX_REQUEST_OFFER_ARCS_PER_PROFESSION = 40_000_000;

export class MatchingInstanceTooLargeError extends Error {
  override name = "MatchingInstanceTooLargeError";
}

/**
 * One profession's flow network. Professions share nothing (fair shares, university
 * demand and offers are all per profession), so each is solved on its own.
 *
 * Nodes: requests, offers, providers (with an offer in the profession), universities'
 * shortfall nodes, then the sink. Arcs, in this order:
 *   request → offer      every compatible pair; uncapacitated; cost L4 (travel, specialty)
 *   offer → provider     cap = capacity − taken
 *   provider → sink      one unit arc per place; cost L2 (fair-share marginal)
 *   request → shortfall  uncapacitated (students left unplaced)
 *   shortfall → sink     one unit arc per student of the university; cost L1 (1) and L3 (marginal)
 * A request sends its students and no more, so arcs out of it need no bound of their own;
 * a bound there would only add tree arcs at a bound, i.e. degenerate pivots (18–27% more).
 */
export interface ProfessionNetwork {
  profession: string;
  nodeCount: number;
  arcCount: number;
  sinkNode: number;
  source: Int32Array;
  target: Int32Array;
  capacity: Int32Array;
  /** Positive at requests (students), the negated total at the sink, zero elsewhere. */
  supply: Int32Array;
  kind: Uint8Array;
  /** Cost at the arc's own level: L4 for request→offer, L2 for provider units, L3 for shortfall units. */
  levelCost: Float64Array;

  /** Input index of the request at node i (i < requestCount). */
  requestInputIndex: Int32Array;
  /** Input index of the offer at node requestCount + j. */
  offerInputIndex: Int32Array;
  providerIds: string[];
  providerFairShare: Float64Array;
  universityIds: string[];
  universityDemand: Int32Array;

  requestCount: number;
  offerCount: number;
  providerCount: number;
  universityCount: number;
  firstOfferNode: number;
  firstProviderNode: number;
  firstUniversityNode: number;

  /** Request→offer arcs of request i are [requestArcStart[i], requestArcStart[i + 1]). */
  requestArcStart: Int32Array;
  /** Travel minutes of each request→offer arc; NaN when unknown. */
  arcTravelMinutes: Float64Array;
  arcSpecialtyMatched: Uint8Array;
  firstOfferProviderArc: number;
  /** Unit arcs of provider p are [providerUnitArcStart[p], providerUnitArcStart[p + 1]). */
  providerUnitArcStart: Int32Array;
  firstRequestShortfallArc: number;
  universityUnitArcStart: Int32Array;
  /** Provider node index (0-based among providers) of each offer. */
  offerProvider: Int32Array;
  /** Per offer position: window as day numbers, accepted years as a bit mask (bit y = year y), site location (NaN when unknown). */
  offerStartDay: Int32Array;
  offerEndDay: Int32Array;
  offerYearMask: Int32Array;
  offerLat: Float64Array;
  offerLon: Float64Array;
  universityOfRequest: Int32Array;
}

/** Request → offer pairs as they are found: offer positions and travel minutes, grown by doubling. */
class PairBuffer {
  offer = new Int32Array(1 << 16);
  travel = new Float64Array(1 << 16);
  length = 0;
  /** Makes room for `more` pairs, so the caller can write them straight into the arrays. */
  reserve(more: number): void {
    if (this.length + more <= this.offer.length) return;
    let size = this.offer.length * 2;
    while (size < this.length + more) size *= 2;
    const offer = new Int32Array(size);
    offer.set(this.offer.subarray(0, this.length));
    const travel = new Float64Array(size);
    travel.set(this.travel.subarray(0, this.length));
    this.offer = offer;
    this.travel = travel;
  }
}

const CELL_LAT_DEGREES = 0.1;
const CELL_LON_DEGREES = 0.15;
const KM_PER_DEGREE_LAT = (6371 * Math.PI) / 180;
const MAX_GRID_CELLS = 1 << 22;

/**
 * A dense bucket grid (compressed rows) over the bounding box of located offers, for
 * finding every offer within a travel radius. Cells are about 11 × 10 km in England and
 * grow only if the box would need more than MAX_GRID_CELLS of them.
 */
class OfferGrid {
  private readonly cellStart: Int32Array;
  private readonly cellOffers: Int32Array;
  private readonly cellLat: number;
  private readonly cellLon: number;
  private readonly firstLatCell: number;
  private readonly firstLonCell: number;
  private readonly rows: number;
  private readonly columns: number;
  readonly locatedOffers: Int32Array;

  constructor(offers: readonly number[], lat: Float64Array, lon: Float64Array) {
    this.locatedOffers = Int32Array.from(offers.filter((offer) => !Number.isNaN(lat[offer])));
    let minLat = 90;
    let maxLat = -90;
    let minLon = 180;
    let maxLon = -180;
    for (const offer of this.locatedOffers) {
      minLat = Math.min(minLat, lat[offer]);
      maxLat = Math.max(maxLat, lat[offer]);
      minLon = Math.min(minLon, lon[offer]);
      maxLon = Math.max(maxLon, lon[offer]);
    }
    let cellLat = CELL_LAT_DEGREES;
    let cellLon = CELL_LON_DEGREES;
    while (((maxLat - minLat) / cellLat + 2) * ((maxLon - minLon) / cellLon + 2) > MAX_GRID_CELLS) {
      cellLat *= 2;
      cellLon *= 2;
    }
    this.cellLat = cellLat;
    this.cellLon = cellLon;
    this.firstLatCell = Math.floor((minLat + 90) / cellLat);
    this.firstLonCell = Math.floor((minLon + 180) / cellLon);
    this.rows = this.locatedOffers.length > 0 ? Math.floor((maxLat + 90) / cellLat) - this.firstLatCell + 1 : 0;
    this.columns = this.locatedOffers.length > 0 ? Math.floor((maxLon + 180) / cellLon) - this.firstLonCell + 1 : 0;

    const cellOf = (offer: number) =>
      (Math.floor((lat[offer] + 90) / cellLat) - this.firstLatCell) * this.columns + Math.floor((lon[offer] + 180) / cellLon) - this.firstLonCell;
    this.cellStart = new Int32Array(this.rows * this.columns + 1);
    for (const offer of this.locatedOffers) this.cellStart[cellOf(offer) + 1]++;
    for (let cell = 0; cell < this.rows * this.columns; cell++) this.cellStart[cell + 1] += this.cellStart[cell];
    const fill = this.cellStart.slice(0, this.rows * this.columns);
    this.cellOffers = new Int32Array(this.locatedOffers.length);
    for (const offer of this.locatedOffers) this.cellOffers[fill[cellOf(offer)]++] = offer;
  }

  /**
   * Writes into `out` (room for every located offer) a superset of the located offers
   * within radiusKm of the point and returns how many it wrote.
   */
  collectNear(lat: number, lon: number, radiusKm: number, out: Int32Array): number {
    // Slightly widened box so that rounding can never drop an offer on the boundary.
    const dLat = (radiusKm / KM_PER_DEGREE_LAT) * 1.01 + 1e-9;
    const maxAbsLat = Math.min(90, Math.max(Math.abs(lat - dLat), Math.abs(lat + dLat)));
    const cosLat = Math.cos((maxAbsLat * Math.PI) / 180);
    const dLon = cosLat > 1e-6 ? dLat / cosLat : 360;
    if (lon - dLon < -180 || lon + dLon > 180) {
      out.set(this.locatedOffers);
      return this.locatedOffers.length;
    }
    const rowLow = Math.max(0, Math.floor((lat - dLat + 90) / this.cellLat) - this.firstLatCell);
    const rowHigh = Math.min(this.rows - 1, Math.floor((lat + dLat + 90) / this.cellLat) - this.firstLatCell);
    const columnLow = Math.max(0, Math.floor((lon - dLon + 180) / this.cellLon) - this.firstLonCell);
    const columnHigh = Math.min(this.columns - 1, Math.floor((lon + dLon + 180) / this.cellLon) - this.firstLonCell);
    let count = 0;
    for (let row = rowLow; row <= rowHigh; row++) {
      const from = this.cellStart[row * this.columns + columnLow];
      const to = this.cellStart[row * this.columns + columnHigh + 1];
      for (let index = from; index < to; index++) out[count++] = this.cellOffers[index];
    }
    return count;
  }
}

/** Per-offer facts in flat arrays, indexed by input offer index. */
interface OfferTable {
  startDay: Int32Array;
  endDay: Int32Array;
  yearMask: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  cosLat: Float64Array;
  available: Int32Array;
  /** Position of each offer within its profession's network. */
  positionInProfession: Int32Array;
}

const ALL_YEARS_MASK = 0x7fffffff;

function tabulateOffers(input: MatchingInput): OfferTable {
  const count = input.offers.length;
  const table: OfferTable = {
    startDay: new Int32Array(count),
    endDay: new Int32Array(count),
    yearMask: new Int32Array(count),
    lat: new Float64Array(count).fill(Number.NaN),
    lon: new Float64Array(count).fill(Number.NaN),
    cosLat: new Float64Array(count),
    available: new Int32Array(count),
    positionInProfession: new Int32Array(count),
  };
  const siteLocation = new Map<string, { lat: number; lon: number } | null>();
  for (const provider of input.providers) {
    for (const site of provider.sites) siteLocation.set(`${provider.id}\u0000${site.id}`, site.location);
  }
  input.offers.forEach((offer, index) => {
    table.startDay[index] = isoDateToDay(offer.start) ?? 0;
    table.endDay[index] = isoDateToDay(offer.end) ?? 0;
    let mask = ALL_YEARS_MASK;
    if (offer.years) {
      mask = 0;
      for (const year of offer.years) mask |= 1 << year;
    }
    table.yearMask[index] = mask;
    const location = siteLocation.get(`${offer.providerId}\u0000${offer.siteId}`);
    if (location) {
      table.lat[index] = location.lat;
      table.lon[index] = location.lon;
      table.cosLat[index] = cosineOfLatitude(location.lat);
    }
    table.available[index] = offer.capacity - offer.taken;
  });
  return table;
}

/** The professions of an instance, sorted: each gets its own network. */
export function listProfessions(input: MatchingInput): string[] {
  return [...new Set([...input.offers.map((offer) => offer.profession), ...input.requests.map((request) => request.profession)])].sort();
}

/** Builds one network per profession (all of them, or the ones asked for), in sorted profession order. */
export function buildProfessionNetworks(
  input: MatchingInput,
  only?: readonly string[],
  maxRequestOfferArcs = MAX_REQUEST_OFFER_ARCS_PER_PROFESSION,
): ProfessionNetwork[] {
  const offers = tabulateOffers(input);
  const fairShares = computeFairShares(input);
  const offersByProfession = new Map<string, number[]>();
  input.offers.forEach((offer, index) => {
    const list = offersByProfession.get(offer.profession);
    if (list) list.push(index);
    else offersByProfession.set(offer.profession, [index]);
  });
  const requestsByProfession = new Map<string, number[]>();
  input.requests.forEach((request, index) => {
    const list = requestsByProfession.get(request.profession);
    if (list) list.push(index);
    else requestsByProfession.set(request.profession, [index]);
  });

  const professions = [...new Set([...offersByProfession.keys(), ...requestsByProfession.keys()])].sort().filter((profession) => !only || only.includes(profession));
  return professions.map((profession) =>
    buildOneNetwork(
      input,
      profession,
      offersByProfession.get(profession) ?? [],
      requestsByProfession.get(profession) ?? [],
      offers,
      fairShares.get(profession)?.fairShares ?? new Map(),
      maxRequestOfferArcs,
    ),
  );
}

/**
 * Appends the offers among `candidates[0..count)` that cover the block, take the year and lie
 * within the travel limit (an offer without a location is kept, with no travel time).
 * The hot loops of the build are small functions of their own, so V8 optimises them early.
 */
function appendOffersWithinLimit(
  pairs: PairBuffer,
  offers: OfferTable,
  candidates: Int32Array,
  count: number,
  startDay: number,
  endDay: number,
  yearBit: number,
  originLat: number,
  originLon: number,
  limit: number,
): void {
  const { startDay: offerStart, endDay: offerEnd, yearMask, lat, lon, cosLat, positionInProfession } = offers;
  const { offer: pairOffer, travel: pairTravel } = pairs;
  const originCos = cosineOfLatitude(originLat);
  let length = pairs.length;
  for (let index = 0; index < count; index++) {
    const offer = candidates[index];
    if (offerStart[offer] > startDay || endDay > offerEnd[offer] || (yearMask[offer] & yearBit) === 0) continue;
    let minutes = Number.NaN;
    if (!Number.isNaN(lat[offer])) {
      minutes = travelMinutesWithCosines(originLat, originLon, originCos, lat[offer], lon[offer], cosLat[offer]);
      if (minutes > limit) continue;
    }
    pairOffer[length] = positionInProfession[offer];
    pairTravel[length++] = minutes;
  }
  pairs.length = length;
}

/** The offers that cover the block and take the year, using `scratch` (room for every offer) on the way. */
function offersCoveringBlock(candidates: Int32Array, offers: OfferTable, startDay: number, endDay: number, yearBit: number, scratch: Int32Array): Int32Array {
  const { startDay: offerStart, endDay: offerEnd, yearMask } = offers;
  let count = 0;
  for (let index = 0; index < candidates.length; index++) {
    const offer = candidates[index];
    if (offerStart[offer] <= startDay && endDay <= offerEnd[offer] && (yearMask[offer] & yearBit) !== 0) scratch[count++] = offer;
  }
  return scratch.slice(0, count);
}

/** Appends every candidate with its travel time from the origin (none for an offer without a location). */
function appendAllWithTravel(pairs: PairBuffer, offers: OfferTable, candidates: Int32Array, originLat: number, originLon: number): void {
  const { lat, lon, cosLat, positionInProfession } = offers;
  const { offer: pairOffer, travel: pairTravel } = pairs;
  const originCos = cosineOfLatitude(originLat);
  let length = pairs.length;
  for (let index = 0; index < candidates.length; index++) {
    const offer = candidates[index];
    pairOffer[length] = positionInProfession[offer];
    pairTravel[length++] = Number.isNaN(lat[offer])
      ? Number.NaN
      : travelMinutesWithCosines(originLat, originLon, originCos, lat[offer], lon[offer], cosLat[offer]);
  }
  pairs.length = length;
}

function appendAllWithoutTravel(pairs: PairBuffer, offers: OfferTable, candidates: Int32Array): void {
  const { positionInProfession } = offers;
  const { offer: pairOffer, travel: pairTravel } = pairs;
  let length = pairs.length;
  for (let index = 0; index < candidates.length; index++) {
    pairOffer[length] = positionInProfession[candidates[index]];
    pairTravel[length++] = Number.NaN;
  }
  pairs.length = length;
}

/**
 * Writes a request's request → offer arcs [from, to): ends, preference cost and whether the
 * offer's specialty is one the request asked for (`wishes` empty: any specialty suits).
 */
function writeRequestOfferArcs(
  network: Pick<ProfessionNetwork, "source" | "target" | "levelCost" | "arcSpecialtyMatched" | "arcTravelMinutes">,
  from: number,
  to: number,
  requestNode: number,
  firstOfferNode: number,
  arcOfferPosition: Int32Array,
  offerSpecialty: Int32Array,
  wishes: readonly number[],
): void {
  const { source, target, levelCost, arcSpecialtyMatched, arcTravelMinutes } = network;
  const anySpecialty = wishes.length === 0;
  for (let arc = from; arc < to; arc++) {
    const offerPosition = arcOfferPosition[arc];
    const specialty = offerSpecialty[offerPosition];
    const matched = anySpecialty || (specialty >= 0 && wishes.includes(specialty));
    const travel = arcTravelMinutes[arc];
    source[arc] = requestNode;
    target[arc] = firstOfferNode + offerPosition;
    levelCost[arc] = preferenceCost(Number.isNaN(travel) ? null : travel, matched);
    arcSpecialtyMatched[arc] = matched ? 1 : 0;
  }
}

/** Students of the requests that can reach each provider through at least one compatible offer. */
function studentsReachingProviders(
  providerCount: number,
  requestStudents: Int32Array,
  requestArcStart: Int32Array,
  arcOfferPosition: Int32Array,
  offerProvider: Int32Array,
): Float64Array {
  const reach = new Float64Array(providerCount);
  const lastRequestSeen = new Int32Array(providerCount).fill(-1);
  for (let request = 0; request < requestStudents.length; request++) {
    const end = requestArcStart[request + 1];
    for (let arc = requestArcStart[request]; arc < end; arc++) {
      const provider = offerProvider[arcOfferPosition[arc]];
      if (lastRequestSeen[provider] !== request) {
        lastRequestSeen[provider] = request;
        reach[provider] += requestStudents[request];
      }
    }
  }
  return reach;
}

function buildOneNetwork(
  input: MatchingInput,
  profession: string,
  offerIndices: number[],
  requestIndices: number[],
  offers: OfferTable,
  fairShares: Map<string, number>,
  maxRequestOfferArcs: number,
): ProfessionNetwork {
  const requestCount = requestIndices.length;
  const offerCount = offerIndices.length;

  const providerIds: string[] = [];
  const providerIndexById = new Map<string, number>();
  const offerProvider = new Int32Array(offerCount);
  offerIndices.forEach((offerIndex, position) => {
    const providerId = input.offers[offerIndex].providerId;
    let providerIndex = providerIndexById.get(providerId);
    if (providerIndex === undefined) {
      providerIndex = providerIds.length;
      providerIds.push(providerId);
      providerIndexById.set(providerId, providerIndex);
    }
    offerProvider[position] = providerIndex;
  });
  const providerCount = providerIds.length;

  const universityIds: string[] = [];
  const universityIndexById = new Map<string, number>();
  const universityOfRequest = new Int32Array(requestCount);
  requestIndices.forEach((requestIndex, position) => {
    const universityId = input.requests[requestIndex].universityId;
    let universityIndex = universityIndexById.get(universityId);
    if (universityIndex === undefined) {
      universityIndex = universityIds.length;
      universityIds.push(universityId);
      universityIndexById.set(universityId, universityIndex);
    }
    universityOfRequest[position] = universityIndex;
  });
  const universityCount = universityIds.length;

  const firstOfferNode = requestCount;
  const firstProviderNode = firstOfferNode + offerCount;
  const firstUniversityNode = firstProviderNode + providerCount;
  const sinkNode = firstUniversityNode + universityCount;
  const nodeCount = sinkNode + 1;

  offerIndices.forEach((offerIndex, position) => (offers.positionInProfession[offerIndex] = position));
  const grid = new OfferGrid(offerIndices, offers.lat, offers.lon);
  const unlocatedOffers = Int32Array.from(offerIndices.filter((offer) => Number.isNaN(offers.lat[offer])));
  const blockCandidates = new Map<string, Int32Array>();

  const pairs = new PairBuffer();
  const requestArcStart = new Int32Array(requestCount + 1);
  // Room for every offer of the profession: the grid's hits near a request, or a block's candidates.
  const scratch = new Int32Array(offerCount);
  const professionOffers = Int32Array.from(offerIndices);

  for (let position = 0; position < requestCount; position++) {
    if (pairs.length > maxRequestOfferArcs) {
      throw new MatchingInstanceTooLargeError(
        `profession ${profession}: the first ${position} of ${requestCount} requests already have ${pairs.length} compatible offers, more than the ${maxRequestOfferArcs} (about ${Math.ceil((maxRequestOfferArcs * 100) / 2 ** 30)} GB) a run may hold; split the run by region or period, or set travel limits`,
      );
    }
    const request = input.requests[requestIndices[position]];
    const startDay = isoDateToDay(request.start) ?? 0;
    const endDay = isoDateToDay(request.end) ?? 0;
    const yearBit = 1 << request.year;
    const origin = request.origin;
    requestArcStart[position] = pairs.length;

    if (origin && request.maxTravelMinutes !== null) {
      const limit = request.maxTravelMinutes;
      const count = grid.collectNear(origin.lat, origin.lon, limit / TRAVEL_MINUTES_PER_KM, scratch);
      pairs.reserve(count + unlocatedOffers.length);
      appendOffersWithinLimit(pairs, offers, scratch, count, startDay, endDay, yearBit, origin.lat, origin.lon, limit);
      appendOffersWithinLimit(pairs, offers, unlocatedOffers, unlocatedOffers.length, startDay, endDay, yearBit, origin.lat, origin.lon, limit);
    } else {
      const key = `${startDay}:${endDay}:${request.year}`;
      let candidates = blockCandidates.get(key);
      if (!candidates) {
        candidates = offersCoveringBlock(professionOffers, offers, startDay, endDay, yearBit, scratch);
        blockCandidates.set(key, candidates);
      }
      pairs.reserve(candidates.length);
      if (origin) appendAllWithTravel(pairs, offers, candidates, origin.lat, origin.lon);
      else appendAllWithoutTravel(pairs, offers, candidates);
    }
  }
  const requestOfferArcCount = pairs.length;
  const arcOfferPosition = pairs.offer;
  requestArcStart[requestCount] = requestOfferArcCount;

  // A provider can never hold more students than the requests that can reach it.
  const providerPlaces = new Float64Array(providerCount);
  for (let position = 0; position < offerCount; position++) providerPlaces[offerProvider[position]] += offers.available[offerIndices[position]];
  const requestStudents = Int32Array.from(requestIndices, (requestIndex) => input.requests[requestIndex].students);
  const providerReach = studentsReachingProviders(providerCount, requestStudents, requestArcStart, arcOfferPosition, offerProvider);
  const providerUnitArcStart = new Int32Array(providerCount + 1);
  for (let provider = 0; provider < providerCount; provider++) {
    providerUnitArcStart[provider + 1] = providerUnitArcStart[provider] + Math.min(providerPlaces[provider], providerReach[provider]);
  }

  const universityDemand = new Int32Array(universityCount);
  for (let position = 0; position < requestCount; position++) {
    universityDemand[universityOfRequest[position]] += input.requests[requestIndices[position]].students;
  }
  const universityUnitArcStart = new Int32Array(universityCount + 1);
  for (let university = 0; university < universityCount; university++) {
    universityUnitArcStart[university + 1] = universityUnitArcStart[university] + universityDemand[university];
  }

  const firstOfferProviderArc = requestOfferArcCount;
  const firstProviderUnitArc = firstOfferProviderArc + offerCount;
  const firstRequestShortfallArc = firstProviderUnitArc + providerUnitArcStart[providerCount];
  const firstShortfallUnitArc = firstRequestShortfallArc + requestCount;
  const arcCount = firstShortfallUnitArc + universityUnitArcStart[universityCount];
  for (let provider = 0; provider <= providerCount; provider++) providerUnitArcStart[provider] += firstProviderUnitArc;
  for (let university = 0; university <= universityCount; university++) universityUnitArcStart[university] += firstShortfallUnitArc;

  const source = new Int32Array(arcCount);
  const target = new Int32Array(arcCount);
  const capacity = new Int32Array(arcCount);
  const kind = new Uint8Array(arcCount);
  const levelCost = new Float64Array(arcCount);
  const arcTravelMinutes = pairs.travel.slice(0, requestOfferArcCount);
  const arcSpecialtyMatched = new Uint8Array(requestOfferArcCount);
  const supply = new Int32Array(nodeCount);
  kind.fill(ARC_REQUEST_OFFER, 0, requestOfferArcCount);
  capacity.fill(INFINITE_CAPACITY, 0, requestOfferArcCount);

  // Specialties as small integers, so each pair's wish check compares numbers, not strings.
  const specialtyIds = new Map<string, number>();
  const specialtyId = (specialty: string) => {
    const normalised = normaliseSpecialty(specialty);
    let id = specialtyIds.get(normalised);
    if (id === undefined) specialtyIds.set(normalised, (id = specialtyIds.size));
    return id;
  };
  const offerSpecialty = Int32Array.from(offerIndices, (offerIndex) => {
    const specialty = input.offers[offerIndex].specialty;
    return specialty === null ? -1 : specialtyId(specialty);
  });
  const arcs = { source, target, levelCost, arcSpecialtyMatched, arcTravelMinutes };
  for (let position = 0; position < requestCount; position++) {
    const request = input.requests[requestIndices[position]];
    supply[position] = request.students;
    supply[sinkNode] -= request.students;
    const wishes = request.specialties.map(specialtyId);
    writeRequestOfferArcs(arcs, requestArcStart[position], requestArcStart[position + 1], position, firstOfferNode, arcOfferPosition, offerSpecialty, wishes);
    const shortfallArc = firstRequestShortfallArc + position;
    source[shortfallArc] = position;
    target[shortfallArc] = firstUniversityNode + universityOfRequest[position];
    capacity[shortfallArc] = INFINITE_CAPACITY;
    kind[shortfallArc] = ARC_REQUEST_SHORTFALL;
  }

  for (let position = 0; position < offerCount; position++) {
    const arc = firstOfferProviderArc + position;
    source[arc] = firstOfferNode + position;
    target[arc] = firstProviderNode + offerProvider[position];
    capacity[arc] = offers.available[offerIndices[position]];
    kind[arc] = ARC_OFFER_PROVIDER;
  }

  const providerFairShare = new Float64Array(providerCount);
  for (let provider = 0; provider < providerCount; provider++) {
    const fairShare = fairShares.get(providerIds[provider]) ?? 0;
    providerFairShare[provider] = fairShare;
    for (let arc = providerUnitArcStart[provider]; arc < providerUnitArcStart[provider + 1]; arc++) {
      source[arc] = firstProviderNode + provider;
      target[arc] = sinkNode;
      capacity[arc] = 1;
      kind[arc] = ARC_PROVIDER_UNIT;
      levelCost[arc] = fairShareMarginalCost(arc - providerUnitArcStart[provider] + 1, fairShare);
    }
  }

  for (let university = 0; university < universityCount; university++) {
    for (let arc = universityUnitArcStart[university]; arc < universityUnitArcStart[university + 1]; arc++) {
      source[arc] = firstUniversityNode + university;
      target[arc] = sinkNode;
      capacity[arc] = 1;
      kind[arc] = ARC_SHORTFALL_UNIT;
      levelCost[arc] = universityShortfallMarginalCost(arc - universityUnitArcStart[university] + 1, universityDemand[university]);
    }
  }

  return {
    profession,
    nodeCount,
    arcCount,
    sinkNode,
    source,
    target,
    capacity,
    supply,
    kind,
    levelCost,
    requestInputIndex: Int32Array.from(requestIndices),
    offerInputIndex: Int32Array.from(offerIndices),
    providerIds,
    providerFairShare,
    universityIds,
    universityDemand,
    requestCount,
    offerCount,
    providerCount,
    universityCount,
    firstOfferNode,
    firstProviderNode,
    firstUniversityNode,
    requestArcStart,
    arcTravelMinutes,
    arcSpecialtyMatched,
    firstOfferProviderArc,
    providerUnitArcStart,
    firstRequestShortfallArc,
    universityUnitArcStart,
    offerProvider,
    offerStartDay: Int32Array.from(offerIndices, (offer) => offers.startDay[offer]),
    offerEndDay: Int32Array.from(offerIndices, (offer) => offers.endDay[offer]),
    offerYearMask: Int32Array.from(offerIndices, (offer) => offers.yearMask[offer]),
    offerLat: Float64Array.from(offerIndices, (offer) => offers.lat[offer]),
    offerLon: Float64Array.from(offerIndices, (offer) => offers.lon[offer]),
    universityOfRequest,
  };
}
