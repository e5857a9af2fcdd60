/**
 * Callers' defaults in the shared state, so every replica serves a caller the defaults they set on another: per
 * caller identity on stateless HTTP (a digest of their key or tenant credentials, never the secret) and per session
 * id for stateful HTTP sessions. A handle reads the stored values once per call (`load`) and writes them through at
 * once; values not used for `idleMs` are forgotten, as in memory.
 */
import { type SharedState } from '../state/shared-state.js';
import type { CallerDefaults, DefaultsHandle } from '../tools/caller-defaults.js';

/** How long unused defaults are kept: as long as KeyedDefaults keeps them in memory. */
const IDLE_MS = 8 * 3600_000;

export class SharedDefaults {
  constructor(
    private readonly state: SharedState,
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Defaults of the caller whose identity digests to `fingerprint`. */
  forCaller(fingerprint: string): DefaultsHandle {
    return this.handle(`defaults:caller:${fingerprint}`);
  }

  /** Defaults of one stateful HTTP session, whichever replica serves it. */
  forSession(sessionId: string): DefaultsHandle {
    return this.handle(`defaults:session:${sessionId}`);
  }

  /** Forgets a closed session's defaults everywhere. */
  forgetSession(sessionId: string): Promise<void> {
    return this.state.delete(`defaults:session:${sessionId}`);
  }

  private handle(key: string): DefaultsHandle {
    let values: CallerDefaults = {};
    return {
      get: () => values,
      load: async () => {
        const stored = await this.state.get(key);
        values = stored ? parseDefaults(stored) : {};
        if (stored) await this.state.touch(key, this.idleMs);
      },
      set: async (next) => {
        await this.state.set(key, JSON.stringify(next), this.idleMs);
        values = next;
      },
      reset: async () => {
        await this.state.delete(key);
        values = {};
      },
    };
  }
}

/** Stored defaults, or none when what is stored is not an object (written by something else). */
function parseDefaults(text: string): CallerDefaults {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
