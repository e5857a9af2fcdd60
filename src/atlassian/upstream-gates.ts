/**
 * One `InstanceGate` per upstream, looked up by its API base URL so every client of the same target shares it:
 * the configured instance's and every tenant's that calls the same site. The first client to open a gate sets its
 * limits. Gates of targets nobody uses any more are forgotten once there are many, so the map stays bounded
 * however many tenants come and go. `states()` is the read-only view a status page or metrics read. With replicas
 * sharing state, a pause one gate learns is announced to the other replicas and applied to their gate of the same
 * upstream (or to it when it opens, while the pause lasts).
 */
import { InstanceGate, type GateWaitListener, type UpstreamLimits, type UpstreamState } from './instance-gate.js';
import type { SharedPauses } from './shared-pauses.js';

/** Gates kept at most; beyond it idle ones are forgotten, least recently used first. */
const MAX_GATES = 1000;

export class UpstreamGates {
  private readonly gates = new Map<string, InstanceGate>();
  /** Pauses other replicas announced for upstreams this one has no gate for yet: epoch ms they end, by key. */
  private readonly pendingPauses = new Map<string, number>();

  /** Applies the pauses other replicas announce; resolves once listening. */
  async listen(): Promise<void> {
    await this.shared?.listen((key, ms) => this.pauseShared(key, ms));
  }

  /**
   * `onWait` hears every wait at every gate (a pause, a slot, the request rate), for metrics and the status page;
   * `shared`, with replicas, carries pauses between them.
   */
  constructor(
    private readonly onWait?: GateWaitListener,
    private readonly shared?: SharedPauses,
  ) {}

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
      gate = new InstanceGate(
        instance,
        key,
        limits,
        (wait) => this.onWait?.(wait),
        shared && ((ms) => shared.announce(key, ms)),
      );
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
