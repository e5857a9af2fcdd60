/**
 * The gateway's logger: pino JSON on stderr (stdout belongs to the stdio transport), with credentials redacted
 * wherever they could appear.
 */
import { pino, type Logger } from 'pino';
import type { DestinationStream } from 'pino';

export type { Logger } from 'pino';

/** Paths pino censors; covers headers, auth blocks and anything named like a secret one or two levels deep. */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'token',
  'password',
  'secret',
  '*.authorization',
  '*.Authorization',
  '*.cookie',
  '*.token',
  '*.password',
  '*.secret',
  '*.api_token',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-gateway-key"]',
  '*.auth.token',
  '*.auth.username',
];

export interface LoggerOptions {
  level?: string;
  /** Where to write; defaults to stderr. Tests pass a stream to capture and search the output. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'atlassian-mcp-gateway',
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    options.destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
