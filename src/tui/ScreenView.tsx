import { Box, Text } from 'ink';
import type { MutableRefObject } from 'react';
import type { LapInput } from '../engine/analysis/index.js';
import type { SessionSummary } from '../store/index.js';
import type { LibraryRow } from './data/library-access.js';
import type { ActiveReference, ReferenceChoice } from './data/reference.js';
import { bestLap, type LapRow, type Result, type WorkstationData } from './data/workstation-data.js';
import type { GPoint } from './render/gg-plot.js';
import { bandsWithData, CarScreen } from './screens/CarScreen.js';
import { CompareScreen } from './screens/CompareScreen.js';
import { LapsScreen, SessionBrowser } from './screens/LapsScreen.js';
import { LibraryScreen } from './screens/LibraryScreen.js';
import { LiveScreen, type LivePaint } from './screens/LiveScreen.js';
import { ReportScreen } from './screens/ReportScreen.js';
import { TrackMapScreen } from './screens/TrackMapScreen.js';
import { titleOf, type LiveInput } from './state/live-view.js';
import type { WorkstationState } from './state/workstation.js';

export type ScreenViewProps = {
  readonly state: WorkstationState;
  readonly data: WorkstationData;
  /** Changes when laps arrive (so memoised children know to look again). */
  readonly generation: number;
  readonly sessionId: number | undefined;
  readonly laps: readonly LapRow[];
  readonly sessions: readonly SessionSummary[];
  readonly choice: ReferenceChoice;
  readonly library: { readonly local: readonly LibraryRow[]; readonly remote: readonly LibraryRow[] | undefined; readonly busy: string | undefined };
  readonly libraryAvailable: boolean;
  readonly libraryServer: string | undefined;
  readonly width: number;
  readonly height: number;
  /** Written while rendering: what the key handler must know of the screen (corner rows, speed bands). */
  readonly counts: { readonly corners: MutableRefObject<number>; readonly bands: MutableRefObject<number> };
  /** The live painter and its rate, when the Live screen should keep moving between renders. */
  readonly paint?: Omit<LivePaint, 'bus' | 'feed'>;
};

const SAMPLE_EVERY = 3;
const MAX_SAMPLES = 4000;

