import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../errors.js';

/** Failed logins counted per account and per address in Redis; past the limit, refuse before checking the password. */
export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

// Per address is generous: a whole call centre may sit behind one NAT address and must not lock itself out.
export const DEFAULT_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 50, windowSeconds: 15 * 60 };

export function createLoginThrottle(redis: Redis, prefix: string, limits: ThrottleLimits = DEFAULT_LIMITS) {
  const keys = (username: string, ip: string) => [
    `${prefix}:login-fail:user:${username.toLowerCase()}`,
    `${prefix}:login-fail:ip:${ip}`,
  ] as const;

  return {
    async check(username: string, ip: string): Promise<void> {
      const [userKey, ipKey] = keys(username, ip);
      const [u, a] = await redis.mget(userKey, ipKey);
      if (Number(u ?? 0) >= limits.perAccount || Number(a ?? 0) >= limits.perAddress) {
        const ttl = Math.max(await redis.ttl(Number(u ?? 0) >= limits.perAccount ? userKey : ipKey), 1);
        throw new TooManyRequestsError('too many failed logins; try again later', ttl);
      }
    },
    async recordFailure(username: string, ip: string): Promise<void> {
      const multi = redis.multi();
      for (const k of keys(username, ip)) multi.incr(k).expire(k, limits.windowSeconds, 'NX');
      await multi.exec();
    },
    async recordSuccess(username: string, ip: string): Promise<void> {
      await redis.del(keys(username, ip)[0]);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
