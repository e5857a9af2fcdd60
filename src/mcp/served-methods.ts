/**
 * Which request handlers a new server needs. A 2026-07-28 request over streamable HTTP gets a server of its own that
 * answers that one request and is dropped, so it needs the handlers of that request's method family only (a
 * `tools/call` gets the tools handlers, not those of resources, prompts and completions); every other server (a
 * connection's, a session's, a 2025-era request's) may be asked anything.
 *
 * Why: each handler is a few closures and a map entry made for every request, and the server lives as long as the
 * call it answers. A `tools/call` served without the other families' handlers leaves less for every young-generation
 * collection to copy while calls wait on Atlassian (docs/benchmarks.md, "Tenth run").
 */
import type { McpServerFactory } from '@modelcontextprotocol/server';

/** The method families the gateway registers handlers for, by their method-name prefix. */
export type MethodFamily = 'tools/' | 'resources/' | 'prompts/' | 'completion/';

/** True when a server built for this context must answer methods of `family`. */
export type ServesFamily = (family: MethodFamily) => boolean;

/**
 * Tells which families a server built for `context` serves. The method comes from the request's `Mcp-Method`
 * header, which a 2026-07-28 request must carry and which the SDK refuses, before it asks for a server, unless it
 * names the method in the body. (`Headers` has already stripped the spaces around the value, as the SDK strips them
 * before comparing.)
 */
export function servesFamilyFor(context: Parameters<McpServerFactory>[0]): ServesFamily {
  const method = context.era === 'modern' && context.requestInfo ? context.requestInfo.headers.get('mcp-method') : null;
  if (!method) return () => true;
  return (family) => method.startsWith(family);
}
