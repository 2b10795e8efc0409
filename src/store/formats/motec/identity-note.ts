import { GAME_IDS, type GameId, type SessionInfo } from '../../../engine/model/index.js';

/**
 * The event comment of a racecraft .ld: a line for people ("exported by racecraft from f1") and,
 * after it, the session's identity as JSON, so a log exported and imported back is the same game,
 * track and car again (personal bests, corner numbers and the track's shape carry over) rather
 * than an anonymous 'motec' session. MoTeC i2 shows the comment as text and ignores the rest.
 *
 * The field is 1024 latin-1 bytes: non-ASCII is written as \u escapes (JSON reads them back),
 * and a note that would not fit drops the optional fields before the keys.
 */
const PREFIX = 'exported by racecraft from ';
const COMMENT_BYTES = 1024;

/** The SessionInfo fields worth carrying, in the order they are dropped last to first. */
const CARRIED = ['game', 'trackKey', 'carKey', 'trackLength', 'sectorStarts', 'trackName', 'carName', 'sessionType', 'maxRpm', 'gearCount'] as const;
type Carried = (typeof CARRIED)[number];

export function identityNote(session: SessionInfo): string {
  for (let keep = CARRIED.length; keep >= 1; keep--) {
    const picked: Partial<Record<Carried, unknown>> = {};
    for (const key of CARRIED.slice(0, keep)) if (session[key] !== undefined) picked[key] = session[key];
    const text = `${PREFIX}${session.game} ${asciiJson(picked)}`;
    if (text.length <= COMMENT_BYTES) return text;
  }
  return `${PREFIX}${session.game}`;
}

/** The identity a racecraft .ld carries in its event comment; undefined for every other log. */
export function readIdentityNote(comment: string | undefined): Partial<SessionInfo> | undefined {
  if (comment === undefined || !comment.startsWith(PREFIX)) return undefined;
  const brace = comment.indexOf('{');
  if (brace < 0) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(comment.slice(brace));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const out: { -readonly [K in Carried]?: SessionInfo[K] } = {};
  if (typeof r['game'] === 'string' && (GAME_IDS as readonly string[]).includes(r['game'])) out.game = r['game'] as GameId;
  for (const key of ['trackKey', 'carKey', 'trackName', 'carName', 'sessionType'] as const) if (typeof r[key] === 'string' && r[key] !== '') out[key] = r[key];
  for (const key of ['trackLength', 'maxRpm', 'gearCount'] as const) if (typeof r[key] === 'number' && Number.isFinite(r[key]) && r[key] > 0) out[key] = r[key];
  const sectors = r['sectorStarts'];
  if (Array.isArray(sectors) && sectors.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) out.sectorStarts = sectors as number[];
  return out;
}

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
