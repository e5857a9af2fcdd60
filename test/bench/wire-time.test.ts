/**
 * The gateway's own time per call from a packet capture (bench/wire-time.ts): a pcap file built here byte by byte
 * (Ethernet, IPv4, TCP, as `tcpdump -i lo` writes them) is read back into data segments, and each tagged call's time
 * at the gateway minus its upstream exchange comes out, with calls that cannot be told left out and counted.
 */
import t from 'tap';
import { heldAtGateway, segmentsOf } from '../../bench/wire-time.js';

const GATEWAY = 8080;
const UPSTREAM = 9090;

interface Packet {
  atMs: number;
  from: number;
  to: number;
  data?: string;
}

/** How the file is written: tcpdump's default on Linux loopback, or another byte order, precision or link. */
interface Layout {
  bigEndian?: boolean;
  microseconds?: boolean;
  /** Linux cooked capture (`-i any`) instead of Ethernet. */
  cooked?: boolean;
  /** TCP options after the fixed header (loopback TCP carries 12 bytes of timestamps), 4-byte words. */
  optionWords?: number;
}

/** A pcap file holding `packets`, as tcpdump writes one (nanosecond stamps, little-endian, Ethernet by default). */
function pcapOf(packets: readonly Packet[], layout: Layout = {}, startSeconds = 1_796_000_000): Buffer {
  const { bigEndian = false, microseconds = false, cooked = false, optionWords = 0 } = layout;
  const u32 = (buffer: Buffer, value: number, offset: number) =>
    bigEndian ? buffer.writeUInt32BE(value, offset) : buffer.writeUInt32LE(value, offset);
  const u16 = (buffer: Buffer, value: number, offset: number) =>
    bigEndian ? buffer.writeUInt16BE(value, offset) : buffer.writeUInt16LE(value, offset);
  const header = Buffer.alloc(24);
  u32(header, microseconds ? 0xa1b2c3d4 : 0xa1b23c4d, 0);
  u16(header, 2, 4);
  u16(header, 4, 6);
  u32(header, 2048, 16);
  u32(header, cooked ? 113 : 1, 20);
  const link = cooked ? 16 : 14;
  const tcpLength = 20 + optionWords * 4;
  const records = packets.map(({ atMs, from, to, data = '' }) => {
    const payload = Buffer.from(data, 'latin1');
    const ip = link;
    const tcp = ip + 20;
    const frame = Buffer.alloc(tcp + tcpLength + payload.length);
    frame.writeUInt16BE(0x0800, link - 2);
    frame[ip] = 0x45;
    frame.writeUInt16BE(20 + tcpLength + payload.length, ip + 2);
    frame[ip + 9] = 6;
    frame.writeUInt32BE(0x7f000001, ip + 12);
    frame.writeUInt32BE(0x7f000001, ip + 16);
    frame.writeUInt16BE(from, tcp);
    frame.writeUInt16BE(to, tcp + 2);
    frame[tcp + 12] = (tcpLength / 4) << 4;
    // The options' bytes are filled so that reading them as data would show.
    frame.fill(0x01, tcp + 20, tcp + tcpLength);
    payload.copy(frame, tcp + tcpLength);
    const record = Buffer.alloc(16);
    const nanoseconds = Math.round(atMs * 1e6);
    u32(record, startSeconds + Math.floor(nanoseconds / 1e9), 0);
    u32(record, microseconds ? Math.floor((nanoseconds % 1e9) / 1e3) : nanoseconds % 1e9, 4);
    u32(record, frame.length, 8);
    u32(record, frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}

const callHead = 'POST /mcp HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n\r\n';
const callBody = (tag: number) =>
  `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"jira_get_issue","arguments":{"issue_key":"P1-${1_000_000 + tag}"}}}`;
const upstreamGet = (tag: number) =>
  `GET /sites/s1/rest/api/3/issue/P1-${1_000_000 + tag}?fields=summary HTTP/1.1\r\n\r\n`;
const answer = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}';

t.test('data segments come out with their ports and times; packets without data are skipped', async (t) => {
  const packets: Packet[] = [
    { atMs: 0.5, from: 50_001, to: GATEWAY },
    { atMs: 0.75, from: 50_001, to: GATEWAY, data: callHead },
    { atMs: 1_200.5, from: GATEWAY, to: 50_001, data: answer },
  ];
  const layouts: Array<[string, Layout]> = [
    ["tcpdump's own on loopback: TCP timestamps in every segment", { optionWords: 3 }],
    ['no TCP options', {}],
    ['big-endian, microsecond stamps', { bigEndian: true, microseconds: true, optionWords: 3 }],
    ['Linux cooked capture', { cooked: true, optionWords: 3 }],
  ];
  for (const [name, layout] of layouts) {
    const segments = segmentsOf(pcapOf(packets, layout));
    t.equal(segments.length, 2, `${name}: the two segments with data`);
    t.match(segments[0], { atMs: 0, sourcePort: 50_001, destinationPort: GATEWAY }, `${name}: from the first one`);
    t.equal(segments[0]!.data.toString('latin1'), callHead, `${name}: its data, not its options`);
    t.equal(segments[1]!.atMs, 1_199.75, `${name}: times cross a second boundary`);
  }
  t.throws(() => segmentsOf(Buffer.alloc(24)), /not a pcap file/);
  t.throws(() => segmentsOf(Buffer.alloc(3)), /not a pcap file/, 'a file cut short');
});

t.test("a call's time at the gateway minus its own upstream exchange", async (t) => {
  const wire = heldAtGateway(
    segmentsOf(
      pcapOf([
        // Call 7: its request line and its body in two segments; the upstream answers in two, the gateway in two.
        { atMs: 10, from: 50_001, to: GATEWAY, data: callHead },
        { atMs: 10.1, from: 50_001, to: GATEWAY, data: callBody(7) },
        { atMs: 11, from: 40_001, to: UPSTREAM, data: upstreamGet(7) },
        // Call 8 on another connection, interleaved with call 7: its upstream request goes out on a second one.
        { atMs: 12, from: 50_002, to: GATEWAY, data: callHead + callBody(8) },
        { atMs: 13.5, from: 40_002, to: UPSTREAM, data: upstreamGet(8) },
        { atMs: 161, from: UPSTREAM, to: 40_001, data: answer },
        { atMs: 161.5, from: UPSTREAM, to: 40_001, data: '{}' },
        { atMs: 162, from: GATEWAY, to: 50_001, data: answer },
        { atMs: 163, from: GATEWAY, to: 50_001, data: '…' },
        { atMs: 163.5, from: UPSTREAM, to: 40_002, data: answer },
        { atMs: 166.5, from: GATEWAY, to: 50_002, data: answer },
        // Call 9 reuses call 7's connections; its request was sent upstream twice (a retry): left out.
        { atMs: 200, from: 50_001, to: GATEWAY, data: callHead + callBody(9) },
        { atMs: 201, from: 40_001, to: UPSTREAM, data: upstreamGet(9) },
        { atMs: 351, from: UPSTREAM, to: 40_001, data: 'HTTP/1.1 503 Service Unavailable\r\n\r\n' },
        { atMs: 352, from: 40_001, to: UPSTREAM, data: upstreamGet(9) },
        { atMs: 502, from: UPSTREAM, to: 40_001, data: answer },
        { atMs: 503, from: GATEWAY, to: 50_001, data: answer },
        // Call 10 was never answered: left out. A request without a tag (a health probe) is counted apart.
        { atMs: 600, from: 50_003, to: GATEWAY, data: callHead + callBody(10) },
        { atMs: 601, from: 40_002, to: UPSTREAM, data: upstreamGet(10) },
        { atMs: 751, from: UPSTREAM, to: 40_002, data: answer },
        { atMs: 700, from: 50_004, to: GATEWAY, data: 'GET /readyz HTTP/1.1\r\n\r\n' },
        { atMs: 700.5, from: GATEWAY, to: 50_004, data: answer },
        // Call 11's tag straddles two segments (`P1-100` | `0011`).
        { atMs: 800, from: 50_005, to: GATEWAY, data: callHead + callBody(11).slice(0, 112) },
        { atMs: 800.5, from: 50_005, to: GATEWAY, data: callBody(11).slice(112) },
        { atMs: 802, from: 40_003, to: UPSTREAM, data: upstreamGet(11) },
        { atMs: 952, from: UPSTREAM, to: 40_003, data: answer },
        { atMs: 953, from: GATEWAY, to: 50_005, data: answer },
      ]),
    ),
    GATEWAY,
    UPSTREAM,
  );
  const rounded = [...wire.calls].map(([tag, call]) => [
    tag,
    Object.fromEntries(Object.entries(call).map(([name, ms]) => [name, Number(ms.toFixed(3))])),
  ]);
  t.same(rounded, [
    // From its request's last packet (10.1) to its upstream request (11), and from the upstream's last packet (161.5)
    // to its own (163); its span runs from its first packet (10).
    [7, { heldMs: 2.4, beforeUpstreamMs: 0.9, afterUpstreamMs: 1.5, spanMs: 153 }],
    [8, { heldMs: 4.5, beforeUpstreamMs: 1.5, afterUpstreamMs: 3, spanMs: 154.5 }],
    [11, { heldMs: 2.5, beforeUpstreamMs: 1.5, afterUpstreamMs: 1, spanMs: 153 }],
  ]);
  t.equal(wire.leftOut, 2, 'the retried call and the unanswered one');
  t.equal(wire.untagged, 1, 'the health probe');
});
