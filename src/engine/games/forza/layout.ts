/**
 * Forza "Data Out" wire layouts (protocols.md §3; Turn 10's Data Out documentation; little-
 * endian, packed). One table per block; offsets are computed by adding up the sizes, and the
 * totals are checked against the documented packet sizes at module load.
 *
 *   fm7-sled  232 = Sled                                  (FM7 and FM 2023 "Sled" format)
 *   fm7-dash  311 = Sled + Dash                           (FM7 "Car Dash")
 *   fm2023    331 = Sled + Dash + TireWear[4] + TrackOrdinal
 *   fh4, fh5  324 = Sled + 12-byte Horizon gap + Dash + 1 trailing byte
 *
 * TRAP: Forza Horizon inserts 12 bytes at 232..243 (i32 CarCategory + two unknown i32), so
 * every Dash field is 12 bytes later than in FM7 (Speed @256, not @244).
 */

export type ForzaFieldType = 'i32' | 'u32' | 'f32' | 'u16' | 'u8' | 's8';

const SIZE: Record<ForzaFieldType, number> = { i32: 4, u32: 4, f32: 4, u16: 2, u8: 1, s8: 1 };

const WHEELS = ['FrontLeft', 'FrontRight', 'RearLeft', 'RearRight'] as const;
type Wheel = (typeof WHEELS)[number];
type PerWheel<P extends string, T extends ForzaFieldType> = readonly [`${P}${Wheel}`, T];

function perWheel<P extends string, T extends ForzaFieldType>(prefix: P, type: T): PerWheel<P, T>[] {
  return WHEELS.map((wheel) => [`${prefix}${wheel}`, type] as const);
}

/** The Sled block, identical in every variant (offsets 0..231). */
export const SLED_FIELDS = [
  ['IsRaceOn', 'i32'], // 1 racing, 0 menus/paused
  ['TimestampMS', 'u32'], // ms, wraps
  ['EngineMaxRpm', 'f32'],
  ['EngineIdleRpm', 'f32'],
  ['CurrentEngineRpm', 'f32'],
  ['AccelerationX', 'f32'], // m/s², car-local: X right, Y up, Z forward
  ['AccelerationY', 'f32'],
  ['AccelerationZ', 'f32'],
  ['VelocityX', 'f32'], // m/s, car-local
  ['VelocityY', 'f32'],
  ['VelocityZ', 'f32'],
  ['AngularVelocityX', 'f32'], // rad/s: X pitch, Y yaw, Z roll
  ['AngularVelocityY', 'f32'],
  ['AngularVelocityZ', 'f32'],
  ['Yaw', 'f32'], // rad
  ['Pitch', 'f32'],
  ['Roll', 'f32'],
  ...perWheel('NormalizedSuspensionTravel', 'f32'), // 0 max stretch .. 1 max compression
  ...perWheel('TireSlipRatio', 'f32'),
  ...perWheel('WheelRotationSpeed', 'f32'), // rad/s
  ...perWheel('WheelOnRumbleStrip', 'i32'),
  ...perWheel('WheelInPuddleDepth', 'f32'),
  ...perWheel('SurfaceRumble', 'f32'),
  ...perWheel('TireSlipAngle', 'f32'),
  ...perWheel('TireCombinedSlip', 'f32'),
  ...perWheel('SuspensionTravelMeters', 'f32'),
  ['CarOrdinal', 'i32'],
  ['CarClass', 'i32'], // documented 0 (D) .. 7 (X)
  ['CarPerformanceIndex', 'i32'],
  ['DrivetrainType', 'i32'], // 0 FWD, 1 RWD, 2 AWD
  ['NumCylinders', 'i32'],
] as const;

/** Forza Horizon's 12 extra bytes between Sled and Dash (232..243). */
export const HORIZON_GAP_FIELDS = [
  ['HorizonCarCategory', 'i32'],
  ['HorizonUnknown1', 'i32'],
  ['HorizonUnknown2', 'i32'],
] as const;

/** The Dash block: at 232 in FM7/FM 2023, at 244 in Horizon. */
export const DASH_FIELDS = [
  ['PositionX', 'f32'], // m, world
  ['PositionY', 'f32'],
  ['PositionZ', 'f32'],
  ['Speed', 'f32'], // m/s
  ['Power', 'f32'], // W
  ['Torque', 'f32'], // N·m
  ...perWheel('TireTemp', 'f32'), // °F (community knowledge; the CSV captures look like °F)
  ['Boost', 'f32'],
  ['Fuel', 'f32'], // 0..1
  ['DistanceTraveled', 'f32'], // m, race distance (NOT lap distance)
  ['BestLap', 'f32'], // s
  ['LastLap', 'f32'], // s
  ['CurrentLap', 'f32'], // s
  ['CurrentRaceTime', 'f32'], // s
  ['LapNumber', 'u16'], // 0-based
  ['RacePosition', 'u8'],
  ['Accel', 'u8'], // 0..255
  ['Brake', 'u8'],
  ['Clutch', 'u8'],
  ['HandBrake', 'u8'],
  ['Gear', 'u8'], // 0 = R, 1..10 forward, 11 = N
  ['Steer', 's8'], // -127..127, positive = right
  ['NormalizedDrivingLine', 's8'],
  ['NormalizedAIBrakeDifference', 's8'],
] as const;

/** Forza Motorsport (2023) appends these after the FM7 Dash block (311..330). */
export const FM2023_FIELDS = [...perWheel('TireWear', 'f32'), ['TrackOrdinal', 'i32']] as const;

/** Forza Horizon's one trailing byte (323). */
export const HORIZON_TRAILING_FIELDS = [['HorizonTrailing', 'u8']] as const;

