/**
 * Event packet (id 3): a four-letter code and a union of details. Always 45 bytes.
 *
 * Spec (protocols.md §1.6): "m_eventStringCode = 4 ASCII bytes at 29..32 (SSTA, SEND, FTLP, RTMT, DRSE,
 * DRSD, TMPT, CHQF, RCWN, PENA, SPTP, STLG, LGOT, DTSV, SGSV, FLBK, BUTN, RDFL, OVTK, SCAR(24+), COLL(24+)).
 * Details union starts at 33; interpret per code only."
 *
 * | union member | fields (absolute packet offset)                                   |
 * |--------------|-------------------------------------------------------------------|
 * | Flashback    | uint32 flashbackFrameIdentifier @33; float flashbackSessionTime @37 |
 *
 * "Real packets also carry leftover bytes from earlier events beyond the fields of the current code —
 * ignore them."
 */
export const EVENT = {
  size: 45,
  eventStringCode: 29,
  details: 33,
  flashbackFrameIdentifier: 33,
  flashbackSessionTime: 37,
} as const;

/** Codes as little-endian u32 of their four ASCII bytes, so the hot path compares one integer. */
export function eventCodeValue(code: string): number {
  return (code.charCodeAt(0) | (code.charCodeAt(1) << 8) | (code.charCodeAt(2) << 16) | (code.charCodeAt(3) << 24)) >>> 0;
}

export const EVENT_CODES = {
  sessionStarted: 'SSTA',
  sessionEnded: 'SEND',
  flashback: 'FLBK',
} as const;

export const FLASHBACK_CODE = eventCodeValue(EVENT_CODES.flashback);

/** The event code at `base` as a u32 (compare with eventCodeValue). */
export function readEventCode(v: DataView, base: number): number {
  return v.getUint32(base + EVENT.eventStringCode, true);
}

/** The event code as text, for skip reasons ('?' for non-printable bytes). */
export function eventCodeText(code: number): string {
  let text = '';
  for (let i = 0; i < 4; i++) {
    const c = (code >>> (8 * i)) & 0xff;
    text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '?';
  }
  return text;
}

export type Flashback = {
  readonly frameIdentifier: number;
  /** s, the session time the game went back to. */
  readonly sessionTime: number;
};

export function readFlashback(v: DataView, base: number): Flashback {
  return {
    frameIdentifier: v.getUint32(base + EVENT.flashbackFrameIdentifier, true),
    sessionTime: v.getFloat32(base + EVENT.flashbackSessionTime, true),
  };
}

/** Writes the code (exactly four ASCII characters). */
export function writeEventCode(v: DataView, code: string): void {
  v.setUint32(EVENT.eventStringCode, eventCodeValue(code), true);
}

export function writeFlashback(v: DataView, f: Flashback): void {
  v.setUint32(EVENT.flashbackFrameIdentifier, f.frameIdentifier >>> 0, true);
  v.setFloat32(EVENT.flashbackSessionTime, f.sessionTime, true);
}
