import type { ProfessionNetwork } from "./build-network";
import { fairShareMarginalCost } from "./objective";
import type { MatchingDecisions, MatchingInput } from "./types";

/** A decision that cannot hold in this instance (a locked pairing that breaks a hard rule or overfills). */
export class MatchingDecisionError extends Error {
  override name = "MatchingDecisionError";
}

/**
 * Fixes a reviewer's decisions in one profession's network, in place, before it is solved:
 *  - an excluded pairing's request→offer arc gets capacity 0;
 *  - a locked pairing of c students is taken out as already placed: the request supplies c
 *    fewer, the offer has c fewer places, and its provider's unit arcs start at unit c + 1 of
 *    the fair-share cost. Its arc stays open, so the pairing holds at least c (x = c + y, y ≥ 0).
 * Fair shares and university demand were built from the undecided instance, so the optimum of
 * this network plus the locked students is the optimum of the whole instance with those
 * pairings fixed, and the certificate proves it as for any run.
 */
export function applyDecisions(
  network: ProfessionNetwork,
  input: MatchingInput,
  decisions: MatchingDecisions,
  { requestPosition, arcOf } = pairingArcs(network, input),
): void {
  for (const { requestId, offerId } of decisions.excluded) {
    const arc = arcOf(requestId, offerId);
    if (arc >= 0) network.capacity[arc] = 0;
  }

  const lockedLoad = new Int32Array(network.providerCount);
  for (const { requestId, offerId, students } of decisions.locked) {
    const request = requestPosition(requestId);
    if (request === undefined) continue; // another profession's network
    const arc = arcOf(requestId, offerId);
    if (arc < 0) throw new MatchingDecisionError(`locked pairing ${requestId} → ${offerId} is not allowed by the hard rules`);
    if (!Number.isInteger(students) || students <= 0) throw new MatchingDecisionError(`locked pairing ${requestId} → ${offerId} has ${students} students`);
    const offer = network.target[arc] - network.firstOfferNode;
    const offerArc = network.firstOfferProviderArc + offer;
    if (network.supply[request] < students) throw new MatchingDecisionError(`locked pairings of request ${requestId} exceed its students`);
    if (network.capacity[offerArc] < students) throw new MatchingDecisionError(`locked pairings of offer ${offerId} exceed its free places`);
    network.supply[request] -= students;
    network.supply[network.sinkNode] += students;
    network.capacity[offerArc] -= students;
    lockedLoad[network.offerProvider[offer]] += students;
  }

  for (let provider = 0; provider < network.providerCount; provider++) {
    if (lockedLoad[provider] === 0) continue;
    const first = network.providerUnitArcStart[provider];
    for (let arc = first; arc < network.providerUnitArcStart[provider + 1]; arc++) {
      network.levelCost[arc] = fairShareMarginalCost(lockedLoad[provider] + arc - first + 1, network.providerFairShare[provider]);
    }
  }
}

/** Finds a request → offer pairing's arc in one profession's network (−1 when the pair is not compatible or not in it). */
export function pairingArcs(network: ProfessionNetwork, input: MatchingInput) {
  const requestPositions = new Map<string, number>();
  for (let position = 0; position < network.requestCount; position++) requestPositions.set(input.requests[network.requestInputIndex[position]].id, position);
  const offerPositions = new Map<string, number>();
  for (let position = 0; position < network.offerCount; position++) offerPositions.set(input.offers[network.offerInputIndex[position]].id, position);
  return {
    requestPosition: (requestId: string) => requestPositions.get(requestId),
    arcOf(requestId: string, offerId: string): number {
      const request = requestPositions.get(requestId);
      const offer = offerPositions.get(offerId);
      if (request === undefined || offer === undefined) return -1;
      for (let arc = network.requestArcStart[request]; arc < network.requestArcStart[request + 1]; arc++) {
        if (network.target[arc] === network.firstOfferNode + offer) return arc;
      }
      return -1;
    },
  };
}