type FieldList = readonly (readonly [string, ForzaFieldType])[];
type NamesOf<L extends FieldList> = L[number][0];

export type ForzaSledFieldName = NamesOf<typeof SLED_FIELDS>;
export type ForzaDashFieldName = NamesOf<typeof DASH_FIELDS>;
export type ForzaFieldName =
  | ForzaSledFieldName
  | ForzaDashFieldName
  | NamesOf<typeof HORIZON_GAP_FIELDS>
  | NamesOf<typeof FM2023_FIELDS>
  | NamesOf<typeof HORIZON_TRAILING_FIELDS>;

export const FORZA_VARIANTS = ['fm7-sled', 'fm7-dash', 'fm2023', 'fh4', 'fh5'] as const;
export type ForzaVariant = (typeof FORZA_VARIANTS)[number];

export type ForzaField = { readonly name: ForzaFieldName; readonly type: ForzaFieldType; readonly offset: number };

function place(blocks: readonly FieldList[]): readonly ForzaField[] {
  const fields: ForzaField[] = [];
  let offset = 0;
  for (const block of blocks) {
    for (const [name, type] of block) {
      fields.push({ name: name as ForzaFieldName, type, offset });
      offset += SIZE[type];
    }
  }
  return fields;
}

function sizeOf(fields: readonly ForzaField[]): number {
  const last = fields[fields.length - 1];
  return last === undefined ? 0 : last.offset + SIZE[last.type];
}

const HORIZON_LAYOUT = place([SLED_FIELDS, HORIZON_GAP_FIELDS, DASH_FIELDS, HORIZON_TRAILING_FIELDS]);

/** Every field of each variant with its byte offset, in wire order. */
export const FORZA_LAYOUTS: Readonly<Record<ForzaVariant, readonly ForzaField[]>> = {
  'fm7-sled': place([SLED_FIELDS]),
  'fm7-dash': place([SLED_FIELDS, DASH_FIELDS]),
  fm2023: place([SLED_FIELDS, DASH_FIELDS, FM2023_FIELDS]),
  fh4: HORIZON_LAYOUT,
  fh5: HORIZON_LAYOUT,
};

/** Packet sizes, from the tables (checked below against the documented sizes). */
export const FORZA_PACKET_SIZES: Readonly<Record<ForzaVariant, number>> = {
  'fm7-sled': sizeOf(FORZA_LAYOUTS['fm7-sled']),
  'fm7-dash': sizeOf(FORZA_LAYOUTS['fm7-dash']),
  fm2023: sizeOf(FORZA_LAYOUTS.fm2023),
  fh4: sizeOf(HORIZON_LAYOUT),
  fh5: sizeOf(HORIZON_LAYOUT),
};

/** Documented sizes (protocols.md §3): a wrong table fails at import, not on the track. */
const DOCUMENTED: Readonly<Record<ForzaVariant, number>> = { 'fm7-sled': 232, 'fm7-dash': 311, fm2023: 331, fh4: 324, fh5: 324 };
for (const variant of FORZA_VARIANTS) {
  if (FORZA_PACKET_SIZES[variant] !== DOCUMENTED[variant]) {
    throw new Error(`Forza ${variant} layout is ${FORZA_PACKET_SIZES[variant]} bytes, documented ${DOCUMENTED[variant]}`);
  }
}

/** What a received packet's size says about its format (FH4 and FH5 are byte-identical). */
export type ForzaFormat = 'sled' | 'fm7-dash' | 'fm2023' | 'fh';

export function forzaFormatOfSize(size: number): ForzaFormat | undefined {
  switch (size) {
    case DOCUMENTED['fm7-sled']:
      return 'sled';
    case DOCUMENTED['fm7-dash']:
      return 'fm7-dash';
    case DOCUMENTED.fm2023:
      return 'fm2023';
    case DOCUMENTED.fh5:
      return 'fh';
    default:
      return undefined;
  }
}

/** The format a variant's packets are received as. */
export function forzaFormatOfVariant(variant: ForzaVariant): ForzaFormat {
  return forzaFormatOfSize(FORZA_PACKET_SIZES[variant]) as ForzaFormat;
}

/** Byte offset of `name` in `variant`, or undefined when the variant does not carry it. */
export function forzaOffset(variant: ForzaVariant, name: ForzaFieldName): number | undefined {
  return FORZA_LAYOUTS[variant].find((field) => field.name === name)?.offset;
}

/** Offsets within the Sled block (same in every variant). */
export const SLED_OFFSET = Object.fromEntries(FORZA_LAYOUTS['fm7-sled'].map((f) => [f.name, f.offset])) as Readonly<
  Record<ForzaSledFieldName, number>
>;

/** Offsets within the Dash block, relative to its start (232 in FM, 244 in Horizon). */
export const DASH_OFFSET = Object.fromEntries(
  place([DASH_FIELDS]).map((f) => [f.name, f.offset]),
) as Readonly<Record<ForzaDashFieldName, number>>;

/** Where the Dash block starts: FM7 Dash / FM 2023 at 232, Horizon at 244 (after the gap). */
export const DASH_START = { fm: 232, horizon: 244 } as const;
/** FM 2023's TrackOrdinal offset. */
export const FM2023_TRACK_ORDINAL_OFFSET = 327;

if (forzaOffset('fh5', 'Speed') !== DASH_START.horizon + DASH_OFFSET.Speed || forzaOffset('fm2023', 'TrackOrdinal') !== FM2023_TRACK_ORDINAL_OFFSET) {
  throw new Error('Forza offset constants disagree with the layout tables');
}
