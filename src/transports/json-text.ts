/**
 * Reads JSON-RPC text the same way on every transport (HTTP bodies, WebSocket frames, stdio lines), refusing
 * nesting deeper than any MCP message needs. Validating a very deep message recurses once per level and ends
 * in a stack overflow deep inside the SDK, which clients saw as an opaque internal error; the depth is
 * measured here first, in one linear pass, so they get a JSON-RPC error that says what is wrong.
 */
import {
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResponse,
  type JSONRPCMessage,
} from '@modelcontextprotocol/server';
import { JSON_TOO_DEEP_CODE, JSONRPC_INVALID_REQUEST, JSONRPC_PARSE_ERROR } from './jsonrpc-errors.js';

/** Deeper than tool arguments get (an ADF document with lists nested ten deep is about 40 levels). */
export const MAX_JSON_DEPTH = 128;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether objects and arrays in `text` nest deeper than `max`; strings are skipped, so brackets in them do not count. */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The error a body parser hands Fastify for too-deep JSON; `sendBodyError` turns it into a JSON-RPC error. */
export function tooDeepError(): Error & { code: string; statusCode: number } {
  const message = `Invalid request: JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
  return Object.assign(new Error(message), { code: JSON_TOO_DEEP_CODE, statusCode: 400 });
}

export type ParsedMessage = { message: JSONRPCMessage } | { error: { code: number; message: string } };

/** One JSON-RPC message from a text frame or line, or the JSON-RPC error that explains why it is not one. */
export function parseJsonRpcText(text: string): ParsedMessage {
  if (nestsDeeperThan(text)) return { error: { code: JSONRPC_INVALID_REQUEST, message: tooDeepError().message } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: { code: JSONRPC_PARSE_ERROR, message: 'Parse error: not valid JSON' } };
  }
  if (isJsonRpcMessage(value)) return { message: value };
  return { error: { code: JSONRPC_INVALID_REQUEST, message: 'Invalid JSON-RPC message' } };
}

export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  return isJSONRPCRequest(value) || isJSONRPCNotification(value) || isJSONRPCResponse(value);
}
