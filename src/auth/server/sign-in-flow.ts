/**
 * One browser's walk through the sign-in: the client's request (checked before anything else happens), the
 * per-user instances still to visit, the upstream request in progress, and the Atlassian tokens collected so far.
 * Kept in memory for ten minutes and found through an HttpOnly cookie, so another browser cannot continue it.
 */
import { randomBytes } from 'node:crypto';
import type { AccessibleResource } from '../../atlassian/credentials/authorization-code.js';
import type { UserTokens } from '../vault/token-vault.js';
import type { KnownClient } from './clients.js';

export interface SignInRequest {
  client: KnownClient;
  redirectUri: string;
  state?: string;
  challenge: string;
  scope: string;
  resource: string;
}

export interface SignInTransaction {
  id: string;
  request: SignInRequest;
  /** Index into the per-user instances of the next one to sign in to. */
  step: number;
  /** Tokens per instance key, saved to the vault once the user is known. */
  collected: Map<string, UserTokens>;
  /** The user's stable id, from the first instance. */
  user?: string;
  /** The upstream authorization request under way. */
  upstream?: { state: string; verifier: string };
  /** Tokens waiting for the user's choice of Cloud site. */
  choosing?: { tokens: UserTokens; sites: AccessibleResource[] };
  expiresAt: number;
}

const TTL_MS = 10 * 60_000;
const MAX_TRANSACTIONS = 10_000;

export class SignInFlows {
  private readonly transactions = new Map<string, SignInTransaction>();

  begin(request: SignInRequest): SignInTransaction {
    const now = Date.now();
    for (const [id, entry] of this.transactions) if (entry.expiresAt <= now) this.transactions.delete(id);
    if (this.transactions.size >= MAX_TRANSACTIONS) this.transactions.delete(this.transactions.keys().next().value!);
    const transaction: SignInTransaction = {
      id: randomBytes(32).toString('base64url'),
      request,
      step: 0,
      collected: new Map(),
      expiresAt: now + TTL_MS,
    };
    this.transactions.set(transaction.id, transaction);
    return transaction;
  }

  find(id: string | undefined): SignInTransaction | undefined {
    const transaction = id ? this.transactions.get(id) : undefined;
    return transaction && transaction.expiresAt > Date.now() ? transaction : undefined;
  }

  end(transaction: SignInTransaction): void {
    this.transactions.delete(transaction.id);
  }
}
