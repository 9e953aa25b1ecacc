import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { ROLE_LABELS, ROLE_ORGANISATION_KIND, type RoleName } from "~/vocabulary/roles";
import { appUrl } from "~/platform/app-url.server";
import { queueEmail } from "~/platform/mail.server";
import { withNotifications } from "~/notifications/notify.server";
import { Refusal } from "~/platform/refusal";
import { invitationAcceptedNotification } from "./notifications";
import { hashPassword } from "./password.server";
import { canRevokeInvitation, mayLearnOfAccount } from "./policy";
import { consume } from "./rate-limit.server";
import { generateToken, hashToken } from "./tokens.server";

export const INVITATION_VALID_DAYS = 7;

/** One answer for an address that is someone else's: an account elsewhere and another organisation's invitation look alike. */
export const CANNOT_INVITE_HERE =
  "This email address cannot be invited from here. Check it with the person, or ask the Placement Exchange administrator for help.";

/**
 * Invites a person to an organisation (or, for facilitators, a region) in a role.
 * The invitation and its email commit together; the email carries the only copy of the token.
 */
export async function createInvitation(input: {
  email: string;
  name: string;
  role: RoleName;
  organisationId: string | null;
  regionId: string | null;
  invitedById: string;
  /** A student's programme and year of study; the caller has checked the programme is the university's. */
  student?: { programmeId: string; yearOfStudy: number };
}) {
  const email = input.email.trim().toLowerCase();
  const expectedKind = ROLE_ORGANISATION_KIND[input.role];
  let scopeName = "Placement Exchange";
  if (expectedKind) {
    const organisation = input.organisationId
      ? await prisma.organisation.findUnique({ where: { id: input.organisationId }, select: { kind: true, name: true } })
      : null;
    if (!organisation) throw new Refusal(400, "Choose the organisation the person will belong to", "organisationId");
    if (organisation.kind !== expectedKind) {
      throw new Refusal(
        400,
        `A ${ROLE_LABELS[input.role].toLowerCase()} belongs to a ${expectedKind === "PROVIDER" ? "placement provider" : "university"}`,
        "role",
      );
    }
    scopeName = organisation.name;
  } else if (input.role === "FACILITATOR") {
    const region = input.regionId ? await prisma.region.findUnique({ where: { id: input.regionId } }) : null;
    if (!region) throw new Refusal(400, "Choose the region the facilitator works for", "regionId");
    scopeName = `${region.name} region`;
  }
  const inviter = await prisma.user.findUniqueOrThrow({
    where: { id: input.invitedById },
    select: { id: true, name: true, role: true, organisationId: true, regionId: true },
  });
  const wait = await consume("invitationsBySender", input.invitedById);
  if (wait) throw new Refusal(400, `You have sent a lot of invitations in the last hour. Try again in ${Math.ceil(wait / 60)} minutes.`, "email");
  const [account, openInvitations] = await Promise.all([
    prisma.user.findUnique({ where: { email }, select: { organisationId: true } }),
    prisma.invitation.findMany({
      where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, invitedBy: { select: { organisationId: true } } },
    }),
  ]);
  if (account) {
    if (mayLearnOfAccount(inviter, account)) throw new Refusal(400, "A user with this email address already exists", "email");
    throw new Refusal(400, CANNOT_INVITE_HERE, "email");
  }
  // Only the sender's own organisation (or an administrator) may replace an open invitation;
  // anyone else's stands, and the refusal says nothing about whose it is.
  const replaceable = openInvitations.filter((invitation) =>
    canRevokeInvitation(inviter, { senderOrganisationId: invitation.invitedBy.organisationId }),
  );
  if (replaceable.length !== openInvitations.length) throw new Refusal(400, CANNOT_INVITE_HERE, "email");
  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
  return prisma.$transaction(async (tx) => {
    // A newer invitation to the same address replaces the sender's own still open.
    await tx.invitation.updateMany({
      where: { id: { in: replaceable.map((invitation) => invitation.id) }, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const invitation = await tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        email,
        name: input.name.trim(),
        role: input.role,
        organisationId: expectedKind ? input.organisationId : null,
        regionId: input.role === "FACILITATOR" ? input.regionId : null,
        programmeId: input.role === "STUDENT" ? input.student?.programmeId : null,
        yearOfStudy: input.role === "STUDENT" ? input.student?.yearOfStudy : null,
        invitedById: input.invitedById,
        expiresAt,
      },
    });
    await recordAudit(tx, {
      actorId: input.invitedById,
      action: "invitation-sent",
      entityType: "Invitation",
      entityId: invitation.id,
      details: { email, role: input.role, organisationId: input.organisationId },
    });
    await queueEmail(tx, email, {
      template: "invitation",
      props: {
        name: invitation.name,
        organisationName: scopeName,
        roleLabel: ROLE_LABELS[input.role],
        inviterName: inviter.name,
        acceptUrl: appUrl(`/invitations/${token}`),
        expiresOn: expiresAt.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }),
      },
    }, `invitation:${invitation.id}`);
    return invitation;
  });
}

/** The open invitation behind a token, or null when it is unknown, used, revoked or expired. */
export async function findOpenInvitation(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organisation: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return invitation;
}

/** Creates the account with the chosen password; the token works once. */
export async function acceptInvitation(token: string, password: string) {
  const invitation = await findOpenInvitation(token);
  if (!invitation) throw new Refusal(410, "This invitation link has expired or has already been used");
  const passwordHash = await hashPassword(password);
  return withNotifications(async (tx, raise) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new Refusal(410, "This invitation link has expired or has already been used");
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new Refusal(410, "An account with this email address already exists: sign in instead");
    }
    const user = await tx.user.create({
      data: {
        email: invitation.email,
        name: invitation.name,
        role: invitation.role,
        organisationId: invitation.organisationId,
        regionId: invitation.regionId,
        programmeId: invitation.programmeId,
        yearOfStudy: invitation.yearOfStudy,
        passwordHash,
      },
    });
    await recordAudit(tx, { actorId: user.id, action: "invitation-accepted", entityType: "Invitation", entityId: invitation.id });
    await raise(
      invitationAcceptedNotification({
        invitationId: invitation.id,
        invitedById: invitation.invitedById,
        organisationName: invitation.organisation?.name ?? null,
        user,
      }),
    );
    return user;
  });
}
