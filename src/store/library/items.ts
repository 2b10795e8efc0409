import { CHANNELS, isChannelName, type ChannelName } from '../../engine/model/channels.js';
import { MAX_LAP_TIME_S, MIN_LAP_TIME_S } from '../../engine/model/lap.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { GAME_PATTERN, itemKey, KEY_COMPONENT_PATTERN, LIBRARY_KEY_PATTERN } from './keys.js';
import {
  expectArray,
  expectEnum,
  expectIncreasing,
  expectNumber,
  expectNumberArray,
  expectObject,
  expectString,
  fail,
} from './validate.js';

/**
 * The three kinds of library item and their schemas. An item is plain JSON; its id is the sha256
 * of its canonical JSON (canonical.ts); its library key (`itemKey`) names the thing it describes
 * so that a better model of the same track is a new version of the same key.
 * Units: m, s, m/s, rpm, g, as everywhere in racecraft.
 */
export const ITEM_KINDS = ['track', 'car', 'reference'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A corner of a track model. `number` is stable across versions: it is what reports call "T7". */
export type TrackCorner = {
  readonly number: number;
  readonly name?: string;
  readonly direction: 'left' | 'right';
  /** m, lap distances where the corner starts, has its apex and ends. */
  readonly start: number;
  readonly apex: number;
  readonly end: number;
};

export type TrackItem = {
  readonly game: string;
  /** The game's track key as a key component (see toKeyComponent), e.g. 'monza', 'ks_monza:full'. */
  readonly key: string;
  readonly name: string;
  /** m, the lap length. */
  readonly length: number;
  /** The decimated centerline: lap distance `s` (m, increasing) and world position x, y (m). */
  readonly centerline: { readonly s: readonly number[]; readonly x: readonly number[]; readonly y: readonly number[] };
  /** m, lap distances where sectors 2, 3, ... start. */
  readonly sectors: readonly number[];
  readonly corners: readonly TrackCorner[];
};

/** Grip envelope: a g-g-V table, g reached at `percentile` per speed bin and direction bin. */
export type GripEnvelope = {
  /** 0 < p <= 100; the envelope is a percentile, not a hull (one spike does not define it). */
  readonly percentile: number;
  /** m/s, bin edges: speed bin i is [speedEdges[i], speedEdges[i+1]). */
  readonly speedEdges: readonly number[];
  /** Direction bins evenly around the g-g circle, bin 0 centred on pure acceleration, counter-clockwise. */
  readonly angleBins: number;
  /** g, [speed bin][angle bin]; null where too few samples fell in the bin. */
  readonly g: readonly (readonly (number | null)[])[];
};

export type ShiftPoint = {
  /** The gear shifted out of. */
  readonly gear: number;
  /** rpm at which to shift up. */
  readonly rpm: number;
  /** m/s at the shift, when known. */
  readonly speed?: number;
};

export type CarItem = {
  readonly game: string;
  readonly key: string;
  readonly name: string;
  /** Number of forward gears. */
  readonly gears: number;
  /** rpm at the limiter. */
  readonly maxRpm?: number;
  readonly shiftPoints: readonly ShiftPoint[];
  readonly gripEnvelope: GripEnvelope;
};

/**
 * A reference lap resampled on the 1 m grid: sample i is at lap distance i metres. A sample a
 * channel lacks is null (JSON has no NaN). `lapTime` and `speed` are required: a delta against
 * the reference needs time and speed at each metre.
 */
export type ReferenceItem = {
  readonly game: string;
  /** Track key component (the TrackItem.key it belongs to). */
  readonly track: string;
  /** Car key component. */
  readonly car: string;
  /** The driver's display name (free text). */
  readonly driver: string;
  /** s, the lap time. */
  readonly lapTime: number;
  readonly trackName?: string;
  readonly carName?: string;
  /** ISO 8601 time the lap was driven. */
  readonly recordedAt?: string;
  readonly channels: { readonly [K in ChannelName]?: readonly (number | null)[] };
};

export type LibraryItem = TrackItem | CarItem | ReferenceItem;

export { driverSlug, GAME_PATTERN, isLibraryKey, itemKey, KEY_COMPONENT_PATTERN, LIBRARY_KEY_PATTERN, toKeyComponent } from './keys.js';
export type ItemOfKind<K extends ItemKind> = K extends 'track' ? TrackItem : K extends 'car' ? CarItem : ReferenceItem;

/** Content address of an item: sha256 of its canonical JSON, and that JSON. */
export function itemContent(item: LibraryItem): { id: string; body: string } {
  const body = canonicalJson(item);
  return { id: sha256Hex(body), body };
}

/** The columns a library indexes an item by (filters, search, listings). */
export type ItemFacts = { game: string; track: string | null; name: string; lapTime: number | null };

export function itemFacts(kind: ItemKind, item: LibraryItem): ItemFacts {
  switch (kind) {
    case 'track': {
      const t = item as TrackItem;
      return { game: t.game, track: t.key, name: t.name, lapTime: null };
    }
    case 'car': {
      const c = item as CarItem;
      return { game: c.game, track: null, name: c.name, lapTime: null };
    }
    case 'reference': {
      const r = item as ReferenceItem;
      return { game: r.game, track: r.track, name: `${r.driver} (${r.carName ?? r.car})`, lapTime: r.lapTime };
    }
  }
}

// ---- validation ----------------------------------------------------------------------------

/** Upper bounds that keep one item a reasonable request (the longest circuits are ~25 km). */
export const LIMITS = {
  maxLengthM: 30_000,
  maxCenterlinePoints: 20_000,
  maxGridSamples: 30_001,
  maxCorners: 100,
  maxSectors: 20,
  maxGears: 12,
  maxRpm: 30_000,
  maxSpeed: 150,
  maxG: 10,
  maxSpeedBins: 100,
  maxAngleBins: 72,
  maxText: 120,
} as const;

const text = (value: unknown, path: string): string => expectString(value, path, { max: LIMITS.maxText });
const game = (value: unknown, path: string): string =>
  expectString(value, path, { max: 32, pattern: GAME_PATTERN, patternHint: 'lower-case letters, digits, _ and -' });
const COMPONENT_HINT = 'letters, digits and _ . : + -, starting with a letter or digit, at most 64';
const component = (value: unknown, path: string): string =>
  expectString(value, path, { max: 64, pattern: KEY_COMPONENT_PATTERN, patternHint: COMPONENT_HINT });
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export function validateTrack(value: unknown, path = 'item'): TrackItem {
  const o = expectObject(value, path, ['game', 'key', 'name', 'length', 'centerline', 'sectors', 'corners']);
  game(o['game'], `${path}.game`);
  component(o['key'], `${path}.key`);
  text(o['name'], `${path}.name`);
  const length = expectNumber(o['length'], `${path}.length`, { above: 0, max: LIMITS.maxLengthM });

  const c = expectObject(o['centerline'], `${path}.centerline`, ['s', 'x', 'y']);
  const s = expectNumberArray(c['s'], `${path}.centerline.s`, 2, LIMITS.maxCenterlinePoints, { min: 0, max: length });
  expectIncreasing(s, `${path}.centerline.s`);
  const x = expectNumberArray(c['x'], `${path}.centerline.x`, s.length, s.length);
  expectNumberArray(c['y'], `${path}.centerline.y`, x.length, x.length);

  const sectors = expectNumberArray(o['sectors'], `${path}.sectors`, 0, LIMITS.maxSectors, { above: 0, max: length });
  expectIncreasing(sectors, `${path}.sectors`);

  const corners = expectArray(o['corners'], `${path}.corners`, 0, LIMITS.maxCorners);
  const numbers = new Set<number>();
  corners.forEach((corner, i) => {
    const p = `${path}.corners[${i}]`;
    const k = expectObject(corner, p, ['number', 'direction', 'start', 'apex', 'end'], ['name']);
    const n = expectNumber(k['number'], `${p}.number`, { integer: true, min: 1, max: 999 });
    if (numbers.has(n)) fail(`${p}.number`, `corner ${n} appears twice (numbers must be unique)`);
    numbers.add(n);
    if (k['name'] !== undefined) text(k['name'], `${p}.name`);
    expectEnum(k['direction'], `${p}.direction`, ['left', 'right'] as const);
    const start = expectNumber(k['start'], `${p}.start`, { min: 0, max: length });
    const apex = expectNumber(k['apex'], `${p}.apex`, { min: 0, max: length });
    const end = expectNumber(k['end'], `${p}.end`, { min: 0, max: length });
    // A corner may straddle the start/finish line (start > end); otherwise the apex lies inside it.
    if (start <= end && (apex < start || apex > end)) fail(`${p}.apex`, `must lie between start ${start} and end ${end}, got ${apex}`);
  });
  return value as TrackItem;
}

export function validateCar(value: unknown, path = 'item'): CarItem {
  const o = expectObject(value, path, ['game', 'key', 'name', 'gears', 'shiftPoints', 'gripEnvelope'], ['maxRpm']);
  game(o['game'], `${path}.game`);
  component(o['key'], `${path}.key`);
  text(o['name'], `${path}.name`);
  const gears = expectNumber(o['gears'], `${path}.gears`, { integer: true, min: 1, max: LIMITS.maxGears });
  if (o['maxRpm'] !== undefined) expectNumber(o['maxRpm'], `${path}.maxRpm`, { above: 0, max: LIMITS.maxRpm });

  const shifts = expectArray(o['shiftPoints'], `${path}.shiftPoints`, 0, LIMITS.maxGears);
  let previousGear = 0;
  shifts.forEach((shift, i) => {
    const p = `${path}.shiftPoints[${i}]`;
    const k = expectObject(shift, p, ['gear', 'rpm'], ['speed']);
    const gear = expectNumber(k['gear'], `${p}.gear`, { integer: true, min: 1, max: Math.max(1, gears - 1) });
    if (gear <= previousGear) fail(`${p}.gear`, `gears must be listed once each, in ascending order (after ${previousGear}, got ${gear})`);
    previousGear = gear;
    expectNumber(k['rpm'], `${p}.rpm`, { above: 0, max: LIMITS.maxRpm });
    if (k['speed'] !== undefined) expectNumber(k['speed'], `${p}.speed`, { min: 0, max: LIMITS.maxSpeed });
  });

  const gp = `${path}.gripEnvelope`;
  const g = expectObject(o['gripEnvelope'], gp, ['percentile', 'speedEdges', 'angleBins', 'g']);
  expectNumber(g['percentile'], `${gp}.percentile`, { above: 0, max: 100 });
  const edges = expectNumberArray(g['speedEdges'], `${gp}.speedEdges`, 2, LIMITS.maxSpeedBins + 1, { min: 0, max: LIMITS.maxSpeed });
  expectIncreasing(edges, `${gp}.speedEdges`);
  const bins = expectNumber(g['angleBins'], `${gp}.angleBins`, { integer: true, min: 1, max: LIMITS.maxAngleBins });
  const rows = expectArray(g['g'], `${gp}.g`, edges.length - 1, edges.length - 1);
  rows.forEach((row, i) => {
    const cells = expectArray(row, `${gp}.g[${i}]`, bins, bins);
    cells.forEach((cell, j) => {
      if (cell !== null) expectNumber(cell, `${gp}.g[${i}][${j}]`, { min: 0, max: LIMITS.maxG });
    });
  });
  return value as CarItem;
}

/** Channels every reference lap must carry. */
export const REFERENCE_REQUIRED_CHANNELS: readonly ChannelName[] = ['lapTime', 'speed'];

export function validateReference(value: unknown, path = 'item'): ReferenceItem {
  const o = expectObject(value, path, ['game', 'track', 'car', 'driver', 'lapTime', 'channels'], ['trackName', 'carName', 'recordedAt']);
  game(o['game'], `${path}.game`);
  component(o['track'], `${path}.track`);
  component(o['car'], `${path}.car`);
  text(o['driver'], `${path}.driver`);
  expectNumber(o['lapTime'], `${path}.lapTime`, { min: MIN_LAP_TIME_S, max: MAX_LAP_TIME_S });
  if (o['trackName'] !== undefined) text(o['trackName'], `${path}.trackName`);
  if (o['carName'] !== undefined) text(o['carName'], `${path}.carName`);
  if (o['recordedAt'] !== undefined) {
    const at = expectString(o['recordedAt'], `${path}.recordedAt`, { max: 40, pattern: ISO_TIME, patternHint: 'an ISO 8601 time such as 2025-05-01T14:03:00Z' });
    if (Number.isNaN(Date.parse(at))) fail(`${path}.recordedAt`, `${JSON.stringify(at)} is not a valid time`);
  }

  const cp = `${path}.channels`;
  const channels = expectObject(o['channels'], cp, REFERENCE_REQUIRED_CHANNELS, Object.keys(CHANNELS));
  let samples = -1;
  for (const [name, column] of Object.entries(channels)) {
    if (!isChannelName(name)) fail(`${cp}.${name}`, 'unknown channel');
    const values = expectArray(column, `${cp}.${name}`, 2, LIMITS.maxGridSamples);
    if (samples === -1) samples = values.length;
    else if (values.length !== samples) fail(`${cp}.${name}`, `has ${values.length} samples, other channels have ${samples} (one per metre)`);
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== null) expectNumber(values[i], `${cp}.${name}[${i}]`);
    }
  }
  // Time along the lap never runs backwards: a delta against such a reference would be nonsense.
  const time = channels['lapTime'] as (number | null)[];
  let last = 0;
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    if (t === null || t === undefined) continue;
    if (t < last) fail(`${cp}.lapTime[${i}]`, `lap time runs backwards (${t} after ${last})`);
    last = t;
  }
  return value as ReferenceItem;
}

