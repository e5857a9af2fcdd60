/** The one helper that writes transport and protocol errors: a JSON-RPC error object with a fitting HTTP status. */
import type { FastifyReply } from 'fastify';

export const JSONRPC_PARSE_ERROR = -32700;
export const JSONRPC_INVALID_REQUEST = -32600;
export const JSONRPC_METHOD_NOT_FOUND = -32601;
export const JSONRPC_INVALID_PARAMS = -32602;
export const JSONRPC_INTERNAL_ERROR = -32603;
/** Used by the streamable HTTP spec for unknown or expired sessions. */
export const JSONRPC_SESSION_NOT_FOUND = -32001;
/** Server-defined: a request that arrived while the gateway drains for shutdown. */
export const JSONRPC_SHUTTING_DOWN = -32000;
/** Server-defined: no room for another session (caps on sessions per caller and in all). */
export const JSONRPC_TOO_MANY_SESSIONS = -32002;

export function jsonRpcError(code: number, message: string, id: string | number | null = null) {
  return { jsonrpc: '2.0' as const, error: { code, message }, id };
}

export function sendJsonRpcError(
  reply: FastifyReply,
  status: number,
  code: number,
  message: string,
  id: string | number | null = null,
): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json')
    .send(jsonRpcError(code, message, id));
}

/** The code of the body error `json-text.ts` raises for JSON nested deeper than the gateway accepts. */
export const JSON_TOO_DEEP_CODE = 'GATEWAY_JSON_TOO_DEEP';

/** Maps Fastify's body errors (bad JSON, too large, wrong media type) to JSON-RPC errors. */
export function sendBodyError(
  reply: FastifyReply,
  error: { code?: string; statusCode?: number; message: string },
): FastifyReply {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendJsonRpcError(reply, 400, JSONRPC_PARSE_ERROR, 'Parse error: the body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendJsonRpcError(reply, 413, JSONRPC_INVALID_REQUEST, 'Request body too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendJsonRpcError(reply, 415, JSONRPC_INVALID_REQUEST, 'Unsupported media type: send application/json');
    case JSON_TOO_DEEP_CODE:
      return sendJsonRpcError(reply, 400, JSONRPC_INVALID_REQUEST, error.message);
    default: {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      return sendJsonRpcError(
        reply,
        status,
        status === 500 ? JSONRPC_INTERNAL_ERROR : JSONRPC_INVALID_REQUEST,
        status === 500 ? 'Internal error' : error.message,
      );
    }
  }
}
