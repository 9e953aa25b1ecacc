import type { ProfessionNetwork } from "./build-network";
import {
  computeLevelValues,
  type LexicographicSolution,
  levelPathBounds,
  PATH_COST_LIMIT,
  stagePathBound,
  stageWeightByLevel,
  weightedCosts,
} from "./lexicographic-solve";
import { LEVEL_COUNT, travelMinutesBetween } from "./objective";
import type { MatchingInput } from "./types";

/** The solver's answer could not be proved optimal; no result may be published. */
export class MatchingCertificateError extends Error {
  override name = "MatchingCertificateError";
}

function fail(network: ProfessionNetwork, message: string): never {
  throw new MatchingCertificateError(`certificate failed for ${network.profession}: ${message}`);
}

/**
 * Proves, in O(stages × arcs), that the flow is feasible, integral and lexicographically
 * optimal, from the flow and the per-stage potentials alone:
 *  - bounds, integrality and conservation at every node;
 *  - the stages cover L1..L4 in order and each stage's weights dominate every simple
 *    cycle of the levels below it, with all magnitudes below 2^49 (exact doubles);
 *  - complementary slackness per stage on the arcs still free in that stage: reduced cost
 *    > 0 ⇒ flow at 0, < 0 ⇒ flow at capacity. The arcs with non-zero reduced cost are then
 *    fixed, which is exactly the stage's optimal face, and the next stage is checked there.
 */
export function verifyLexicographicOptimality(network: ProfessionNetwork, solution: LexicographicSolution): void {
  const { arcCount, nodeCount, source, target, capacity, supply } = network;
  const { flow } = solution;
  if (flow.length !== arcCount) fail(network, "flow vector has the wrong length");

  const balance = new Float64Array(nodeCount);
  for (let arc = 0; arc < arcCount; arc++) {
    const amount = flow[arc];
    if (!Number.isInteger(amount)) fail(network, `arc ${arc} carries a fractional flow ${amount}`);
    if (amount < 0 || amount > capacity[arc]) fail(network, `arc ${arc} flow ${amount} outside [0, ${capacity[arc]}]`);
    balance[source[arc]] += amount;
    balance[target[arc]] -= amount;
  }
  for (let node = 0; node < nodeCount; node++) {
    if (balance[node] !== supply[node]) fail(network, `node ${node} sends ${balance[node]} but has supply ${supply[node]}`);
  }

  const coveredLevels = solution.stages.flatMap((stage) => stage.levels);
  if (coveredLevels.length !== LEVEL_COUNT || coveredLevels.some((level, index) => level !== index)) {
    fail(network, `stages cover levels ${coveredLevels.join(",")} instead of each level once in order`);
  }
  if (solution.potentials.length !== solution.stages.length) fail(network, "one potential vector per stage is required");

  const bounds = levelPathBounds(network);
  const free = new Uint8Array(arcCount).fill(1);
  solution.stages.forEach((stage, stageIndex) => {
    checkStageWeights(network, stage.levels, stage.weights, bounds);
    const bound = stagePathBound(stage, bounds);
    if (bound > PATH_COST_LIMIT) fail(network, `stage ${stageIndex + 1} costs exceed exact arithmetic (${bound})`);
    const costs = weightedCosts(network, stageWeightByLevel(stage));
    const potential = solution.potentials[stageIndex];
    if (potential.length !== nodeCount) fail(network, `stage ${stageIndex + 1} potentials have the wrong length`);
    for (let node = 0; node < nodeCount; node++) {
      if (!Number.isFinite(potential[node]) || Math.abs(potential[node]) > 4 * PATH_COST_LIMIT) {
        fail(network, `stage ${stageIndex + 1} potential of node ${node} is out of range`);
      }
    }
    for (let arc = 0; arc < arcCount; arc++) {
      if (!free[arc]) continue;
      const reduced = costs[arc] + potential[source[arc]] - potential[target[arc]];
      if (reduced === 0) continue;
      if (reduced > 0 && flow[arc] !== 0) fail(network, `stage ${stageIndex + 1}: arc ${arc} has reduced cost ${reduced} > 0 but carries ${flow[arc]}`);
      if (reduced < 0 && flow[arc] !== capacity[arc]) fail(network, `stage ${stageIndex + 1}: arc ${arc} has reduced cost ${reduced} < 0 but is not full`);
      free[arc] = 0;
    }
  });

  const levelValues = computeLevelValues(network, flow);
  levelValues.forEach((value, level) => {
    if (value !== solution.levelValues[level]) fail(network, `level ${level + 1} reported ${solution.levelValues[level]}, flow gives ${value}`);
  });
}