/** Checks `value` against the schema of `kind`; throws ValidationError naming the first problem. */
export function validateItem<K extends ItemKind>(kind: K, value: unknown, path = 'item'): ItemOfKind<K> {
  switch (kind) {
    case 'track':
      return validateTrack(value, path) as ItemOfKind<K>;
    case 'car':
      return validateCar(value, path) as ItemOfKind<K>;
    default:
      return validateReference(value, path) as ItemOfKind<K>;
  }
}

// ---- the push envelope -----------------------------------------------------------------------

/** Body of POST /v1/items. `baseVersion` 0 or absent: "this key is new to me". */
export type PushBody = { kind: ItemKind; key: string; baseVersion: number; item: LibraryItem };

export function validatePushBody(value: unknown): PushBody {
  const o = expectObject(value, 'body', ['kind', 'item'], ['key', 'baseVersion']);
  const kind = expectEnum(o['kind'], 'body.kind', ITEM_KINDS);
  const baseVersion = o['baseVersion'] === undefined ? 0 : expectNumber(o['baseVersion'], 'body.baseVersion', { integer: true, min: 0, max: 2 ** 31 });
  if (o['key'] !== undefined) expectString(o['key'], 'body.key', { max: 300, pattern: LIBRARY_KEY_PATTERN, patternHint: 'game/component[/component...]' });
  const item = validateItem(kind, o['item'], 'body.item');
  const key = itemKey(kind, item);
  if (o['key'] !== undefined && o['key'] !== key) fail('body.key', `${JSON.stringify(o['key'])} does not match the item, whose key is ${JSON.stringify(key)}`);
  return { kind, key, baseVersion, item };
}
