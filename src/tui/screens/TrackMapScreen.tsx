import { Box, Text } from 'ink';
import type { CornerSummary, TrackSummary } from '../../engine/analysis/index.js';
import type { TelemetryFrame } from '../../engine/model/index.js';
import { MarkedLines } from '../components/Lines.js';
import { formatDistance, type Units } from '../render/format.js';
import { CAR_MARK, START_MARK, renderTrackMap, type PlanPoint } from '../render/track-map.js';

export type TrackMapScreenProps = {
  readonly title: string;
  /** The analysed track (map line, length); undefined before the first complete lap. */
  readonly track: TrackSummary | undefined;
  readonly corners: readonly CornerSummary[];
  /** The earlier session the track comes from, when this one has no complete lap yet. */
  readonly from?: number;
  /** The car's latest frame (live only). */
  readonly car: TelemetryFrame | undefined;
  /** Frames of the lap in progress: the line drawn so far when there is no track model yet. */
  readonly lapFrames: readonly TelemetryFrame[];
  readonly note: string;
  readonly units: Units;
  readonly width: number;
  readonly height: number;
};

/** A point of the map line at lap distance `d` (the map has one point every `mapStep` m from the line). */
export function mapPointAt(track: TrackSummary, d: number): PlanPoint | undefined {
  const n = track.map.x.length;
  if (n === 0 || !Number.isFinite(d)) return undefined;
  const i = ((Math.round(d / track.mapStep) % n) + n) % n;
  return { x: track.map.x[i]!, y: track.map.y[i]! };
}

/** The map's plan point for a frame: by its lap distance when it has one, else its world position. */
export function carPoint(track: TrackSummary, frame: TelemetryFrame): PlanPoint | undefined {
  if (frame.lapDistance !== undefined && frame.lapDistance >= 0) return mapPointAt(track, frame.lapDistance);
  const b = frame.posZ ?? frame.posY;
  if (frame.posX === undefined || b === undefined) return undefined;
  return { x: frame.posX, y: track.mirrored ? -b : b };
}

/** Track map: the track in Braille, corners numbered, the car where it is now. */
export function TrackMapScreen({ title, track, corners, from, car, lapFrames, note, units, width, height }: TrackMapScreenProps) {
  const legend = width >= 70 ? 24 : 0;
  const mapWidth = width - legend - 1;
  const mapRows = Math.max(4, height - 2);
  let lines: string[];
  let caption: string;
  if (track) {
    const path = track.map.x.map((x, i) => ({ x, y: track.map.y[i]! }));
    const numbered = corners.flatMap((c) => {
      const p = mapPointAt(track, c.apex);
      return p ? [{ ...p, number: c.number }] : [];
    });
    const carAt = car ? carPoint(track, car) : undefined;
    const start = path[0];
    lines = renderTrackMap({ path, closed: true, corners: numbered, ...(carAt ? { car: carAt } : {}), ...(start ? { start } : {}) }, mapWidth, mapRows);
    caption = `${formatDistance(track.length, units)} · ${corners.length} corners · ${START_MARK} start/finish${car ? ` · ${CAR_MARK} car` : ''}${from !== undefined ? ` · map from session ${from}` : ''}`;
  } else {
    const path = lapFrames.filter((f) => f.posX !== undefined && (f.posZ ?? f.posY) !== undefined).map((f) => ({ x: f.posX!, y: (f.posZ ?? f.posY)! }));
    const last = path[path.length - 1];
    lines = renderTrackMap({ path, closed: false, ...(last ? { car: last } : {}) }, mapWidth, mapRows);
    caption = path.length > 1 ? 'the line driven so far (the map is built after the first complete lap)' : note;
  }
  return (
    <Box flexDirection="column" minHeight={height} flexShrink={0}>
      <Text bold wrap="truncate">
        {title}
      </Text>
      <Box>
        <Box width={mapWidth + 1}>
          <MarkedLines lines={lines} marks={{ [CAR_MARK]: 'red', [START_MARK]: 'yellow' }} />
        </Box>
        {legend > 0 && track ? (
          <Box flexDirection="column" width={legend}>
            {corners.slice(0, mapRows).map((c) => (
              <Text key={c.number} wrap="truncate">
                <Text color="cyan">{`T${c.number}`.padEnd(4)}</Text>
                <Text>{`${c.direction === 'L' ? 'left ' : 'right'} ${formatDistance(c.apex, units).padStart(7)}`}</Text>
              </Text>
            ))}
            {car?.lapDistance !== undefined ? <Text color="red" wrap="truncate">{`car ${formatDistance(car.lapDistance, units)}`}</Text> : null}
          </Box>
        ) : null}
      </Box>
      <Text dimColor wrap="truncate">
        {caption}
      </Text>
    </Box>
  );
}
