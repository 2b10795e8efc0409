/**
 * F1 23/24/25 encoder: turns racecraft frames into the datagrams the game sends, byte for byte in the
 * layouts of the chosen format (used by the demo, replay and round-trip tests).
 *
 * Per encode() call (one game tick): Motion, Session (first tick, then every 2 s of frame time),
 * Lap Data, Participants (first tick, then every 5 s), Car Telemetry, Car Status — all with the same
 * frame identifier, which advances by one per tick. Only the player's slot is filled; the other 21
 * slots are empty the way the game leaves unused slots. Fields the frame does not model are 0.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import { GAME_YEAR_OF_FORMAT, MAX_CARS, NEWEST_FORMAT, PACKET_SIZES, PacketId, type F1Era, type F1Format } from './formats.js';
import { writeHeader } from './header.js';
import { emptyCarMotion, writeCarMotion } from './motion.js';
import { emptyCarLap, LAP_DATA_LAYOUTS, writeCarLap, writeLapDataTrailer } from './lap-data.js';
import { emptyCarTelemetry, WHEEL, writeCarTelemetry, writeCarTelemetryTrailer } from './car-telemetry.js';
import { emptyCarStatus, writeCarStatus } from './car-status.js';
import { emptySessionData, SESSION_LAYOUTS, writeSession } from './session.js';
import { PARTICIPANTS_LAYOUTS, writeEmptyParticipant, writeNumActiveCars, writeParticipant } from './participants.js';
import { EVENT_CODES, writeEventCode, writeFlashback } from './event.js';
import { KMH_TO_MS, PSI_TO_KPA } from './frame.js';
import { f1TrackIdOf } from './tracks.js';
import { f1SessionTypeValue } from './session-types.js';
import { f1TeamIdOf } from './teams.js';

export type F1EncoderOptions = {
  /** m_packetFormat to write; default 2025. */
  readonly format?: F1Format;
  /** m_sessionUID; default 0x5241434543524654 ("RACECRFT"). */
  readonly sessionUid?: bigint;
  /** Slot of the player's car, 0..21; default 0. */
  readonly playerCarIndex?: number;
};

export type F1Encoder = Encoder & {
  readonly format: F1Format;
  /**
   * A Flashback event (FLBK) back to session time `toT` s. Its frame identifier is the last encoded
   * frame at or before `toT`; like the game, m_frameIdentifier then continues from there while
   * m_overallFrameIdentifier keeps counting up.
   */
  encodeFlashbackEvent(toT: number): Uint8Array;
  /** A Session Started event (SSTA) at session time `t` s. */
  encodeSessionStartedEvent(t?: number): Uint8Array;
};

/** s between Session packets ("Session 2/s" in the spec). */
export const SESSION_INTERVAL_S = 2;
/** s between Participants packets ("Participants every 5 s"). */
export const PARTICIPANTS_INTERVAL_S = 5;
/** Frames remembered to find a flashback's frame identifier (10 min at 60 Hz). */
const HISTORY = 36_000;
/** kg, the F1 fuel limit the game reports as m_fuelCapacity. */
const FUEL_CAPACITY_KG = 110;
const DEFAULT_SESSION_UID = 0x5241434543524654n;

class F1PacketEncoder implements F1Encoder {
  readonly format: F1Format;
  private readonly era: F1Era;
  private readonly sessionUid: bigint;
  private readonly car: number;
  private frameIdentifier = 0;
  private overallFrameIdentifier = 0;
  private lastT = 0;
  private lastSessionT: number | undefined;
  private lastParticipantsT: number | undefined;
  private readonly historyT = new Float64Array(HISTORY);
  private readonly historyFrame = new Uint32Array(HISTORY);
  private historyCount = 0;

  constructor(options: F1EncoderOptions) {
    this.format = options.format ?? NEWEST_FORMAT;
    this.era = GAME_YEAR_OF_FORMAT[this.format];
    this.sessionUid = options.sessionUid ?? DEFAULT_SESSION_UID;
    const car = options.playerCarIndex ?? 0;
    if (!Number.isInteger(car) || car < 0 || car >= MAX_CARS) throw new RangeError(`playerCarIndex must be 0..21, got ${car}`);
    this.car = car;
  }

  encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
    const t = frame.t;
    const packets: Uint8Array[] = [this.motion(frame)];
    if (this.lastSessionT === undefined || t - this.lastSessionT >= SESSION_INTERVAL_S || t < this.lastSessionT) {
      packets.push(this.session(t, session));
      this.lastSessionT = t;
    }
    packets.push(this.lapData(frame, session));
    if (this.lastParticipantsT === undefined || t - this.lastParticipantsT >= PARTICIPANTS_INTERVAL_S || t < this.lastParticipantsT) {
      packets.push(this.participants(t, session));
      this.lastParticipantsT = t;
    }
    packets.push(this.carTelemetry(frame), this.carStatus(frame, session));
    this.remember(t);
    this.lastT = t;
    this.frameIdentifier++;
    this.overallFrameIdentifier++;
    return packets;
  }

  encodeFlashbackEvent(toT: number): Uint8Array {
    let index = this.historyCount - 1;
    const oldest = Math.max(0, this.historyCount - HISTORY);
    while (index > oldest && this.historyT[index % HISTORY]! > toT) index--;
    const toFrame = this.historyCount > 0 ? this.historyFrame[index % HISTORY]! : 0;
    const { bytes, view } = this.packet(PacketId.event, this.lastT);
    writeEventCode(view, EVENT_CODES.flashback);
    writeFlashback(view, { frameIdentifier: toFrame, sessionTime: toT });
    this.historyCount = index + 1;
    this.frameIdentifier = toFrame + 1;
    // The next Session/Participants packets follow the rewound clock.
    this.lastSessionT = this.lastParticipantsT = undefined;
    return bytes;
  }

  encodeSessionStartedEvent(t = 0): Uint8Array {
    const { bytes, view } = this.packet(PacketId.event, t);
    writeEventCode(view, EVENT_CODES.sessionStarted);
    return bytes;
  }

  private remember(t: number): void {
    const slot = this.historyCount % HISTORY;
    this.historyT[slot] = t;
    this.historyFrame[slot] = this.frameIdentifier;
    this.historyCount++;
  }

  private packet(id: number, t: number): { bytes: Uint8Array; view: DataView } {
    const bytes = new Uint8Array(PACKET_SIZES[this.format][id] ?? 0);
    const view = new DataView(bytes.buffer);
    writeHeader(view, {
      packetFormat: this.format,
      gameYear: this.era,
      gameMajorVersion: 1,
      gameMinorVersion: 0,
      packetId: id,
      sessionUid: this.sessionUid,
      sessionTime: t,
      frameIdentifier: this.frameIdentifier,
      overallFrameIdentifier: this.overallFrameIdentifier,
      playerCarIndex: this.car,
    });
    return { bytes, view };
  }

  private motion(f: TelemetryFrame): Uint8Array {
    const { bytes, view } = this.packet(PacketId.motion, f.t);
    const yaw = f.yaw ?? 0;
    const pitch = f.pitch ?? 0;
    const roll = f.roll ?? 0;
    const speed = f.speed ?? 0;
    const m = emptyCarMotion();
    m.posX = f.posX ?? 0;
    m.posY = f.posY ?? 0;
    m.posZ = f.posZ ?? 0;
    // Orientation as the game encodes it (checked on real packets): yaw = atan2(forwardX, forwardZ),
    // forwardY = -sin(pitch), right = (-cos yaw, -sin roll, sin yaw) for a level car.
    m.forwardX = Math.sin(yaw) * Math.cos(pitch);
    m.forwardY = -Math.sin(pitch);
    m.forwardZ = Math.cos(yaw) * Math.cos(pitch);
    m.rightX = -Math.cos(yaw) * Math.cos(roll);
    m.rightY = -Math.sin(roll);
    m.rightZ = Math.sin(yaw) * Math.cos(roll);
    m.velX = speed * m.forwardX;
    m.velY = speed * m.forwardY;
    m.velZ = speed * m.forwardZ;
    // racecraft's gLat is positive to the right, the game's towards the left (see frame.ts).
    m.gLateral = -(f.gLat ?? 0);
    m.gLongitudinal = f.gLon ?? 0;
    m.gVertical = f.gVert ?? 0;
    m.yaw = yaw;
    m.pitch = pitch;
    m.roll = roll;
    writeCarMotion(view, this.car, m);
    return bytes;
  }

  private lapData(f: TelemetryFrame, session: SessionInfo): Uint8Array {
    const layout = LAP_DATA_LAYOUTS[this.format];
    const { bytes, view } = this.packet(PacketId.lapData, f.t);
    const lapDistance = f.lapDistance ?? 0;
    const lap = emptyCarLap();
    lap.lastLapTimeMs = f.lastLapTime !== undefined ? Math.round(f.lastLapTime * 1000) : 0;
    lap.currentLapTimeMs = f.lapTime !== undefined ? Math.max(0, Math.round(f.lapTime * 1000)) : 0;
    lap.lapDistance = lapDistance;
    lap.totalDistance = session.trackLength !== undefined ? Math.max(0, f.lap - 1) * session.trackLength + lapDistance : lapDistance;
    lap.carPosition = 1;
    lap.currentLapNum = Math.max(0, Math.min(255, f.lap));
    lap.pitStatus = f.inPit ? 1 : 0;
    lap.sector = f.sector ?? sectorAt(lapDistance, session.sectorStarts);
    lap.currentLapInvalid = f.lapInvalid ? 1 : 0;
    lap.driverStatus = f.inPit ? 0 : 4;
    lap.resultStatus = 2;
    writeCarLap(view, layout, this.car, lap);
    writeLapDataTrailer(view, layout);
    return bytes;
  }

  private carTelemetry(f: TelemetryFrame): Uint8Array {
    const { bytes, view } = this.packet(PacketId.carTelemetry, f.t);
    const c = emptyCarTelemetry();
    // The game rounds m_speed down to whole km/h (see speedOf in frame.ts).
    c.speedKmh = Math.floor((f.speed ?? 0) / KMH_TO_MS);
    c.throttle = f.throttle ?? 0;
    c.steer = f.steer ?? 0;
    c.brake = f.brake ?? 0;
    c.clutch = (f.clutch ?? 0) * 100;
    c.gear = f.gear ?? 0;
    c.rpm = f.rpm ?? 0;
    c.drs = f.drs ?? 0;
    c.engineTemp = f.engineTemp ?? 0;
    c.brakeTemp[WHEEL.FL] = f.brakeTempFL ?? 0;
    c.brakeTemp[WHEEL.FR] = f.brakeTempFR ?? 0;
    c.brakeTemp[WHEEL.RL] = f.brakeTempRL ?? 0;
    c.brakeTemp[WHEEL.RR] = f.brakeTempRR ?? 0;
    c.tyreSurfaceTemp[WHEEL.FL] = f.tyreTempFL ?? 0;
    c.tyreSurfaceTemp[WHEEL.FR] = f.tyreTempFR ?? 0;
    c.tyreSurfaceTemp[WHEEL.RL] = f.tyreTempRL ?? 0;
    c.tyreSurfaceTemp[WHEEL.RR] = f.tyreTempRR ?? 0;
    c.tyrePressurePsi[WHEEL.FL] = (f.tyrePressFL ?? 0) / PSI_TO_KPA;
    c.tyrePressurePsi[WHEEL.FR] = (f.tyrePressFR ?? 0) / PSI_TO_KPA;
    c.tyrePressurePsi[WHEEL.RL] = (f.tyrePressRL ?? 0) / PSI_TO_KPA;
    c.tyrePressurePsi[WHEEL.RR] = (f.tyrePressRR ?? 0) / PSI_TO_KPA;
    writeCarTelemetry(view, this.car, c);
    writeCarTelemetryTrailer(view);
    return bytes;
  }

  private carStatus(f: TelemetryFrame, session: SessionInfo): Uint8Array {
    const { bytes, view } = this.packet(PacketId.carStatus, f.t);
    const s = emptyCarStatus();
    s.fuelInTank = f.fuel ?? 0;
    s.fuelCapacity = FUEL_CAPACITY_KG;
    s.maxRpm = session.maxRpm ?? 0;
    // m_maxGears counts one more than the forward gears (see session-info.ts).
    s.maxGears = session.gearCount !== undefined ? session.gearCount + 1 : 0;
    s.pitLimiter = f.inPit ? 1 : 0;
    writeCarStatus(view, this.car, s);
    return bytes;
  }

  private session(t: number, info: SessionInfo): Uint8Array {
    const { bytes, view } = this.packet(PacketId.session, t);
    const s = emptySessionData();
    s.trackId = f1TrackIdOf(info.trackKey, info.trackName);
    s.trackLength = info.trackLength ?? 0;
    s.sessionType = f1SessionTypeValue(this.era, info.sessionType);
    s.sector2Start = info.sectorStarts?.[0] ?? NaN;
    s.sector3Start = info.sectorStarts?.[1] ?? NaN;
    writeSession(view, SESSION_LAYOUTS[this.format], s);
    return bytes;
  }

  private participants(t: number, info: SessionInfo): Uint8Array {
    const layout = PARTICIPANTS_LAYOUTS[this.format];
    const { bytes, view } = this.packet(PacketId.participants, t);
    // One car on track; its slot is m_playerCarIndex, whatever the count.
    writeNumActiveCars(view, layout, 1);
    for (let car = 0; car < MAX_CARS; car++) {
      if (car !== this.car) writeEmptyParticipant(view, layout, car);
    }
    writeParticipant(view, layout, this.car, {
      aiControlled: false,
      driverId: 255,
      teamId: f1TeamIdOf(this.era, info.carName),
      raceNumber: 1,
      nationality: 0,
      name: info.driver ?? '',
    });
    return bytes;
  }
}

/** 0-based sector of `lapDistance` given the sector 2 and 3 start distances (0 when unknown). */
function sectorAt(lapDistance: number, starts: readonly number[] | undefined): number {
  if (starts === undefined) return 0;
  let sector = 0;
  for (const start of starts) if (lapDistance >= start) sector++;
  return sector;
}

/** An encoder of one game session's packet stream. */
export function createF1Encoder(options: F1EncoderOptions = {}): F1Encoder {
  return new F1PacketEncoder(options);
}
