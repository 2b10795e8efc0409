import { Box, Text } from 'ink';
import type { CaptureCounters } from '../../engine/capture/frame-bus.js';
import type { SessionInfo, TelemetryFrame } from '../../engine/model/index.js';
import type { Lap } from '../../engine/model/lap.js';
import { renderBar } from '../render/bar.js';
import { formatClock, formatGear, formatSpeed, speedUnit, type Units } from '../render/format.js';

export type LiveScreenProps = {
  readonly frame: TelemetryFrame | undefined;
  readonly session: SessionInfo | undefined;
  readonly laps: readonly Lap[];
  readonly counters: CaptureCounters;
  readonly message: string | undefined;
  readonly units: Units;
  readonly width: number;
};

/** The first live screen: what a racer glances at — speed, gear, revs, pedals, lap times. */
export function LiveScreen({ frame, session, laps, counters, message, units, width }: LiveScreenProps) {
  const barWidth = Math.max(10, Math.min(60, width - 20));
  const maxRpm = session?.maxRpm ?? 12000;
  const rpmFraction = frame?.rpm === undefined ? 0 : frame.rpm / maxRpm;
  const best = bestValidTime(laps);
  const last = laps.length > 0 ? laps[laps.length - 1] : undefined;
  return (
    <Box flexDirection="column">
      <Text bold>
        {session?.trackName ?? session?.trackKey ?? 'waiting for the game…'}
        {session?.carName ? <Text dimColor>{`  ·  ${session.carName}`}</Text> : null}
      </Text>
      <Box marginTop={1} gap={4}>
        <Box flexDirection="column">
          <Text dimColor>speed</Text>
          <Text bold>{`${formatSpeed(frame?.speed, units).padStart(3)} ${speedUnit(units)}`}</Text>
        </Box>
        <Box flexDirection="column">
          <Text dimColor>gear</Text>
          <Text bold>{formatGear(frame?.gear)}</Text>
        </Box>
        <Box flexDirection="column">
          <Text dimColor>lap</Text>
          <Text bold>{frame ? String(frame.lap) : '–'}</Text>
        </Box>
      </Box>
      <Text>
        <Text dimColor>{'rpm      '}</Text>
        <Text color={rpmFraction > 0.95 ? 'red' : rpmFraction > 0.85 ? 'yellow' : 'green'}>{renderBar(rpmFraction, barWidth)}</Text>
        <Text>{` ${frame?.rpm === undefined ? '–' : Math.round(frame.rpm)}`}</Text>
      </Text>
      <Text>
        <Text dimColor>{'throttle '}</Text>
        <Text color="green">{renderBar(frame?.throttle ?? 0, barWidth)}</Text>
      </Text>
      <Text>
        <Text dimColor>{'brake    '}</Text>
        <Text color="red">{renderBar(frame?.brake ?? 0, barWidth)}</Text>
      </Text>
      <Box marginTop={1} gap={4}>
        <Text>{`current ${formatClock(frame?.lapTime)}`}</Text>
        <Text>{`last ${formatClock(last?.time)}`}</Text>
        <Text color="magenta">{`best ${formatClock(best)}`}</Text>
      </Box>
      <Box marginTop={1}>
        <Text dimColor>{`packets ${counters.packets}  frames ${counters.frames}  dropped ${counters.errors}  laps ${laps.length}`}</Text>
      </Box>
      {message ? <Text color="yellow">{message}</Text> : null}
      <Text dimColor>q quit (the recording is saved)</Text>
    </Box>
  );
}

function bestValidTime(laps: readonly Lap[]): number | undefined {
  let best: number | undefined;
  for (const lap of laps) if (lap.valid && lap.category === 'flying' && (best === undefined || lap.time < best)) best = lap.time;
  return best;
}
