/**
 * The gateway's own added latency per call, read off the wire. The per-call figure of held-time.ts is taken at the
 * caller, so it also holds the load generator's own scheduling: on a small machine, a bare request without any
 * gateway already gets several milliseconds of that at p99. Here `tcpdump` records the loopback packets to and from
 * the gateway's port and the upstream's port, each stamped by the kernel as it is sent, and for every call:
 *
 * - the call's time at the gateway: from the last packet of the caller's request (the gateway can act on it only
 *   then) to the last packet of the gateway's answer on that connection;
 * - minus the upstream request the call made (the one carrying the call's tag, held-time.ts): from its first packet
 *   to the last packet of the upstream's answer on that connection.
 *
 * What is left is what the gateway held the call for on its own: waiting for its event loop (its other calls, its
 * collections, a core), its work, and reading both answers. The caller's scheduling is outside both stamps, and so
 * is the upstream's. All stamps come from one clock, the kernel's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tagInText } from './held-time.js';

/** One TCP segment that carried data, as the capture saw it. */
export interface Segment {
  /** Kernel time stamp, ms since the capture's first segment with data. */
  atMs: number;
  sourcePort: number;
  destinationPort: number;
  /** The captured start of the segment's data (the capture keeps the first 2 KiB of each packet). */
  data: Buffer;
}

const LINK_ETHERNET = 1;
const LINK_LINUX_COOKED = 113;

/** Reads a pcap file (microsecond or nanosecond stamps, either byte order): the TCP segments over IPv4 with data. */
export function segmentsOf(pcap: Buffer): Segment[] {
  if (pcap.length < 24) throw new Error('not a pcap file');
  const magic = pcap.readUInt32LE(0);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (offset: number) => (littleEndian ? pcap.readUInt32LE(offset) : pcap.readUInt32BE(offset));
  const stamp = littleEndian ? magic : pcap.readUInt32BE(0);
  if (stamp !== 0xa1b2c3d4 && stamp !== 0xa1b23c4d) throw new Error('not a pcap file');
  const fractionPerMs = stamp === 0xa1b23c4d ? 1e6 : 1e3;
  const link = u32(20);
  const linkHeader = link === LINK_ETHERNET ? 14 : link === LINK_LINUX_COOKED ? 16 : -1;
  if (linkHeader < 0) throw new Error(`link type ${link} is not Ethernet or Linux cooked`);
  const segments: Segment[] = [];
  let first: { seconds: number; fraction: number } | undefined;
  for (let offset = 24; offset + 16 <= pcap.length;) {
    const seconds = u32(offset);
    const fraction = u32(offset + 4);
    const captured = u32(offset + 8);
    const packet = pcap.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    const ip = linkHeader;
    if (packet.length < ip + 20 || packet.readUInt16BE(ip - 2) !== 0x0800 || packet[ip + 9] !== 6) continue;
    const ipHeader = (packet[ip]! & 0x0f) * 4;
    const tcp = ip + ipHeader;
    if (packet.length < tcp + 20) continue;
    const dataOffset = tcp + (packet[tcp + 12]! >> 4) * 4;
    const dataLength = packet.readUInt16BE(ip + 2) - ipHeader - (dataOffset - tcp);
    if (dataLength <= 0) continue;
    first ??= { seconds, fraction };
    segments.push({
      atMs: (seconds - first.seconds) * 1e3 + (fraction - first.fraction) / fractionPerMs,
      sourcePort: packet.readUInt16BE(tcp),
      destinationPort: packet.readUInt16BE(tcp + 2),
      data: packet.subarray(dataOffset),
    });
  }
  return segments;
}

/** One request and its answer on one connection: first packet of the request to last packet of the answer. */
interface Exchange {
  startMs: number;
  /** The request's last packet: the server can act on the request only from here. */
  requestEndMs: number;
  endMs: number;
  answered: boolean;
  tag: number | undefined;
  /** The request's text so far, while its tag is not found (a tag may straddle two segments). */
  text: string;
}

const REQUEST_LINE = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \//;

/** Enough of a request to hold its line, headers and a tool call's arguments. */
const MAX_REQUEST_TEXT = 16_384;

/**
 * The exchanges with the server on `port`, per connection (the client's port), in order. A segment to the server
 * that starts with a request line starts an exchange, and later ones before the answer belong to its request; every
 * segment back extends the answer (HTTP/1.1: a client sends its next request on a connection only once the answer
 * is in).
 */
function exchangesWith(port: number, segments: readonly Segment[]): Exchange[] {
  const open = new Map<number, Exchange>();
  const all: Exchange[] = [];
  for (const segment of segments) {
    if (segment.destinationPort === port) {
      const text = segment.data.toString('latin1');
      let exchange = open.get(segment.sourcePort);
      if (REQUEST_LINE.test(text) || !exchange) {
        exchange = {
          startMs: segment.atMs,
          requestEndMs: segment.atMs,
          endMs: segment.atMs,
          answered: false,
          tag: undefined,
          text: '',
        };
        open.set(segment.sourcePort, exchange);
        all.push(exchange);
      } else if (!exchange.answered) exchange.requestEndMs = segment.atMs;
      if (exchange.tag === undefined && exchange.text.length < MAX_REQUEST_TEXT) {
        exchange.text += text;
        exchange.tag = tagInText(exchange.text);
      }
    } else if (segment.sourcePort === port) {
      const exchange = open.get(segment.destinationPort);
      if (exchange) Object.assign(exchange, { endMs: segment.atMs, answered: true });
    }
  }
  return all;
}

