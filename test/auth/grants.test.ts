/** Gateway access tokens are accepted only for their own resource (RFC 8707), before they expire, while their family lives. */
import t from 'tap';
import { GrantStore } from '../../src/auth/server/grants.js';
import { memoryBackend } from '../../src/auth/vault/backend.js';
import { SealedStore } from '../../src/auth/vault/sealed-store.js';

const RESOURCE = 'https://gateway.example.com/';

function store(now: () => number) {
  const sealed = new SealedStore(memoryBackend(now), Buffer.alloc(32, 7));
  return new GrantStore(sealed, {
    issuer: 'https://gateway.example.com',
    signingKey: new Uint8Array(32).fill(9),
    accessTtlS: 600,
    refreshTtlS: 3600,
    now,
  });
}

const GRANT = { user: 'account-1', clientId: 'gw-client', scope: 'atlassian', resource: RESOURCE, sites: {} };

t.test('audience, expiry and revocation', async (t) => {
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const grants = store(() => clock);
  const tokens = await grants.issue(GRANT);
  t.match(await grants.verifyAccess(tokens.access_token, RESOURCE), { user: 'account-1', clientId: 'gw-client' });
  await t.rejects(grants.verifyAccess(tokens.access_token, 'https://other.example.com/'), 'another resource: refused');
  await t.rejects(store(() => clock).verifyAccess(tokens.access_token, RESOURCE), 'unknown family: refused');
  clock += 601_000;
  await t.rejects(grants.verifyAccess(tokens.access_token, RESOURCE), 'expired: refused');
  clock -= 601_000;
  t.equal(await grants.revoke(tokens.refresh_token, 'other-client'), undefined, 'another client cannot revoke it');
  t.equal(await grants.revoke(tokens.refresh_token, 'gw-client'), 'account-1');
  await t.rejects(grants.verifyAccess(tokens.access_token, RESOURCE), 'revoked: refused');
});

t.test('a refresh token works once; its reuse ends the family', async (t) => {
  const grants = store(Date.now);
  const first = await grants.issue(GRANT);
  const second = await grants.rotate(first.refresh_token, 'gw-client');
  t.ok('tokens' in second);
  t.same(await grants.rotate(first.refresh_token, 'gw-client'), { refused: 'reused' });
  if ('tokens' in second) t.same(await grants.rotate(second.tokens.refresh_token, 'gw-client'), { refused: 'unknown' });
});
