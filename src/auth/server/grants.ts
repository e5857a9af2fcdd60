/**
 * What the gateway's authorization server hands out: one-time authorization codes (in memory, a minute), access
 * tokens (JWTs signed with HS256, audience = the gateway's resource identifier, RFC 8707) and refresh tokens that
 * rotate on every use. A refresh token is `<family>.<secret>`: the family record in the vault holds the digest of
 * the one live secret, so presenting an older one is reuse, and reuse revokes the whole family (OAuth 2.1 §4.3.1).
 * Access tokens name their family, and a revoked family stops them at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { SealedStore } from '../vault/sealed-store.js';

/** Who a token speaks for and what it may do. */
export interface GatewayGrant {
  /** The signed-in user's stable id (Atlassian account id, or Server/DC user key). */
  user: string;
  clientId: string;
  scope: string;
  /** The resource (RFC 8707) the tokens are for: the gateway's. */
  resource: string;
  /** Cloud site chosen per per-user instance (token key → cloud id). */
  sites: Record<string, string>;
}

export interface PendingCode extends GatewayGrant {
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** A verified access token. */
export interface VerifiedAccess extends GatewayGrant {
  family: string;
  /** Epoch seconds. */
  expiresAt: number;
}

interface FamilyRecord {
  grant: GatewayGrant;
  digest: string;
}

export type RotationOutcome = { tokens: TokenAnswer } | { refused: 'unknown' | 'reused' | 'other_client' };

const CODE_TTL_MS = 60_000;
const MAX_PENDING_CODES = 10_000;

export interface GrantSettings {
  issuer: string;
  signingKey: Uint8Array;
  accessTtlS: number;
  refreshTtlS: number;
  now?: () => number;
}

export class GrantStore {
  private readonly codes = new Map<string, PendingCode>();
  private readonly now: () => number;

  constructor(
    private readonly store: SealedStore,
    private readonly settings: GrantSettings,
  ) {
    this.now = settings.now ?? Date.now;
  }

  issueCode(pending: Omit<PendingCode, 'expiresAt'>): string {
    const now = this.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt <= now) this.codes.delete(code);
    if (this.codes.size >= MAX_PENDING_CODES) this.codes.delete(this.codes.keys().next().value!);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { ...pending, expiresAt: now + CODE_TTL_MS });
    return code;
  }

  /** The code's grant, once: a second redemption finds nothing. */
  redeemCode(code: string): PendingCode | undefined {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    return pending && pending.expiresAt > this.now() ? pending : undefined;
  }

  /** Starts a new refresh-token family for a grant and returns its first tokens. */
  async issue(grant: GatewayGrant): Promise<TokenAnswer> {
    const family = randomBytes(16).toString('base64url');
    return this.mint(family, grant);
  }

  async rotate(refreshToken: string, clientId: string): Promise<RotationOutcome> {
    const [family, secret] = refreshToken.split('.');
    if (!family || !secret) return { refused: 'unknown' };
    const record = await this.store.get<FamilyRecord>(familyKey(family));
    if (!record) return { refused: 'unknown' };
    if (!sameDigest(record.digest, digest(secret))) {
      await this.store.delete(familyKey(family));
      return { refused: 'reused' };
    }
    if (record.grant.clientId !== clientId) return { refused: 'other_client' };
    return { tokens: await this.mint(family, record.grant) };
  }

  /**
   * Revokes the family of a refresh or access token (RFC 7009). Returns the user it belonged to, so their
   * Atlassian tokens can go too; undefined for a token that is not (or no longer) ours.
   */
  async revoke(token: string, clientId: string | undefined): Promise<string | undefined> {
    let family: string | undefined;
    if (token.split('.').length === 3)
      family = (await this.verifyAccess(token, undefined).catch(() => undefined))?.family;
    else family = token.split('.')[0];
    if (!family) return undefined;
    const record = await this.store.get<FamilyRecord>(familyKey(family));
    if (!record || (clientId !== undefined && record.grant.clientId !== clientId)) return undefined;
    await this.store.delete(familyKey(family));
    return record.grant.user;
  }

  /** Checks signature, issuer, audience (when `resource` is given), expiry and that the family is alive. */
  async verifyAccess(token: string, resource: string | undefined): Promise<VerifiedAccess> {
    const { payload } = await jwtVerify(token, this.settings.signingKey, {
      issuer: this.settings.issuer,
      ...(resource === undefined ? {} : { audience: resource }),
      algorithms: ['HS256'],
      currentDate: new Date(this.now()),
      requiredClaims: ['exp', 'sub', 'aud'],
    });
    const family = typeof payload.fam === 'string' ? payload.fam : '';
    if (!family || !(await this.store.get<FamilyRecord>(familyKey(family))))
      throw new joseErrors.JWTInvalid('the token was revoked');
    return {
      user: payload.sub!,
      clientId: typeof payload.client_id === 'string' ? payload.client_id : '',
      scope: typeof payload.scope === 'string' ? payload.scope : '',
      resource: String(payload.aud),
      sites: (payload.sites as Record<string, string> | undefined) ?? {},
      family,
      expiresAt: payload.exp!,
    };
  }

  private async mint(family: string, grant: GatewayGrant): Promise<TokenAnswer> {
    const secret = randomBytes(32).toString('base64url');
    await this.store.set(
      familyKey(family),
      { grant, digest: digest(secret) } satisfies FamilyRecord,
      this.settings.refreshTtlS,
    );
    const issuedAt = Math.floor(this.now() / 1000);
    const accessToken = await new SignJWT({
      client_id: grant.clientId,
      scope: grant.scope,
      fam: family,
      sites: grant.sites,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(this.settings.issuer)
      .setAudience(grant.resource)
      .setSubject(grant.user)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.settings.accessTtlS)
      .setJti(randomBytes(12).toString('base64url'))
      .sign(this.settings.signingKey);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.settings.accessTtlS,
      refresh_token: `${family}.${secret}`,
      scope: grant.scope,
    };
  }
}

function familyKey(family: string): string {
  return `family:${family}`;
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
