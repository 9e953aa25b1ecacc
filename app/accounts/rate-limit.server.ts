import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * Sign-in and email-sending limits. In memory on one node; shared through Redis when there is
 * one, so N nodes do not give an attacker N budgets. If Redis is away, each node falls back to
 * its own memory limits rather than failing sign-in.
 */
interface Limiters {
  signInByAccount: RateLimiterAbstract;
  signInByAccountAndIp: RateLimiterAbstract;
  signInDelayByAccount: RateLimiterAbstract;
  signInByIp: RateLimiterAbstract;
  emailByIp: RateLimiterAbstract;
  invitationsBySender: RateLimiterAbstract;
  currentPasswordByUser: RateLimiterAbstract;
  currentPasswordByIp: RateLimiterAbstract;
  unlockEmailByAccount: RateLimiterAbstract;
}

const BUDGETS: Record<keyof Limiters, { keyPrefix: string; points: number; duration: number }> = {
  // Wrong passwords for one account from everywhere: a backstop well above what growing delays let anyone reach.
  signInByAccount: { keyPrefix: "signin-account", points: 50, duration: 60 * 60 },
  // One source guessing one account is stopped quickly, without locking the owner out from elsewhere.
  signInByAccountAndIp: { keyPrefix: "signin-account-ip", points: 5, duration: 15 * 60 },
  // Blocked for a growing number of seconds after each failure beyond the first few (see sign-in.server.ts).
  signInDelayByAccount: { keyPrefix: "signin-delay", points: 1, duration: 1 },
  signInByIp: { keyPrefix: "signin-ip", points: 30, duration: 15 * 60 },
  emailByIp: { keyPrefix: "email-ip", points: 10, duration: 60 * 60 },
  invitationsBySender: { keyPrefix: "invite-sender", points: 100, duration: 60 * 60 },
  currentPasswordByUser: { keyPrefix: "current-password-user", points: 5, duration: 15 * 60 },
  currentPasswordByIp: { keyPrefix: "current-password-ip", points: 20, duration: 15 * 60 },
  // One emailed unlock link per account per lock window, however many attempts are refused.
  unlockEmailByAccount: { keyPrefix: "unlock-email", points: 1, duration: 15 * 60 },
};

function createLimiters(redisClient?: unknown): Limiters {
  return Object.fromEntries(
    Object.entries(BUDGETS).map(([name, budget]) => {
      const memory = new RateLimiterMemory(budget);
      const limiter = redisClient
        ? new RateLimiterRedis({ ...budget, keyPrefix: `px:${budget.keyPrefix}`, storeClient: redisClient, useRedisPackage: true, rejectIfRedisNotReady: true, insuranceLimiter: memory })
        : memory;
      return [name, limiter];
    }),
  ) as unknown as Limiters;
}

const holder = globalThis as typeof globalThis & { __placementExchangeLimiters?: Limiters };
function limiters(): Limiters {
  holder.__placementExchangeLimiters ??= createLimiters();
  return holder.__placementExchangeLimiters;
}

export function resetRateLimits() {
  holder.__placementExchangeLimiters = createLimiters();
}

/** Called at start-up when REDIS_URL is set: every node then spends from the same budgets. */
export function shareRateLimitsThroughRedis(redisClient: unknown) {
  holder.__placementExchangeLimiters = createLimiters(redisClient);
}

export type LimitName = keyof Limiters;

/** Seconds to wait if the key is already over its budget, else null. */
export async function retryAfterSeconds(name: LimitName, key: string): Promise<number | null> {
  try {
    const state = await limiters()[name].get(key);
    if (state && state.remainingPoints <= 0) return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  } catch {
    // The shared store is unreachable: consume() still counts on this node's insurance limiter.
  }
  return null;
}

/** Spends one point; returns seconds to wait when this spend went over budget. */
export async function consume(name: LimitName, key: string): Promise<number | null> {
  try {
    await limiters()[name].consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw error;
  }
}

export async function forgive(name: LimitName, key: string) {
  await limiters()[name].delete(key).catch(() => {});
}

/** How many points the key has spent in its current window. */
export async function spentPoints(name: LimitName, key: string): Promise<number> {
  try {
    return (await limiters()[name].get(key))?.consumedPoints ?? 0;
  } catch {
    return 0;
  }
}

/** Holds the key over budget for the given seconds. */
export async function holdFor(name: LimitName, key: string, seconds: number) {
  await limiters()[name].block(key, seconds).catch(() => {});
}
