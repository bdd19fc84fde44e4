// Secrets at rest: the AES-256-GCM box and the sealed Forge app token store.
export { createSecretBox, type SecretBox, type OpenError } from './secret-box.js';
export {
  createAppTokenStore,
  type AppTokenStore,
  type AppToken,
  type AppTokenKey,
  type AppTokenKind,
} from './app-tokens.js';
export { tokenExpiry, DEFAULT_TOKEN_TTL_MS } from './token-expiry.js';
