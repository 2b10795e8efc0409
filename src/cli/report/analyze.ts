/**
 * Calls into the analysis engine for the commands, turning the engine's "cannot analyse this"
 * (RangeError on programmer-level preconditions such as an incomplete lap) into one-line
 * UserErrors that say which lap and what to do.
 */
import type { CornerCatalog, LapComparison, LapInput, ReferenceLap } from '../../engine/analysis/index.js';
// The module itself, not the index: a lap report does not load the session analysis.
import { analyzeLap } from '../../engine/analysis/lap-comparison.js';
import type { SessionInfo } from '../../engine/model/index.js';
import { UserError } from '../errors.js';

const PICK_HINT = 'pick a complete lap (see `racecraft laps`)';

/** What a lap is called in messages: "lap 12 of session 3". */
export type LapName = (input: LapInput) => string;

/** analyzeLap with user-facing errors. */
export function compareLaps(lap: LapInput, reference: LapInput | ReferenceLap, session: SessionInfo, corners: CornerCatalog | undefined, name: LapName): LapComparison {
  try {
    return analyzeLap(corners === undefined ? { lap, reference, session } : { lap, reference, session, corners });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = error.message;
    if (/reference does not run line to line/.test(message)) {
      const what = 'trace' in reference ? `${name(reference)} (${reference.lap.category})` : 'the reference lap';
      throw new UserError(`${what} cannot be the reference: it does not run from line to line`, PICK_HINT);
    }
    if (/does not run line to line/.test(message)) {
      throw new UserError(`${name(lap)} (${lap.lap.category}) cannot be analysed: it does not run from line to line`, PICK_HINT);
    }
    if (/no lap distance/.test(message)) {
      // The engine measures distance along a complete lap's path when the game sends none (GT7, Forza, AC without its handshake).
      throw new UserError(`${name(lap)} (${lap.lap.category}) cannot be analysed: the game sent no lap distance and no complete lap to measure one on`, PICK_HINT);
    }
    throw new UserError(`${name(lap)} cannot be analysed: ${message.replace(/^analyzeLap: /, '')}`);
  }
}

