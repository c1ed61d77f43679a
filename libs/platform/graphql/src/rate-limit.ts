import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { type RequestContext } from './request-context.js';

export interface RateLimitSettings {
  /** Operations a user may send per minute, on average; 0 turns the limit off. */
  readonly perMinute: number;
  /** How many may come at once before the average applies. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per user: `burst` operations at once, then `perMinute` a minute. In memory, per process:
 * it stops one account (a stolen token, a runaway script) from scraping or flooding a service; it is not a
 * defence against many accounts, which the network in front must handle.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = settings.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.settings.perMinute > 0;
  }

  /** Takes one operation from the user's bucket; when empty, says how long until the next is allowed. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (!this.enabled) return { allowed: true };
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.burst, at: now };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Users whose bucket has refilled are as if never seen: their entries go. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.settings.burst) this.buckets.delete(key);
    }
  }
}

export const RATE_LIMITED = 'RATE_LIMITED';

/** The key of a user's bucket, the same for every transport (HTTP and WebSocket). */
export function callerKeyOf(actor: { readonly agencyId: string; readonly userId: string }): string {
  return `${actor.agencyId}/${actor.userId}`;
}

/** The refusal of an operation over the limit, in the API's format: `RATE_LIMITED`, when to retry, HTTP 429. */
function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`too many requests from this user: retry in ${retryAfterSeconds} s`, {
    extensions: { code: RATE_LIMITED, retryAfterSeconds, http: { status: 429 } },
  });
}

/** Takes one operation from the caller's bucket: undefined when allowed, otherwise the refusal. */
export function admit(limiter: RateLimiter, callerKey: string): GraphQLError | undefined {
  if (!limiter.enabled) return undefined;
  const verdict = limiter.take(callerKey);
  return verdict.allowed ? undefined : rateLimitedError(verdict.retryAfterSeconds);
}

/** Refuses an operation of a user over their limit before it runs: HTTP 429 and `RATE_LIMITED`. */
export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ contextValue }) => {
          const actor = contextValue.actor;
          const refusal = actor ? admit(limiter, callerKeyOf(actor)) : undefined;
          return refusal ? Promise.reject(refusal) : Promise.resolve();
        },
      }),
  };
}
