import { describe, expect, it } from 'vitest';
import { LapClock, LapTimer } from '../../../../src/engine/games/common/lap-clock.js';

const ts = (reading: ReturnType<LapClock['advance']>): number | string => (reading.kind === 'stale' ? 'stale' : reading.t);

describe('LapClock', () => {
  it('adds completed laps to the lap time, closing laps with the game time when it comes with the boundary', () => {
    const clock = new LapClock();
    expect(ts(clock.advance(1, 212.24))).toBe(212.24);
    expect(ts(clock.advance(1, 344.672))).toBe(344.672);
    expect(clock.advance(2, 0.008, 344.684)).toEqual({ kind: 'tick', t: 344.684 + 0.008, newLap: true, exactClose: true });
  });

  it('closes with the last seen lap time and corrects it when the game time arrives later', () => {
    const clock = new LapClock();
    clock.advance(1, 89.98);
    const boundary = clock.advance(2, 0.01);
    expect(boundary).toMatchObject({ kind: 'tick', newLap: true, exactClose: false });
    expect(ts(boundary)).toBeCloseTo(89.99, 9);
    expect(clock.completeLap(90.0)).toBe(true);
    expect(ts(clock.advance(2, 0.03))).toBeCloseTo(90.03, 9);
    expect(clock.completeLap(90.0)).toBe(false); // only once
  });

  it('ignores an implausible game lap time (stale value from the lap before)', () => {
    const clock = new LapClock();
    clock.advance(3, 95.5);
    expect(clock.advance(4, 0.02, 91.0)).toMatchObject({ exactClose: false, t: 95.52 });
  });

  it('reports stale readings (paused, repeated, reordered) and resets on a restart', () => {
    const clock = new LapClock();
    clock.advance(2, 10);
    expect(clock.advance(2, 10)).toEqual({ kind: 'stale' });
    expect(clock.advance(2, 9.5)).toEqual({ kind: 'stale' }); // < 1 s back: a reordered packet
    expect(clock.advance(2, 3)).toEqual({ kind: 'reset', t: 3 }); // lap clock back: restart
    expect(clock.advance(1, 0.5)).toEqual({ kind: 'reset', t: 0.5 }); // lap counter back
  });
});

describe('LapTimer (lap clock + the game last-lap field in any order)', () => {
  it('same packet (AC, PC1): exact close, last lap shown from the boundary on', () => {
    const timer = new LapTimer();
    timer.observeLastLap(0);
    timer.tick(0, 100);
    expect(timer.lastLapTime).toBeUndefined();
    timer.observeLastLap(100.01);
    expect(timer.tick(1, 0.005)).toMatchObject({ t: 100.015, exactClose: true });
    expect(timer.lastLapTime).toBe(100.01);
  });

  it('late (PC2 time stats after the boundary): stale value hidden, then shown and t corrected', () => {
    const timer = new LapTimer();
    timer.observeLastLap(92.5); // lap 1's time, known when we start listening on lap 2
    timer.tick(2, 90.99);
    expect(timer.lastLapTime).toBe(92.5);
    expect(timer.tick(3, 0.01)).toMatchObject({ t: 91.0, exactClose: false });
    expect(timer.lastLapTime).toBeUndefined(); // 92.5 is lap 1's, not lap 2's
    timer.observeLastLap(91.003);
    expect(timer.lastLapTime).toBe(91.003);
    expect(timer.tick(3, 0.03)).toMatchObject({ t: 91.033 });
  });

  it('early (time stats just before our timings show the new lap): used to close the lap exactly', () => {
    const timer = new LapTimer();
    timer.tick(5, 88.7);
    timer.observeLastLap(88.72);
    expect(timer.tick(6, 0.01)).toMatchObject({ t: 88.73, exactClose: true });
    expect(timer.lastLapTime).toBe(88.72);
  });

  it('forgets the last lap of the old session on a reset', () => {
    const timer = new LapTimer();
    timer.observeLastLap(70);
    timer.tick(4, 30);
    expect(timer.tick(1, 0.1).kind).toBe('reset');
    expect(timer.lastLapTime).toBeUndefined();
  });
});
