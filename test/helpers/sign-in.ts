/**
 * Signing in the way a user does: the official MCP client's OAuth support (discovery from the 401, registration,
 * PKCE, code exchange, refresh) with a stand-in browser that follows redirects, keeps cookies per host and submits
 * forms, walking the gateway's pages and the sandbox's Atlassian-style consent.
 */
import {
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  type OAuthClientInformationMixed,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type OAuthTokens,
} from '@modelcontextprotocol/client';
import { CLOUD_APP } from './oauth-apps.js';

/** The instance setting that makes that site a per-user sign-in instance. */
export const PER_USER_CLOUD = {
  auth: { type: 'per_user', client_id: CLOUD_APP.clientId, client_secret: CLOUD_APP.clientSecret },
};

/** Where the test clients say they listen; the browser stops there, as a native app's loopback server would. */
export const CLIENT_REDIRECT = 'http://127.0.0.1:43219/callback';

export interface Visit {
  url: string;
  status: number;
  body: string;
  headers: Headers;
}

/** Follows redirects by hand (stopping at `stopAt`), keeps cookies per host, posts forms. */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();
  /** Every answer seen, oldest first (headers checked by the safety tests). */
  readonly history: Visit[] = [];

  constructor(private readonly stopAt: string = CLIENT_REDIRECT) {}

  async go(url: string, form?: Record<string, string>): Promise<Visit> {
    let target = url;
    let body = form ? new URLSearchParams(form).toString() : undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (target.startsWith(this.stopAt)) return { url: target, status: 0, body: '', headers: new Headers() };
      const host = new URL(target).host;
      const jar = this.jars.get(host) ?? new Map<string, string>();
      const response = await fetch(target, {
        method: body === undefined ? 'GET' : 'POST',
        redirect: 'manual',
        headers: {
          accept: 'text/html',
          ...(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        body,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair!.split('=');
        if (/max-age=0/i.test(cookie)) jar.delete(name!.trim());
        else jar.set(name!.trim(), value.join('='));
      }
      this.jars.set(host, jar);
      const visit = { url: target, status: response.status, body: await response.text(), headers: response.headers };
      this.history.push(visit);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return visit;
      target = new URL(location, target).toString();
      body = undefined;
    }
    throw new Error('too many redirects');
  }

  /** Clicks the gateway page's Continue link until the browser lands on the client's redirect URI. */
  async walkSignIn(authorizationUrl: string, choose?: (page: Visit) => Record<string, string>): Promise<URL> {
    let page = await this.go(authorizationUrl);
    for (let steps = 0; steps < 10; steps++) {
      if (page.url.startsWith(this.stopAt)) return new URL(page.url);
      if (page.status !== 200) throw new Error(`sign-in page answered ${page.status}: ${page.body.slice(0, 300)}`);
      const form = /<form method="post" action="([^"]+)"/.exec(page.body);
      if (form) {
        page = await this.go(new URL(form[1]!, page.url).toString(), choose?.(page) ?? {});
        continue;
      }
      const next = /id="continue" href="([^"]+)"/.exec(page.body);
      if (!next) throw new Error(`no way on from ${page.url}: ${page.body.slice(0, 300)}`);
      page = await this.go(new URL(next[1]!.replace(/&amp;/g, '&'), page.url).toString());
    }
    throw new Error('the sign-in did not finish');
  }
}

/** An OAuth client's memory: registration, tokens, PKCE verifier, and the address it was sent to. */
export class TestOAuthProvider implements OAuthClientProvider {
  clientInfo: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | undefined;
  discovery: OAuthDiscoveryState | undefined;

  constructor(
    readonly name: string,
    readonly clientMetadataUrl?: string,
  ) {}

  get redirectUrl(): string {
    return CLIENT_REDIRECT;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.name,
      redirect_uris: [CLIENT_REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() {
    return this.clientInfo;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.clientInfo = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }
}

export interface SignedInClient {
  client: Client;
  provider: TestOAuthProvider;
  browser: TestBrowser;
  close(): Promise<void>;
}

/**
 * Connects as a user who signs in with the sandbox account `user`: the first connection is refused (401), the
 * browser walks the sign-in, the client finishes it, and a second connection works.
 */
export async function signInAs(
  gatewayUrl: string,
  sandboxUrl: string,
  user: string,
  provider: TestOAuthProvider = new TestOAuthProvider(`client of ${user}`),
  choose?: (page: Visit) => Record<string, string>,
): Promise<SignedInClient> {
  const browser = new TestBrowser();
  await browser.go(`${sandboxUrl}/login?user=${user}`);
  const first = new StreamableHTTPClientTransport(new URL(`${gatewayUrl}/mcp`), { authProvider: provider });
  const refused = await new Client({ name: 'sign-in-test', version: '1' }).connect(first).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(refused instanceof UnauthorizedError)) throw new Error(`expected a sign-in, got ${String(refused)}`);
  const landed = await browser.walkSignIn(provider.authorizationUrl!.toString(), choose);
  await first.finishAuth(landed.searchParams);
  await first.close();
  const client = await connectWith(gatewayUrl, provider);
  return { client, provider, browser, close: () => client.close() };
}

/** A client connected with the provider's tokens (refreshing them when the gateway says they expired). */
export async function connectWith(gatewayUrl: string, provider: TestOAuthProvider): Promise<Client> {
  const client = new Client({ name: 'sign-in-test', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${gatewayUrl}/mcp`), { authProvider: provider }));
  return client;
}
