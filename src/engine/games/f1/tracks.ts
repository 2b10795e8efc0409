/**
 * F1 track ids (Session m_trackId, "see appendix" in the EA spec). The ids are stable across F1 23,
 * F1 24 and F1 25 (retired venues keep their numbers, hence the gaps); F1 25 added the reverse
 * layouts 39–41 and its 2026 season pack Madrid (42).
 */
export const F1_TRACKS: Readonly<Record<number, string>> = {
  0: 'Melbourne',
  1: 'Paul Ricard',
  2: 'Shanghai',
  3: 'Sakhir (Bahrain)',
  4: 'Catalunya',
  5: 'Monaco',
  6: 'Montreal',
  7: 'Silverstone',
  8: 'Hockenheim',
  9: 'Hungaroring',
  10: 'Spa',
  11: 'Monza',
  12: 'Singapore',
  13: 'Suzuka',
  14: 'Abu Dhabi',
  15: 'Texas',
  16: 'Brazil',
  17: 'Austria',
  18: 'Sochi',
  19: 'Mexico',
  20: 'Baku (Azerbaijan)',
  21: 'Sakhir Short',
  22: 'Silverstone Short',
  23: 'Texas Short',
  24: 'Suzuka Short',
  25: 'Hanoi',
  26: 'Zandvoort',
  27: 'Imola',
  28: 'Portimão',
  29: 'Jeddah',
  30: 'Miami',
  31: 'Las Vegas',
  32: 'Losail',
  39: 'Silverstone (Reverse)',
  40: 'Austria (Reverse)',
  41: 'Zandvoort (Reverse)',
  42: 'Madrid',
};

/** SessionInfo.trackKey of an F1 track id: 'f1:<trackId>'. */
export function f1TrackKey(trackId: number): string {
  return `f1:${trackId}`;
}

/** Readable name of an F1 track id, undefined when the id is not in the table. */
export function f1TrackName(trackId: number): string | undefined {
  return F1_TRACKS[trackId];
}

/**
 * The track id a SessionInfo points at: from a 'f1:<id>' key first, else by name; -1 (unknown)
 * when neither matches.
 */
export function f1TrackIdOf(trackKey: string | undefined, trackName: string | undefined): number {
  const match = trackKey === undefined ? null : /^f1:(-?\d+)$/.exec(trackKey);
  if (match?.[1] !== undefined) {
    const id = Number(match[1]);
    if (id >= -1 && id <= 127) return id;
  }
  if (trackName !== undefined) {
    const wanted = trackName.toLowerCase();
    for (const [id, name] of Object.entries(F1_TRACKS)) if (name.toLowerCase() === wanted) return Number(id);
  }
  return -1;
}
