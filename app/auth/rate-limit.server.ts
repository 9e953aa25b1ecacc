import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * Sign-in and email-sending limits. In memory per node: with N nodes an attacker gets N times
 * the budget, which still bounds guessing; see docs/decisions/ for why not Redis yet.
 */
interface Limiters {
  signInByAccount: RateLimiterAbstract;
  signInByIp: RateLimiterAbstract;
  emailByIp: RateLimiterAbstract;
  invitationsBySender: RateLimiterAbstract;
}

function createLimiters(): Limiters {
  return {
    signInByAccount: new RateLimiterMemory({ keyPrefix: "signin-account", points: 5, duration: 15 * 60 }),
    signInByIp: new RateLimiterMemory({ keyPrefix: "signin-ip", points: 30, duration: 15 * 60 }),
    emailByIp: new RateLimiterMemory({ keyPrefix: "email-ip", points: 10, duration: 60 * 60 }),
    invitationsBySender: new RateLimiterMemory({ keyPrefix: "invite-sender", points: 100, duration: 60 * 60 }),
  };
}

const holder = globalThis as typeof globalThis & { __placementExchangeLimiters?: Limiters };
function limiters(): Limiters {
  holder.__placementExchangeLimiters ??= createLimiters();
  return holder.__placementExchangeLimiters;
}

export function resetRateLimits() {
  holder.__placementExchangeLimiters = createLimiters();
}

export type LimitName = keyof Limiters;

/** Seconds to wait if the key is already over its budget, else null. */
export async function retryAfterSeconds(name: LimitName, key: string): Promise<number | null> {
  const state = await limiters()[name].get(key);
  if (state && state.remainingPoints <= 0) return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
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
  await limiters()[name].delete(key);
}
