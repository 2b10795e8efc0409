import { EventEmitter } from 'node:events';

/**
 * A terminal's keyboard for driving the workstation without one: keys written with `type` reach
 * Ink as if typed. Used by the TUI bench and by the TUI tests (isTTY false stands for a pipe).
 */
export class FakeStdin extends EventEmitter {
  readonly isTTY: boolean;
  private readonly queued: string[] = [];
  constructor(isTTY = true) {
    super();
    this.isTTY = isTTY;
  }
  type(keys: string): void {
    this.queued.push(keys);
    this.emit('readable');
  }
  read(): string | null {
    return this.queued.shift() ?? null;
  }
  setRawMode(): this {
    return this;
  }
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}
