/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of a gateway process and buckets its self time by phase of a tool
 * call: HTTP client, JSON parse, conversion to markdown, rendering, validation, MCP protocol and transport, Node's
 * I/O, garbage collection. The bundle's frames are mapped back to their source files through its source maps, so
 * a phase is decided by where the code lives (src/atlassian/format/, node_modules/got/, …), not by its name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const PHASES = [
  'HTTP client (got, node:http client, auth)',
  'JSON parse and stringify',
  'conversion to markdown (ADF, wiki, storage)',
  'rendering (issue records, markdown answer)',
  'validation (zod: Atlassian answers, tool input, JSON-RPC)',
  'MCP protocol and transport (SDK, stdio/HTTP serving)',
  'logging (pino)',
  'Node I/O (sockets, streams, timers, promises)',
  'garbage collection',
  'other',
] as const;

export type Phase = (typeof PHASES)[number];

const RULES: ReadonlyArray<[RegExp, Phase]> = [
  // JSON.parse of an answer is inlined into the function that calls it, whose self time is then the parse.
  [/src\/atlassian\/response-body\.ts/, PHASES[1]],
  [
    /node_modules\/zod\/|src\/atlassian\/shape(-acceptor)?\.ts|src\/tools\/define\.ts|src\/mcp\/(input|output)/,
    PHASES[4],
  ],
  [
    /node_modules\/(got|http2-wrapper|cacheable-|@sindresorhus|@szmarczak|responselike|lowercase-keys|p-cancelable|form-data-encoder|decompress-response|mimic-response|normalize-url|defer-to-connect|keyv|quick-lru|hpagent|byte-counter|chunk-data)|src\/atlassian\/(http|got|connection|credentials|deadline|path|call-activity|pinned-proxy|warm-up|allow-list|js-stream|direct-request|send-attempts|instance-gate|search-params|retry-policy|circuit-breaker|adaptive-limit)|^node:_http_(client|agent)|^node:(dns|tls|_tls)/,
    PHASES[0],
  ],
  [
    /src\/atlassian\/format\/|node_modules\/(jira2md|marklassian|marked|htmlparser2|domhandler|domutils|entities|dom-serializer|domelementtype|diff)\//,
    PHASES[2],
  ],
  [/src\/tools\/|src\/atlassian\/(jira|confluence|servicedesk)\/|src\/atlassian\/(paging|text|time)/, PHASES[3]],
  [
    /node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format|atomic-sleep|on-exit-leak)|src\/log/,
    PHASES[6],
  ],
  [
    /node_modules\/(@modelcontextprotocol|fastify|@fastify|light-my-request|find-my-way|avvio|ws|undici|content-type|secure-json-parse|fast-json-stringify|ajv)|src\/(mcp|transports|app|gateway|access|instances)|^node:internal\/deps\/undici/,
    PHASES[5],
  ],
  [/^node:/, PHASES[7]],
];

/** The original source of a bundle frame, through the chunk's linked source map. */
function sourceResolver(): (frame: ProfileNode['callFrame']) => string {
  const maps = new Map<string, SourceMap | undefined>();
  return ({ url, lineNumber, columnNumber }) => {
    if (!url.startsWith('file://')) return url;
    let map = maps.get(url);
    if (!maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
      maps.set(url, map);
    }
    const entry = map?.findEntry(lineNumber, columnNumber);
    return entry && 'originalSource' in entry ? entry.originalSource : fileURLToPath(url);
  };
}

function phaseOf(source: string, functionName: string): Phase {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (source === '' && (functionName === 'parse' || functionName === 'stringify' || functionName.startsWith('JSON')))
    return 'JSON parse and stringify';
  for (const [pattern, phase] of RULES) if (pattern.test(source)) return phase;
  // Native frames with no script: stream and socket writes (writeUtf8String), microtask runs.
  if (source === '') return 'Node I/O (sockets, streams, timers, promises)';
  return 'other';
}

export interface PhaseReport {
  /** Self time per phase in ms, within the window. */
  phases: Map<Phase, number>;
  /** The heaviest sources counted as "other", for reading the profile further. */
  otherSources: Array<[string, number]>;
  totalMs: number;
}

/**
 * Self time per phase over the samples taken between `fromUs` and `toUs` (V8's monotonic clock in microseconds,
 * the clock of `process.hrtime` on Linux), or over the whole profile. Idle and "(program)" time is left out.
 */
export function phasesOfProfile(file: string, window?: { fromUs: number; toUs: number }): PhaseReport {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const resolve = sourceResolver();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const phaseById = new Map<number, { phase: Phase; source: string }>();
  const phases = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));
  const other = new Map<string, number>();
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    at += profile.timeDeltas[index] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    // A sample's time is the gap to the next one.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const id = profile.samples[index]!;
    let known = phaseById.get(id);
    if (!known) {
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === '(idle)' || frame.functionName === '(program)' || frame.functionName === '(root)')
        continue;
      const source = resolve(frame);
      known = { phase: phaseOf(source, frame.functionName), source: source || frame.functionName };
      phaseById.set(id, known);
    }
    phases.set(known.phase, phases.get(known.phase)! + ms);
    if (known.phase === 'other') other.set(known.source, (other.get(known.source) ?? 0) + ms);
  }
  const totalMs = [...phases.values()].reduce((sum, value) => sum + value, 0);
  const otherSources = [...other.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return { phases, otherSources, totalMs };
}

/** Whether a profile was recording from `fromUs` to `toUs`. */
export function profileSpans(file: string, fromUs: number, toUs: number): boolean {
  const { startTime, endTime } = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return startTime <= fromUs && endTime >= toUs;
}

/** CLI: `tsx bench/cpu-profile.ts file.cpuprofile` prints the phases of a whole profile. */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = phasesOfProfile(process.argv[2]!);
  for (const [phase, ms] of report.phases) process.stdout.write(`${ms.toFixed(1).padStart(9)} ms  ${phase}\n`);
  process.stdout.write(`${report.totalMs.toFixed(1).padStart(9)} ms  in all\n\nother:\n`);
  for (const [source, ms] of report.otherSources) process.stdout.write(`${ms.toFixed(1).padStart(9)} ms  ${source}\n`);
}
