import type { ChannelKind, Lap, SessionInfo } from '../../../engine/model/index.js';

/**
 * racecraft's session interchange JSON, schema id `racecraft.session/1`. Stable: fields may be
 * added in /1, never renamed or removed; a breaking change gets /2.
 *
 * ```jsonc
 * {
 *   "schema": "racecraft.session/1",
 *   "session": { "game": "iracing", "trackName": "...", ... },     // SessionInfo
 *   "startedAt": "2025-01-30T16:09:29Z",                             // optional
 *   "meta": { "build": "2025.01.08.01" },                            // optional, strings
 *   "warnings": ["..."],
 *   "channels": { "speed": { "unit": "m/s", "kind": "continuous", "decimals": 3 }, ... },
 *   "laps": [{
 *     "lap": { "number": 1, "time": 25.9145, "timeSource": "game", "valid": true,
 *              "category": "flying", "sectors": [], "startT": 190.6, "endT": 216.533 },
 *     "samples": 1555,
 *     "t": [190.6, ...],                 // s, session time, 6 decimals
 *     "distance": [0.12, ...] | null,     // m, lap distance (null: unknown for the whole lap)
 *     "channels": { "speed": [12.345, null, ...], ... }   // SI, CHANNELS[c].decimals, null = missing
 *   }],
 *   "sourceChannels": [{ "name": "Speed", "unit": "m/s", "rate": 60, "samples": 3429, "mappedTo": "speed" }],
 *   "extraChannels": { "LFtempCL": { "unit": "C", "rate": 60, "t0": 187.03, "data": [...], "description": "..." } }
 * }
 * ```
 * Units are racecraft's SI units (CHANNELS); `channels` lists every channel any lap carries.
 * Extra channels keep the source's unit and full double precision.
 */
export const SESSION_SCHEMA = 'racecraft.session/1';

export type JsonChannelSpec = { unit: string; kind: ChannelKind; decimals: number };

export type JsonLap = {
  lap: Lap;
  samples: number;
  t: number[];
  distance: (number | null)[] | null;
  channels: Record<string, (number | null)[]>;
};

export type JsonExtra = { unit: string; rate: number; t0: number; data: (number | null)[]; description?: string };

export type SessionJson = {
  schema: typeof SESSION_SCHEMA;
  session: SessionInfo;
  startedAt?: string;
  meta?: Record<string, string>;
  warnings: string[];
  channels: Record<string, JsonChannelSpec>;
  laps: JsonLap[];
  sourceChannels?: { name: string; unit: string; rate: number; samples: number; mappedTo?: string }[];
  extraChannels?: Record<string, JsonExtra>;
};
