import type { RoleName } from "~/vocabulary/roles";

export const NOTIFICATION_CHANNELS = ["OFF", "IN_APP", "IMMEDIATE", "DIGEST"] as const;
export type NotificationChannelName = (typeof NOTIFICATION_CHANNELS)[number];

export const CHANNEL_LABELS: Record<NotificationChannelName, string> = {
  OFF: "Off",
  IN_APP: "In the portal only",
  IMMEDIATE: "In the portal and by email at once",
  DIGEST: "In the portal and in a daily email digest",
};

export type NotificationCategory = "capacity" | "quality" | "marketplace";

interface KindDefinition {
  category: NotificationCategory;
  label: string;
  defaultChannel: NotificationChannelName;
}

/** Every kind of notification the portal raises, with who-cares defaults people can change. */
export const NOTIFICATION_KINDS = {
  "provider-below-fair-share": { category: "capacity", label: "A provider falls below its fair share", defaultChannel: "IMMEDIATE" },
  "request-unmet-near-start": { category: "capacity", label: "A request is still unmet close to its start", defaultChannel: "IMMEDIATE" },
  "offer-withdrawn": { category: "capacity", label: "An offer is withdrawn", defaultChannel: "IMMEDIATE" },
  "allocation-declined": { category: "capacity", label: "An allocation is declined", defaultChannel: "IMMEDIATE" },
  "allocation-cancelled": { category: "capacity", label: "An allocation is cancelled", defaultChannel: "IMMEDIATE" },
  "matching-run-finished": { category: "capacity", label: "A matching run has finished", defaultChannel: "IN_APP" },
  "audit-expiring": { category: "quality", label: "A placement audit expires soon or has expired", defaultChannel: "DIGEST" },
  "audit-action-overdue": { category: "quality", label: "An action from a placement audit is overdue", defaultChannel: "IMMEDIATE" },
  "feedback-low": { category: "quality", label: "Student feedback falls below the threshold", defaultChannel: "IMMEDIATE" },
  "allocation-proposed": { category: "marketplace", label: "Students are proposed for your offer", defaultChannel: "IMMEDIATE" },
  "allocation-confirmed": { category: "marketplace", label: "A provider confirms an allocation", defaultChannel: "IMMEDIATE" },
  "allocation-accepted": { category: "marketplace", label: "A university accepts an allocation", defaultChannel: "DIGEST" },
  "students-named": { category: "marketplace", label: "Students are named on a placement", defaultChannel: "IMMEDIATE" },
  "case-reopened": { category: "capacity", label: "A resolved shortfall case reopens because the shortfall is back", defaultChannel: "IMMEDIATE" },
  "case-assigned": { category: "capacity", label: "A shortfall case is assigned to you", defaultChannel: "IMMEDIATE" },
  "case-message": { category: "capacity", label: "A facilitator messages you about a shortfall", defaultChannel: "IMMEDIATE" },
  "support-requested": { category: "capacity", label: "A provider or university asks for support", defaultChannel: "IMMEDIATE" },
  "capacity-asked": { category: "capacity", label: "A facilitator asks you to post capacity", defaultChannel: "IMMEDIATE" },
  "funding-award-behind": { category: "capacity", label: "An expansion funding award is behind its commitment", defaultChannel: "DIGEST" },
  "invitation-accepted": { category: "marketplace", label: "Someone you invited has joined", defaultChannel: "IN_APP" },
  "timesheet-waiting": { category: "marketplace", label: "A student's timesheet waits too long for confirmation", defaultChannel: "DIGEST" },
  "timesheet-queried": { category: "marketplace", label: "Your timesheet is queried by the practice educator", defaultChannel: "IMMEDIATE" },
  "student-at-risk": { category: "marketplace", label: "A student becomes at risk of missing the required practice hours", defaultChannel: "DIGEST" },
} as const satisfies Record<string, KindDefinition>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}

/** Who should hear about an event. Only active users are ever notified. */
export interface Audience {
  users?: string[];
  /** Users of an organisation, optionally only some roles. */
  organisations?: { organisationId: string; roles?: RoleName[] }[];
  /** Facilitators of these regions. */
  regionFacilitators?: string[];
  /** Never notify these (usually whoever caused the event). */
  except?: string[];
}

/**
 * One event to tell people about. Each feature builds its own in its notifications.ts module, so
 * every text and audience has one home.
 */
export interface NotificationEvent<K extends NotificationKind = NotificationKind> {
  kind: K;
  /** Identifies the event; raising it again notifies nobody twice. */
  eventKey: string;
  title: string;
  body: string;
  link: string;
  audience: Audience;
}

export const CATEGORY_LABELS: Record<NotificationCategory, string> = {
  capacity: "Capacity",
  quality: "Quality",
  marketplace: "Placements",
};

/** A user's channel for a kind: their choice if they made one, else the kind's default. */
export function channelFor(kind: NotificationKind, chosen: NotificationChannelName | undefined): NotificationChannelName {
  return chosen ?? NOTIFICATION_KINDS[kind].defaultChannel;
}
