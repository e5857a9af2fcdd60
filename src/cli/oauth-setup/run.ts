/**
 * `atlassian-mcp-gateway oauth-setup`: signs one OAuth instance in with the Authorization Code flow and PKCE,
 * keeps the tokens in the token store the gateway reads at startup, and on Cloud prints the cloud ids the grant
 * covers. Everything it says goes to `out`; nothing but the instance's authorization server is contacted.
 */
import type { Readable } from 'node:stream';
import { destroyAgents } from '../../atlassian/connection.js';
import {
  accessibleResources,
  authorizationRequest,
  exchangeAuthorizationCode,
  type AccessibleResource,
} from '../../atlassian/credentials/authorization-code.js';
import type { TokenStore } from '../../atlassian/credentials/token-store.js';
import type { GatewayConfig } from '../../config/schema.js';
import type { AtlassianEndpoints } from '../../instances/connect.js';
import { openBrowser as openDesktopBrowser } from './browser.js';
import { planSignIn, type SignInPlan } from './plan.js';
import { waitForRedirect } from './redirect.js';

export interface OAuthSetupOptions {
  config: GatewayConfig;
  /** `NAME` or `PRODUCT:NAME`; optional when only one instance uses OAuth. */
  instance?: string;
  endpoints: AtlassianEndpoints;
  store: TokenStore;
  out: (text: string) => void;
  /** A terminal the user can paste the redirected address into. */
  input?: Readable;
  openBrowser: boolean;
  timeoutMs: number;
  now?: () => number;
}

export interface OAuthSetupResult {
  instance: string;
  storeKey: string;
  file: string;
  /** Cloud: every site the grant covers; empty on Server/Data Center. */
  resources: AccessibleResource[];
  /** Cloud: the resource whose URL is this instance's. */
  matched?: AccessibleResource;
}

export async function runOAuthSetup(options: OAuthSetupOptions): Promise<OAuthSetupResult> {
  const plan = planSignIn(options.config, options.instance, options.endpoints);
  try {
    return await signIn(plan, options);
  } finally {
    destroyAgents(plan.agents);
  }
}

async function signIn(plan: SignInPlan, options: OAuthSetupOptions): Promise<OAuthSetupResult> {
  const { instance, server, client } = plan;
  const { out } = options;
  const request = authorizationRequest(server, client);
  const wait = await waitForRedirect({
    redirectUri: client.redirectUri,
    state: request.state,
    timeoutMs: options.timeoutMs,
    input: options.input,
    notice: (text) => out(`${text}\n`),
  });
  let code: string;
  try {
    out(
      `Signing in ${instance.product} instance "${instance.name}" (${instance.platform === 'cloud' ? 'Cloud' : 'Server/Data Center'}) with OAuth 2.0 and PKCE.\n`,
    );
    out(`Scopes: ${client.scopes.join(' ')}\n\n`);
    const opened = options.openBrowser && openDesktopBrowser(request.url);
    out(
      `${opened ? 'A browser is opening this address; approve access there (or open it yourself)' : 'Open this address in a browser and approve access'}:\n\n  ${request.url}\n\n`,
    );
    if (wait.listening)
      out(`Waiting up to ${Math.round(options.timeoutMs / 1000)} s for the browser to return to ${wait.listening}.\n`);
    else out(`This machine cannot receive the redirect (${wait.why}).\n`);
    if (options.input)
      out(
        `${wait.listening ? 'If the browser runs on another machine, paste' : 'Paste'} the address it ends on here and press Enter.\n`,
      );
    code = await wait.code;
  } finally {
    await wait.close();
  }

  const tokens = await exchangeAuthorizationCode(server, client, code, request.codeVerifier);
  const now = options.now ?? Date.now;
  const resources =
    instance.platform === 'cloud'
      ? await accessibleResources(options.endpoints.apiUrl, tokens.access_token, plan.agents)
      : [];
  options.store.save(plan.storeKey, {
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: tokens.expires_in ? now() + tokens.expires_in * 1000 : undefined,
    ...(resources.length > 0 ? { cloud_ids: resources.map((resource) => resource.id) } : {}),
  });
  const file = options.store.locate(plan.storeKey);
  const matched = resources.find((resource) => coversUrl(resource.url, instance.url));

  out(`\nSigned in. Tokens saved to ${file}\n`);
  if (!tokens.refresh_token)
    out(
      'Warning: no refresh token came back, so the gateway cannot renew the access token; add offline_access to the scopes.\n',
    );
  if (instance.platform === 'cloud') out(describeSites(resources, matched, instance.auth.cloud_id));
  out('Restart the gateway, or let a running one pick the tokens up on its next call.\n');
  return { instance: instance.name, storeKey: plan.storeKey, file, resources, matched };
}

function describeSites(
  resources: AccessibleResource[],
  matched: AccessibleResource | undefined,
  configured: string | undefined,
): string {
  if (resources.length === 0)
    return "Warning: the grant covers no site; check that the app has the product's API and that you picked a site on the consent screen.\n";
  const lines = [
    'Sites this sign-in covers (cloud id, name, URL):',
    ...resources.map(
      (resource) =>
        `  ${resource.id}  ${resource.name}  ${resource.url}${resource === matched ? '   <- this instance' : ''}`,
    ),
  ];
  if (configured && resources.some((resource) => resource.id === configured))
    lines.push(`The configured cloud id ${configured} is among them.`);
  else if (configured)
    lines.push(
      `Warning: the configured cloud id ${configured} is not among them; API calls will fail until it names one of these sites.`,
    );
  else
    lines.push(
      `Set the instance's cloud id (its *_OAUTH_CLOUD_ID variable or auth.cloud_id) to ${matched ? matched.id : 'the id of its site above'}.`,
    );
  return `${lines.join('\n')}\n`;
}

/** `https://acme.atlassian.net` covers `https://acme.atlassian.net/wiki`, but not `https://acme.atlassian.net.evil`. */
function coversUrl(siteUrl: string, instanceUrl: string): boolean {
  const site = siteUrl.replace(/\/+$/, '');
  return instanceUrl === site || instanceUrl.startsWith(`${site}/`);
}
