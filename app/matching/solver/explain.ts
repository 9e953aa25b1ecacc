import type { ProfessionNetwork } from "./build-network";
import { travelMinutesBetween } from "./objective";
import { isoDateToDay } from "./parse-input";
import type { Allocation, MatchingInput, UnmetCause, UnmetRequest } from "./types";
import { plural } from "~/vocabulary/labels";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "11 Jan–5 Feb 2027", or "20 Dec 2026–10 Jan 2027" across a year end. */
export function formatDateRange(start: string, end: string): string {
  const [startYear, startMonth, startDay] = start.split("-").map(Number);
  const [endYear, endMonth, endDay] = end.split("-").map(Number);
  const startText = `${startDay} ${MONTHS[startMonth - 1]}`;
  const endText = `${endDay} ${MONTHS[endMonth - 1]} ${endYear}`;
  return startYear === endYear ? `${startText}–${endText}` : `${startText} ${startYear}–${endText}`;
}


function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export interface PlacedAllocation extends Allocation {
  requestIndex: number;
  offerIndex: number;
}

export interface UnplacedRequest extends UnmetRequest {
  requestIndex: number;
}

export interface ProfessionOutcome {
  allocations: PlacedAllocation[];
  unmet: UnplacedRequest[];
  /** Students placed per provider of the network. */
  providerPlaced: Int32Array;
  providerOffered: Int32Array;
}

/**
 * Reads allocations and unmet demand off an optimal flow and explains each one from
 * the same data: the hard rules that filtered offers, which offers are full, the
 * fair-share standing that steered a student away from a nearer site, and for unmet
 * demand a Hall-type certificate (a set of requests whose only usable offers are all full).
 */
