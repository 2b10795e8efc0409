/**
 * GT7 encoder: turns the simulator's frames into encrypted Simulator Interface packets, so `racecraft demo
 * --game gt7` can play the console and round-trip tests can go frame → packet → frame.
 *
 * What a frame does not carry is written the way the console writes it when it has nothing better: water and oil
 * temperature at GT7's constants (85 / 110 °C), −1 for unset lap times and pre-race fields, 15 in the suggested
 * gear nibble, zero gear ratios. Fields with no source in a frame (steering wheel angle, wheel speeds, suspension)
 * are 0.
 */
import type { SessionInfo, TelemetryFrame } from '../../model/index.js';
import type { Encoder } from '../types.js';
import { encryptGt7Packet } from './crypto.js';
import { STANDARD_GRAVITY } from './decode.js';
import { FORMAT_SPECS, GT7_DEFAULT_FORMAT, GT7_PACKET_RATE_HZ, type Gt7Format } from './formats.js';
import { eulerToQuaternion, forwardVector } from './orientation.js';
import { FLAG, type Gt7Packet } from './packet.js';
import { writeGt7Packet } from './write.js';

export type Gt7EncoderOptions = {
  /** Layout to send; the demo console switches it with `setFormat` when a heartbeat asks for another. */
  readonly format?: Gt7Format;
  /** Encrypt with the GT Sport key instead of GT7's; GT Sport only has the 296-byte 'A' layout, so `format` is ignored. */
  readonly variant?: 'gt7' | 'gts';
};

export type Gt7Encoder = Encoder & {
  setFormat(format: Gt7Format): void;
  readonly format: Gt7Format;
};

/** GT7's constant engine temperatures (protocols.md §4: "water/oil temp constant 85/110"). */
const WATER_TEMP_C = 85;
const OIL_TEMP_C = 110;
const MS_PER_DAY = 86_400_000;

/** Frame gear → the low nibble: reverse 0, neutral 15, forward gears as is. */
export function nibbleFromGear(gear: number | undefined): number {
  if (gear === undefined || !Number.isFinite(gear)) return 15;
  if (gear < 0) return 0;
  if (gear === 0) return 15;
  return Math.min(14, Math.round(gear));
}

function pedalByte(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 0;
  return Math.max(0, Math.min(255, Math.round(value * 255)));
}

function carCodeFrom(session: SessionInfo): number {
  const match = /^gt7:(\d+)$/.exec(session.carKey ?? '');
  return match ? Number(match[1]) : 0;
}

