/**
 * Group commit: callers each hand in one item and get its own result, while the items that arrive together are
 * written in ONE statement (one round trip, one commit, one trigger run) instead of one each.
 *
 * A lone item after a quiet spell is written as soon as the current event-loop turn ends. After that, batches
 * leave at most every `minIntervalMs` (and only while fewer than `maxInFlight` are running), so under load the
 * items of each interval share one statement: a statement's fixed cost (parsing, planning, the commit, statement
 * triggers) is several times that of a row, and paying it once per batch is what keeps PostgreSQL's share small.
 *
 * `keyOf` keeps items that must not share a statement apart (two messages of one conversation would make an
 * upsert touch the same row twice): a later item whose key is already in the batch, or in a batch still running,
 * waits for the next one, which also keeps their order and lets it see what the earlier one wrote.
 *
 * When a batch fails, each of its items is tried again on its own, so one bad item fails alone and the rest
 * still succeed.
 */
export interface GroupCommitOptions<I> {
  maxBatch: number;
  maxInFlight: number;
  /** The least time between two batches; the most an item waits for company. */
  minIntervalMs: number;
  keyOf?: (item: I) => string | null;
  /** Milliseconds from a monotonic clock (tests replace it). */
  now?: () => number;
}

interface Pending<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export function groupCommit<I, O>(run: (items: I[]) => Promise<O[]>, opts: GroupCommitOptions<I>): (item: I) => Promise<O> {
  let queue: Pending<I, O>[] = [];
  let inFlight = 0;
  /** Keys of the items in the batches still running (with keyOf): an item of the same key waits for them. */
  const running = new Map<string, number>();
  let scheduled = false;
  let lastFlush = -Infinity;
  const now = opts.now ?? (() => performance.now());

  const take = (): Pending<I, O>[] => {
    if (!opts.keyOf) return queue.splice(0, opts.maxBatch);
    const batch: Pending<I, O>[] = [];
    const rest: Pending<I, O>[] = [];
    const keys = new Set<string>();
    for (const p of queue) {
      const key = opts.keyOf(p.item);
      if (batch.length >= opts.maxBatch || (key != null && (keys.has(key) || running.has(key)))) {
        rest.push(p);
        if (key != null) keys.add(key); // everything after a held-back item of that key waits behind it
        continue;
      }
      if (key != null) keys.add(key);
      batch.push(p);
    }
    queue = rest;
    return batch;
  };

  const settle = async (batch: Pending<I, O>[]) => {
    try {
      const out = await run(batch.map((p) => p.item));
      if (out.length !== batch.length) throw new Error(`group commit: ${out.length} results for ${batch.length} items`);
      batch.forEach((p, i) => p.resolve(out[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // Isolate the item that failed: each is retried alone, in order.
      for (const p of batch) {
        try {
          p.resolve((await run([p.item]))[0]!);
        } catch (e) {
          p.reject(e);
        }
      }
    }
  };

  const keysOf = (batch: Pending<I, O>[]) => (opts.keyOf ? batch.flatMap((p) => opts.keyOf!(p.item) ?? []) : []);
  const flush = () => {
    scheduled = false;
    lastFlush = now();
    while (inFlight < opts.maxInFlight && queue.length > 0) {
      const batch = take();
      if (!batch.length) break; // all that waits waits for a running batch of its key: it goes when that ends
      const keys = keysOf(batch);
      for (const k of keys) running.set(k, (running.get(k) ?? 0) + 1);
      inFlight++;
      void settle(batch).finally(() => {
        for (const k of keys) if (running.set(k, running.get(k)! - 1).get(k) === 0) running.delete(k);
        inFlight--;
        schedule();
      });
    }
  };

  const schedule = () => {
    if (scheduled || queue.length === 0 || inFlight >= opts.maxInFlight) return;
    scheduled = true;
    const wait = lastFlush + opts.minIntervalMs - now();
    if (wait <= 0) setImmediate(flush);
    else setTimeout(flush, wait);
  };

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