/** One call as the gateway's sockets saw it, ms. */
export interface CallOnWire {
  /** What the gateway held the call for on its own: `beforeUpstreamMs` + `afterUpstreamMs`. */
  heldMs: number;
  /** From the call's request (its last packet) reaching the gateway to its upstream request leaving it. */
  beforeUpstreamMs: number;
  /** From the upstream's answer (its last packet) reaching the gateway to the call's answer leaving it. */
  afterUpstreamMs: number;
  /** From the call's request reaching the gateway to its answer leaving it, upstream included. */
  spanMs: number;
}

/** Each call the gateway's sockets saw, by tag, and the calls that could not be told. */
export interface HeldAtGateway {
  calls: Map<number, CallOnWire>;
  /** Tagged calls the gateway never answered, or whose tag reached the upstream answered other than once. */
  leftOut: number;
  /** Requests to the gateway in which no tag was found (not a measured call, or its tag beyond the capture). */
  untagged: number;
}

/** Per tagged call to `gatewayPort`: its time there minus its answered request to `upstreamPort` (see the header). */
export function heldAtGateway(segments: readonly Segment[], gatewayPort: number, upstreamPort: number): HeldAtGateway {
  const upstream = new Map<number, Exchange[]>();
  for (const exchange of exchangesWith(upstreamPort, segments)) {
    if (exchange.tag !== undefined) upstream.set(exchange.tag, [...(upstream.get(exchange.tag) ?? []), exchange]);
  }
  const result: HeldAtGateway = { calls: new Map(), leftOut: 0, untagged: 0 };
  for (const call of exchangesWith(gatewayPort, segments)) {
    if (call.tag === undefined) {
      result.untagged++;
      continue;
    }
    const requests = upstream.get(call.tag) ?? [];
    const request = requests.length === 1 ? requests[0]! : undefined;
    if (!call.answered || !request?.answered) {
      result.leftOut++;
      continue;
    }
    const beforeUpstreamMs = request.startMs - call.requestEndMs;
    const afterUpstreamMs = call.endMs - request.endMs;
    const spanMs = call.endMs - call.startMs;
    result.calls.set(call.tag, {
      heldMs: beforeUpstreamMs + afterUpstreamMs,
      beforeUpstreamMs,
      afterUpstreamMs,
      spanMs,
    });
  }
  return result;
}

/** A running capture of loopback TCP on some ports. */
export interface Capture {
  /** Stops the capture and reads what it recorded; the file is removed. Calling it again returns the same. */
  stop(): Promise<{ segments: Segment[]; dropped: number }>;
}

/**
 * Starts `tcpdump` on the loopback interface for TCP on `ports`, or says why it could not (not installed, not
 * allowed to capture): the caller then leaves the wire table out rather than fail the benchmark. The caller must
 * `stop()` a started capture, also when its measurement fails.
 */
export function startCapture(ports: readonly number[]): Promise<Capture | { unavailable: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-wire-'));
  const file = join(directory, 'capture.pcap');
  const filter = `tcp and (${ports.map((port) => `port ${port}`).join(' or ')})`;
  // 2 KiB of each packet holds a request's line and the tag in its body; 16 MiB of buffer drops nothing at this rate.
  // Immediate mode has libpcap hand each packet over at once: a buffering capture stopped by a signal loses what
  // libpcap still holds. Run as root, tcpdump would switch to its own user and fail to write into this directory.
  const args = ['-i', 'lo', '-n', '-s', '2048', '-B', '16384', '--immediate-mode', '--time-stamp-precision=nano'];
  if (process.getuid?.() === 0) args.push('-Z', 'root');
  args.push('-w', file, filter);
  const tcpdump = spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  tcpdump.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' comes once tcpdump has exited and its stderr is read to the end (its closing counts are on it).
  const closed = new Promise<void>((resolve) => tcpdump.once('close', () => resolve()));
  const forget = () => rmSync(directory, { recursive: true, force: true });
  return new Promise((resolve) => {
    let started = false;
    // Before tcpdump listens, an error or an exit means no capture; after, `stop()` owns the file.
    const unavailable = (reason: string) => {
      if (started) return;
      forget();
      resolve({ unavailable: reason });
    };
    tcpdump.on('error', (error) => unavailable(`tcpdump: ${error.message}`));
    void closed.then(() => unavailable(`tcpdump exited with ${tcpdump.exitCode}: ${stderr.trim().split('\n').at(-1)}`));
    const listening = () => {
      if (started || !stderr.includes('listening on')) return;
      started = true;
      tcpdump.stderr.off('data', listening);
      let stopped: Promise<{ segments: Segment[]; dropped: number }> | undefined;
      resolve({
        stop: () =>
          (stopped ??= (async () => {
            if (tcpdump.exitCode === null && tcpdump.signalCode === null) tcpdump.kill('SIGTERM');
            await closed;
            try {
              const dropped = Number(/(\d+) packets? dropped by kernel/.exec(stderr)?.[1] ?? 0);
              return { segments: segmentsOf(readFileSync(file)), dropped };
            } finally {
              forget();
            }
          })()),
      });
    };
    tcpdump.stderr.on('data', listening);
  });
}
