/**
 * One `InstanceGate` per upstream, looked up by its API base URL so every client of the same target shares it:
 * the configured instance's and every tenant's that calls the same site. The first client to open a gate sets its
 * limits. Gates of targets nobody uses any more are forgotten once there are many, so the map stays bounded
 * however many tenants come and go. `states()` is the read-only view a status page or metrics read.
 */
import { InstanceGate, type GateWaitListener, type UpstreamLimits, type UpstreamState } from './instance-gate.js';

/** Gates kept at most; beyond it idle ones are forgotten, least recently used first. */
const MAX_GATES = 1000;

export class UpstreamGates {
  private readonly gates = new Map<string, InstanceGate>();

  /** `onWait` hears every wait at every gate (a pause, a slot, the request rate), for metrics and the status page. */
  constructor(private readonly onWait?: GateWaitListener) {}

  /** The gate of `baseUrl`, opened with `limits` on first use. */
  gateFor(instance: string, baseUrl: string, limits: UpstreamLimits): InstanceGate {
    const key = baseUrl.replace(/\/+$/, '');
    let gate = this.gates.get(key);
    if (gate) {
      // Re-insert so the map's order is least recently used first.
      this.gates.delete(key);
    } else {
      this.evictIdle();
      gate = new InstanceGate(instance, key, limits, (wait) => this.onWait?.(wait));
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

  private evictIdle(): void {
    if (this.gates.size < MAX_GATES) return;
    for (const [key, gate] of this.gates) {
      if (this.gates.size < MAX_GATES) return;
      if (gate.idle) this.gates.delete(key);
    }
  }
}
