// Authenticated encryption for secrets kept at rest (Forge app tokens). AES-256-GCM with a fresh
// 96-bit nonce per message; the key is stretched from FRONTLINE_SECRET_KEY with scrypt so a
// passphrase-like key is not used raw. Each sealed value is bound to a context string (e.g. the
// installation and token kind) so a ciphertext copied to another row does not open there.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Result } from '@frontline/shared';

const FORMAT_VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// A fixed, public salt: the key is per deployment, and the salt only separates this use of it.
const KEY_SALT = 'frontline/secret-box/v1';

/** Why a sealed value could not be opened. */
export type OpenError = 'malformed' | 'unsupported_version' | 'authentication_failed';

export interface SecretBox {
  /** Encrypts `plaintext` bound to `context`; the result is a printable string safe to store. */
  seal(plaintext: string, context: string): string;
  /** Decrypts a value made by `seal` with the same key and context; tampering is an error, not garbage. */
  open(sealed: string, context: string): Result<string, OpenError>;
}

/** Derives the 32-byte AES key from the configured secret. */
export function deriveKey(secret: string): Buffer {
  if (secret.length < 16) throw new Error('FRONTLINE_SECRET_KEY must be at least 16 characters');
  return scryptSync(secret, KEY_SALT, 32);
}

/** Creates a box that seals and opens secrets with a key derived from `secret`. */
export function createSecretBox(secret: string): SecretBox {
  const key = deriveKey(secret);
  return {
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [nonce, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
      return [FORMAT_VERSION, ...parts].join('.');
    },
    open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 4) return { ok: false, error: 'malformed' };
      const [version, nonceText, tagText, bodyText] = parts as [string, string, string, string];
      if (version !== FORMAT_VERSION) return { ok: false, error: 'unsupported_version' };
      const [nonce, tag, body] = [nonceText, tagText, bodyText].map(decodeCanonical);
      if (!nonce || !tag || !body) return { ok: false, error: 'malformed' };
      if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) return { ok: false, error: 'malformed' };
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        const plain = Buffer.concat([decipher.update(body), decipher.final()]);
        return { ok: true, value: plain.toString('utf8') };
      } catch {
        // GCM's tag check is the only failure left here: wrong key, wrong context or altered bytes.
        return { ok: false, error: 'authentication_failed' };
      }
    },
  };
}

/** Decodes base64url, refusing non-canonical spellings (stray trailing bits) so one value has one form. */
function decodeCanonical(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
