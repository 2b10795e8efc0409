import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/** Thrown when a socket cannot be opened; `code` lets the CLI word a one-line error. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    message: string,
    readonly code: 'port-in-use' | 'permission' | 'bad-address' | 'socket',
  ) {
    super(message);
  }
}

export type DatagramHandler = (packet: Uint8Array, from: RemoteInfo) => void;

/** Receive buffer: a 20k packets/s burst must not overflow the kernel queue between event-loop turns. */
const RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * Binds a UDP socket and hands every datagram to `onPacket`. Resolves once bound (so `port: 0`
 * callers can read the chosen port), rejects with a CaptureError the CLI can print as one line.
 */
export function openUdpSocket(options: { port: number; host?: string; onPacket: DatagramHandler }): Promise<Socket> {
  const socket = createSocket({ type: 'udp4', reuseAddr: false });
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      socket.close();
      reject(toCaptureError(error, options.port));
    };
    socket.once('error', onError);
    socket.on('message', (message, from) => options.onPacket(message, from));
    socket.bind(options.port, options.host ?? '0.0.0.0', () => {
      socket.off('error', onError);
      try {
        socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
      } catch {
        // Best effort: some systems cap the buffer (net.core.rmem_max); capture still works.
      }
      socket.on('error', () => {
        // A live socket error (e.g. ICMP unreachable after a send) must not end a recording.
      });
      resolve(socket);
    });
  });
}

/**
 * How many datagrams of `packetBytes` the socket's kernel queue holds without dropping
 * (the OS may cap the requested buffer, e.g. Linux net.core.rmem_max).
 */
export function queueCapacity(socket: Socket, packetBytes: number): number {
  let bytes = 212_992;
  try {
    // Linux reports double the usable size (half is bookkeeping).
    bytes = socket.getRecvBufferSize() / (process.platform === 'linux' ? 2 : 1);
  } catch {
    // Not bound yet or unsupported: keep the conservative default.
  }
  return Math.max(16, Math.floor(bytes / (packetBytes + 512)));
}

/** A socket for sending (demo, replay, heartbeats, handshakes). */
export function openSendSocket(): Socket {
  const socket = createSocket('udp4');
  socket.on('error', () => {
    // Unreachable peers are reported by the caller's own logic, not by crashing.
  });
  return socket;
}

export function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}

function toCaptureError(error: NodeJS.ErrnoException, port: number): CaptureError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new CaptureError(`UDP port ${port} is already in use (is another racecraft or telemetry tool running?)`, 'port-in-use');
    case 'EACCES':
      return new CaptureError(`not allowed to listen on UDP port ${port}`, 'permission');
    case 'EADDRNOTAVAIL':
      return new CaptureError(`cannot listen on that address: ${error.message}`, 'bad-address');
    default:
      return new CaptureError(`cannot open UDP port ${port}: ${error.message}`, 'socket');
  }
}
