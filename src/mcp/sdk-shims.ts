/**
 * Replaces the SDK's Node shims (`@modelcontextprotocol/server/_shims`) in the bundle; see scripts/build.ts.
 *
 * The Node shims export ajv as the default JSON Schema validator, and importing them evaluates ajv, its 2019
 * and 2020 dialects and ajv-formats at startup: about 20 ms and 2 MiB before a stdio client gets its first
 * answer. The gateway's server never validates a JSON Schema (the validator serves elicitation forms, which it
 * does not send), so the bundle uses the SDK's own light validator, the one its edge-runtime shims export.
 */
export { default as process } from 'node:process';
export { CfWorkerJsonSchemaValidator as DefaultJsonSchemaValidator } from '@modelcontextprotocol/server/validators/cf-worker';