/** Chooses the current screen and feeds it from the data source. */
export function ScreenView(props: ScreenViewProps) {
  const { state, data, sessionId, laps, width, height } = props;
  const units = state.units;
  const info = data.sessionInfo(sessionId);
  const reference = unwrap(data.reference(sessionId, props.choice, state.referenceLap));
  const refLabel = reference.value?.label ?? 'no reference';
  const sessionTitle = `${sessionId === undefined ? 'Current session' : `Session ${sessionId}`}${sessionId !== undefined && sessionId === data.liveSessionId() ? ' (recording)' : ''} · ${titleOf(info)}`;

  switch (state.screen) {
    case 'live': {
      const bus = data.sources.bus;
      if (!bus) {
        return (
          <Box flexDirection="column">
            <Text bold>Live</Text>
            <Text>No game is sending to this workstation.</Text>
            <Text dimColor>Run `racecraft record` while a game sends telemetry, or `racecraft demo` for a simulated car.</Text>
            <Text dimColor>2 Laps browses what is recorded.</Text>
          </Box>
        );
      }
      const liveId = data.liveSessionId();
      const referenceNow = reference.value;
      // Shift points from an earlier session in this car light the shift light from the first lap.
      const profile = data.carView(liveId, referenceNow);
      // Read at each paint as well as now: the painter redraws between renders from the bus.
      const feed = (): LiveInput => {
        const frame = bus.latest();
        // The bus hears the game's session packets; the store knows what the recorder was told.
        const session = bus.session() ?? data.sessionInfo(liveId);
        const gear = frame?.gear;
        const computed = gear !== undefined ? profile?.shifts?.gears.find((g) => g.gear === gear)?.optimalRpm ?? undefined : undefined;
        const maxRpm = session?.maxRpm;
        const shift = computed ? { rpm: computed, source: 'computed' as const } : maxRpm ? { rpm: maxRpm, source: 'limiter' as const } : undefined;
        return { frame, session, laps: bus.laps(), lapFrames: bus.lapFrames(), counters: bus.counters, reference: referenceNow, shift };
      };
      return <LiveScreen input={feed()} units={units} width={width} height={height} {...(props.paint ? { paint: { ...props.paint, bus, feed } } : {})} />;
    }
    case 'laps': {
      if (state.browser) return <SessionBrowser sessions={props.sessions} cursor={state.sessionCursor} current={sessionId} width={width} height={height} />;
      const empty = data.isLive ? 'no lap completed yet' : data.hasStore ? 'nothing recorded yet: run `racecraft demo` or `racecraft record`' : 'no laps';
      return (
        <LapsScreen
          title={sessionTitle}
          reference={refLabel}
          laps={laps}
          cursor={Math.min(state.lapCursor, Math.max(0, laps.length - 1))}
          compare={state.compare}
          referenceLap={reference.value?.lapId}
          width={width}
          height={height}
          empty={empty}
        />
      );
    }
    case 'report': {
      const lap = state.reportLap !== undefined ? data.lap(state.reportLap) : latestComplete(laps);
      const note = !data.hasStore
        ? 'the lap report needs the database (laps are not being recorded)'
        : !lap
          ? 'no complete lap yet: drive one, or pick one on the Laps screen (2, Enter)'
          : !reference.value
            ? (reference.error ?? 'no reference lap yet: complete a valid flying lap, or choose one with r on the Laps screen')
            : '';
      const against = lap?.id !== undefined && reference.value?.lapId === lap.id ? nextBest(data, sessionId, props.choice, laps, lap) : undefined;
      const reportRef = against?.reference ?? reference.value;
      const result = lap?.id !== undefined && reportRef ? data.lapReport(lap.id, reportRef) : undefined;
      const comparison = result?.ok ? result.value : undefined;
      props.counts.corners.current = comparison?.corners.length ?? 0;
      const lapInput: LapInput | undefined = lap?.id !== undefined ? data.lapInput({ ...lap, id: lap.id }) : undefined;
      return (
        <ReportScreen
          comparison={comparison}
          note={result && !result.ok ? `cannot analyse lap ${lap?.number}: ${result.error}` : note}
          lap={lapInput}
          reference={reportRef?.input}
          referenceLabel={against?.label ?? refLabel}
          cursor={state.cornerCursor}
          units={units}
          width={width}
          height={height}
        />
      );
    }
    case 'compare': {
      const [a, b] = state.compare;
      let result: Result<import('../engine/analysis/index.js').LapComparison> | undefined;
      let labelA = '';
      let labelB = '';
      if (a !== undefined && b !== undefined) {
        result = data.compareLaps(a, b);
        labelA = `lap ${data.lap(a)?.number ?? '?'}`;
        labelB = `lap ${data.lap(b)?.number ?? '?'}`;
      } else if (a !== undefined && reference.value) {
        result = data.lapReport(a, reference.value);
        labelA = `lap ${data.lap(a)?.number ?? '?'}`;
        labelB = reference.value.label;
      }
      props.counts.corners.current = result?.ok ? result.value.corners.length : 0;
      const note = result && !result.ok ? `cannot compare: ${result.error}` : 'mark two laps with c on the Laps screen (2) to compare them (one marked lap is compared with the reference)';
      return (
        <CompareScreen
          comparison={result?.ok ? result.value : undefined}
          note={note}
          labelA={labelA}
          labelB={labelB}
          cursor={state.cornerCursor}
          units={units}
          width={width}
          height={height}
        />
      );
    }
    case 'map': {
      const view = data.trackView(sessionId, reference.value);
      const liveHere = data.sources.bus !== undefined && (sessionId === undefined || sessionId === data.liveSessionId());
      const bus = liveHere ? data.sources.bus : undefined;
      return (
        <TrackMapScreen
          title={sessionTitle}
          track={view?.track}
          corners={view?.corners ?? []}
          {...(view?.from !== undefined ? { from: view.from } : {})}
          car={bus?.latest()}
          lapFrames={bus?.lapFrames() ?? []}
          note={view?.error ? `no track map yet: ${view.error}` : data.hasStore ? 'no track map yet: drive a complete lap' : 'the track map needs the database'}
          units={units}
          width={width}
          height={height}
        />
      );
    }
    case 'car': {
      const profile = data.carView(sessionId, reference.value);
      props.counts.bands.current = profile?.grip?.radius.length ?? 0;
      const bands = profile?.grip ? bandsWithData(profile.grip) : [];
      const band = state.speedBand === undefined ? undefined : (bands.find((b) => b >= state.speedBand!) ?? state.speedBand);
      return (
        <CarScreen
          title={`Car · ${titleOf(info)}`}
          shifts={profile?.shifts}
          grip={profile?.grip}
          samples={profile?.gripFrom === undefined ? gSamples(data, laps) : gSamples(data, data.laps(profile.gripFrom))}
          band={band}
          {...(profile?.shiftsFrom !== undefined ? { shiftsFrom: profile.shiftsFrom } : {})}
          {...(profile?.gripFrom !== undefined ? { gripFrom: profile.gripFrom } : {})}
          note={
            !data.hasStore
              ? 'the car profile needs the database'
              : profile === undefined
                ? 'no session yet: the car profile comes from its laps'
                : 'not enough full-throttle data yet for shift points (drive a few laps)'
          }
          units={units}
          width={width}
          height={height}
        />
      );
    }
    case 'library':
      return (
        <LibraryScreen
          available={props.libraryAvailable}
          local={props.library.local}
          remote={props.library.remote}
          server={props.libraryServer}
          cursor={state.libraryCursor}
          busy={props.library.busy}
          width={width}
          height={height}
        />
      );
  }
}

