import { lookup } from 'node:dns/promises';
import { isIPv6 } from 'node:net';
import { parseHostPort } from './arguments.js';
import { UserError } from './errors.js';

/**
 * Where `--to HOST:PORT` sends datagrams, with the host looked up first: a name that does not
 * resolve would otherwise fail inside the UDP socket, after "sending..." had been said (demo) or
 * as a crash (replay).
 */
export async function udpTarget(value: string, what: string): Promise<{ host: string; port: number }> {
  const { host, port } = parseHostPort(value, what);
  return { host: await resolveIPv4(host, what), port };
}

/**
 * The IPv4 address of a host given on the command line (`--host` of the game's PC or console).
 * Looked up once at start: a typo is one line now, not a "no answer from the game" warning later.
 */
export async function resolveIPv4(host: string, what: string): Promise<string> {
  // racecraft's sockets are IPv4 (every game's telemetry is).
  if (isIPv6(host)) throw new UserError(`${what}: racecraft sends over IPv4; give an IPv4 address or a host name, not '${host}'`);
  try {
    return (await lookup(host, { family: 4 })).address;
  } catch (error) {
    throw new UserError(`${what}: cannot find host '${host}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
