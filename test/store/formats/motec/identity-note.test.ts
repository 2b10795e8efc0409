import { describe, expect, it } from 'vitest';
import { identityNote, readIdentityNote } from '../../../../src/store/formats/motec/identity-note.js';

describe('the identity a racecraft .ld carries in its event comment', () => {
  const session = { game: 'ac', trackKey: 'ac:nürburgring/gp', trackName: 'Nürburgring 日本', trackLength: 5137.5, sectorStarts: [1700, 3400], carKey: 'ac:ks_audi_r8', carName: 'Audi R8', sessionType: 'practice', maxRpm: 8500, gearCount: 6, driver: 'not carried' } as const;

  it('reads back what it wrote, non-Latin-1 names included (written as \\u escapes: the field is Latin-1)', () => {
    const note = identityNote(session);
    expect(note.startsWith('exported by racecraft from ac {')).toBe(true);
    expect(/^[\x20-\x7e]*$/.test(note)).toBe(true);
    const { driver: _driver, ...carried } = session;
    expect(readIdentityNote(note)).toEqual(carried);
  });

  it('fits 1024 bytes by dropping the optional fields first, keeping game, track and car keys', () => {
    const note = identityNote({ ...session, trackName: 'x'.repeat(2000) });
    expect(note.length).toBeLessThanOrEqual(1024);
    expect(readIdentityNote(note)).toEqual({ game: 'ac', trackKey: session.trackKey, carKey: session.carKey, trackLength: 5137.5, sectorStarts: [1700, 3400] });
  });

  it("ignores other loggers' comments, broken JSON and fields of the wrong type or an unknown game", () => {
    expect(readIdentityNote(undefined)).toBeUndefined();
    expect(readIdentityNote('Practice at Kyalami')).toBeUndefined();
    expect(readIdentityNote('exported by racecraft from f1')).toBeUndefined();
    expect(readIdentityNote('exported by racecraft from f1 {"game":')).toBeUndefined();
    expect(readIdentityNote('exported by racecraft from x {"game":"rfactor","trackKey":7,"trackLength":-1,"sectorStarts":["a"],"carKey":"k"}')).toEqual({ carKey: 'k' });
  });
});
