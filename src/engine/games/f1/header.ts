/**
 * The 29-byte header every F1 23/24/25 packet starts with.
 *
 * Spec (protocols.md §1.1, "Header (29 bytes, identical in 2023/2024/2025; F1 22 and older: 24 bytes,
 * no gameYear / overallFrameIdentifier)"):
 *
 * | offset | type   | field                     |
 * |-------:|--------|---------------------------|
 * |      0 | uint16 | m_packetFormat            |
 * |      2 | uint8  | m_gameYear                |
 * |      3 | uint8  | m_gameMajorVersion        |
 * |      4 | uint8  | m_gameMinorVersion        |
 * |      5 | uint8  | m_packetVersion           |
 * |      6 | uint8  | m_packetId                |
 * |      7 | uint64 | m_sessionUID              |
 * |     15 | float  | m_sessionTime             |
 * |     19 | uint32 | m_frameIdentifier         |
 * |     23 | uint32 | m_overallFrameIdentifier  |
 * |     27 | uint8  | m_playerCarIndex          |
 * |     28 | uint8  | m_secondaryPlayerCarIndex |
 */
export const HEADER = {
  size: 29,
  packetFormat: 0,
  gameYear: 2,
  gameMajorVersion: 3,
  gameMinorVersion: 4,
  packetVersion: 5,
  packetId: 6,
  sessionUID: 7,
  sessionTime: 15,
  frameIdentifier: 19,
  overallFrameIdentifier: 23,
  playerCarIndex: 27,
  secondaryPlayerCarIndex: 28,
} as const;

/** Header fields as they are on the wire (the session UID split in two 32-bit halves, no BigInt per packet). */
export type F1Header = {
  packetFormat: number;
  gameYear: number;
  gameMajorVersion: number;
  gameMinorVersion: number;
  packetVersion: number;
  packetId: number;
  /** Low and high 32 bits of m_sessionUID. */
  sessionUidLo: number;
  sessionUidHi: number;
  /** s */
  sessionTime: number;
  frameIdentifier: number;
  overallFrameIdentifier: number;
  playerCarIndex: number;
  secondaryPlayerCarIndex: number;
};

export function emptyHeader(): F1Header {
  return {
    packetFormat: 0,
    gameYear: 0,
    gameMajorVersion: 0,
    gameMinorVersion: 0,
    packetVersion: 0,
    packetId: 0,
    sessionUidLo: 0,
    sessionUidHi: 0,
    sessionTime: 0,
    frameIdentifier: 0,
    overallFrameIdentifier: 0,
    playerCarIndex: 0,
    secondaryPlayerCarIndex: 0,
  };
}

/** Scratch for turning 4 little-endian bytes into a float32 without a DataView per packet. */
const FLOAT_BYTES = new DataView(new ArrayBuffer(4));

function u32At(p: Uint8Array, offset: number): number {
  return (p[offset]! | (p[offset + 1]! << 8) | (p[offset + 2]! << 16) | (p[offset + 3]! << 24)) >>> 0;
}

/**
 * Reads the header straight from the packet bytes into `out` (no DataView: most packets are skipped
 * after their header). The caller has checked that 29 bytes are there.
 */
export function readHeader(p: Uint8Array, out: F1Header): void {
  out.packetFormat = p[HEADER.packetFormat]! | (p[HEADER.packetFormat + 1]! << 8);
  out.gameYear = p[HEADER.gameYear]!;
  out.gameMajorVersion = p[HEADER.gameMajorVersion]!;
  out.gameMinorVersion = p[HEADER.gameMinorVersion]!;
  out.packetVersion = p[HEADER.packetVersion]!;
  out.packetId = p[HEADER.packetId]!;
  out.sessionUidLo = u32At(p, HEADER.sessionUID);
  out.sessionUidHi = u32At(p, HEADER.sessionUID + 4);
  FLOAT_BYTES.setUint32(0, u32At(p, HEADER.sessionTime), true);
  out.sessionTime = FLOAT_BYTES.getFloat32(0, true);
  out.frameIdentifier = u32At(p, HEADER.frameIdentifier);
  out.overallFrameIdentifier = u32At(p, HEADER.overallFrameIdentifier);
  out.playerCarIndex = p[HEADER.playerCarIndex]!;
  out.secondaryPlayerCarIndex = p[HEADER.secondaryPlayerCarIndex]!;
}

/** m_sessionUID as the decimal string SessionInfo.gameSessionId carries. */
export function sessionUidString(lo: number, hi: number): string {
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
}

/** What the encoder puts in a header. */
export type HeaderFields = {
  readonly packetFormat: number;
  readonly gameYear: number;
  readonly gameMajorVersion: number;
  readonly gameMinorVersion: number;
  readonly packetId: number;
  readonly sessionUid: bigint;
  readonly sessionTime: number;
  readonly frameIdentifier: number;
  readonly overallFrameIdentifier: number;
  readonly playerCarIndex: number;
};

/** Writes the header at offset 0 of a packet. */
export function writeHeader(v: DataView, h: HeaderFields): void {
  v.setUint16(HEADER.packetFormat, h.packetFormat, true);
  v.setUint8(HEADER.gameYear, h.gameYear);
  v.setUint8(HEADER.gameMajorVersion, h.gameMajorVersion);
  v.setUint8(HEADER.gameMinorVersion, h.gameMinorVersion);
  // Every packet type is at version 1 in F1 23/24/25.
  v.setUint8(HEADER.packetVersion, 1);
  v.setUint8(HEADER.packetId, h.packetId);
  v.setBigUint64(HEADER.sessionUID, BigInt.asUintN(64, h.sessionUid), true);
  v.setFloat32(HEADER.sessionTime, h.sessionTime, true);
  v.setUint32(HEADER.frameIdentifier, h.frameIdentifier >>> 0, true);
  v.setUint32(HEADER.overallFrameIdentifier, h.overallFrameIdentifier >>> 0, true);
  v.setUint8(HEADER.playerCarIndex, h.playerCarIndex);
  // No split-screen second player.
  v.setUint8(HEADER.secondaryPlayerCarIndex, 255);
}
