/**
 * F1 23/24/25 decoder: validates each datagram against the format's size table, dispatches on the
 * packet id, and assembles the player's car into one TelemetryFrame per frame identifier.
 *
 * Assembly rule (one frame per game frame, exactly once):
 * - Motion, Lap Data, Car Telemetry and Car Status carry the same frame identifier for one game
 *   tick. The frame is emitted as soon as all four of that identifier are in (zero added latency),
 *   or, when one was lost, by the first tick packet of a newer identifier (latency one frame).
 * - The identifier is m_overallFrameIdentifier, which never goes back after a flashback. F1 25's
 *   legacy "2023" output sends 0 there, so then m_frameIdentifier is used.
 * - A tick packet of an identifier already emitted, or older than the newest seen (overall ids
 *   only), arrived late (UDP reorders) and is skipped, so no frame is emitted twice.
 * - The player's car is the slot m_playerCarIndex of each per-car array (never a count of active cars).
 *
 * Results of one packet come in this order: a frame flushed by it, new-session, session news,
 * rewind, the frame it completed, its own skip. Never throws on network input.
 */
import type { DecodeResult, Decoder } from '../types.js';
import { NO_RESULTS } from '../types.js';
import { emptyHeader, HEADER, readHeader, sessionUidString } from './header.js';
import { enumEra, F1_FORMATS, isF1Format, MAX_CARS, NO_PLAYER_CAR, OLDEST_FORMAT, PACKET_NAMES, PACKET_SIZES, PacketId, type F1Format } from './formats.js';
import { readCarMotion } from './motion.js';
import { LAP_DATA_LAYOUTS, readCarLap, type LapDataLayout } from './lap-data.js';
import { readCarTelemetry } from './car-telemetry.js';
import { readCarStatus } from './car-status.js';
import { emptySessionData, readSession, SESSION_LAYOUTS, type SessionLayout } from './session.js';
import { PARTICIPANTS_LAYOUTS, readParticipant, type ParticipantsLayout } from './participants.js';
import { eventCodeText, FLASHBACK_CODE, readEventCode, readFlashback } from './event.js';
import { ALL_PARTS, emptyPendingFrame, PART_LAP, PART_MOTION, PART_STATUS, PART_TELEMETRY, pendingToFrame } from './frame.js';
import { F1SessionKnowledge } from './session-info.js';

/** Packet formats of F1 2017–F1 22, whose 24-byte header racecraft does not read. */
const OLDEST_LEGACY_FORMAT = 2017;
/** Formats newer than F1 25 (e.g. the 2026 season pack) are recognised but not read. */
const NEWEST_KNOWN_FUTURE_FORMAT = 2030;

function error(code: 'too-short' | 'bad-size' | 'bad-format' | 'bad-value' | 'unsupported-version', detail: string): readonly DecodeResult[] {
  return [{ kind: 'error', error: { code, detail } }];
}

function skip(reason: string): readonly DecodeResult[] {
  return Object.freeze([Object.freeze({ kind: 'skip', reason } as const)]);
}

/** One frozen skip result per packet id racecraft does not read, so skipping allocates nothing. */
const SKIP_BY_ID: readonly (readonly DecodeResult[])[] = PACKET_NAMES.map((name) => skip(`${name} packet: not used`));
const SKIP_LATE = skip('late packet of a frame already emitted');
const SKIP_SPECTATING = skip('no player car (spectating)');
const SKIP_PARTIAL = NO_RESULTS;

/** Everything format-specific, in an array indexed by format - 2023 (an object keyed 2023..2025 is slow to index). */
type FormatTables = {
  readonly format: F1Format;
  readonly name: string;
  readonly sizes: readonly number[];
  readonly lapData: LapDataLayout;
  readonly session: SessionLayout;
  readonly participants: ParticipantsLayout;
};

const FORMAT_TABLES: readonly FormatTables[] = F1_FORMATS.map((format) => ({
  format,
  name: String(format),
  sizes: PACKET_SIZES[format],
  lapData: LAP_DATA_LAYOUTS[format],
  session: SESSION_LAYOUTS[format],
  participants: PARTICIPANTS_LAYOUTS[format],
}));

