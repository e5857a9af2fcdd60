/**
 * The clients the authorization server knows: those that registered dynamically (RFC 7591, kept in the vault so a
 * restart keeps them) and those whose client id is the https URL of a Client ID Metadata Document, fetched through
 * the SSRF guard (public addresses only, no redirects, 5 s, 16 KiB) and cached for a few minutes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createAgents, type Agents } from '../../atlassian/connection.js';
import { isGotError, loadGot } from '../../atlassian/got.js';
import { checkTargetUrl, guardedLookup, TargetRefused } from '../../security/ssrf.js';
import { USER_AGENT } from '../../version.js';
import type { SealedStore } from '../vault/sealed-store.js';
import { redirectUriProblem } from './redirect-uris.js';

export type ClientAuthMethod = 'none' | 'client_secret_post' | 'client_secret_basic';

export interface KnownClient {
  clientId: string;
  redirectUris: string[];
  name?: string;
  authMethod: ClientAuthMethod;
  /** SHA-256 of the client secret (confidential registered clients). */
  secretDigest?: string;
}

/** A refusal the caller turns into an OAuth error answer. */
export class ClientError extends Error {
  constructor(
    readonly code: 'invalid_client' | 'invalid_client_metadata' | 'invalid_redirect_uri',
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

const METADATA_TTL_MS = 5 * 60_000;
const METADATA_MAX_BYTES = 16 * 1024;
const METADATA_TIMEOUT_MS = 5_000;
const MAX_CACHED_DOCUMENTS = 1000;

export interface ClientSettings {
  dynamicRegistration: boolean;
  metadataDocuments: boolean;
  /** PEM file of extra CAs (the gateway's `ca_bundle`). */
  caBundle?: string;
  /** Tests only: fetch metadata documents from loopback. */
  allowPrivateMetadataHosts?: boolean;
}

export class ClientRegistry {
  private readonly documents = new Map<string, { client: KnownClient; expiresAt: number }>();
  private agents: Agents | undefined;

  constructor(
    private readonly store: SealedStore,
    private readonly settings: ClientSettings,
  ) {}

  /** RFC 7591: validates the metadata and returns the stored client and its secret (for confidential ones). */
  async register(metadata: Record<string, unknown>): Promise<{ client: KnownClient; secret?: string }> {
    const uris = metadata.redirect_uris;
    if (!Array.isArray(uris) || uris.length === 0 || uris.some((uri) => typeof uri !== 'string'))
      throw new ClientError('invalid_redirect_uri', 'redirect_uris must be a non-empty list of URIs');
    for (const uri of uris as string[]) {
      const problem = redirectUriProblem(uri);
      if (problem) throw new ClientError('invalid_redirect_uri', problem);
    }
    const method = (metadata.token_endpoint_auth_method ?? 'client_secret_basic') as string;
    if (!['none', 'client_secret_post', 'client_secret_basic'].includes(method))
      throw new ClientError('invalid_client_metadata', `token_endpoint_auth_method ${method} is not supported`);
    checkGrantTypes(metadata);
    const secret = method === 'none' ? undefined : randomBytes(32).toString('base64url');
    const client: KnownClient = {
      clientId: `gw-${randomBytes(16).toString('base64url')}`,
      redirectUris: uris as string[],
      name: typeof metadata.client_name === 'string' ? metadata.client_name.slice(0, 200) : undefined,
      authMethod: method as ClientAuthMethod,
      secretDigest: secret ? digest(secret) : undefined,
    };
    await this.store.set(`client:${client.clientId}`, client);
    return { client, secret };
  }

  /** The client named by `clientId`, registered or described by its metadata document; throws `ClientError`. */
  async lookup(clientId: string): Promise<KnownClient> {
    if (clientId.startsWith('https://')) {
      if (!this.settings.metadataDocuments)
        throw new ClientError('invalid_client', 'this gateway does not accept client metadata documents');
      return this.metadataClient(clientId);
    }
    const client = await this.store.get<KnownClient>(`client:${clientId}`);
    if (!client) throw new ClientError('invalid_client', 'unknown client_id: register the client again');
    return client;
  }

  /** Checks the client's secret as it registered to send it; public clients send none. */
  authenticate(client: KnownClient, presented: { secret?: string; method?: ClientAuthMethod }): boolean {
    if (client.authMethod === 'none') return presented.secret === undefined;
    if (!client.secretDigest || presented.secret === undefined) return false;
    const left = Buffer.from(client.secretDigest);
    const right = Buffer.from(digest(presented.secret));
    return left.length === right.length && timingSafeEqual(left, right);
  }

  close(): void {
    this.agents?.http.destroy();
    this.agents?.https.destroy();
  }

  private async metadataClient(url: string): Promise<KnownClient> {
    const now = Date.now();
    const cached = this.documents.get(url);
    if (cached && cached.expiresAt > now) return cached.client;
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || parsed.pathname === '/' || parsed.hash || parsed.username || parsed.password)
      throw new ClientError(
        'invalid_client',
        'a client id URL must be https with a path, without fragment or credentials',
      );
    const document = await this.fetchDocument(url);
    if (document.client_id !== url)
      throw new ClientError('invalid_client', 'the client metadata document names another client_id');
    const uris = document.redirect_uris;
    if (
      !Array.isArray(uris) ||
      uris.length === 0 ||
      uris.some((uri) => typeof uri !== 'string' || redirectUriProblem(uri))
    )
      throw new ClientError('invalid_client', 'the client metadata document has no valid redirect_uris');
    const method = document.token_endpoint_auth_method ?? 'none';
    if (method !== 'none')
      throw new ClientError(
        'invalid_client',
        'clients described by a metadata document must be public (auth method none)',
      );
    const client: KnownClient = {
      clientId: url,
      redirectUris: uris as string[],
      name: typeof document.client_name === 'string' ? document.client_name.slice(0, 200) : undefined,
      authMethod: 'none',
    };
    if (this.documents.size >= MAX_CACHED_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(url, { client, expiresAt: now + METADATA_TTL_MS });
    return client;
  }

  private async fetchDocument(url: string): Promise<Record<string, unknown>> {
    if (!this.settings.allowPrivateMetadataHosts) {
      try {
        // Literal addresses never reach the guarded lookup: they are checked here.
        checkTargetUrl(url, { allowedHosts: ['*'], allowHttp: false, allowPrivateNetworks: false }, 'client_id');
      } catch (error) {
        if (error instanceof TargetRefused)
          throw new ClientError(
            'invalid_client',
            `the client metadata document could not be fetched: ${error.message}`,
          );
        throw error;
      }
    }
    this.agents ??= createAgents({
      tls: { verify: true, caBundle: this.settings.caBundle },
      lookup: this.settings.allowPrivateMetadataHosts ? undefined : guardedLookup(),
      maxSockets: 16,
    });
    const { default: got } = await loadGot();
    let text = '';
    try {
      const stream = got.stream(url, {
        headers: { accept: 'application/json', 'user-agent': USER_AGENT },
        agent: this.agents,
        timeout: { request: METADATA_TIMEOUT_MS },
        followRedirect: false,
        retry: { limit: 0 },
      });
      for await (const chunk of stream) {
        text += String(chunk);
        if (text.length > METADATA_MAX_BYTES) {
          stream.destroy();
          throw new ClientError('invalid_client', 'the client metadata document is larger than 16 KiB');
        }
      }
    } catch (error) {
      if (error instanceof ClientError) throw error;
      const status = isGotError(error) ? error.response?.statusCode : undefined;
      const code = (error as { code?: string }).code;
      throw new ClientError(
        'invalid_client',
        `the client metadata document could not be fetched (${status ? `HTTP ${status}` : (code ?? 'network error')})`,
      );
    }
    try {
      const document = JSON.parse(text) as unknown;
      if (document && typeof document === 'object' && !Array.isArray(document))
        return document as Record<string, unknown>;
    } catch {
      // Falls through to the refusal below.
    }
    throw new ClientError('invalid_client', 'the client metadata document is not a JSON object');
  }
}

function checkGrantTypes(metadata: Record<string, unknown>): void {
  const grants = metadata.grant_types;
  if (grants !== undefined && (!Array.isArray(grants) || !grants.includes('authorization_code')))
    throw new ClientError('invalid_client_metadata', 'grant_types must include authorization_code');
  const responses = metadata.response_types;
  if (responses !== undefined && (!Array.isArray(responses) || responses.some((type) => type !== 'code')))
    throw new ClientError('invalid_client_metadata', 'response_types must be code');
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
