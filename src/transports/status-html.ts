/**
 * The status page's HTML: one server-rendered document with its style inline and no script, so it works with
 * JavaScript off and needs no build step. Every value from outside (instance names, URLs, the Host a browser sent)
 * goes through `escapeHtml`. On a phone-sized screen the instance table turns into one card per instance.
 */
import type { ClientConfig } from './client-configs.js';

export interface StatusRow {
  name: string;
  product: string;
  platform: string;
  url: string;
  /** The instance's health as its last calls showed it (`unknown` before any). */
  health: string;
  tools: number;
  flags: string[];
  calls: number;
  failedCalls: number;
  requests: number;
  rateLimited: number;
  /** Requests that waited at the gateway (a Retry-After pause, the concurrency limit, the request rate). */
  waits: number;
  waitedSeconds: number;
}

export interface StatusModel {
  version: string;
  rows: StatusRow[];
  /** Tools the caller sees, gateway tools included. */
  tools: number;
  windowMinutes: number;
  mcpUrl: string;
  keysRequired: boolean;
  configs: ClientConfig[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Badge colours by health: green when answering, amber when degraded, red when unusable, grey before any call. */
const HEALTH_CLASS: Readonly<Record<string, string>> = {
  ok: 'good',
  degraded: 'warn',
  bad_credentials: 'bad',
  unreachable: 'bad',
  redirected: 'bad',
};

const STYLE = `
:root { color-scheme: light; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; color: #1f2328; background: #f6f8fa; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 20px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 28px 0 10px; }
.meta, .note { color: #59636e; margin: 0; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #d1d9e0; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #d1d9e0; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
td.url { word-break: break-all; color: #59636e; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 10px; color: #fff; font-weight: 600; }
.good { background: #1a7f37; } .warn { background: #9a6700; } .bad { background: #cf222e; } .none { background: #6e7781; }
.flags { color: #59636e; font-size: 0.9em; }
details { background: #fff; border: 1px solid #d1d9e0; margin: 0 0 8px; padding: 8px 12px; }
summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; border: 1px solid #d1d9e0; padding: 10px; overflow-x: auto; user-select: all; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #59636e; font-size: 0.9em; }
@media (max-width: 640px) {
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  table { border: 0; background: none; }
  tr { background: #fff; border: 1px solid #d1d9e0; margin: 0 0 10px; }
  td { border: 0; padding: 4px 10px; }
  td::before { content: attr(data-label) ": "; font-weight: 600; color: #59636e; }
  td.name::before { content: none; }
  td.name { font-size: 1.1em; font-weight: 600; padding-top: 8px; }
}`;

export function renderStatusPage(model: StatusModel): string {
  const rows = model.rows.map((row) => instanceRow(row, model.windowMinutes)).join('\n');
  const empty = `<tr><td colspan="9">No instances are configured: only the gateway's own tools are served.</td></tr>`;
  const configs = model.configs
    .map(
      (config) =>
        `<details><summary>${escapeHtml(config.client)}</summary>` +
        `<p class="note">${escapeHtml(config.where)}</p><pre><code>${escapeHtml(config.text)}</code></pre></details>`,
    )
    .join('\n');
  const keyNote = model.keysRequired
    ? '<p class="note">This gateway needs a key: replace <code>&lt;your gateway key&gt;</code> with yours.</p>'
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Atlassian MCP Gateway</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Atlassian MCP Gateway</h1>
<p class="meta">Version ${escapeHtml(model.version)} · ${model.rows.length} instance${model.rows.length === 1 ? '' : 's'} · ${model.tools} tools · MCP endpoint <code>${escapeHtml(model.mcpUrl)}</code></p>
</header>
<main>
<h2>Instances</h2>
<table class="instances">
<thead><tr><th>Instance</th><th>Product</th><th>Platform</th><th>Health</th><th>Tools</th><th>Errors (${model.windowMinutes} min)</th><th>429s (${model.windowMinutes} min)</th><th>Waited (${model.windowMinutes} min)</th><th>URL</th></tr></thead>
<tbody>
${rows || empty}
</tbody>
</table>
<h2>Connect a client</h2>
${keyNote}
${configs}
</main>
<footer>Health is what the instance's latest calls showed. Rates cover the last ${model.windowMinutes} minutes of this process.</footer>
</body>
</html>
`;
}

function instanceRow(row: StatusRow, windowMinutes: number): string {
  const cell = (label: string, html: string, className?: string) =>
    `<td data-label="${label}"${className ? ` class="${className}"` : ''}>${html}</td>`;
  const flags = row.flags.length ? ` <span class="flags">(${escapeHtml(row.flags.join(', '))})</span>` : '';
  const badge = `<span class="badge ${HEALTH_CLASS[row.health] ?? 'none'}">${escapeHtml(row.health)}</span>`;
  return (
    `<tr data-instance="${escapeHtml(row.name)}">` +
    cell('Instance', `${escapeHtml(row.name)}${flags}`, 'name') +
    cell('Product', escapeHtml(row.product)) +
    cell('Platform', escapeHtml(row.platform)) +
    cell('Health', badge, 'health') +
    cell('Tools', String(row.tools)) +
    cell(`Errors (${windowMinutes} min)`, rate(row.failedCalls, row.calls, 'call')) +
    cell(`429s (${windowMinutes} min)`, rate(row.rateLimited, row.requests, 'request')) +
    cell(`Waited (${windowMinutes} min)`, waited(row.waits, row.waitedSeconds)) +
    cell('URL', escapeHtml(row.url), 'url') +
    `</tr>`
  );
}

/** `3 requests, 1.2 s in all`, or `none`: requests held back by a pause, the concurrency limit or the rate. */
function waited(waits: number, seconds: number): string {
  if (waits === 0) return 'none';
  return `${waits} request${waits === 1 ? '' : 's'}, ${seconds.toFixed(1)} s in all`;
}

/** `1 of 4 calls (25 %)`, or `none` when nothing was asked. */
function rate(part: number, whole: number, noun: string): string {
  if (whole === 0) return `no ${noun}s`;
  return `${part} of ${whole} ${noun}${whole === 1 ? '' : 's'} (${Math.round((part / whole) * 100)} %)`;
}
