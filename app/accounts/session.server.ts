import { prisma, type Role } from "~/platform/db/db.server";
import { getEnv } from "~/platform/env.server";
import { disconnectSession, disconnectUser } from "~/platform/realtime/realtime.server";
import { generateToken, hashToken } from "./tokens.server";

export const SESSION_COOKIE = "px_session";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Sessions last 30 days and slide forward when used in their second half. */
const SESSION_LIFETIME_MS = 30 * DAY_MS;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  regionId: string | null;
}

export interface ValidatedSession {
  sessionId: string;
  expiresAt: Date;
  user: SessionUser;
}

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await prisma.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function validateSessionToken(token: string): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: { id: true, email: true, name: true, role: true, organisationId: true, regionId: true, active: true },
      },
    },
  });
  if (!session) return null;
  if (Date.now() >= session.expiresAt.getTime() || !session.user.active) {
    await invalidateSession(sessionId);
    return null;
  }
  let expiresAt = session.expiresAt;
  if (Date.now() >= expiresAt.getTime() - SESSION_LIFETIME_MS / 2) {
    expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt } });
  }
  const { active: _active, ...user } = session.user;
  return { sessionId, expiresAt, user };
}

/*
 * Ending a session always drops its live sockets too: a socket authenticated once at its
 * handshake would otherwise go on receiving notifications for a session that no longer exists.
 */

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
  disconnectSession(sessionId);
}

/** Every session of the user, or every other one when `exceptSessionId` is the browser making the change. */
export async function invalidateAllSessions(userId: string, options: { exceptSessionId?: string } = {}) {
  await prisma.session.deleteMany({
    where: options.exceptSessionId ? { userId, id: { not: options.exceptSessionId } } : { userId },
  });
  disconnectUser(userId, options);
}

export async function deleteExpiredSessions() {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}

function cookieAttributes(expires: Date | null) {
  const parts = ["Path=/", "HttpOnly", "SameSite=Lax"];
  if (getEnv().NODE_ENV === "production") parts.push("Secure");
  parts.push(expires ? `Expires=${expires.toUTCString()}` : "Max-Age=0");
  return parts.join("; ");
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return `${SESSION_COOKIE}=${token}; ${cookieAttributes(expiresAt)}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; ${cookieAttributes(null)}`;
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}
