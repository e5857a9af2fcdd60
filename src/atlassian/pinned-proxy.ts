/**
 * Proxy agents for targets a caller named (multi-tenant mode). Through a proxy, the proxy resolves the host
 * itself, so the SSRF guard's check at connect time would never run: a name that resolves to a public address
 * for the gateway's check and to a private one for the proxy (DNS rebinding) would reach the operator's network.
 * These agents resolve the name with the guard first and ask the proxy to tunnel to that checked address; TLS
 * still verifies the certificate for the name (SNI and identity use it).
 */
import type { ClientRequestArgs } from 'node:http';
import type { RequestOptions } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { HttpProxyAgent, HttpsProxyAgent, type HttpProxyAgentOptions, type HttpsProxyAgentOptions } from 'hpagent';

type Callback = (error: Error | null, stream: Duplex) => void;

/** Resolves `host` through the guarded lookup; `done` gets the address to tunnel to, bracketed for IPv6. */
function resolveChecked(
  lookup: LookupFunction,
  host: string,
  done: (error: Error | null, address?: string) => void,
): void {
  lookup(host, { all: true }, (error, addresses) => {
    if (error) return done(error);
    const first = (addresses as unknown as Array<{ address: string; family: number }>)[0];
    if (!first) return done(new Error(`${host} did not resolve`));
    done(null, first.family === 6 ? `[${first.address}]` : first.address);
  });
}

export class PinnedHttpProxyAgent extends HttpProxyAgent {
  constructor(
    options: HttpProxyAgentOptions,
    private readonly guard: LookupFunction,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: Callback): undefined {
    resolveChecked(this.guard, String(options.host), (error, address) => {
      if (error) return callback?.(error, undefined as never);
      super.createConnection({ ...options, host: address }, callback);
    });
    return undefined;
  }
}

export class PinnedHttpsProxyAgent extends HttpsProxyAgent {
  constructor(
    options: HttpsProxyAgentOptions,
    private readonly guard: LookupFunction,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: Callback): undefined {
    resolveChecked(this.guard, String(options.host), (error, address) => {
      if (error) return callback?.(error, undefined as never);
      super.createConnection(
        { ...options, host: address, servername: options.servername ?? String(options.host) },
        callback,
      );
    });
    return undefined;
  }
}