export function describeProfessionOutcome(input: MatchingInput, network: ProfessionNetwork, flow: Int32Array): ProfessionOutcome {
  const { requestCount, offerCount, providerCount, firstOfferNode, firstOfferProviderArc, firstRequestShortfallArc, requestArcStart } = network;
  const offerFilled = new Int32Array(offerCount);
  const offerAvailable = new Int32Array(offerCount);
  const providerPlaced = new Int32Array(providerCount);
  const providerOffered = new Int32Array(providerCount);
  for (let offer = 0; offer < offerCount; offer++) {
    offerFilled[offer] = flow[firstOfferProviderArc + offer];
    offerAvailable[offer] = network.capacity[firstOfferProviderArc + offer];
    providerPlaced[network.offerProvider[offer]] += offerFilled[offer];
    providerOffered[network.offerProvider[offer]] += offerAvailable[offer];
  }

  const describeProvider = (provider: number): string =>
    `provider ${network.providerIds[provider]} hosts ${providerPlaced[provider]} ${network.profession} students against a fair share of ${formatNumber(
      Math.round(network.providerFairShare[provider] * 10) / 10,
    )}`;

  const describeOfferTerms = (arc: number, request: MatchingInput["requests"][number]): string => {
    const offer = input.offers[network.offerInputIndex[network.target[arc] - firstOfferNode]];
    const travel = network.arcTravelMinutes[arc];
    const parts = [Number.isNaN(travel) ? "travel unknown" : `${Math.round(travel)} min`];
    if (request.specialties.length > 0 && offer.specialty) parts.push(offer.specialty);
    return `${offer.id} (${parts.join(", ")})`;
  };

  const dateRanges = new Map<string, string>();
  const dateRange = (start: string, end: string): string => {
    const key = `${start}/${end}`;
    let text = dateRanges.get(key);
    if (text === undefined) {
      text = formatDateRange(start, end);
      dateRanges.set(key, text);
    }
    return text;
  };

  const allocations: PlacedAllocation[] = [];
  const usedArcs = arcsWithFlow(flow, requestArcStart[requestCount]);
  let position = 0;
  for (const arc of usedArcs) {
    while (requestArcStart[position + 1] <= arc) position++;
    const requestIndex = network.requestInputIndex[position];
    const request = input.requests[requestIndex];
    const students = flow[arc];
    const offerPosition = network.target[arc] - firstOfferNode;
    const offer = input.offers[network.offerInputIndex[offerPosition]];
    const travel = network.arcTravelMinutes[arc];
    const matched = network.arcSpecialtyMatched[arc] === 1;
    const provider = network.offerProvider[offerPosition];

    const parts: string[] = [];
    parts.push(`offer window ${dateRange(offer.start, offer.end)} covers the block ${dateRange(request.start, request.end)} for year ${request.year}`);
    if (!Number.isNaN(travel)) parts.push(`${Math.round(travel)} min travel${request.maxTravelMinutes !== null ? ` (limit ${formatNumber(request.maxTravelMinutes)})` : ""}`);
    else parts.push(request.origin ? "site location unknown, so no travel limit applies" : "no origin given, so travel is not considered");
    if (request.specialties.length > 0) {
      parts.push(matched ? `specialty ${offer.specialty} as requested` : `requested ${request.specialties.join("/")} but this offer is ${offer.specialty ?? "general"}`);
    }
    parts.push(describeProvider(provider));

    const passedOver = findPassedOverOffers(network, position, arc, provider, offerFilled, offerAvailable);
    const alternatives: string[] = [];
    for (const other of passedOver) {
      if (other < 0) continue;
      const otherOffer = network.target[other] - firstOfferNode;
      alternatives.push(
        offerFilled[otherOffer] >= offerAvailable[otherOffer]
          ? `${describeOfferTerms(other, request)} is full`
          : `${describeOfferTerms(other, request)} has room, but its ${describeProvider(network.offerProvider[otherOffer])}`,
      );
    }
    if (alternatives.length > 0) parts.push(`better-suited offers: ${alternatives.join("; ")}`);

    allocations.push({
      requestIndex,
      offerIndex: network.offerInputIndex[offerPosition],
      requestId: request.id,
      offerId: offer.id,
      students,
      travelMinutes: Number.isNaN(travel) ? null : Math.round(travel * 10) / 10,
      specialtyMatched: matched,
      explanation: parts.join("; "),
    });
  }

  const unplacedOf = (position: number): number => flow[firstRequestShortfallArc + position];
  const unmet: UnplacedRequest[] = [];
  let competition: CompetitionSets | null = null;
  const blockFilters = new Map<string, BlockFilter>();
  const universityUnplaced = new Float64Array(network.universityCount);
  for (let position = 0; position < requestCount; position++) universityUnplaced[network.universityOfRequest[position]] += unplacedOf(position);

  for (let position = 0; position < requestCount; position++) {
    const unplaced = unplacedOf(position);
    if (unplaced === 0) continue;
    const requestIndex = network.requestInputIndex[position];
    const request = input.requests[requestIndex];
    const block = formatDateRange(request.start, request.end);
    const k = network.profession;
    const compatible = requestArcStart[position + 1] - requestArcStart[position];
    let cause: UnmetCause;
    let reason: string;

    if (offerCount === 0) {
      cause = "no-offer-in-profession";
      reason = `no ${k} offer is published in this exchange`;
    } else {
      const key = `${request.start}:${request.end}:${request.year}`;
      let filter = blockFilters.get(key);
      if (!filter) {
        filter = filterOffersForBlock(network, request.start, request.end, request.year);
        blockFilters.set(key, filter);
      }
      if (filter.coveringWindow === 0) {
        cause = "no-offer-covers-block";
        reason = `no published ${k} offer covers ${block}`;
      } else if (filter.acceptingYear.length === 0) {
        cause = "no-offer-accepts-year";
        reason = `${plural(filter.coveringWindow, `${k} offer`)} cover${filter.coveringWindow === 1 ? "s" : ""} ${block} but none accepts year ${request.year}`;
      } else if (compatible === 0) {
        cause = "travel-limit-excludes-all";
        const origin = request.origin!;
        const nearest = nearestMinutes(network, origin.lat, origin.lon, filter.acceptingYear);
        reason = `travel limit of ${formatNumber(request.maxTravelMinutes ?? 0)} min excludes all ${plural(filter.acceptingYear.length, `${k} offer`)} covering ${block} for year ${request.year} (nearest ${Math.round(nearest)} min away)`;
      } else {
        cause = "compatible-offers-full";
        competition ??= findCompetitionSets(network, flow);
        const component = competition.componentOfRequest[position];
        const requestsInSet = competition.requests[component];
        const parts = [compatible === 1 ? "the only compatible offer is full" : `all ${compatible} compatible offers are full`];
        if (requestsInSet > 1) {
          parts.push(
            `${requestsInSet} requests needing ${competition.demand[component]} students can only use ${plural(competition.offers[component], "offer")} with ${competition.places[component]} places between them, so ${competition.demand[component] - competition.places[component]} cannot be placed`,
          );
        } else {
          parts.push(`${compatible === 1 ? "it has" : "they have"} ${plural(competition.places[component], "place")} for ${plural(request.students, "student")}`);
        }
        const excludedByTravel = filter.acceptingYear.length - compatible;
        if (excludedByTravel > 0 && request.maxTravelMinutes !== null) {
          parts.push(`the travel limit of ${formatNumber(request.maxTravelMinutes)} min excludes ${plural(excludedByTravel, "more offer")}`);
        }
        const university = network.universityOfRequest[position];
        const share = (index: number): string => `${Math.round((100 * universityUnplaced[index]) / network.universityDemand[index])}%`;
        const others = competition.universities[component].filter((index) => index !== university).slice(0, 3);
        parts.push(
          `${request.universityId} has ${share(university)} of its ${k} students unplaced${
            others.length > 0 ? ` (others competing for these offers: ${others.map((index) => `${network.universityIds[index]} ${share(index)}`).join(", ")})` : ""
          }`,
        );
        reason = parts.join("; ");
      }
    }
    unmet.push({ requestIndex, requestId: request.id, students: unplaced, reason, cause });
  }

  return { allocations, unmet, providerPlaced, providerOffered };
}