/** A well-mixed 32-bit IV seed from the packet id (the console's seeds look random; ours are deterministic). */
function ivSeedFor(packetId: number): number {
  let h = Math.imul(packetId ^ 0x5bd1e995, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** The plain packet fields for one frame (exported for tests that check the layout without encryption). */
export function gt7PacketFromFrame(
  frame: TelemetryFrame,
  session: SessionInfo,
  format: Gt7Format,
  packetId: number,
  bestLapTimeMs: number,
  yawRate: number,
): Gt7Packet {
  const rotation = eulerToQuaternion({ yaw: frame.yaw ?? 0, pitch: frame.pitch ?? 0, roll: frame.roll ?? 0 });
  const speed = frame.speed ?? 0;
  const nose = forwardVector(rotation);
  const throttle = pedalByte(frame.throttle);
  const brake = pedalByte(frame.brake);
  const clutch = frame.clutch ?? 0;
  const maxRpm = session.maxRpm ?? 0;
  const gear = nibbleFromGear(frame.gear);
  const packet: Gt7Packet = {
    format,
    position: { x: frame.posX ?? 0, y: frame.posY ?? 0, z: frame.posZ ?? 0 },
    velocity: { x: nose.x * speed, y: nose.y * speed, z: nose.z * speed },
    rotation,
    angularVelocity: { x: 0, y: yawRate, z: 0 },
    bodyHeight: 0.08,
    engineRpm: frame.rpm ?? 0,
    gasLevel: frame.fuel ?? 0,
    // Capacity 0 means "electric" to the decoder, so a frame without fuel round-trips as no fuel channel.
    gasCapacity: frame.fuel === undefined ? 0 : Math.max(100, frame.fuel),
    metersPerSecond: speed,
    turboBoost: 0,
    oilPressure: 0,
    waterTemperature: frame.engineTemp ?? WATER_TEMP_C,
    oilTemperature: OIL_TEMP_C,
    tyreTemp: [frame.tyreTempFL ?? 0, frame.tyreTempFR ?? 0, frame.tyreTempRL ?? 0, frame.tyreTempRR ?? 0],
    packetId,
    lapCount: frame.lap,
    lapsInRace: 0,
    bestLapTimeMs,
    lastLapTimeMs: frame.lastLapTime !== undefined ? Math.round(frame.lastLapTime * 1000) : -1,
    timeOfDayMs: Math.round(frame.t * 1000) % MS_PER_DAY,
    preRaceStartPosition: -1,
    numCarsAtPreRace: -1,
    minAlertRpm: Math.round(maxRpm * 0.94),
    maxAlertRpm: Math.round(maxRpm),
    calculatedMaxSpeed: 0,
    flags: FLAG.carOnTrack | (gear >= 1 && gear <= 14 ? FLAG.inGear : 0),
    currentGear: gear,
    suggestedGear: 15,
    throttle,
    brake,
    roadPlane: { x: 0, y: 1, z: 0, distance: 0 },
    wheelRps: [0, 0, 0, 0],
    tyreRadius: [0, 0, 0, 0],
    suspensionHeight: [0, 0, 0, 0],
    clutchPedal: clutch,
    clutchEngagement: 1 - clutch,
    rpmFromClutchToGearbox: frame.rpm ?? 0,
    transmissionTopSpeed: 0,
    gearRatios: [0, 0, 0, 0, 0, 0, 0, 0],
    carCode: carCodeFrom(session),
  };
  const size = FORMAT_SPECS[format].size;
  if (size >= FORMAT_SPECS.B.size) {
    packet.b = {
      steeringWheelAngle: 0,
      steeringWheelAngularVelocity: 0,
      sway: (frame.gLat ?? 0) * STANDARD_GRAVITY,
      heave: (frame.gVert ?? 0) * STANDARD_GRAVITY,
      surge: (frame.gLon ?? 0) * STANDARD_GRAVITY,
    };
  }
  if (size >= FORMAT_SPECS['~'].size) packet.tilde = { throttleInput: throttle, brakeOutput: brake, energyRecovery: 0 };
  if (size >= FORMAT_SPECS.C.size) {
    packet.c = {
      surfaceType: 'TTTT',
      currentLapTimeMs: frame.lapTime !== undefined ? Math.round(frame.lapTime * 1000) : -1,
      wheelSteerAngleFL: 0,
      wheelSteerAngleFR: 0,
      dynamicWheelbaseLeft: 0,
      vehicleCategory: '',
    };
  }
  return packet;
}

/**
 * A stateful encoder: packet ids follow the frame clock at 60 Hz (strictly increasing), the best lap is the
 * minimum last lap seen, the yaw rate comes from consecutive frames. One encrypted packet per frame.
 */
export function createGt7Encoder(options: Gt7EncoderOptions = {}): Gt7Encoder {
  const variant = options.variant ?? 'gt7';
  // GT Sport only has the 296-byte layout.
  let format: Gt7Format = variant === 'gts' ? 'A' : (options.format ?? GT7_DEFAULT_FORMAT);
  let lastPacketId = -1;
  let bestLapTimeMs = -1;
  let previous: { t: number; yaw: number } | undefined;

  return {
    get format() {
      return format;
    },
    setFormat(next: Gt7Format) {
      if (variant === 'gt7') format = next;
    },
    encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[] {
      const packetId = Math.max(lastPacketId + 1, Math.round(frame.t * GT7_PACKET_RATE_HZ));
      lastPacketId = packetId;
      if (frame.lastLapTime !== undefined && frame.lastLapTime > 0) {
        const ms = Math.round(frame.lastLapTime * 1000);
        bestLapTimeMs = bestLapTimeMs < 0 ? ms : Math.min(bestLapTimeMs, ms);
      }
      let yawRate = 0;
      if (previous && frame.yaw !== undefined && frame.t > previous.t) {
        // Shortest signed angle, so crossing ±π does not read as a full spin.
        const turn = Math.atan2(Math.sin(frame.yaw - previous.yaw), Math.cos(frame.yaw - previous.yaw));
        yawRate = turn / (frame.t - previous.t);
      }
      if (frame.yaw !== undefined) previous = { t: frame.t, yaw: frame.yaw };
      const plain = writeGt7Packet(gt7PacketFromFrame(frame, session, format, packetId, bestLapTimeMs, yawRate));
      const ivXor = variant === 'gts' ? 0xdeadbeaf : FORMAT_SPECS[format].ivXor[0]!;
      return [encryptGt7Packet(plain, ivSeedFor(packetId), ivXor, variant)];
    },
  };
}
