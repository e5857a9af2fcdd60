/**
 * Per-instance counts over the last few minutes, for the status page: tool calls and how many failed, upstream
 * requests and how many Atlassian answered 429, and how many requests waited at the gate (a pause, a slot, the
 * request rate) and for how long. Kept in one-minute buckets, so memory stays a few numbers per
 * instance however busy the gateway is.
 */
import type { GateWaitRecord, RetryRecord, TelemetrySink, ToolCallRecord, UpstreamRecord } from './events.js';

/** How far back the status page looks. */
export const RECENT_WINDOW_MINUTES = 5;

interface Bucket {
  minute: number;
  calls: number;
  failedCalls: number;
  requests: number;
  rateLimited: number;
  waits: number;
  waitedSeconds: number;
}

/** What an instance did within the window. */
export interface RecentActivity {
  calls: number;
  failedCalls: number;
  requests: number;
  rateLimited: number;
  /** Requests that waited at the gateway before going to Atlassian, whatever the cause, and the seconds they waited. */
  waits: number;
  waitedSeconds: number;
}

export class RecentRates implements TelemetrySink {
  private readonly buckets = new Map<string, Bucket[]>();

  constructor(private readonly now: () => number = Date.now) {}

  toolCall(record: ToolCallRecord): void {
    const bucket = this.bucketFor(record.instance);
    bucket.calls += 1;
    if (!record.ok) bucket.failedCalls += 1;
  }

  upstream(record: UpstreamRecord): void {
    const bucket = this.bucketFor(record.instance);
    bucket.requests += 1;
    if (record.outcome === 429) bucket.rateLimited += 1;
  }

  /** A retried 429 is an answer Atlassian gave too, so it counts as a request and as rate limited. */
  retry(record: RetryRecord): void {
    if (record.status !== 429) return;
    const bucket = this.bucketFor(record.instance);
    bucket.requests += 1;
    bucket.rateLimited += 1;
  }

  gateWait(record: GateWaitRecord): void {
    const bucket = this.bucketFor(record.instance);
    bucket.waits += 1;
    bucket.waitedSeconds += record.seconds;
  }

  /** The sums over the window for one instance (zeros when it has done nothing lately). */
  activity(instance: string): RecentActivity {
    const oldest = this.minute() - RECENT_WINDOW_MINUTES + 1;
    const total: RecentActivity = { calls: 0, failedCalls: 0, requests: 0, rateLimited: 0, waits: 0, waitedSeconds: 0 };
    for (const bucket of this.buckets.get(instance) ?? []) {
      if (bucket.minute < oldest) continue;
      total.calls += bucket.calls;
      total.failedCalls += bucket.failedCalls;
      total.requests += bucket.requests;
      total.rateLimited += bucket.rateLimited;
      total.waits += bucket.waits;
      total.waitedSeconds += bucket.waitedSeconds;
    }
    return total;
  }

  private minute(): number {
    return Math.floor(this.now() / 60_000);
  }

  private bucketFor(instance: string): Bucket {
    const minute = this.minute();
    let list = this.buckets.get(instance);
    if (!list) this.buckets.set(instance, (list = []));
    const last = list.at(-1);
    if (last?.minute === minute) return last;
    const bucket = { minute, calls: 0, failedCalls: 0, requests: 0, rateLimited: 0, waits: 0, waitedSeconds: 0 };
    list.push(bucket);
    while (list.length > RECENT_WINDOW_MINUTES) list.shift();
    return bucket;
  }
}
