/**
 * Waits for the browser to come back with an authorization code, two ways at once: a one-route callback server
 * on the redirect URI's loopback port, and the address pasted on standard input (for a browser on another
 * machine, or a redirect URI this machine cannot serve). Stray requests and other states are ignored.
 */
import http from 'node:http';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { authorizationCodeFrom } from '../../atlassian/credentials/authorization-code.js';

export interface RedirectWaitOptions {
  redirectUri: string;
  state: string;
  timeoutMs: number;
  /** Where a pasted address may arrive; absent when nobody can type (no TTY). */
  input?: Readable;
  /** Tells the user about addresses that were not the one expected. */
  notice: (text: string) => void;
}

export interface RedirectWait {
  /** The local callback address, or undefined when only pasting works (`why` says why). */
  listening?: string;
  why?: string;
  /** The authorization code; rejects on refusal or timeout. */
  code: Promise<string>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body>`;

/** Loopback hosts the callback server may bind; anything else is someone else's machine. */
function loopbackHosts(redirect: URL): string[] | undefined {
  if (redirect.protocol !== 'http:') return undefined;
  if (redirect.hostname === 'localhost') return ['127.0.0.1', '::1'];
  if (redirect.hostname === '127.0.0.1') return ['127.0.0.1'];
  if (redirect.hostname === '[::1]') return ['::1'];
  return undefined;
}

export async function waitForRedirect(options: RedirectWaitOptions): Promise<RedirectWait> {
  const redirect = new URL(options.redirectUri);
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);

  /** Returns what the browser should be told; settles the wait when the address carries this sign-in's answer. */
  const consider = (address: URL): 'signed-in' | 'refused' | 'not-ours' => {
    try {
      const received = authorizationCodeFrom(address, options.state);
      if (received === undefined) return 'not-ours';
      settle.resolve(received);
      return 'signed-in';
    } catch (error) {
      settle.reject(error as Error);
      return 'refused';
    }
  };

  const hosts = loopbackHosts(redirect);
  const servers = await listenAll(hosts ?? [], Number(redirect.port || 80), (request, response) => {
    const address = new URL(request.url ?? '/', redirect);
    if (request.method !== 'GET' || address.pathname !== redirect.pathname) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const outcome = consider(address);
    const [status, page] =
      outcome === 'signed-in'
        ? [200, PAGE('Signed in', 'The gateway has its tokens. You can close this tab.')]
        : outcome === 'refused'
          ? [400, PAGE('Sign-in refused', 'The authorization server refused access; the terminal says why.')]
          : [400, PAGE('Unknown sign-in', 'This address does not belong to the sign-in the terminal is waiting for.')];
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });

  const lines = options.input ? createInterface({ input: options.input, terminal: false }) : undefined;
  lines?.on('line', (line) => {
    const text = line.trim();
    if (!text) return;
    const address = URL.canParse(text)
      ? new URL(text)
      : URL.canParse(text, redirect) && text.startsWith('?')
        ? new URL(text, redirect)
        : undefined;
    if (!address || consider(address) === 'not-ours')
      options.notice(
        'That is not the address of this sign-in (its state differs or it has no code); paste the whole address the browser ended on.',
      );
  });

  const timer = setTimeout(
    () =>
      settle.reject(
        new Error(
          `no sign-in arrived within ${Math.round(options.timeoutMs / 1000)} s (pass --timeout to wait longer)`,
        ),
      ),
    options.timeoutMs,
  );
  const why = hosts
    ? servers.error
    : `the redirect URI ${redirect.origin} is not an http loopback address this machine can serve`;
  if (servers.listening.length === 0 && !options.input) {
    clearTimeout(timer);
    lines?.close();
    throw new Error(
      `cannot receive the sign-in: ${why ?? 'no callback server'}, and there is no terminal to paste the address into`,
    );
  }
  const served = servers.listening.length > 0;
  return {
    listening: served ? `${redirect.protocol}//${redirect.host}${redirect.pathname}` : undefined,
    why: served ? undefined : why,
    code,
    async close() {
      clearTimeout(timer);
      lines?.close();
      await Promise.all(
        servers.listening.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}

/** Listens on every host it can; fails only when none works, with the first reason. */
async function listenAll(
  hosts: string[],
  port: number,
  handler: http.RequestListener,
): Promise<{ listening: http.Server[]; error?: string }> {
  const listening: http.Server[] = [];
  let error: string | undefined;
  for (const host of hosts) {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 1000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      listening.push(server);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      // ::1 is absent on IPv4-only hosts; that is not worth reporting when 127.0.0.1 works.
      if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT')
        error ??= `cannot listen on ${host.includes(':') ? `[${host}]` : host}:${port} (${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : (code ?? 'error')})`;
    }
  }
  return {
    listening,
    error: listening.length === 0 && hosts.length > 0 ? (error ?? `cannot listen on port ${port}`) : undefined,
  };
}
