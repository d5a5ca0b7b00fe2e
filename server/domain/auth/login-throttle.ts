import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError, UnavailableError } from '../errors.js';

/** Said when the counters cannot be read: without them no password is checked (a guesser would have no limit). */
export const THROTTLE_UNAVAILABLE = 'sign-in is unavailable for a moment (the login counters do not answer); try again in a minute';

/**
 * Login throttling with atomic Redis counters (rate-limiter-flexible). Each attempt takes its points *before* the
 * password is checked (and gives them back when it succeeds), so 40 guesses sent at once get no more password
 * checks than the limits allow. Three limits:
 * - per address: 50 attempts that did not succeed in 15 minutes (a call centre behind one NAT must not lock itself out);
 * - per account and address: 5 in 15 minutes, which stops a guesser without touching the account's owner elsewhere;
 * - per account, from any address: after 5 failures, one attempt per growing delay (1 s, 2 s, 4 s… at most a minute)
 *   instead of a hard lock; an address this account logged in from in the last 30 days skips that delay, so nobody
 *   can keep its owner out.
 */
export interface ThrottleLimits {
  perAddress: number;
  perAccountAndAddress: number;
  windowSeconds: number;
  /** Failures of an account, from any address, before the delay starts. */
  freeFailures: number;
  maxDelaySeconds: number;
  knownAddressDays: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
  perAddress: 50,
  perAccountAndAddress: 5,
  windowSeconds: 15 * 60,
  freeFailures: 5,
  maxDelaySeconds: 60,
  knownAddressDays: 30,
};

/** What an attempt holds until its outcome is known. */
export interface Attempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

export function createLoginThrottle(redis: Redis, prefix: string, limits: ThrottleLimits = DEFAULT_LIMITS) {
  const limiter = (name: string, points: number, duration: number) =>
    // Refused at once while Redis is not connected (the client fails fast too): a 503, never a wait.
    new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:login:${name}`, points, duration, rejectIfRedisNotReady: true });
  const perAddress = limiter('ip', limits.perAddress, limits.windowSeconds);
  const perPair = limiter('pair', limits.perAccountAndAddress, limits.windowSeconds);
  // Counts an account's attempts that did not succeed (a day), whatever the address; never refuses by itself.
  const accountAttempts = limiter('account', Number.MAX_SAFE_INTEGER, 24 * 3600);
  const knownKey = (account: string, ip: string) => `${prefix}:login:known:${account}:${ip}`;
  const gates = new Map<number, RateLimiterRedis>();
  const gate = (seconds: number) => gates.get(seconds) ?? gates.set(seconds, limiter('gate', 1, seconds)).get(seconds)!;

  async function take(l: RateLimiterRedis, key: string): Promise<void> {
    try {
      await l.consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      throw new TooManyRequestsError('too many failed logins; try again later', Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    }
  }

  /**
   * An account's attempts are counted before the password is checked (failures stay counted, a success clears them);
   * past the free ones, one attempt per delay window passes, atomically. A known address skips the delay.
   */
  async function passAccountDelay(account: string, ip: string): Promise<() => Promise<void>> {
    const counted = await accountAttempts.consume(account);
    const refund = async () => void (await accountAttempts.reward(account).catch(() => {}));
    const before = counted.consumedPoints - 1;
    if (before < limits.freeFailures || (await redis.exists(knownKey(account, ip)))) return refund;
    try {
      await take(gate(Math.min(2 ** (before - limits.freeFailures), limits.maxDelaySeconds)), account);
    } catch (err) {
      await refund(); // a refused attempt checked nothing: it must not lengthen the owner's delay
      throw err;
    }
    return refund;
  }

  /** Takes the attempt's points under every limit (see begin). */
  async function reserve(username: string, ip: string): Promise<Attempt> {
    const account = username.toLowerCase();
    const pair = `${account}|${ip}`;
    await take(perAddress, ip);
    try {
      await take(perPair, pair);
    } catch (err) {
      await perAddress.reward(ip).catch(() => {});
      throw err;
    }
    try {
      await passAccountDelay(account, ip);
    } catch (err) {
      await Promise.all([perAddress.reward(ip), perPair.reward(pair)]).catch(() => {});
      throw err;
    }
    return {
      async succeeded() {
        // Best effort: the password was right. Should Redis be gone meanwhile, the counters expire by themselves.
        await Promise.all([perAddress.reward(ip), perPair.delete(pair), accountAttempts.delete(account)])
          .then(() => redis.set(knownKey(account, ip), '1', 'EX', limits.knownAddressDays * 86_400))
          .catch(() => {});
      },
      // The attempt's points stay taken: they are the failure.
      async failed() {},
    };
  }

  return {
    /**
     * Reserves the attempt under every limit, or throws a 429 with Retry-After; the caller then checks the password.
     * Without Redis: a 503 at once (no password is checked without its counters).
     */
    async begin(username: string, ip: string): Promise<Attempt> {
      try {
        return await reserve(username, ip);
      } catch (err) {
        if (err instanceof TooManyRequestsError) throw err;
        throw new UnavailableError(THROTTLE_UNAVAILABLE);
      }
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
