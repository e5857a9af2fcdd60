/**
 * Tells the server factory which stateful HTTP session a server is built for, so what belongs to the session (its
 * defaults) can be found by id on whichever replica serves it. The id rides in the SDK's pass-through auth record,
 * next to the caller.
 */
import type { McpRequestContext, McpServerFactory } from '@modelcontextprotocol/server';

/** Key of the session id in `authInfo.extra`. */
const SESSION = 'gatewaySession';

/** Servers from the result know they serve session `sessionId`. */
export function factoryForSession(factory: McpServerFactory, sessionId: string): McpServerFactory {
  return (context) =>
    factory({
      ...context,
      authInfo: {
        token: '',
        clientId: 'session',
        scopes: [],
        ...context.authInfo,
        extra: { ...context.authInfo?.extra, [SESSION]: sessionId },
      },
    });
}

/** The session a server is built for, if any. */
export function sessionIdOf(context: Pick<McpRequestContext, 'authInfo'>): string | undefined {
  const id = context.authInfo?.extra?.[SESSION];
  return typeof id === 'string' ? id : undefined;
}