/** The arcs below `end` that carry flow, in order. */
function arcsWithFlow(flow: Int32Array, end: number): Int32Array {
  let count = 0;
  for (let arc = 0; arc < end; arc++) if (flow[arc] !== 0) count++;
  const arcs = new Int32Array(count);
  count = 0;
  for (let arc = 0; arc < end; arc++) if (flow[arc] !== 0) arcs[count++] = arc;
  return arcs;
}

/**
 * The two best-suited offers of a request (cheapest on preferences) that the optimum passed
 * over for the allocation on `arc`, because they are full or because their provider stands
 * further above its share; −1 where there are fewer. The hot loops of the explanations are
 * functions of their own so that the engine optimises them after a few calls, not after a
 * whole profession.
 */
function findPassedOverOffers(
  network: ProfessionNetwork,
  position: number,
  arc: number,
  provider: number,
  offerFilled: Int32Array,
  offerAvailable: Int32Array,
): [number, number] {
  const { levelCost, target, offerProvider, firstOfferNode, requestArcStart } = network;
  const ownCost = levelCost[arc];
  let best = -1;
  let second = -1;
  const end = requestArcStart[position + 1];
  for (let other = requestArcStart[position]; other < end; other++) {
    const cost = levelCost[other];
    if (other === arc || cost >= ownCost) continue;
    const otherOffer = target[other] - firstOfferNode;
    if (offerFilled[otherOffer] < offerAvailable[otherOffer] && offerProvider[otherOffer] === provider) continue;
    if (best < 0 || cost < levelCost[best] || (cost === levelCost[best] && other < best)) {
      second = best;
      best = other;
    } else if (second < 0 || cost < levelCost[second] || (cost === levelCost[second] && other < second)) second = other;
  }
  return [best, second];
}

function nearestMinutes(network: ProfessionNetwork, lat: number, lon: number, offers: readonly number[]): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (const offer of offers) {
    if (!Number.isNaN(network.offerLat[offer])) nearest = Math.min(nearest, travelMinutesBetween(lat, lon, network.offerLat[offer], network.offerLon[offer]));
  }
  return nearest;
}

interface BlockFilter {
  coveringWindow: number;
  /** Offer positions whose window covers the block and which accept the year. */
  acceptingYear: number[];
}

function filterOffersForBlock(network: ProfessionNetwork, start: string, end: string, year: number): BlockFilter {
  const startDay = isoDateToDay(start) ?? 0;
  const endDay = isoDateToDay(end) ?? 0;
  const yearBit = 1 << year;
  const { offerStartDay, offerEndDay, offerYearMask } = network;
  let coveringWindow = 0;
  const acceptingYear: number[] = [];
  for (let offer = 0; offer < network.offerCount; offer++) {
    if (offerStartDay[offer] > startDay || endDay > offerEndDay[offer]) continue;
    coveringWindow++;
    if ((offerYearMask[offer] & yearBit) !== 0) acceptingYear.push(offer);
  }
  return { coveringWindow, acceptingYear };
}

