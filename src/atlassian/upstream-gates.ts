/**
 * One `InstanceGate` per upstream, looked up by its API base URL so every client of the same target shares it:
 * the configured instance's and every tenant's that calls the same site. The first client to open a gate sets its
 * limits. Gates of targets nobody uses any more are forgotten once there are many, so the map stays bounded
 * however many tenants come and go. `states()` is the read-only view a status page or metrics read. With replicas
 * sharing state, request starts take their turns from a schedule the replicas share (one `requests_per_second` for
 * all), and a pause or lowered limit one gate learns is announced to the other replicas and applied to their gate
 * of the same upstream (a pause also to a gate that opens while it lasts). The gates live as long as the process:
 * a reload reconfigures them (`configure`) and keeps what they learned.
 */
import type { Logger } from '../logging.js';
import type { SharedState } from '../state/shared-state.js';
import { InstanceGate, type GateWaitListener, type UpstreamLimits, type UpstreamState } from './instance-gate.js';
import { SharedPauses } from './shared-pauses.js';
import { SharedRate } from './shared-rate.js';
import { SharedReadings } from './shared-readings.js';

/** What replicas share about upstreams, over one shared state. */
interface SharedUpstreams {
  pauses: SharedPauses;
  readings: SharedReadings;
  rate: SharedRate;
}

/** Gates kept at most; beyond it idle ones are forgotten, least recently used first. */
const MAX_GATES = 1000;

export class UpstreamGates {
  private readonly gates = new Map<string, InstanceGate>();
  /** Pauses other replicas announced for upstreams this one has no gate for yet: epoch ms they end, by key. */
  private readonly pendingPauses = new Map<string, number>();

  private readonly shared: SharedUpstreams | undefined;

  /** Applies the pauses and readings other replicas announce; resolves once listening. */
  async listen(): Promise<void> {
    if (!this.shared) return;
    await Promise.all([
      this.shared.pauses.listen((key, ms) => this.pauseShared(key, ms)),
      this.shared.readings.listen((key, reading) => this.gates.get(key)?.adoptReading(reading)),
    ]);
  }

  /**
   * `onWait` hears every wait at every gate (a pause, a slot, the request rate), for metrics and the status page;
   * `shared`, with replicas, carries request turns, pauses and readings between them.
   */
  constructor(
    private readonly onWait?: GateWaitListener,
    shared?: { state: SharedState; log: Logger },
  ) {
    this.shared = shared && {
      pauses: new SharedPauses(shared.state, shared.log),
      readings: new SharedReadings(shared.state, shared.log),
      rate: new SharedRate(shared.state, shared.log),
    };
  }

  /**
   * Applies a configured instance's settings to the gate of its URL (opened now if it has none): a reload's new
   * `max_concurrency`, `requests_per_second` or breaker settings reach the gate every caller of it waits at.
   */
  configure(instance: string, baseUrl: string, limits: UpstreamLimits): void {
    const gate = this.gateFor(instance, baseUrl, limits);
    if (JSON.stringify(gate.settings) !== JSON.stringify(limits) || gate.instance !== instance)
      gate.reconfigure(instance, limits);
  }

  /** The gate of `baseUrl`, opened with `limits` on first use. */
  gateFor(instance: string, baseUrl: string, limits: UpstreamLimits): InstanceGate {
    const key = baseUrl.replace(/\/+$/, '');
    let gate = this.gates.get(key);
    if (gate) {
      // Re-insert so the map's order is least recently used first.
      this.gates.delete(key);
    } else {
      this.evictIdle();
      const shared = this.shared;
      gate = new InstanceGate(instance, key, limits, {
        onWait: (wait) => this.onWait?.(wait),
        ...(shared && {
          onPause: (ms: number) => shared.pauses.announce(key, ms),
          onReading: (reading) => shared.readings.announce(key, reading),
          sharedTurn: (spacingMs, longestMs) => shared.rate.take(key, spacingMs, longestMs),
        }),
      });
      const pendingUntil = this.pendingPauses.get(key);
      this.pendingPauses.delete(key);
      if (pendingUntil !== undefined && pendingUntil > Date.now()) gate.pauseFor(pendingUntil - Date.now());
    }
    this.gates.set(key, gate);
    return gate;
  }

  /** A copy of every upstream's state, for reading. */
  states(): UpstreamState[] {
    const now = Date.now();
    return [...this.gates.values()].map((gate) => gate.snapshot(now));
  }

  /** The state of the upstreams an instance name opened (its site, and the API gateway's for Forms or Assets). */
  statesOf(instance: string): UpstreamState[] {
    return this.states().filter((state) => state.instance === instance);
  }

  get size(): number {
    return this.gates.size;
  }

  private pauseShared(key: string, ms: number): void {
    const gate = this.gates.get(key);
    if (gate) return gate.pauseFor(ms);
    const now = Date.now();
    for (const [pending, until] of this.pendingPauses) if (until <= now) this.pendingPauses.delete(pending);
    if (this.pendingPauses.size < MAX_GATES)
      this.pendingPauses.set(key, Math.max(now + ms, this.pendingPauses.get(key) ?? 0));
  }

  private evictIdle(): void {
    if (this.gates.size < MAX_GATES) return;
    for (const [key, gate] of this.gates) {
      if (this.gates.size < MAX_GATES) return;
      if (gate.idle) this.gates.delete(key);
    }
  }
}
