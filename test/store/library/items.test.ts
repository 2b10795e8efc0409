import { describe, expect, it } from 'vitest';
import { canonicalJson, contentId, sha256Hex } from '../../../src/store/library/canonical.js';
import {
  driverSlug,
  isLibraryKey,
  itemContent,
  itemKey,
  toKeyComponent,
  validateCar,
  validateItem,
  validatePushBody,
  validateReference,
  validateTrack,
} from '../../../src/store/library/items.js';
import { referenceItemFromGrid, referenceToTrace } from '../../../src/store/library/reference.js';
import { ValidationError } from '../../../src/store/library/validate.js';
import { circleTrack, constantSpeedReference, sampleCar } from './fixtures.js';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('canonical JSON', () => {
  it('sorts keys, drops whitespace and undefined, writes -0 as 0', () => {
    expect(canonicalJson({ b: [true, null, 'x'], a: 1, c: undefined })).toBe('{"a":1,"b":[true,null,"x"]}');
    expect(canonicalJson({ z: { y: 2, x: -0 }, 'é': 'ü\n' })).toBe('{"z":{"x":0,"y":2},"é":"ü\\n"}');
    expect(canonicalJson([1e21, 1e-7, 0.1 + 0.2, 5.0])).toBe('[1e+21,1e-7,0.30000000000000004,5]');
  });

  it('hashes to the sha256 of those exact bytes (as sha256sum computes them)', () => {
    expect(contentId({ b: [true, null, 'x'], a: 1 })).toBe('eca8cfb31ab74533e1eb2f4c74d2d55dfe3c79ac704787e54be8647ea7777eb1');
    expect(sha256Hex('{"game":"demo","key":"k"}')).toBe('2305f946e903b88df227b1d7b370667fb05d178c3f0ce292c5f9822d5c266bb2');
  });

  it('is independent of property order and reparses to an equal value', () => {
    const a = circleTrack('ring');
    const shuffled = JSON.parse(JSON.stringify({ corners: a.corners, sectors: a.sectors, centerline: a.centerline, length: a.length, name: a.name, key: a.key, game: a.game }));
    expect(canonicalJson(shuffled)).toBe(canonicalJson(a));
    expect(JSON.parse(canonicalJson(a))).toEqual(a);
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('$.a: NaN has no JSON form');
    expect(() => canonicalJson([Infinity])).toThrow('$[0]: Infinity has no JSON form');
  });
});

describe('item schemas', () => {
  it('accept the three kinds as made by the fixtures', () => {
    expect(validateTrack(circleTrack())).toBeTruthy();
    expect(validateCar(sampleCar())).toBeTruthy();
    expect(validateReference(constantSpeedReference())).toBeTruthy();
  });

  it('name the first problem with its path', () => {
    const track = circleTrack();
    expect(problem(() => validateTrack({ ...track, length: '1256' }))).toBe('item.length: expected a finite number, got the string "1256"');
    expect(problem(() => validateTrack({ ...track, extra: 1 }))).toBe('item.extra: unknown property');
    expect(problem(() => validateTrack({ ...track, key: '../../etc/passwd' }))).toMatch(/^item\.key: "\.\.\/\.\.\/etc\/passwd" is not allowed here/);
    expect(problem(() => validateTrack({ ...track, name: 'a\u0000b' }))).toBe('item.name: must not contain control characters');
    const s = [...track.centerline.s];
    s[3] = s[2]!;
    expect(problem(() => validateTrack({ ...track, centerline: { ...track.centerline, s } }))).toBe('item.centerline.s[3]: must be greater than the previous value (20), got 20');
    expect(problem(() => validateTrack({ ...track, centerline: { ...track.centerline, y: track.centerline.y.slice(1) } }))).toMatch(/^item\.centerline\.y: needs at least 126 entries, got 125$/);
    const corners = [track.corners[0]!, { ...track.corners[1]!, number: 1 }];
    expect(problem(() => validateTrack({ ...track, corners }))).toBe('item.corners[1].number: corner 1 appears twice (numbers must be unique)');
    expect(problem(() => validateTrack({ ...track, corners: [{ ...track.corners[0]!, apex: 700 }] }))).toBe('item.corners[0].apex: must lie between start 10 and end 600, got 700');
    expect(problem(() => validateCar({ ...sampleCar(), gears: 6.5 }))).toBe('item.gears: expected a whole number, got 6.5');
    const car = sampleCar();
    expect(problem(() => validateCar({ ...car, gripEnvelope: { ...car.gripEnvelope, g: [[1, 1, 1, 1]] } }))).toBe('item.gripEnvelope.g: needs at least 3 entries, got 1');
    const ref = constantSpeedReference();
    expect(problem(() => validateReference({ ...ref, channels: { speed: ref.channels.speed } }))).toBe('item.channels.lapTime: is required');
    expect(problem(() => validateReference({ ...ref, channels: { ...ref.channels, rpm: [1, 2] } }))).toBe('item.channels.rpm: has 2 samples, other channels have 1257 (one per metre)');
    expect(problem(() => validateReference({ ...ref, channels: { ...ref.channels, boost: ref.channels.speed } }))).toBe('item.channels.boost: unknown property');
    const backwards = [...ref.channels.lapTime!];
    backwards[10] = 0;
    expect(problem(() => validateReference({ ...ref, channels: { ...ref.channels, lapTime: backwards } }))).toBe('item.channels.lapTime[10]: lap time runs backwards (0 after 0.225)');
    expect(problem(() => validateItem('reference', { ...ref, lapTime: 3 }))).toBe('item.lapTime: must be at least 10, got 3');
  });
});

