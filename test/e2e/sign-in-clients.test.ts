/**
 * Clients the authorization server accepts: a Client ID Metadata Document served over HTTPS (registration switched
 * off, so the document is the only way in), refused when it names another client id, when it is too large, or
 * when it lives on a private address (the SSRF guard); and the encrypted file vault that keeps users' tokens.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { createGatewayCore } from '../../src/gateway.js';
import { silentLogger } from '../helpers/catalog.js';
import { textOf } from '../helpers/clients.js';
import { sandboxConfig, startTestGateway } from '../helpers/gateway.js';
import { serveDocuments } from '../helpers/https-document.js';
import { CLOUD_JIRA_SITE } from '../helpers/oauth-apps.js';
import { CLIENT_REDIRECT, PER_USER_CLOUD, signInAs, TestOAuthProvider } from '../helpers/sign-in.js';

const SITES: readonly SiteDefinition[] = [CLOUD_JIRA_SITE];

function metadataDocument(clientId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    client_id: clientId,
    client_name: 'Metadata document client',
    redirect_uris: [CLIENT_REDIRECT],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...extra,
  });
}

t.test('a client identified by its metadata document signs in without registering', async (t) => {
  const documents = await serveDocuments(t);
  const gateway = await startTestGateway({
    sites: SITES,
    defaults: ['cloudjira'],
    extra: { ca_bundle: documents.certFile, auth: { mode: 'oauth', rate_limit: 10_000, dynamic_registration: false } },
    overrides: { cloudjira: PER_USER_CLOUD },
    allowPrivateClientMetadata: true,
  });
  t.teardown(() => gateway.close());
  const metadata = (await (await fetch(`${gateway.url}/.well-known/oauth-authorization-server`)).json()) as Record<
    string,
    unknown
  >;
  t.equal(metadata.client_id_metadata_document_supported, true);
  t.notOk('registration_endpoint' in metadata, 'registration is off');
  t.equal((await fetch(`${gateway.url}/register`, { method: 'POST' })).status, 404);

  const clientId = `${documents.url}/clients/test.json`;
  documents.documents.set('/clients/test.json', metadataDocument(clientId));
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob', new TestOAuthProvider('cimd', clientId));
  t.teardown(() => bob.close());
  t.equal(bob.provider.clientInfo?.client_id ?? clientId, clientId, 'the URL is the client id');
  const result = await bob.client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
  t.notOk(result.isError, result.isError ? textOf(result) : 'answered');

  const authorize = (id: string) =>
    fetch(
      `${gateway.url}/authorize?${new URLSearchParams({
        client_id: id,
        redirect_uri: CLIENT_REDIRECT,
        response_type: 'code',
        code_challenge: 'a'.repeat(43),
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
  const otherId = `${documents.url}/clients/other.json`;
  documents.documents.set('/clients/other.json', metadataDocument('https://elsewhere.example/client.json'));
  const mismatch = await authorize(otherId);
  t.equal(mismatch.status, 400, 'a document naming another client id is refused');
  t.match(await mismatch.text(), 'names another client_id');
  t.equal(mismatch.headers.get('location'), null, 'and nothing is redirected');

  const bigId = `${documents.url}/clients/big.json`;
  documents.documents.set('/clients/big.json', metadataDocument(bigId, { padding: 'x'.repeat(20_000) }));
  const big = await authorize(bigId);
  t.equal(big.status, 400);
  t.match(await big.text(), 'larger than 16 KiB');
});

t.test('metadata documents on private addresses are refused by the SSRF guard', async (t) => {
  const documents = await serveDocuments(t);
  const gateway = await startTestGateway({
    sites: SITES,
    defaults: ['cloudjira'],
    extra: { ca_bundle: documents.certFile, auth: { mode: 'oauth', rate_limit: 10_000 } },
    overrides: { cloudjira: PER_USER_CLOUD },
  });
  t.teardown(() => gateway.close());
  const clientId = `${documents.url}/clients/test.json`;
  documents.documents.set('/clients/test.json', metadataDocument(clientId));
  const answer = await fetch(
    `${gateway.url}/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: CLIENT_REDIRECT })}`,
    { redirect: 'manual' },
  );
  t.equal(answer.status, 400);
  t.match(await answer.text(), 'could not be fetched');
});

t.test('the file vault keeps tokens encrypted, private, and readable only with its key', async (t) => {
  const vaultDir = join(t.testdir(), 'vault');
  const auth = { mode: 'oauth', rate_limit: 10_000, vault: 'file', vault_dir: vaultDir, key: 'k'.repeat(40) };
  const gateway = await startTestGateway({
    sites: SITES,
    defaults: ['cloudjira'],
    extra: { auth },
    overrides: { cloudjira: PER_USER_CLOUD },
  });
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
  t.teardown(() => bob.close());
  await bob.client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
  const bobAccount = '5b10ac8d82e05b22cc7d4ef5';
  const stored = await gateway.core.signIn!.vault.tokens(bobAccount, 'jira-cloudjira');
  t.ok(stored?.access_token);

  t.equal(statSync(vaultDir).mode & 0o777, 0o700, 'the directory is private');
  const files = readdirSync(vaultDir);
  t.ok(files.length > 0);
  for (const file of files) {
    t.equal(statSync(join(vaultDir, file)).mode & 0o777, 0o600, `${file} is private`);
    t.notOk(file.includes(bobAccount), 'no user id in a file name');
    const text = readFileSync(join(vaultDir, file), 'utf8');
    t.notOk(text.includes(stored!.access_token) || text.includes(bobAccount), 'nothing readable inside');
  }

  // A restarted gateway with the same key reads the tokens; another key cannot.
  const reopen = async (key: string) => {
    const config = sandboxConfig(
      gateway.sandbox,
      SITES,
      ['cloudjira'],
      { auth: { ...auth, key } },
      { cloudjira: PER_USER_CLOUD },
    );
    const core = await createGatewayCore(config, { logger: silentLogger });
    t.teardown(() => core.close());
    return core.signIn!.vault;
  };
  t.same(await (await reopen('k'.repeat(40))).tokens(bobAccount, 'jira-cloudjira'), stored, 'same key: same tokens');
  t.equal(await (await reopen('z'.repeat(40))).tokens(bobAccount, 'jira-cloudjira'), undefined, 'another key: nothing');
});