/** The newest lap that ran line to line (what "the report" means before a lap is picked). */
export function latestComplete(laps: readonly LapRow[]): LapRow | undefined {
  for (let i = laps.length - 1; i >= 0; i--) {
    const lap = laps[i]!;
    if (lap.category === 'flying' || lap.category === 'in') return lap;
  }
  return undefined;
}

/**
 * The reference for the report of the reference lap itself (a lap against itself says nothing):
 * the session's next best lap, as `racecraft report lap N` does.
 */
function nextBest(data: WorkstationData, sessionId: number | undefined, choice: ReferenceChoice, laps: readonly LapRow[], lap: LapRow): { reference: ActiveReference; label: string } | undefined {
  const next = bestLap(laps.filter((l) => l.id !== undefined && l.id !== lap.id));
  const reference = next ? unwrap(data.reference(sessionId, choice, next.id)).value : undefined;
  return reference ? { reference, label: `next best, ${reference.label} (lap ${lap.number} is the reference)` } : undefined;
}

function unwrap(result: Result<ActiveReference> | undefined): { value: ActiveReference | undefined; error: string | undefined } {
  if (!result) return { value: undefined, error: undefined };
  return result.ok ? { value: result.value, error: undefined } : { value: undefined, error: `reference unavailable: ${result.error}` };
}

/** g samples (with speed) of the session's best lap, thinned, for the g-g plot's dots. */
function gSamples(data: WorkstationData, laps: readonly LapRow[]): (GPoint & { speed: number })[] {
  const best = bestLap(laps);
  if (best?.id === undefined || !data.hasStore) return [];
  const trace = data.trace(best.id);
  const { gLat, gLon, speed } = trace.channels;
  if (!gLat || !gLon || !speed) return [];
  const out: (GPoint & { speed: number })[] = [];
  for (let i = 0; i < trace.length && out.length < MAX_SAMPLES; i += SAMPLE_EVERY) out.push({ lat: gLat[i]!, lon: gLon[i]!, speed: speed[i]! });
  return out;
}
