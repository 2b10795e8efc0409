/**
 * The plain-words lines a report prints when it rests on less than a whole lap or on a lap
 * distance the game did not send: which metres were not analysed, and where the length came
 * from. Shared by the lap report, the corner list and the session report.
 */
import { fmtDistance, type Units } from './units.js';

/** A lap analysed over [from, to] m of a lap `length` m long (null = the whole lap). */
export type AnalysedPart = { readonly from: number; readonly to: number } | null;

/** "samples begin 126 m after the line; the first 126 m are not analysed" (and the same for the end). */
export function partialLines(part: AnalysedPart, length: number | null, units: Units, what = 'samples'): string[] {
  if (part === null) return [];
  const lines: string[] = [];
  const unit = units.distanceUnit;
  // Below a metre the grid cannot tell a gap from rounding.
  if (part.from >= 1) lines.push(`${what} begin ${fmtDistance(units, part.from)} ${unit} after the line; the first ${fmtDistance(units, part.from)} ${unit} are not analysed`);
  if (length !== null && length - part.to >= 1) {
    const gap = length - part.to;
    lines.push(`${what} end ${fmtDistance(units, gap)} ${unit} before the line; the last ${fmtDistance(units, gap)} ${unit} are not analysed`);
  }
  return lines;
}

/** How the lap distance was obtained, when the game did not send it. */
export function distanceLines(source: string | null, length: number | null, units: Units): string[] {
  if (length === null) return [];
  if (source === 'progress') {
    return [
      `the game sent its position along the lap but no track length: length ${fmtDistance(units, length)} ${units.distanceUnit} estimated from the driven path over that position; distances are that position times the length`,
    ];
  }
  if (source !== 'projected') return [];
  return [
    `the game sent no lap distance: distances are measured along the driven line from the line where the lap ended; lap length ${fmtDistance(units, length)} ${units.distanceUnit} measured from it`,
  ];
}

/** Both kinds of note. */
export function partialNotes(part: AnalysedPart, length: number | null, source: string | null, units: Units): string[] {
  return [...distanceLines(source, length, units), ...partialLines(part, length, units)];
}
