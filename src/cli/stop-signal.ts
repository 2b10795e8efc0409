/**
 * Resolves when the user asks to stop (Ctrl-C, or a terminate request). Node maps Ctrl-C to
 * SIGINT on Windows too; SIGTERM is simply never delivered there, which is harmless.
 */
export function waitForStopSignal(): { promise: Promise<string>; dispose: () => void } {
  let resolveStop: (signal: string) => void = () => {};
  const promise = new Promise<string>((resolve) => (resolveStop = resolve));
  const handler = (signal: NodeJS.Signals): void => resolveStop(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, handler);
  return { promise, dispose: () => signals.forEach((s) => process.off(s, handler)) };
}