class F1Decoder implements Decoder {
  private buffer: ArrayBufferLike | undefined;
  private view: DataView = new DataView(new ArrayBuffer(0));
  /** Largest F1 packet is 1460 bytes. */
  private readonly scratch = new Uint8Array(2048);
  private readonly scratchView = new DataView(this.scratch.buffer);
  /** The DataView the packet being decoded is read through. */
  private v: DataView = this.view;
  private readonly header = emptyHeader();
  private readonly pending = emptyPendingFrame();
  private readonly sessionData = emptySessionData();
  private readonly knowledge = new F1SessionKnowledge();
  private uidLo = 0;
  private uidHi = 0;
  private hasSession = false;
  private lastEmittedKey = -1;
  private newestKey = -1;
  private lastLap: number | undefined;
  private out: DecodeResult[] | undefined;

  decode(packet: Uint8Array): readonly DecodeResult[] {
    const length = packet.byteLength;
    if (length < 2) return error('too-short', `${length} bytes: not an F1 packet`);
    const format = packet[0]! | (packet[1]! << 8);
    if (!isF1Format(format)) return formatError(format);
    const tables = FORMAT_TABLES[format - OLDEST_FORMAT]!;
    if (length < HEADER.size) return error('too-short', `${length} bytes: shorter than the 29-byte F1 ${format} header`);
    const id = packet[HEADER.packetId]!;
    const size = tables.sizes[id] ?? 0;
    if (size === 0) return error('bad-value', `unknown packet id ${id} for format ${format}`);
    if (length !== size) return error('bad-size', `${PACKET_NAMES[id]} packet (id ${id}) of format ${format} is ${size} bytes, got ${length}`);

    const h = this.header;
    readHeader(packet, h);
    if (h.sessionTime - h.sessionTime !== 0) return error('bad-value', `session time is ${h.sessionTime}`);
    // Only the packets racecraft reads past the header need a DataView.
    let v: DataView = this.scratchView;
    let base = 0;
    if (id <= PacketId.carStatus && id !== PacketId.carSetups) {
      // No DataView per datagram: a packet that owns its buffer (a socket's datagram) is copied
      // into one scratch buffer; packets that are views into a larger buffer (a pcap file read at
      // once) share one DataView over that buffer.
      const buffer = packet.buffer;
      if (buffer === this.buffer) {
        v = this.view;
        base = packet.byteOffset;
      } else if (buffer.byteLength > length) {
        this.buffer = buffer;
        v = this.view = new DataView(buffer);
        base = packet.byteOffset;
      } else {
        this.scratch.set(packet);
      }
      this.v = v;
    }
    const perCar = id === PacketId.motion || id === PacketId.lapData || id === PacketId.carTelemetry ||
      id === PacketId.carStatus || id === PacketId.participants;
    if (perCar && h.playerCarIndex >= MAX_CARS) {
      if (h.playerCarIndex === NO_PLAYER_CAR) return SKIP_SPECTATING;
      return error('bad-value', `player car index ${h.playerCarIndex} is not a car slot (0..21)`);
    }
    if (id === PacketId.event && readEventCode(v, base) === FLASHBACK_CODE) {
      const toT = readFlashback(v, base).sessionTime;
      if (toT - toT !== 0) return error('bad-value', `flashback to session time ${toT}`);
    }

    // The packet is valid: from here on it may change state. A session UID of 0 names no session
    // (nothing to open or close), so it never starts one.
    this.out = undefined;
    if ((h.sessionUidLo !== this.uidLo || h.sessionUidHi !== this.uidHi || !this.hasSession) && (h.sessionUidLo | h.sessionUidHi) !== 0) {
      this.startSession(tables.name);
    }
    this.knowledge.setFormat(tables.name);

    let result: readonly DecodeResult[] | undefined;
    switch (id) {
      case PacketId.motion:
      case PacketId.lapData:
      case PacketId.carTelemetry:
      case PacketId.carStatus:
        result = this.tick(tables, id, base);
        break;
      case PacketId.session:
        readSession(v, base, tables.session, this.sessionData);
        this.knowledge.applySession(this.sessionData, enumEra(h.gameYear));
        break;
      case PacketId.participants:
        this.knowledge.applyPlayer(readParticipant(v, base, tables.participants, h.playerCarIndex), enumEra(h.gameYear));
        break;
      case PacketId.event:
        result = this.event(base);
        break;
      default:
        result = SKIP_BY_ID[id];
    }
    if (this.knowledge.dirty) this.push({ kind: 'session', session: this.knowledge.snapshot() });
    if (this.pending.parts === ALL_PARTS) this.flush();
    // (read through a cast: TS keeps the `undefined` it saw assigned above, but the handlers push.)
    const out = this.out as DecodeResult[] | undefined;
    if (out === undefined) return result ?? NO_RESULTS;
    // The packet's own outcome (e.g. its skip) comes after the news it caused.
    if (result !== undefined) for (const r of result) out.push(r);
    return out;
  }

