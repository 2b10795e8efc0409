/**
 * A situation the user can fix, raised by the TUI. Named 'UserError' so the CLI prints it as one
 * line with its hint and exits 1 (src/cli/main.ts matches errors by name; the TUI does not
 * import the CLI).
 */
export class TuiUserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

type Stream = { readonly isTTY?: boolean };

/** Refuses to start a full-screen TUI without a terminal on both ends (pipes, cron, SSH without -t). */
export function assertInteractive(stdin: Stream, stdout: Stream): void {
  if (stdin.isTTY && stdout.isTTY) return;
  const which = !stdin.isTTY && !stdout.isTTY ? 'stdin and stdout are not terminals' : !stdin.isTTY ? 'stdin is not a terminal' : 'stdout is not a terminal';
  throw new TuiUserError(
    `the workstation needs a terminal (${which})`,
    'in scripts use `racecraft sessions`, `racecraft laps` and `racecraft report` (all take --json); over SSH use `ssh -t`; to record without a screen use `racecraft record --headless`',
  );
}
