import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens. A token is `rc_` + 32 random bytes in base64url (43 characters); it is shown
 * once, when created, and only its sha256 is stored. The token id (the first 12 hex digits of
 * the hash) names a token in listings and revocations without revealing it.
 */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const TOKEN_PATTERN = /^rc_[A-Za-z0-9_-]{43}$/;

export type TokenRecord = {
  /** sha256 hex of the token. */
  readonly hash: string;
  /** First 12 hex digits of the hash. */
  readonly id: string;
  readonly scope: Scope;
  /** Who holds it; recorded as the author of what they push. */
  readonly name: string;
  /** ms since the epoch. */
  readonly createdAt: number;
  readonly revokedAt: number | null;
};

export function generateToken(): string {
  return `rc_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenId(hash: string): string {
  return hash.slice(0, 12);
}

/** admin ⊇ write ⊇ read. */
export function scopeAllows(held: Scope, needed: Scope): boolean {
  return SCOPES.indexOf(held) >= SCOPES.indexOf(needed);
}

/** Constant-time comparison of two hex hashes (the lookup is by hash; this guards the final check). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** `Authorization: Bearer rc_...` → the token, or undefined when absent or not a racecraft token. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)$/i.exec(header.trim());
  if (!match) return undefined;
  return TOKEN_PATTERN.test(match[1]!) ? match[1] : undefined;
}

/** Token names: printable, at most 64 characters (they are recorded as authors). */
export const TOKEN_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._@+-]{0,63}$/u;
