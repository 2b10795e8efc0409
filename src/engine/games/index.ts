import type { GameId } from '../model/index.js';
import { acProtocol } from './ac/index.js';
import { f1Protocol } from './f1/index.js';
import { forzaProtocol } from './forza/index.js';
import { gt7Protocol } from './gt7/index.js';
import { outgaugeProtocol } from './outgauge/index.js';
import { outsimProtocol } from './outsim/index.js';
import { pcars2Protocol } from './pcars2/index.js';
import type { GameProtocol } from './types.js';

/**
 * Every live protocol racecraft decodes, in auto-detect priority order: the most specific
 * signatures first (F1's format word, GT7's decrypted magic, AC's sizes), size-only sniffs last.
 */
export const PROTOCOLS: readonly GameProtocol[] = [f1Protocol, gt7Protocol, acProtocol, pcars2Protocol, forzaProtocol, outgaugeProtocol, outsimProtocol];

/** Ids accepted by `--game`. */
export const LIVE_GAME_IDS: readonly GameId[] = PROTOCOLS.map((p) => p.id);

export function findProtocol(id: string): GameProtocol | undefined {
  return PROTOCOLS.find((p) => p.id === id);
}

export type { GameProtocol, Decoder, Encoder, DecodeResult, DecodeError } from './types.js';
