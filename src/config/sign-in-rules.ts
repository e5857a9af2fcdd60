/**
 * The rules of sign-in settings that span fields: per-user instances need `auth.mode: oauth` (and oauth without
 * one is a warning), the file vault needs a directory and a key, and sign-in cannot share the Authorization header with
 * multi-tenant mode.
 */
import type { ConfigProblem } from './errors.js';
import type { InstanceConfig, ParsedGatewayConfig } from './schema.js';
import { describePath, type RawConfigSource } from './source.js';

export function checkSignIn(
  parsed: ParsedGatewayConfig,
  instances: readonly InstanceConfig[],
  source: RawConfigSource,
  problems: ConfigProblem[],
  warnings: string[],
): void {
  const where = (path: PropertyKey[]) => describePath(source, path);
  const { auth } = parsed;
  const perUser = instances.flatMap((instance, index) => (instance.auth.type === 'per_user' ? [index] : []));
  if (auth.mode !== 'oauth') {
    for (const index of perUser)
      problems.push({
        where: where(['instances', index, 'auth', 'type']),
        message: 'per_user sign-in needs auth.mode: oauth (MCP_AUTH=oauth)',
      });
    return;
  }
  if (perUser.length === 0)
    warnings.push(
      `${where(['auth', 'mode'])}: oauth sign-in without an instance of auth type per_user: nobody can sign in`,
    );
  if (parsed.multi_tenant.enabled)
    problems.push({
      where: where(['auth', 'mode']),
      message: 'oauth sign-in and multi_tenant both use the Authorization header: turn one of them off',
    });
  if (auth.key !== undefined && auth.key_file !== undefined)
    problems.push({ where: where(['auth', 'key_file']), message: 'set auth.key or auth.key_file, not both' });
  if (parsed.state.redis_url !== undefined) {
    // Replicas read each other's sealed records and verify each other's tokens: one key, one issuer.
    if (auth.key === undefined && auth.key_file === undefined)
      problems.push({
        where: where(['auth', 'key']),
        message:
          'with state.redis_url every replica must seal and sign with the same secret: set auth.key (MCP_AUTH_KEY) or auth.key_file',
      });
    if (auth.public_url === undefined)
      problems.push({
        where: where(['auth', 'public_url']),
        message:
          'with state.redis_url every replica must name the same issuer: set auth.public_url (MCP_PUBLIC_URL) to the address clients use',
      });
  }
  if (auth.vault === 'file') {
    if (!auth.vault_dir) problems.push({ where: where(['auth', 'vault_dir']), message: 'required with vault: file' });
    if (auth.key === undefined && auth.key_file === undefined)
      problems.push({
        where: where(['auth', 'key']),
        message: 'the file vault is encrypted with this key: set auth.key (MCP_AUTH_KEY) or auth.key_file',
      });
  }
}
