import { describe, expect, it } from 'vitest';
import { initialState, workstationReducer, type WorkstationState } from '../../../src/tui/state/workstation.js';
import { listWindow } from '../../../src/tui/state/window.js';

describe('workstation reducer', () => {
  it('switches screens by number and by Tab, closing the help', () => {
    let s = initialState();
    s = workstationReducer(s, { type: 'help' });
    expect(s.help).toBe(true);
    s = workstationReducer(s, { type: 'go', screen: 'car' });
    expect(s).toMatchObject({ screen: 'car', help: false });
    s = workstationReducer(s, { type: 'cycle', by: 1 });
    expect(s.screen).toBe('library');
    s = workstationReducer(s, { type: 'cycle', by: 1 });
    expect(s.screen).toBe('live');
  });

  it('keeps cursors inside their lists', () => {
    let s = initialState();
    s = workstationReducer(s, { type: 'cursor', target: 'lap', by: -1, count: 5 });
    expect(s.lapCursor).toBe(0);
    s = workstationReducer(s, { type: 'cursor', target: 'lap', by: 10, count: 5 });
    expect(s.lapCursor).toBe(4);
    s = workstationReducer(s, { type: 'cursor', target: 'corner', by: 3, count: 12 });
    expect(s.cornerCursor).toBe(3);
    s = workstationReducer(s, { type: 'cursor', target: 'session', by: 1, count: 0 });
    expect(s.sessionCursor).toBe(0);
  });

  it('marks at most two laps to compare and unmarks on a second press', () => {
    let s: WorkstationState = { ...initialState(), screen: 'laps' };
    s = workstationReducer(s, { type: 'mark', lapId: 11 });
    expect(s).toMatchObject({ compare: [11], screen: 'laps' });
    // The second mark opens Compare; a third replaces the oldest.
    s = workstationReducer(s, { type: 'mark', lapId: 12 });
    expect(s).toMatchObject({ compare: [11, 12], screen: 'compare' });
    s = workstationReducer({ ...s, screen: 'laps' }, { type: 'mark', lapId: 13 });
    expect(s.compare).toEqual([12, 13]);
    s = workstationReducer({ ...s, screen: 'laps' }, { type: 'mark', lapId: 12 });
    expect(s).toMatchObject({ compare: [13], screen: 'laps' });
  });

  it('toggles the reference lap and says so', () => {
    let s = workstationReducer(initialState(), { type: 'reference', lapId: 7, label: 'lap 3' });
    expect(s).toMatchObject({ referenceLap: 7, message: 'reference: lap 3' });
    s = workstationReducer(s, { type: 'reference', lapId: 7, label: 'lap 3' });
    expect(s).toMatchObject({ referenceLap: undefined, message: 'reference back to the settings choice' });
  });

  it('opens a report on a lap and resets per-session choices when another session is viewed', () => {
    let s = workstationReducer(initialState({ screen: 'laps' }), { type: 'open-report', lapId: 42 });
    expect(s).toMatchObject({ screen: 'report', reportLap: 42, cornerCursor: 0 });
    s = workstationReducer({ ...s, compare: [1, 2], referenceLap: 3, browser: true, lapCursor: 4 }, { type: 'view-session', sessionId: 9 });
    expect(s).toMatchObject({ viewedSession: 9, browser: false, compare: [], referenceLap: undefined, lapCursor: 0, reportLap: undefined });
  });

  it('steps speed bands from all speeds through each band and back', () => {
    let s = initialState();
    s = workstationReducer(s, { type: 'band', by: 1, count: 3 });
    expect(s.speedBand).toBe(0);
    s = workstationReducer(s, { type: 'band', by: 5, count: 3 });
    expect(s.speedBand).toBe(2);
    s = workstationReducer(s, { type: 'band', by: -3, count: 3 });
    expect(s.speedBand).toBeUndefined();
  });

  it('toggles units', () => {
    expect(workstationReducer(initialState(), { type: 'units' }).units).toBe('imperial');
  });

  it('scrolls a list window around the cursor', () => {
    expect(listWindow(0, 50, 10)).toBe(0);
    expect(listWindow(25, 50, 10)).toBe(20);
    expect(listWindow(49, 50, 10)).toBe(40);
    expect(listWindow(3, 5, 10)).toBe(0);
  });
});

describe('live frame rate', () => {
  it('keeps cells redrawn per second constant: 8 for the live screen at 120x40, 13 at 80x24, between 6 and 30', async () => {
    const { liveFrameRate } = await import('../../../src/tui/state/frame-rate.js');
    // The Live screen draws 25 of 40 rows at 120x40 and 23 of 24 at 80x24.
    expect(liveFrameRate(120, 25)).toBe(8);
    expect(liveFrameRate(80, 23)).toBe(13);
    // The map redraws live too, over the whole terminal.
    expect(liveFrameRate(120, 39)).toBe(6);
    expect(liveFrameRate(300, 90)).toBe(6);
    expect(liveFrameRate(40, 10)).toBe(30);
    expect(liveFrameRate(60, 20)).toBe(20);
  });
});
