import type { NotificationEvent } from "~/notifications/notification-kinds";

/** Whoever sent the invitation hears that it was taken up. */
export function invitationAcceptedNotification(input: {
  invitationId: string;
  invitedById: string;
  organisationName: string | null;
  user: { name: string; email: string; organisationId: string | null };
}): NotificationEvent<"invitation-accepted"> {
  const { user } = input;
  return {
    kind: "invitation-accepted",
    eventKey: `invitation-accepted:${input.invitationId}`,
    title: `${user.name} has joined Placement Exchange`,
    body: `${user.name} (${user.email}) accepted your invitation${input.organisationName ? ` to ${input.organisationName}` : ""}.`,
    link: user.organisationId ? `/organisations/${user.organisationId}` : "/notifications",
    audience: { users: [input.invitedById] },
  };
}
