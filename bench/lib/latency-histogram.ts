/**
 * A latency histogram that several processes fill and the parent merges: 0.1 ms buckets up to 10 s (anything slower
 * counts in the last bucket; the exact maximum is kept aside). Percentiles of merged histograms equal those of the
 * pooled samples to within one bucket, without shipping every sample between processes.
 */
const BUCKET_MS = 0.1;
const BUCKETS = 100_000;

export interface Histogram {
  counts: Uint32Array;
  total: number;
  maxMs: number;
}

export const emptyHistogram = (): Histogram => ({ counts: new Uint32Array(BUCKETS), total: 0, maxMs: 0 });

export function addSample(h: Histogram, ms: number) {
  const v = Math.max(0, ms);
  h.counts[Math.min(BUCKETS - 1, Math.floor(v / BUCKET_MS))]!++;
  h.total++;
  if (v > h.maxMs) h.maxMs = v;
}

export function mergeHistograms(parts: Histogram[]): Histogram {
  const out = emptyHistogram();
  for (const p of parts) {
    for (let i = 0; i < BUCKETS; i++) out.counts[i]! += p.counts[i]!;
    out.total += p.total;
    out.maxMs = Math.max(out.maxMs, p.maxMs);
  }
  return out;
}

/** Nearest-rank percentile: the upper edge of the bucket holding the rank (the exact maximum for p100). */
export function percentile(h: Histogram, p: number): number {
  if (h.total === 0) return NaN;
  if (p >= 100) return h.maxMs;
  const rank = Math.max(1, Math.ceil((p / 100) * h.total));
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += h.counts[i]!;
    if (seen >= rank) return Math.min((i + 1) * BUCKET_MS, h.maxMs);
  }
  return h.maxMs;
}
