import type { Executor } from './database.js';

const caches = new Set<{ clear(): void }>();

/**
 * Small configuration that is read on every routed case and edited a few times a year (routing rules, SLA
 * policies and holidays): kept in this process for `ttlMs` per database handle, so routing does not pay a round
 * trip for it each time. An edit made through this process is seen at once (`configChanged`); one made through
 * another process within `ttlMs`: a case routed in that second follows the configuration as it was a second
 * before, as if it had arrived a second earlier. Inside a transaction the cache is not used.
 */
export function configCache<K, V>(ttlMs = 1000) {
  let byDb = new WeakMap<object, Map<K, { until: number; value: Promise<V> }>>();
  const cache = {
    get(db: Executor, key: K, load: (db: Executor) => Promise<V>): Promise<V> {
      if (db.isTransaction) return load(db);
      let entries = byDb.get(db);
      if (!entries) byDb.set(db, (entries = new Map()));
      const now = Date.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.value;
      const value = load(db);
      const kept = entries;
      kept.set(key, { until: now + ttlMs, value });
      // A failed read is not kept: the next call tries again.
      value.catch(() => kept.get(key)?.value === value && kept.delete(key));
      return value;
    },
    /** Forgets everything (a WeakMap cannot be emptied: a new one replaces it). */
    clear() {
      byDb = new WeakMap();
    },
  };
  caches.add(cache);
  return cache;
}

/** An administrator changed rules, policies or holidays: every configuration cache in this process reads again. */
export function configChanged(): void {
  for (const c of caches) c.clear();
}
