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

/** A nanosecond pcap file (little-endian, Ethernet) holding `packets`, as tcpdump writes one. */
function pcapOf(packets: readonly Packet[], startSeconds = 1_796_000_000): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b23c4d, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(2048, 16);
  header.writeUInt32LE(1, 20);
  const records = packets.map(({ atMs, from, to, data = '' }) => {
    const payload = Buffer.from(data, 'latin1');
    const frame = Buffer.alloc(14 + 20 + 20 + payload.length);
    frame.writeUInt16BE(0x0800, 12);
    frame[14] = 0x45;
    frame.writeUInt16BE(20 + 20 + payload.length, 16);
    frame[14 + 9] = 6;
    frame.writeUInt32BE(0x7f000001, 14 + 12);
    frame.writeUInt32BE(0x7f000001, 14 + 16);
    frame.writeUInt16BE(from, 34);
    frame.writeUInt16BE(to, 36);
    frame[34 + 12] = 0x50;
    payload.copy(frame, 54);
    const record = Buffer.alloc(16);
    const nanoseconds = Math.round(atMs * 1e6);
    record.writeUInt32LE(startSeconds + Math.floor(nanoseconds / 1e9), 0);
    record.writeUInt32LE(nanoseconds % 1e9, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
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
  const segments = segmentsOf(
    pcapOf([
      { atMs: 0, from: 50_001, to: GATEWAY },
      { atMs: 0.25, from: 50_001, to: GATEWAY, data: callHead },
      { atMs: 1_200.5, from: GATEWAY, to: 50_001, data: answer },
    ]),
  );
  t.equal(segments.length, 2);
  t.match(segments[0], { sourcePort: 50_001, destinationPort: GATEWAY });
  t.equal(segments[0]!.data.toString('latin1'), callHead);
  t.equal(segments[1]!.atMs - segments[0]!.atMs, 1_200.25, 'times cross a second boundary in nanoseconds');
  t.throws(() => segmentsOf(Buffer.alloc(24)), /not a pcap file/);
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
        // Call 10 was never answered: left out. An untagged request (a health probe) is no call.
        { atMs: 600, from: 50_003, to: GATEWAY, data: callHead + callBody(10) },
        { atMs: 601, from: 40_002, to: UPSTREAM, data: upstreamGet(10) },
        { atMs: 751, from: UPSTREAM, to: 40_002, data: answer },
        { atMs: 700, from: 50_004, to: GATEWAY, data: 'GET /readyz HTTP/1.1\r\n\r\n' },
        { atMs: 700.5, from: GATEWAY, to: 50_004, data: answer },
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
    // (163 − 10) − (161.5 − 11): 1 ms before its upstream request, 1.5 ms from the upstream's last packet.
    [7, { heldMs: 2.5, beforeUpstreamMs: 1, afterUpstreamMs: 1.5, spanMs: 153 }],
    // (166.5 − 12) − (163.5 − 13.5)
    [8, { heldMs: 4.5, beforeUpstreamMs: 1.5, afterUpstreamMs: 3, spanMs: 154.5 }],
  ]);
  t.equal(wire.leftOut, 2, 'the retried call and the unanswered one');
});
