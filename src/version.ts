/** The gateway's own name and version, read once from package.json (works from src/ under tsx and from dist/). */
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const GATEWAY_NAME = 'atlassian-mcp-gateway';
export const GATEWAY_VERSION: string = manifest.version;
export const USER_AGENT = `${GATEWAY_NAME}/${GATEWAY_VERSION}`;
