import { Box, Text } from 'ink';
import type { GripEnvelope, ShiftAnalysis } from '../../engine/analysis/index.js';
import { Lines, MarkedLines } from '../components/Lines.js';
import { formatRpm, formatSpeed, speedUnit, type Units } from '../render/format.js';
import { renderGGPlot, type GPoint } from '../render/gg-plot.js';
import { renderTable } from '../render/table.js';

export type CarScreenProps = {
  readonly title: string;
  readonly shifts: ShiftAnalysis | undefined;
  readonly grip: GripEnvelope | undefined;
  /** g samples with speed (m/s), drawn as dots in the band shown. */
  readonly samples: readonly (GPoint & { readonly speed: number })[];
  /** Speed band index of the envelope; undefined = all speeds. */
  readonly band: number | undefined;
  /** The earlier session the shift points / the envelope come from, while this one has none yet. */
  readonly shiftsFrom?: number;
  readonly gripFrom?: number;
  readonly note: string;
  readonly units: Units;
  readonly width: number;
  readonly height: number;
};

const SHIFT_COLUMNS = [
  { header: 'GEAR', align: 'right' as const },
  { header: 'SHIFT AT', align: 'right' as const },
  { header: 'SPEED', align: 'right' as const },
  { header: 'BASIS' },
  { header: 'YOU', align: 'right' as const },
  { header: 'N', align: 'right' as const },
  { header: 'LOST', align: 'right' as const },
];

/** Columns the envelope's lines need ("98th percentile of 16704 samples · ←→ speed band"). */
const GRIP_TEXT_WIDTH = 48;

/** The shift table: per gear, the computed upshift point against what the driver did. */
export function shiftTableLines(shifts: ShiftAnalysis, units: Units, width: number): string[] {
  const rows = shifts.gears.map((g) => [
    `${g.gear}→${g.gear + 1}`,
    g.optimalRpm === null ? '–' : formatRpm(g.optimalRpm),
    g.optimalSpeed === null ? '–' : `${formatSpeed(g.optimalSpeed, units)} ${speedUnit(units)}`,
    g.basis,
    g.medianShiftRpm === null ? '–' : formatRpm(g.medianShiftRpm),
    String(g.shifts),
    `${g.timeLost.toFixed(2)} s`,
  ]);
  return renderTable(SHIFT_COLUMNS, rows, width);
}

/** The envelope radius per angle bin for a speed band, or the largest over all bands. */
export function envelopeRow(grip: GripEnvelope, band: number | undefined): (number | null)[] {
  if (band !== undefined) return [...(grip.radius[band] ?? [])];
  const n = grip.radius[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => {
    let best: number | null = null;
    for (const row of grip.radius) {
      const r = row[j];
      if (r !== null && r !== undefined && (best === null || r > best)) best = r;
    }
    return best;
  });
}

/** Speed bands of the envelope that have data. */
export function bandsWithData(grip: GripEnvelope): number[] {
  return grip.radius.flatMap((row, i) => (row.some((r) => r !== null) ? [i] : []));
}

/** Car: shift points per gear and the grip envelope as a g-g plot. */
export function CarScreen({ title, shifts, grip, samples, band, shiftsFrom, gripFrom, note, units, width, height }: CarScreenProps) {
  const side = width >= 76;
  // Beside the plot, the text keeps its full width (every shift column, the envelope's figures
  // whole) and the plot shrinks instead: at 80 columns it is 20x10 cells.
  const textWidth = Math.max(GRIP_TEXT_WIDTH, shifts ? Math.max(...shiftTableLines(shifts, units, width).map((l) => [...l].length)) : 0);
  const room = Math.floor((width - 3 - textWidth) / 2);
  const plotRows = Math.max(6, Math.min(side ? Math.min(height - 3, room) : height - 12, 16));
  const plotColumns = plotRows * 2;
  const tableWidth = side ? width - plotColumns - 3 : width;
  const table = shifts ? shiftTableLines(shifts, units, tableWidth) : [];
  const bandLabel =
    grip === undefined
      ? ''
      : band === undefined
        ? 'all speeds'
        : `${formatSpeed(band * grip.speedBinWidth, units)}–${formatSpeed((band + 1) * grip.speedBinWidth, units)} ${speedUnit(units)}`;
  const inBand = grip && band !== undefined ? samples.filter((s) => s.speed >= band * grip.speedBinWidth && s.speed < (band + 1) * grip.speedBinWidth) : samples;
  let maxG = 2;
  if (grip) for (const row of grip.radius) for (const r of row) if (r !== null && r > maxG) maxG = Math.ceil(r);
  const plot = grip ? renderGGPlot({ envelope: envelopeRow(grip, band), samples: inBand, maxG }, plotColumns, plotRows) : [];
  const at = (values: readonly (number | null)[]) => {
    if (band !== undefined) return values[band] ?? null;
    return values.reduce<number | null>((m, v) => (v !== null && (m === null || v > m) ? v : m), null);
  };
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text bold wrap="truncate">
        {title}
      </Text>
      <Box flexDirection={side ? 'row' : 'column'} gap={side ? 2 : 0}>
        <Box flexDirection="column" width={tableWidth}>
          <Text bold wrap="truncate">{`Shift points${fromSession(shiftsFrom)}`}</Text>
          {shifts ? (
            <>
              <Lines lines={[table[0]!]} dim />
              <Lines lines={table.slice(1)} />
              <Text dimColor wrap="truncate">{`limiter seen at ${formatRpm(shifts.maxRpm)} rpm`}</Text>
            </>
          ) : (
            <Text dimColor>{note}</Text>
          )}
          {grip ? (
            <Box flexDirection="column" marginTop={1}>
              <Text bold wrap="truncate">{`Grip envelope · ${bandLabel}${fromSession(gripFrom)}`}</Text>
              <Text wrap="truncate">{`lateral ${fmtG(at(grip.maxLateral))}  braking ${fmtG(at(grip.maxBraking))}  traction ${fmtG(at(grip.maxTraction))}`}</Text>
              <Text dimColor wrap="truncate">{`${Math.round(grip.percentile * 100)}th percentile of ${grip.samples} samples · ←→ speed band`}</Text>
            </Box>
          ) : null}
        </Box>
        {grip ? (
          <Box flexDirection="column" width={plotColumns}>
            <Text dimColor wrap="truncate">{plotLabel(maxG, plotColumns)}</Text>
            <MarkedLines lines={plot} marks={{}} />
          </Box>
        ) : null}
      </Box>
    </Box>
  );
}

/** The g-g plot's caption, in the plot's width (a wider caption would squeeze the shift table). */
function plotLabel(maxG: number, columns: number): string {
  const full = `g-g  (±${maxG} g, up = traction)`;
  return full.length <= columns ? full : `g-g ±${maxG} g, ↑ traction`;
}

function fromSession(id: number | undefined): string {
  return id === undefined ? '' : ` · from session ${id}`;
}

function fmtG(g: number | null): string {
  return g === null ? '–' : `${g.toFixed(2)} g`;
}