/**
 * Each weight must exceed the bound on any simple cycle's cost under the weighted levels
 * below it in the stage (bounds from levelPathBounds, recomputed here from the network).
 */
function checkStageWeights(network: ProfessionNetwork, levels: number[], weights: number[], bounds: readonly number[]): void {
  if (weights.length !== levels.length) fail(network, "stage weights are malformed");
  let lowerBound = 0;
  for (let index = levels.length - 1; index >= 0; index--) {
    const weight = weights[index];
    if (!Number.isInteger(weight) || weight < 1 || weight > PATH_COST_LIMIT) fail(network, `weight ${weight} is not an exact positive integer`);
    if (index < levels.length - 1 && weight <= lowerBound) {
      fail(network, `weight ${weight} of level ${levels[index] + 1} does not exceed the bound ${lowerBound} of the levels below`);
    }
    lowerBound += weight * bounds[levels[index]];
  }
}

/**
 * Re-checks the published allocations against the input alone: every pair obeys the
 * hard rules of docs/matching-format.md and no offer is filled beyond capacity − taken.
 */
export function verifyAllocationsAgainstInput(
  input: MatchingInput,
  allocations: ReadonlyArray<{ requestId: string; offerId: string; students: number }>,
): void {
  const requests = new Map(input.requests.map((request) => [request.id, request]));
  const offers = new Map(input.offers.map((offer) => [offer.id, offer]));
  const sites = new Map<string, { lat: number; lon: number } | null>();
  for (const provider of input.providers) for (const site of provider.sites) sites.set(`${provider.id}\u0000${site.id}`, site.location);
  const filled = new Map<string, number>();
  const placed = new Map<string, number>();
  for (const allocation of allocations) {
    const request = requests.get(allocation.requestId);
    const offer = offers.get(allocation.offerId);
    const pair = `${allocation.requestId} → ${allocation.offerId}`;
    if (!request || !offer) throw new MatchingCertificateError(`allocation ${pair} names an unknown record`);
    if (!Number.isInteger(allocation.students) || allocation.students <= 0) throw new MatchingCertificateError(`allocation ${pair} has ${allocation.students} students`);
    if (request.profession !== offer.profession) throw new MatchingCertificateError(`allocation ${pair} crosses professions`);
    // Validated ISO dates (YYYY-MM-DD, zero-padded) order as strings.
    if (offer.start > request.start || request.end > offer.end) {
      throw new MatchingCertificateError(`allocation ${pair}: the offer window does not cover the block`);
    }
    if (offer.years && !offer.years.includes(request.year)) throw new MatchingCertificateError(`allocation ${pair}: the offer does not accept year ${request.year}`);
    const location = sites.get(`${offer.providerId}\u0000${offer.siteId}`);
    if (request.origin && request.maxTravelMinutes !== null && location) {
      const minutes = travelMinutesBetween(request.origin.lat, request.origin.lon, location.lat, location.lon);
      if (minutes > request.maxTravelMinutes) throw new MatchingCertificateError(`allocation ${pair}: ${minutes.toFixed(1)} min exceeds the travel limit`);
    }
    filled.set(offer.id, (filled.get(offer.id) ?? 0) + allocation.students);
    placed.set(request.id, (placed.get(request.id) ?? 0) + allocation.students);
  }
  for (const [offerId, students] of filled) {
    const offer = offers.get(offerId)!;
    if (students > offer.capacity - offer.taken) throw new MatchingCertificateError(`offer ${offerId} is filled with ${students} beyond its ${offer.capacity - offer.taken} free places`);
  }
  for (const [requestId, students] of placed) {
    const request = requests.get(requestId)!;
    if (students > request.students) throw new MatchingCertificateError(`request ${requestId} has ${students} placed of ${request.students}`);
  }
}
