/**
 * Where an export goes: standard output or a file. Text is batched into ~64 KiB writes (one
 * write per NDJSON line would cost more than formatting it) and every write waits for 'drain'
 * when the stream is full, so a slow reader holds the exporter back instead of letting the text
 * pile up in memory. A reader that goes away (`| head`) ends the export quietly: `write`
 * resolves false and the caller stops. Files are written under a temporary name and renamed
 * when complete, so a failed export never leaves a half file under the name asked for.
 */
import { createWriteStream, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

/** Bytes gathered before one write to the stream. */
const BATCH = 64 * 1024;

export type Sink = {
  /** Queues text or bytes. Resolves false when the reader has gone away: stop producing. */
  write(data: string | Uint8Array): Promise<boolean>;
  /** Flushes, closes and (for a file) moves it into place. */
  close(): Promise<void>;
  /** Drops a file sink's partial output (after an error). */
  abort(): void;
};

/** Waits until the stream can take more, or fails/ends. Resolves false when the reader is gone. */
function drained(stream: NodeJS.WritableStream & { destroyed?: boolean }): Promise<boolean> {
  if (stream.destroyed) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const finish = (result: boolean | Error): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onDrain = (): void => finish(true);
    const onClose = (): void => finish(false);
    const onError = (error: NodeJS.ErrnoException): void => finish(error.code === 'EPIPE' ? false : error);
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

function streamSink(stream: NodeJS.WritableStream & { destroyed?: boolean }, onClose: () => Promise<void>, onAbort: () => void, label: string): Sink {
  let pending = '';
  let gone = false;
  let failure: Error | undefined;
  // Errors are collected here rather than left to crash the process as unhandled 'error' events:
  // EPIPE means the reader is gone (stop quietly), anything else fails the export.
  const onError = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') gone = true;
    else failure ??= error;
  };
  stream.on('error', onError);
  const check = (): void => {
    if (failure) throw new UserError(`cannot write ${label}: ${failure.message}`);
  };
  const push = async (data: string | Uint8Array): Promise<boolean> => {
    check();
    if (gone || stream.destroyed) {
      gone = true;
      return false;
    }
    if (stream.write(data)) return true;
    const open = await drained(stream);
    check();
    if (!open) gone = true;
    return open;
  };
  return {
    async write(data) {
      if (gone) return false;
      if (typeof data !== 'string') {
        if (pending !== '' && !(await push(pending))) return false;
        pending = '';
        return push(data);
      }
      pending += data;
      if (pending.length < BATCH) return true;
      const text = pending;
      pending = '';
      return push(text);
    },
    async close() {
      if (pending !== '' && !gone) await push(pending);
      pending = '';
      check();
      await onClose();
      check();
      stream.off('error', onError);
    },
    abort: onAbort,
  };
}

/** Standard output; closing leaves it open (the process ends when the command returns). */
export function stdoutSink(): Sink {
  return streamSink(process.stdout, async () => {}, () => {}, 'standard output');
}

/** One line for the reasons a file cannot be created. */
function cannotWrite(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
  return new UserError(`cannot write ${path}: ${why}`);
}

/**
 * Refuses to replace an existing file unless asked to (`--force`): an export written over the
 * wrong name would silently destroy a user's file, and the rename that puts an export in place
 * cannot be undone. Checked before any work, for every file the export will write.
 */
export function refuseOverwrite(paths: readonly string[], force: boolean): void {
  if (force) return;
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) throw new UserError(`${path} already exists: not overwritten (add --force to replace it)`);
  }
}

/**
 * A file, written as `.<name>.partial-<pid>` beside it and renamed over `path` on close. The
 * file is opened at once so a bad path fails before any work is done.
 */
export function fileSink(path: string): Sink {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  let fd: number;
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    fd = openSync(partial, 'w');
  } catch (error) {
    throw cannotWrite(path, error);
  }
  const stream = createWriteStream('', { fd, autoClose: true });
  let settled = false;
  const remove = (): void => {
    if (settled) return;
    settled = true;
    stream.destroy();
    rmSync(partial, { force: true });
  };
  const finish = async (): Promise<void> => {
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      renameSync(partial, path);
      settled = true;
    } catch (error) {
      remove();
      throw cannotWrite(path, error);
    }
  };
  return streamSink(stream, finish, remove, path);
}
