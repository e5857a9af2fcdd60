/**
 * What both floors of the paced rows (floor-proxy.ts, stack-floor.ts) do upstream, so they differ only in how they
 * serve MCP: GET the issue over a keep-alive `node:http` agent, parse it, and render the same small answer text.
 */
import { Agent, request, type IncomingMessage } from 'node:http';

export interface FloorIssue {
  key?: string;
  fields?: { summary?: string; status?: { name?: string }; description?: unknown };
}

/** Reads a whole message body as text. */
export function bodyOf(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

/** GETs issues from the site at `siteUrl` (the upstream's `/sites/<id>`) with `authorization`. */
export function issueReader(siteUrl: string, authorization: string): (key: string) => Promise<FloorIssue> {
  const site = new URL(siteUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (key) =>
    new Promise((resolve, reject) => {
      const path = `${site.pathname}/rest/api/3/issue/${encodeURIComponent(key)}`;
      const outgoing = request(
        { host: site.hostname, port: site.port, path, agent, headers: { authorization, accept: 'application/json' } },
        (answer) => {
          bodyOf(answer).then((text) => {
            if (answer.statusCode !== 200) return reject(new Error(`upstream answered ${answer.statusCode}`));
            resolve(JSON.parse(text) as FloorIssue);
          }, reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
}

/** The answer text: the issue's key, summary, status and description, as JSON. */
export function issueText(issue: FloorIssue): string {
  const { summary, status, description } = issue.fields ?? {};
  return JSON.stringify({ key: issue.key, summary, status: status?.name, description });
}