interface CompetitionSets {
  componentOfRequest: Int32Array;
  requests: number[];
  demand: number[];
  offers: number[];
  places: number[];
  universities: number[][];
}

/**
 * From every request with unplaced students, follow the residual graph of the
 * assignment: request → any compatible offer, offer → any request placed on it. At a
 * maximum placement every offer reached is full, and each weakly connected part C of
 * what is reached is closed: its requests can use no offer outside C and nobody outside
 * C uses its offers. So demand(C) − places(C) students of C cannot be placed at all.
 */
function findCompetitionSets(network: ProfessionNetwork, flow: Int32Array): CompetitionSets {
  const { requestCount, offerCount, firstOfferNode, requestArcStart, firstRequestShortfallArc } = network;
  const nodes = requestCount + offerCount;
  const usersStart = new Int32Array(offerCount + 1);
  for (let arc = 0; arc < requestArcStart[requestCount]; arc++) if (flow[arc] > 0) usersStart[network.target[arc] - firstOfferNode + 1]++;
  for (let offer = 0; offer < offerCount; offer++) usersStart[offer + 1] += usersStart[offer];
  const users = new Int32Array(usersStart[offerCount]);
  const fill = usersStart.slice(0, offerCount);
  for (let position = 0; position < requestCount; position++) {
    for (let arc = requestArcStart[position]; arc < requestArcStart[position + 1]; arc++) {
      if (flow[arc] > 0) users[fill[network.target[arc] - firstOfferNode]++] = position;
    }
  }

  const parentOf = new Int32Array(nodes);
  for (let node = 0; node < nodes; node++) parentOf[node] = node;
  const findRoot = (node: number): number => {
    while (parentOf[node] !== node) {
      parentOf[node] = parentOf[parentOf[node]];
      node = parentOf[node];
    }
    return node;
  };
  const unite = (a: number, b: number): void => {
    const rootA = findRoot(a);
    const rootB = findRoot(b);
    if (rootA !== rootB) parentOf[rootA] = rootB;
  };

  const reached = new Uint8Array(nodes);
  const queue: number[] = [];
  for (let position = 0; position < requestCount; position++) {
    if (flow[firstRequestShortfallArc + position] > 0 && requestArcStart[position + 1] > requestArcStart[position]) {
      reached[position] = 1;
      queue.push(position);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node < requestCount) {
      for (let arc = requestArcStart[node]; arc < requestArcStart[node + 1]; arc++) {
        const offerNode = network.target[arc] - firstOfferNode + requestCount;
        unite(node, offerNode);
        if (!reached[offerNode]) {
          reached[offerNode] = 1;
          queue.push(offerNode);
        }
      }
    } else {
      const offer = node - requestCount;
      for (let index = usersStart[offer]; index < usersStart[offer + 1]; index++) {
        const user = users[index];
        unite(node, user);
        if (!reached[user]) {
          reached[user] = 1;
          queue.push(user);
        }
      }
    }
  }

  const componentIndex = new Map<number, number>();
  const sets: CompetitionSets = { componentOfRequest: new Int32Array(requestCount).fill(-1), requests: [], demand: [], offers: [], places: [], universities: [] };
  const componentOf = (node: number): number => {
    const root = findRoot(node);
    let index = componentIndex.get(root);
    if (index === undefined) {
      index = sets.requests.length;
      componentIndex.set(root, index);
      sets.requests.push(0);
      sets.demand.push(0);
      sets.offers.push(0);
      sets.places.push(0);
      sets.universities.push([]);
    }
    return index;
  };
  for (const node of queue) {
    const component = componentOf(node);
    if (node < requestCount) {
      sets.componentOfRequest[node] = component;
      sets.requests[component]++;
      sets.demand[component] += network.supply[node];
      const university = network.universityOfRequest[node];
      if (!sets.universities[component].includes(university)) sets.universities[component].push(university);
    } else {
      sets.offers[component]++;
      sets.places[component] += network.capacity[network.firstOfferProviderArc + node - requestCount];
    }
  }
  return sets;
}