  private push(result: DecodeResult): void {
    if (this.out === undefined) this.out = [result];
    else this.out.push(result);
  }

  /** A new m_sessionUID: the pending frame belongs to the old session; everything else is forgotten. */
  private startSession(format: string): void {
    const h = this.header;
    if (this.pending.parts !== 0) this.flush();
    this.uidLo = h.sessionUidLo;
    this.uidHi = h.sessionUidHi;
    this.hasSession = true;
    this.lastEmittedKey = -1;
    this.newestKey = -1;
    this.lastLap = undefined;
    const gameSessionId = sessionUidString(h.sessionUidLo, h.sessionUidHi);
    this.knowledge.reset(gameSessionId, format);
    this.push({ kind: 'new-session', gameSessionId });
  }

  /** Emits the pending frame (if it can say which lap it is on) and empties it. */
  private flush(): void {
    const p = this.pending;
    const frame = pendingToFrame(p, this.lastLap);
    if ((p.parts & PART_LAP) !== 0) this.lastLap = p.lap.currentLapNum;
    this.lastEmittedKey = p.key;
    p.parts = 0;
    if (frame !== undefined) this.push({ kind: 'frame', frame });
  }

  /** One of the four per-tick packets of the player's car. */
  private tick(tables: FormatTables, id: number, base: number): readonly DecodeResult[] | undefined {
    const h = this.header;
    const monotonic = h.overallFrameIdentifier !== 0;
    const key = monotonic ? h.overallFrameIdentifier : h.frameIdentifier;
    if (key === this.lastEmittedKey || (monotonic && key < this.newestKey)) return SKIP_LATE;
    if (monotonic) this.newestKey = key;
    const p = this.pending;
    if (p.parts !== 0 && key !== p.key) this.flush();
    if (p.parts === 0) {
      p.key = key;
      p.t = h.sessionTime;
    }
    const v = this.v;
    const car = h.playerCarIndex;
    switch (id) {
      case PacketId.motion:
        readCarMotion(v, base, car, p.motion);
        p.parts |= PART_MOTION;
        break;
      case PacketId.lapData:
        readCarLap(v, base, tables.lapData, car, p.lap);
        p.parts |= PART_LAP;
        break;
      case PacketId.carTelemetry:
        readCarTelemetry(v, base, car, p.telemetry);
        p.parts |= PART_TELEMETRY;
        break;
      default:
        readCarStatus(v, base, car, p.status);
        p.parts |= PART_STATUS;
        this.knowledge.applyCar(p.status.maxRpm, p.status.maxGears);
    }
    return SKIP_PARTIAL;
  }

  /** Flashback → rewind (its time was checked finite in decode); every other event is skipped. */
  private event(base: number): readonly DecodeResult[] | undefined {
    const code = readEventCode(this.v, base);
    if (code !== FLASHBACK_CODE) return skip(`event ${eventCodeText(code)}: not used`);
    const flashback = readFlashback(this.v, base);
    // Frames before the rewind are complete history: emit the pending one first, then the rewind.
    if (this.pending.parts !== 0) this.flush();
    // After a flashback m_frameIdentifier repeats earlier values; forget the last one emitted.
    this.lastEmittedKey = -1;
    if (this.knowledge.dirty) this.push({ kind: 'session', session: this.knowledge.snapshot() });
    this.push({ kind: 'rewind', toT: flashback.sessionTime });
    return undefined;
  }
}

function formatError(format: number): readonly DecodeResult[] {
  if (format >= OLDEST_LEGACY_FORMAT && format <= 2022) {
    return error('unsupported-version', `F1 packet format ${format} (F1 22 or older, 24-byte header) is not supported: set the game's UDP Format to 2023, 2024 or 2025`);
  }
  if (format > 2025 && format <= NEWEST_KNOWN_FUTURE_FORMAT) {
    return error('unsupported-version', `F1 packet format ${format} is newer than racecraft reads: set the game's UDP Format to 2025`);
  }
  return error('bad-format', `packet format ${format} is not an F1 UDP format`);
}

/** A decoder for one capture stream (holds frame-assembly and session state). */
export function createF1Decoder(): Decoder {
  return new F1Decoder();
}
