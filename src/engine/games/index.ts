import type { GameId } from '../model/index.js';
import { f1Protocol } from './f1/index.js';
import type { GameProtocol } from './types.js';

/** Every live protocol racecraft decodes, in auto-detect priority order. */
export const PROTOCOLS: readonly GameProtocol[] = [f1Protocol];

/** Ids accepted by `--game`. */
export const LIVE_GAME_IDS: readonly GameId[] = PROTOCOLS.map((p) => p.id);

export function findProtocol(id: string): GameProtocol | undefined {
  return PROTOCOLS.find((p) => p.id === id);
}

export type { GameProtocol, Decoder, Encoder, DecodeResult, DecodeError } from './types.js';