describe('library keys', () => {
  it('derive from the item', () => {
    expect(itemKey('track', circleTrack('ring'))).toBe('demo/ring');
    expect(itemKey('car', sampleCar('gt3'))).toBe('demo/gt3');
    expect(itemKey('reference', constantSpeedReference('ring', 'Kimi Räikkönen'))).toBe('demo/ring/gt3/kimi-raikkonen');
  });

  it('make game keys safe components and refuse path tricks', () => {
    expect(toKeyComponent('ks_monza/full')).toBe('ks_monza:full');
    expect(toKeyComponent('../etc passwd')).toBe('etc-passwd');
    expect(driverSlug('  ')).toBe('driver');
    for (const bad of ['demo/../x', 'demo//x', '/demo/x', 'demo/x/', 'demo/.hidden', "demo/x' OR 1=1--", 'demo', 'Demo/x', 'demo/x%2F..']) {
      expect(isLibraryKey(bad), bad).toBe(false);
    }
    expect(isLibraryKey('f1/monza/mercedes/lewis')).toBe(true);
  });

  it('push bodies must name the key their item has', () => {
    const track = circleTrack('ring');
    expect(validatePushBody({ kind: 'track', item: track })).toMatchObject({ kind: 'track', key: 'demo/ring', baseVersion: 0 });
    expect(problem(() => validatePushBody({ kind: 'track', key: 'demo/other', item: track }))).toBe('body.key: "demo/other" does not match the item, whose key is "demo/ring"');
    expect(problem(() => validatePushBody({ kind: 'lap', item: track }))).toBe("body.kind: expected one of 'track', 'car', 'reference', got the string \"lap\"");
    expect(problem(() => validatePushBody({ kind: 'track', item: track, baseVersion: -1 }))).toBe('body.baseVersion: must be at least 0, got -1');
  });
});

describe('reference laps from grid columns', () => {
  it('rounds to the channel precision, turns NaN into null, and maps back to a Trace', () => {
    const speed = new Float32Array([12.3, 12.4, Number.NaN, 12.6]);
    const lapTime = new Float32Array([0, 0.0811, 0.1617, 0.2419]);
    const item = referenceItemFromGrid({ game: 'ac', track: 'ks_monza/full', car: 'bmw m4', driver: 'Me', lapTime: 107.2345, channels: { speed, lapTime }, recordedAt: Date.UTC(2025, 4, 1) });
    expect(item.track).toBe('ks_monza:full');
    expect(item.car).toBe('bmw-m4');
    expect(item.lapTime).toBe(107.235);
    expect(item.recordedAt).toBe('2025-05-01T00:00:00.000Z');
    expect(item.channels.speed).toEqual([12.3, 12.4, null, 12.6]);
    expect(item.channels.lapTime).toEqual([0, 0.081, 0.162, 0.242]);
    const trace = referenceToTrace(item);
    expect(trace.length).toBe(4);
    expect(Array.from(trace.distance)).toEqual([0, 1, 2, 3]);
    expect(trace.t[3]).toBe(0.242);
    expect(Number.isNaN(trace.channels.speed![2]!)).toBe(true);
    expect(itemContent(item).id).toMatch(/^[0-9a-f]{64}$/);
  });
});
