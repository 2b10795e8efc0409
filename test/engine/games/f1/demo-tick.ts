/** The frame and session the encoder fixtures (fixtures/f1/encoded-*) were made from. */
import type { SessionInfo, TelemetryFrame } from '../../../../src/engine/model/index.js';

export const DEMO_FRAME: TelemetryFrame = {
  t: 123.456,
  lap: 3,
  lapDistance: 1234.5,
  lapTime: 45.678,
  lastLapTime: 88.123,
  lapInvalid: true,
  inPit: false,
  sector: 1,
  speed: 70,
  throttle: 0.75,
  brake: 0.125,
  clutch: 0.2,
  steer: -0.25,
  gear: 6,
  rpm: 11500,
  drs: 1,
  gLat: 1.5,
  gLon: -0.5,
  gVert: 0.125,
  posX: 100.25,
  posY: 5.5,
  posZ: -200.75,
  yaw: 1,
  pitch: 0.02,
  roll: -0.01,
  fuel: 42.5,
  engineTemp: 105,
  tyreTempFL: 90,
  tyreTempFR: 91,
  tyreTempRL: 88,
  tyreTempRR: 89,
  tyrePressFL: 160,
  tyrePressFR: 161,
  tyrePressRL: 150,
  tyrePressRR: 151,
  brakeTempFL: 500,
  brakeTempFR: 510,
  brakeTempRL: 400,
  brakeTempRR: 410,
};

export const DEMO_SESSION: SessionInfo = {
  game: 'f1',
  trackKey: 'f1:11',
  trackName: 'Monza',
  trackLength: 5793,
  sectorStarts: [1800, 3900],
  sessionType: 'race',
  driver: 'Demo Driver',
  carName: 'McLaren',
  maxRpm: 13000,
  gearCount: 8,
};

/** sessionUid and player slot of the fixtures. */
export const DEMO_UID = 0x0123456789abcdefn;
export const DEMO_CAR = 5;
