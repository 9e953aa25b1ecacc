import { MatchingCertificateError, verifyAllocationsAgainstInput } from "./solver/certificate";
import type { MatchingDecisions, MatchingInput } from "./solver/types";

export const DECISION_KINDS = ["EXCLUDE", "LOCK"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface ReviewDecision {
  requestId: string;
  offerId: string;
  kind: DecisionKind;
  /** Students kept on the pairing when locked. */
  students: number;
}

export const pairKey = (requestId: string, offerId: string) => `${requestId}\u0000${offerId}`;

/**
 * The decisions a re-run can apply to today's instance. Exclusions always hold. A lock holds
 * when its request and offer are still open, the pairing still obeys the hard rules and the
 * locks on each request and offer still fit; otherwise it is dropped with a reason (in ids,
 * which the run turns into names), and the rest is matched freely.
 */
export function decisionsForInstance(input: MatchingInput, decisions: readonly ReviewDecision[]): { apply: MatchingDecisions; dropped: string[] } {
  const requests = new Map(input.requests.map((request) => [request.id, request]));
  const offers = new Map(input.offers.map((offer) => [offer.id, offer]));
  const requestLeft = new Map(input.requests.map((request) => [request.id, request.students]));
  const offerLeft = new Map(input.offers.map((offer) => [offer.id, offer.capacity - offer.taken]));
  const apply: MatchingDecisions = { excluded: [], locked: [] };
  const dropped: string[] = [];
  const sorted = [...decisions].sort((a, b) => a.requestId.localeCompare(b.requestId) || a.offerId.localeCompare(b.offerId));
  for (const decision of sorted) {
    if (decision.kind === "EXCLUDE") {
      apply.excluded.push({ requestId: decision.requestId, offerId: decision.offerId });
      continue;
    }
    const request = requests.get(decision.requestId);
    const offer = offers.get(decision.offerId);
    const what = `The locked proposal of ${request?.universityId ?? "a request"} with ${decision.offerId}`;
    if (!request || !offer) {
      dropped.push(`${what} was not kept: ${!request ? "the request has no students left to place" : "the offer is no longer open"}`);
      continue;
    }
    if (decision.students > requestLeft.get(request.id)! || decision.students > offerLeft.get(offer.id)!) {
      dropped.push(`${what} was not kept: ${decision.students > offerLeft.get(offer.id)! ? "the offer no longer has the places" : "the request no longer has the students"}`);
      continue;
    }
    try {
      verifyAllocationsAgainstInput(input, [{ requestId: request.id, offerId: offer.id, students: 1 }]);
    } catch (error) {
      if (!(error instanceof MatchingCertificateError)) throw error;
      dropped.push(`${what} was not kept: the pairing no longer meets the offer's terms`);
      continue;
    }
    requestLeft.set(request.id, requestLeft.get(request.id)! - decision.students);
    offerLeft.set(offer.id, offerLeft.get(offer.id)! - decision.students);
    apply.locked.push({ requestId: request.id, offerId: offer.id, students: decision.students });
  }
  return { apply, dropped };
}

interface Proposed {
  requestId: string;
  offerId: string;
  providerId: string;
  students: number;
}

export interface RunDifference<P extends Proposed> {
  added: P[];
  removed: P[];
  changed: { before: P; after: P }[];
  placedBefore: number;
  placedAfter: number;
}

/** What a re-run proposes differently from the run it came from, pairing by request and offer. */
export function compareProposals<P extends Proposed>(before: readonly P[], after: readonly P[]): RunDifference<P> {
  const earlier = new Map(before.map((proposal) => [pairKey(proposal.requestId, proposal.offerId), proposal]));
  const later = new Map(after.map((proposal) => [pairKey(proposal.requestId, proposal.offerId), proposal]));
  return {
    added: after.filter((proposal) => !earlier.has(pairKey(proposal.requestId, proposal.offerId))),
    removed: before.filter((proposal) => !later.has(pairKey(proposal.requestId, proposal.offerId))),
    changed: after.flatMap((proposal) => {
      const old = earlier.get(pairKey(proposal.requestId, proposal.offerId));
      return old && old.students !== proposal.students ? [{ before: old, after: proposal }] : [];
    }),
    placedBefore: before.reduce((sum, proposal) => sum + proposal.students, 0),
    placedAfter: after.reduce((sum, proposal) => sum + proposal.students, 0),
  };
}

interface Standing {
  providerId: string;
  profession: string;
  fairShare: number;
  ratioAfter: number | null;
  bandAfter: string | null;
}

/** Providers whose fair-share ratio differs between two runs' proposals, the largest move first. */
export function fairShareDifference<S extends Standing>(earlier: readonly S[], now: readonly S[]) {
  const key = (row: Standing) => `${row.providerId}\u0000${row.profession}`;
  const before = new Map(earlier.map((row) => [key(row), row]));
  const after = new Map(now.map((row) => [key(row), row]));
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((k) => {
    const row = (after.get(k) ?? before.get(k))!;
    return {
      key: k,
      providerId: row.providerId,
      profession: row.profession,
      fairShare: row.fairShare,
      ratioBefore: before.get(k)?.ratioAfter ?? null,
      ratioAfter: after.get(k)?.ratioAfter ?? null,
      bandAfter: (after.get(k)?.bandAfter ?? null) as S["bandAfter"],
    };
  });
  const move = (row: (typeof rows)[number]) => Math.abs((row.ratioAfter ?? 0) - (row.ratioBefore ?? 0));
  return rows.filter((row) => row.ratioBefore !== row.ratioAfter).sort((a, b) => move(b) - move(a) || a.key.localeCompare(b.key));
}
