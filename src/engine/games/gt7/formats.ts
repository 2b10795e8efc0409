/**
 * The Gran Turismo Simulator Interface packet formats, ports and heartbeat bytes.
 *
 * Spec (protocols.md §4, "Transport / heartbeat" and "Decryption"):
 * - "bind UDP 33740 locally; send a 1-byte heartbeat to PS_IP:33739; the console then streams ~60 packets/s to the
 *   sender's IP on port 33740. Re-send the heartbeat at least every ~10 s (PDTools: 10 s; gt7dashboard: every 100
 *   packets) or the stream stops."
 * - "The heartbeat byte selects the format: 'A' → 296 B, 'B' → 316 B, '~' → 344 B (and, per zetetos, 'C' → 368 B)."
 * - "iv2 = iv1 XOR K with K = 0xDEADBEAF ('A'), 0xDEADBEEF ('B'), 0x55FABB4F ('~') (several independent
 *   implementations agree; 'C' is reported as 0xDEADBEEF by some clients — unverified)"
 * - "GT Sport: ports 33339/33340, key "Simulator Interface Packet ver 0.0" (first 32 bytes), same IV scheme with XOR
 *   0xDEADBEAF; packets 0x128 (296)".
 */

/** The heartbeat letters, one per packet layout. */
export type Gt7Format = 'A' | 'B' | '~' | 'C';

export const GT7_FORMATS: readonly Gt7Format[] = ['A', 'B', '~', 'C'];

export type Gt7FormatSpec = {
  readonly format: Gt7Format;
  /** Packet size in bytes. */
  readonly size: number;
  /** The heartbeat byte that asks the console for this format. */
  readonly heartbeat: number;
  /**
   * XOR constants that turn iv1 into iv2, most likely first. 'C' has no verified constant (only decrypted
   * 'C' captures exist), so the decoder tries the reported one first and then the others.
   */
  readonly ivXor: readonly number[];
};

export const FORMAT_SPECS: Readonly<Record<Gt7Format, Gt7FormatSpec>> = {
  A: { format: 'A', size: 296, heartbeat: 0x41, ivXor: [0xdeadbeaf] },
  B: { format: 'B', size: 316, heartbeat: 0x42, ivXor: [0xdeadbeef] },
  '~': { format: '~', size: 344, heartbeat: 0x7e, ivXor: [0x55fabb4f] },
  C: { format: 'C', size: 368, heartbeat: 0x43, ivXor: [0xdeadbeef, 0xdeadbeaf, 0x55fabb4f] },
};

/** The format a packet of this many bytes was sent in, or undefined for any other size. */
export function formatForSize(size: number): Gt7Format | undefined {
  switch (size) {
    case 296: return 'A';
    case 316: return 'B';
    case 344: return '~';
    case 368: return 'C';
    default: return undefined;
  }
}

/** Decrypted packets start with this little-endian word ("0S7G" in memory). */
export const GT7_MAGIC = 0x47375330;

/** GT7 key: the first 32 bytes of this ASCII string. */
export const GT7_KEY_TEXT = 'Simulator Interface Packet GT7 ver 0.0';
/** GT Sport key: the first 32 bytes of this ASCII string. */
export const GTS_KEY_TEXT = 'Simulator Interface Packet ver 0.0';

/** The console listens for heartbeats here (GT7). */
export const GT7_HEARTBEAT_PORT = 33739;
/** The console sends telemetry to the heartbeat's sender on this port (GT7). */
export const GT7_TELEMETRY_PORT = 33740;
/** GT Sport's pair of ports. */
export const GTS_HEARTBEAT_PORT = 33339;
export const GTS_TELEMETRY_PORT = 33340;

/**
 * How often the capture layer sends the heartbeat, in ms. Public clients range from every 10 s (PDTools,
 * zetetos/gt-telemetry) to every 100 packets ≈ 1.67 s (gt7dashboard); 1.5 s sits inside the tightest of them,
 * so a lost heartbeat datagram never lets the stream lapse, and one byte per 1.5 s is no load on the console.
 */
export const GT7_HEARTBEAT_INTERVAL_MS = 1500;

/** Packets per second the console sends; also the tick of `packetId`, which the decoder uses as its clock. */
export const GT7_PACKET_RATE_HZ = 60;

/**
 * The format racecraft asks for: '~' is the largest layout whose decryption constant is verified by several
 * independent implementations (it adds steering, sway/heave/surge and the throttle pedal to 'A').
 */
export const GT7_DEFAULT_FORMAT: Gt7Format = '~';

/** The one-byte heartbeat datagram that asks for `format` (send it to the console's port 33739). */
export function encodeGt7Heartbeat(format: Gt7Format): Uint8Array {
  return Uint8Array.of(FORMAT_SPECS[format].heartbeat);
}

/** The format a heartbeat datagram asks for (the demo console uses it), or undefined if it is not one. */
export function parseGt7Heartbeat(datagram: Uint8Array): Gt7Format | undefined {
  if (datagram.length !== 1) return undefined;
  for (const format of GT7_FORMATS) {
    if (FORMAT_SPECS[format].heartbeat === datagram[0]) return format;
  }
  return undefined;
}
