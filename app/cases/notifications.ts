import type { NotificationEvent } from "~/notifications/notification-kinds";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";

const caseLink = (caseId: string) => `/facilitator/cases/${caseId}`;

/** The new owner hears, unless they assigned it to themself. `stamp` makes each assignment its own event. */
export function caseAssignedNotification(input: { caseId: string; caseTitle: string; ownerId: string; actorId: string; stamp: string }): NotificationEvent<"case-assigned"> {
  return {
    kind: "case-assigned",
    eventKey: `case-assigned:${input.caseId}:${input.stamp}`,
    title: `Case assigned to you: ${input.caseTitle}`,
    body: "You are now the owner of this shortfall case.",
    link: caseLink(input.caseId),
    audience: { users: [input.ownerId], except: [input.actorId] },
  };
}

/**
 * The region's facilitators hear of a case raised automatically, under the kind of the shortfall
 * that raised it, so their preferences for that kind apply.
 */
export function caseRaisedNotification(
  kind: "request-unmet-near-start" | "provider-below-fair-share",
  created: { id: string; title: string; regionId: string },
): NotificationEvent<typeof kind> {
  return {
    kind,
    eventKey: `case-raised:${created.id}`,
    title: `New shortfall case: ${created.title}`,
    body: "A shortfall case was raised automatically in your region.",
    link: caseLink(created.id),
    audience: { regionFacilitators: [created.regionId] },
  };
}

/**
 * A case the scan resolved (or a facilitator resolved) is short again and reopens: its owner hears,
 * or the region's facilitators when it has none. `stamp` makes each reopening its own event.
 */
export function caseReopenedNotification(input: {
  caseId: string;
  caseTitle: string;
  regionId: string;
  /** An active facilitator of the case's region, else null. */
  ownerId: string | null;
  why: string;
  stamp: string;
}): NotificationEvent<"case-reopened"> {
  return {
    kind: "case-reopened",
    eventKey: `case-reopened:${input.caseId}:${input.stamp}`,
    title: `Shortfall case reopened: ${input.caseTitle}`,
    body: `The shortfall is back, so the case was reopened automatically. ${input.why}`,
    link: caseLink(input.caseId),
    audience: input.ownerId ? { users: [input.ownerId] } : { regionFacilitators: [input.regionId] },
  };
}

/** A provider or university asks its region's facilitators for support: they hear at once, by their preferences. */
export function supportRequestedNotification(input: {
  supportRequestId: string;
  regionId: string;
  organisationName: string;
  authorId: string;
  authorName: string;
  topicLabel: string;
  body: string;
}): NotificationEvent<"support-requested"> {
  return {
    kind: "support-requested",
    eventKey: `support-requested:${input.supportRequestId}`,
    title: `${input.organisationName} asks for support: ${input.topicLabel.toLowerCase()}`,
    body: `${input.authorName} wrote: ${input.body}`,
    link: "/facilitator/cases#support-heading",
    audience: { regionFacilitators: [input.regionId], except: [input.authorId] },
  };
}

/** "Message the provider's education lead": the provider's educators. */
export function caseMessageNotification(input: { noteId: string; caseTitle: string; message: string; providerId: string; actorId: string }): NotificationEvent<"case-message"> {
  return {
    kind: "case-message",
    eventKey: `case-message:${input.noteId}`,
    title: `A facilitator about: ${input.caseTitle}`,
    body: input.message,
    link: "/support",
    audience: { organisations: [{ organisationId: input.providerId, roles: ["EDUCATOR"] }], except: [input.actorId] },
  };
}

/** "Propose an alternative offer": the university's placement team, pointed at the offer to book. */
export function alternativeOfferNotification(input: {
  noteId: string;
  offerId: string;
  /** The offer as the case note describes it. */
  description: string;
  universityId: string;
  actorId: string;
}): NotificationEvent<"case-message"> {
  return {
    kind: "case-message",
    eventKey: `offer-proposed:${input.noteId}`,
    title: "A facilitator proposes an alternative offer",
    body: input.description,
    link: `/university/book/${input.offerId}`,
    audience: { organisations: [{ organisationId: input.universityId, roles: ["UNIVERSITY"] }], except: [input.actorId] },
  };
}

/** "Ask providers below their share to post capacity": their educators. */
export function capacityAskedNotification(input: { noteId: string; profession: ProfessionCode; providerIds: string[]; actorId: string }): NotificationEvent<"capacity-asked"> {
  const profession = PROFESSION_LABELS[input.profession];
  return {
    kind: "capacity-asked",
    eventKey: `capacity-asked:${input.noteId}`,
    title: `Please post ${profession} capacity`,
    body: `Your region is short of ${profession} placements and your offers are below your fair share. Please post what capacity you can.`,
    link: "/provider/offers/new",
    audience: { organisations: input.providerIds.map((organisationId) => ({ organisationId, roles: ["EDUCATOR"] })), except: [input.actorId] },
  };
}
