/**
 * F1 UDP packet formats racecraft reads and writes, and the packet-size table every reader checks
 * against before it touches a byte.
 *
 * Spec (shared/research/protocols.md §1.2, "Packet ids and sizes (computed; each matches the official
 * 'Size:' line and real packets)"):
 *
 * | id | packet                        | 2023 | 2024 | 2025 |
 * |---:|-------------------------------|-----:|-----:|-----:|
 * |  0 | PacketMotionData              | 1349 | 1349 | 1349 |
 * |  1 | PacketSessionData             |  644 |  753 |  753 |
 * |  2 | PacketLapData                 | 1131 | 1285 | 1285 |
 * |  3 | PacketEventData               |   45 |   45 |   45 |
 * |  4 | PacketParticipantsData        | 1306 | 1350 | 1284 |
 * |  5 | PacketCarSetupData            | 1107 | 1133 | 1133 |
 * |  6 | PacketCarTelemetryData        | 1352 | 1352 | 1352 |
 * |  7 | PacketCarStatusData           | 1239 | 1239 | 1239 |
 * |  8 | PacketFinalClassificationData | 1020 | 1020 | 1042 |
 * |  9 | PacketLobbyInfoData           | 1218 | 1306 |  954 |
 * | 10 | PacketCarDamageData           |  953 |  953 | 1041 |
 * | 11 | PacketSessionHistoryData      | 1460 | 1460 | 1460 |
 * | 12 | PacketTyreSetsData            |  231 |  231 |  231 |
 * | 13 | PacketMotionExData            |  217 |  237 |  273 |
 * | 14 | PacketTimeTrialData           |    — |  101 |  101 |
 * | 15 | PacketLapPositionsData        |    — |    — | 1131 |
 */

/** The `m_packetFormat` values racecraft supports (F1 23, F1 24, F1 25 and F1 25's legacy modes). */
export const F1_FORMATS = [2023, 2024, 2025] as const;
export type F1Format = (typeof F1_FORMATS)[number];

export const OLDEST_FORMAT: F1Format = 2023;
export const NEWEST_FORMAT: F1Format = 2025;

export function isF1Format(value: number): value is F1Format {
  return value === 2023 || value === 2024 || value === 2025;
}

/** Packet ids (header `m_packetId`). */
export const PacketId = {
  motion: 0,
  session: 1,
  lapData: 2,
  event: 3,
  participants: 4,
  carSetups: 5,
  carTelemetry: 6,
  carStatus: 7,
  finalClassification: 8,
  lobbyInfo: 9,
  carDamage: 10,
  sessionHistory: 11,
  tyreSets: 12,
  motionEx: 13,
  timeTrial: 14,
  lapPositions: 15,
} as const;

/** Readable packet names by id, for skip reasons and diagnostics. */
export const PACKET_NAMES: readonly string[] = [
  'motion',
  'session',
  'lap data',
  'event',
  'participants',
  'car setups',
  'car telemetry',
  'car status',
  'final classification',
  'lobby info',
  'car damage',
  'session history',
  'tyre sets',
  'motion ex',
  'time trial',
  'lap positions',
];

/** Exact datagram size in bytes per packet id (index), 0 where the format has no such packet. */
export const PACKET_SIZES: Readonly<Record<F1Format, readonly number[]>> = {
  2023: [1349, 644, 1131, 45, 1306, 1107, 1352, 1239, 1020, 1218, 953, 1460, 231, 217, 0, 0],
  2024: [1349, 753, 1285, 45, 1350, 1133, 1352, 1239, 1020, 1306, 953, 1460, 231, 237, 101, 0],
  2025: [1349, 753, 1285, 45, 1284, 1133, 1352, 1239, 1042, 954, 1041, 1460, 231, 273, 101, 1131],
};

/** Expected size of packet `id` in `format`, or 0 when the format has no such packet. */
export function expectedPacketSize(format: F1Format, id: number): number {
  return PACKET_SIZES[format][id] ?? 0;
}

/** Number of car slots in every per-car array (players index them by `m_playerCarIndex`). */
export const MAX_CARS = 22;

/** `m_playerCarIndex` when there is no player car (spectating). */
export const NO_PLAYER_CAR = 255;

/**
 * Enumerations (session types, team ids) belong to the GAME that sent the packet, not to the
 * packet format: F1 25 in its legacy "UDP Format 2023" mode still numbers session types the F1 24/25
 * way (18 = Time Trial; see shared/captures/f1/PROVENANCE.md). F1 23 itself sends `m_gameYear` 23;
 * the legacy modes send 0 (2023) or 25 (2024), so only gameYear 23 selects the F1 23 tables.
 */
export type F1Era = 23 | 24 | 25;

export function enumEra(gameYear: number): F1Era {
  if (gameYear === 23) return 23;
  if (gameYear === 24) return 24;
  return 25;
}

/** The `m_gameYear` a real game writes for each format (what our encoder sends). */
export const GAME_YEAR_OF_FORMAT: Readonly<Record<F1Format, F1Era>> = { 2023: 23, 2024: 24, 2025: 25 };
