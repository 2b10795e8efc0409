/**
 * AC session identity comes only from the handshake response: car, driver, track and layout
 * folder names. Keys: track 'ac:<track>/<config>' ('ac:<track>' when the track has one layout),
 * car 'ac:<car>'.
 */
import type { SessionInfo } from '../../model/index.js';
import { AC_SERVER_IDENTIFIER, type AcHandshakeResponse } from './handshake.js';

/** SessionInfo.format for KSUDP sessions. */
export const AC_FORMAT = 'ksudp';

export function acTrackKey(track: string, config: string): string {
  return config === '' ? `ac:${track}` : `ac:${track}/${config}`;
}

/**
 * The layout folder from a response, '' when AC did not say. A response dumped from the real game
 * (kkoscielniak/digital-garden knowledge/others/ac-telemetry.md, read with rickwest/
 * ac-remote-telemetry-client) carries trackConfig "ks_monza66%" for trackName "ks_monza66" while
 * driving the Junior layout: AC can repeat the track name there, which names no layout.
 */
export function acLayout(response: Pick<AcHandshakeResponse, 'trackName' | 'trackConfig'>): string {
  return response.trackConfig === response.trackName ? '' : response.trackConfig;
}

export function sessionFromHandshake(response: AcHandshakeResponse): SessionInfo {
  const session: { -readonly [K in keyof SessionInfo]: SessionInfo[K] } = { game: 'ac', format: AC_FORMAT };
  if (response.trackName !== '') {
    const layout = acLayout(response);
    session.trackKey = acTrackKey(response.trackName, layout);
    session.trackName = layout === '' ? response.trackName : `${response.trackName} (${layout})`;
  }
  if (response.carName !== '') {
    session.carKey = `ac:${response.carName}`;
    session.carName = response.carName;
  }
  if (response.driverName !== '') session.driver = response.driverName;
  return session;
}

/**
 * The handshake response AC would send for `session` (the demo plays AC). Folder names come
 * from the keys when they are AC keys, else from the display names.
 */
export function handshakeFromSession(session: SessionInfo): AcHandshakeResponse {
  const [track, config] = splitTrackKey(session.trackKey) ?? [session.trackName ?? '', ''];
  const carName = session.carKey?.startsWith('ac:') ? session.carKey.slice(3) : (session.carName ?? '');
  return {
    carName,
    driverName: session.driver ?? '',
    identifier: AC_SERVER_IDENTIFIER,
    version: 1,
    trackName: track,
    trackConfig: config,
  };
}

function splitTrackKey(key: string | undefined): [string, string] | undefined {
  if (key === undefined || !key.startsWith('ac:')) return undefined;
  const body = key.slice(3);
  const slash = body.indexOf('/');
  return slash < 0 ? [body, ''] : [body.slice(0, slash), body.slice(slash + 1)];
}
