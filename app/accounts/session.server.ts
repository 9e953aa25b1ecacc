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

/**
 * Validated sessions are remembered for a few seconds, keyed by the token's hash, so a page's requests
 * and a burst of socket handshakes cost one lookup rather than one each. Signing out, ending all
 * sessions, a password change, deactivation and erasure forget a user's entries at once in this process;
 * another node behind the same database may go on accepting an ended session for at most
 * SESSION_CACHE_MS. Kept on globalThis: the Express server and the Remix bundle each carry a copy of
 * this module and must share one cache.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 50_000;
const cacheHolder = globalThis as typeof globalThis & {
  __placementExchangeSessions?: Map<string, { until: number; session: ValidatedSession }>;
};
const sessionCache = (cacheHolder.__placementExchangeSessions ??= new Map());
/** Look-ups under way: a burst of requests with one token (a user's tabs reconnecting) waits on one query. */
const pendingLookups = new Map<string, Promise<ValidatedSession | null>>();

/** Forgets cached sessions: one user's, or all. */
export function forgetCachedSessions(userId?: string) {
  pendingLookups.clear();
  if (!userId) return sessionCache.clear();
  for (const [id, entry] of sessionCache) if (entry.session.user.id === userId) sessionCache.delete(id);
}

export async function validateSessionToken(token: string): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const cached = sessionCache.get(sessionId);
  const now = Date.now();
  if (cached && now < cached.until && now < cached.session.expiresAt.getTime()) return cached.session;
  if (cached) sessionCache.delete(sessionId);
  let pending = pendingLookups.get(sessionId);
  if (!pending) {
    pending = lookUpSession(sessionId)
      .then((validated) => {
        // Not cached if the session was ended while the look-up was under way.
        if (validated && pendingLookups.get(sessionId) === pending) {
          if (sessionCache.size >= SESSION_CACHE_MAX) sessionCache.delete(sessionCache.keys().next().value!);
          sessionCache.set(sessionId, { until: Date.now() + SESSION_CACHE_MS, session: validated });
        }
        return validated;
      })
      .finally(() => {
        if (pendingLookups.get(sessionId) === pending) pendingLookups.delete(sessionId);
      });
    pendingLookups.set(sessionId, pending);
  }
  return pending;
}

/**
 * Session look-ups go to the database one query at a time, and a query waits LOOKUP_GATHER_MS after the
 * one before it: the look-ups asked for meanwhile go together as one query. A lone request waits for
 * nothing; a reconnect storm after a deploy (thousands of handshakes, each a look-up of 1–2 ms of CPU on
 * its own) costs one query per few milliseconds instead of one per user.
 */
const LOOKUP_GATHER_MS = 10;
const LOOKUP_BATCH_MAX = 500;
type Waiting = { resolve: (session: ValidatedSession | null) => void; reject: (error: unknown) => void };
const queuedLookups = new Map<string, Waiting>();
let lookingUp = false;

function lookUpSession(sessionId: string): Promise<ValidatedSession | null> {
  const promise = new Promise<ValidatedSession | null>((resolve, reject) => queuedLookups.set(sessionId, { resolve, reject }));
  if (!lookingUp) void runQueuedLookups();
  return promise;
}

async function runQueuedLookups() {
  lookingUp = true;
  while (queuedLookups.size > 0) {
    const batch = [...queuedLookups].slice(0, LOOKUP_BATCH_MAX);
    for (const [id] of batch) queuedLookups.delete(id);
    try {
      const found = await lookUpSessions(batch.map(([id]) => id));
      for (const [id, waiting] of batch) waiting.resolve(found.get(id) ?? null);
    } catch (error) {
      for (const [, waiting] of batch) waiting.reject(error);
    }
    await new Promise((resolve) => setTimeout(resolve, LOOKUP_GATHER_MS));
  }
  lookingUp = false;
}

/** Each session that exists, has not expired and belongs to an active user; slides those past half their life. */
async function lookUpSessions(sessionIds: string[]): Promise<Map<string, ValidatedSession>> {
  const rows = await prisma.session.findMany({
    where: { id: { in: sessionIds } },
    select: {
      id: true,
      expiresAt: true,
      user: {
        select: { id: true, email: true, name: true, role: true, organisationId: true, regionId: true, active: true },
      },
    },
  });
  const now = Date.now();
  const found = new Map<string, ValidatedSession>();
  const ended: string[] = [];
  const renewed: string[] = [];
  const renewedUntil = new Date(now + SESSION_LIFETIME_MS);
  for (const { id, expiresAt, user: { active, ...user } } of rows) {
    if (now >= expiresAt.getTime() || !active) {
      ended.push(id);
    } else if (now >= expiresAt.getTime() - SESSION_LIFETIME_MS / 2) {
      renewed.push(id);
      found.set(id, { sessionId: id, expiresAt: renewedUntil, user });
    } else {
      found.set(id, { sessionId: id, expiresAt, user });
    }
  }
  await Promise.all(ended.map((id) => invalidateSession(id)));
  if (renewed.length > 0) await prisma.session.updateMany({ where: { id: { in: renewed } }, data: { expiresAt: renewedUntil } });
  return found;
}

/*
 * Ending a session always drops its live sockets too: a socket authenticated once at its
 * handshake would otherwise go on receiving notifications for a session that no longer exists.
 */

export async function invalidateSession(sessionId: string) {
  sessionCache.delete(sessionId);
  pendingLookups.delete(sessionId);
  await prisma.session.deleteMany({ where: { id: sessionId } });
  disconnectSession(sessionId);
}

/** Every session of the user, or every other one when `exceptSessionId` is the browser making the change. */
export async function invalidateAllSessions(userId: string, options: { exceptSessionId?: string } = {}) {
  forgetCachedSessions(userId);
  await prisma.session.deleteMany({
    where: options.exceptSessionId ? { userId, id: { not: options.exceptSessionId } } : { userId },
  });
  forgetCachedSessions(userId);
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
