import type { Decoder, DecodeResult, GameProtocol } from '../games/types.js';
import type { CaptureCounters } from './frame-bus.js';

export type RouterEvents = {
  /** Every decoded result, in order. */
  readonly onResult: (result: DecodeResult) => void;
  /** Human messages (game identified, wrong protocol on a port); each said once. */
  readonly onMessage: (level: 'info' | 'warn', text: string) => void;
};

/**
 * Decodes the packets arriving on one port. With several candidate protocols (auto-detect) the
 * first packet that one of them sniffs picks the game for good; packets no candidate recognises
 * are counted and reported once, not once per packet.
 */
export class PacketRouter {
  private decoder: Decoder | undefined;
  private chosen: GameProtocol | undefined;
  private warnedUnknown = false;
  private errorStreak = 0;
  private warnedErrors = false;
  private warnedCrash = false;

  constructor(
    private readonly port: number,
    private readonly candidates: readonly GameProtocol[],
    private readonly counters: CaptureCounters,
    private readonly events: RouterEvents,
    /** Every protocol racecraft knows, to name the game when the wrong one is on a port. */
    private readonly allProtocols: readonly GameProtocol[] = candidates,
  ) {
    if (candidates.length === 1) this.choose(candidates[0]!, false);
  }

  game(): GameProtocol | undefined {
    return this.chosen;
  }

  handle(packet: Uint8Array): void {
    this.counters.packets++;
    if (this.decoder === undefined) {
      const match = this.candidates.find((p) => sniffs(p, packet));
      if (match === undefined) {
        this.counters.errors++;
        if (!this.warnedUnknown) {
          this.warnedUnknown = true;
          this.events.onMessage('warn', this.describeUnknown(packet));
        }
        return;
      }
      this.choose(match, true);
    }
    let results: readonly DecodeResult[];
    try {
      results = this.decoder!.decode(packet);
    } catch (error) {
      // Decoders return errors rather than throw (the fuzz tests hold them to it); should one still throw, that
      // packet is lost, not the recording.
      this.counters.errors++;
      if (!this.warnedCrash) {
        this.warnedCrash = true;
        this.events.onMessage('warn', `port ${this.port}: a ${packet.length}-byte ${this.chosen!.label} packet could not be decoded (${(error as Error).message}); such packets are counted and dropped (please report this)`);
      }
      return;
    }
    let hadError = false;
    for (const result of results) {
      if (result.kind === 'error') {
        this.counters.errors++;
        hadError = true;
      } else if (result.kind === 'skip') this.counters.skipped++;
      this.events.onResult(result);
    }
    this.trackErrors(hadError, packet);
  }

  private choose(protocol: GameProtocol, announce: boolean): void {
    this.chosen = protocol;
    this.decoder = protocol.createDecoder();
    // The session is that game's from now on, even before the game sends session details.
    this.events.onResult({ kind: 'session', session: { game: protocol.id } });
    if (announce) this.events.onMessage('info', `port ${this.port}: receiving ${protocol.label}`);
  }

  /** A run of undecodable packets on a fixed-protocol port usually means the wrong game: say so once. */
  private trackErrors(hadError: boolean, packet: Uint8Array): void {
    if (!hadError) {
      this.errorStreak = 0;
      return;
    }
    this.errorStreak++;
    if (this.errorStreak === 50 && !this.warnedErrors) {
      this.warnedErrors = true;
      this.events.onMessage('warn', this.describeUnknown(packet));
    }
  }

  private describeUnknown(packet: Uint8Array): string {
    const other = this.allProtocols.find((p) => p !== this.chosen && sniffs(p, packet));
    const expected = this.chosen?.label ?? this.candidates.map((p) => p.label).join(' or ');
    if (other) {
      return `port ${this.port} is receiving ${other.label} packets, not ${expected}; use --game ${other.id} (or --game auto)`;
    }
    return `port ${this.port} is receiving ${packet.length}-byte packets that are not ${expected}; they are counted and dropped`;
  }
}

/** A sniffer that throws on some packet has not recognised it. */
function sniffs(protocol: GameProtocol, packet: Uint8Array): boolean {
  try {
    return protocol.sniff(packet);
  } catch {
    return false;
  }
}
