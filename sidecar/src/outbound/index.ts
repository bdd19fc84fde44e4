// The outbound HTTP toolkit: deadlines, `Retry-After`, backoff with jitter and the classification
// of failures, shared by the Jira transport and every notification channel.
export { httpCall, parseMaybeJson } from './call.js';
export type { FetchLike, HttpAnswer, HttpRequest } from './call.js';
export { MAX_RETRY_AFTER_MS, parseHttpDate, parseRetryAfter } from './retry-after.js';
export { RETRY_AFTER_SPREAD, backoffDelayMs, retryDelayMs } from './backoff.js';
export type { BackoffPolicy } from './backoff.js';
export {
  OutboundTimeout,
  classifyAttempt,
  describeNetworkError,
  isRetryableStatus,
  maySendAgain,
  refusedBeforeActing,
} from './classify.js';
export type { AttemptEnd, AttemptVerdict, NetworkFailure } from './classify.js';
