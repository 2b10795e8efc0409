import type { GameId, SessionInfo, TelemetryFrame } from '../model/index.js';

/** Why a decoder could not read a packet. Decoders return these; they never throw on input. */
export type DecodeError = {
  readonly code: 'too-short' | 'bad-size' | 'bad-format' | 'bad-value' | 'unsupported-version' | 'decrypt-failed';
  readonly detail: string;
};

/**
 * Everything a packet can tell the capture layer. One packet may yield several results
 * (an F1 Lap Data packet can complete a frame and carry session news).
 */
export type DecodeResult =
  | { readonly kind: 'frame'; readonly frame: TelemetryFrame }
  | { readonly kind: 'session'; readonly session: Partial<SessionInfo> & { readonly game: GameId } }
  /** The game rewound time (F1 flashback): drop samples after `toT`, mark the lap rewound. */
  | { readonly kind: 'rewind'; readonly toT: number }
  /** A new session started in the game (new session UID, restart): close the current one. */
  | { readonly kind: 'new-session'; readonly gameSessionId?: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: DecodeError };

/** Holds per-session assembly state (frames split across packets, session UID...). */
export type Decoder = {
  decode(packet: Uint8Array): readonly DecodeResult[];
};

/** Turns the simulator's frames into the game's real packets (demo, replay and round-trip tests). */
export type Encoder = {
  /** Packets to send for one tick, in the order the game sends them. */
  encode(frame: TelemetryFrame, session: SessionInfo): readonly Uint8Array[];
};

/** One supported protocol. Pure: sockets, handshakes and heartbeats live in engine/capture. */
export type GameProtocol = {
  readonly id: GameId;
  readonly label: string;
  /** UDP ports the game sends to by default. */
  readonly defaultPorts: readonly number[];
  /** How the user turns the telemetry on in the game. */
  readonly setup: string;
  /** Cheap check that a packet looks like this protocol (auto-detect). */
  sniff(packet: Uint8Array): boolean;
  createDecoder(): Decoder;
  createEncoder(): Encoder;
};

export const NO_RESULTS: readonly DecodeResult[] = Object.freeze([]);

export function decodeError(code: DecodeError['code'], detail: string): readonly DecodeResult[] {
  return [{ kind: 'error', error: { code, detail } }];
}
