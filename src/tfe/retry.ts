// When to try a request again, and after how long. Pure: the clock and the dice are passed in.
// docs/tfe-api.md#what-the-action-does-with-each-answer
import type { IncomingHttpHeaders } from 'node:http'
import { TfeApiError, TfeTransportError } from './errors.js'

/** Statuses worth another try: the rate limit, and a gateway or TFE briefly unavailable. */
const RETRY_STATUSES = new Set([429, 502, 503, 504])
/** Connection failures that a second attempt may not meet; DNS and TLS failures are not among them. */
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN'
])

export interface BackoffOptions {
  baseMs: number
  maxMs: number
  /** Returns a number in [0, 1). */
  random: () => number
}

/** Keeps an absurd number of seconds finite; the deadline then refuses to wait that long. */
const MAX_WAIT_MS = 24 * 60 * 60 * 1000
/** A plain non-negative decimal (exponent allowed): not '', not hex, not a date. */
const SECONDS = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8_000, random: Math.random }

/** Milliseconds to wait before trying again, or undefined when the error is final. */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  backoff: BackoffOptions = DEFAULT_BACKOFF
): number | undefined {
  if (error instanceof TfeApiError) {
    if (!RETRY_STATUSES.has(error.status)) return undefined
    if (error.retryAfterMs !== undefined) {
      // As go-tfe does: a little jitter, so clients that share the limit don't all come back at once.
      return error.retryAfterMs + Math.floor(backoff.random() * 300)
    }
    return exponential(attempt, backoff)
  }
  if (error instanceof TfeTransportError && RETRY_CODES.has(error.code))
    return exponential(attempt, backoff)
  return undefined
}

/** Exponential backoff with jitter: between half and all of base · 2^(attempt-1), capped. */
function exponential(attempt: number, { baseMs, maxMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/**
 * How long the server asks us to wait: TFE's `X-RateLimit-Reset` (seconds, may be fractional),
 * else a proxy's `Retry-After` (seconds or an HTTP date).
 */
export function requestedWaitMs(
  headers: IncomingHttpHeaders,
  now: number = Date.now()
): number | undefined {
  const reset = single(headers['x-ratelimit-reset'])?.trim()
  if (reset && SECONDS.test(reset)) return fromSeconds(reset)
  const retryAfter = single(headers['retry-after'])?.trim()
  if (!retryAfter) return undefined
  if (SECONDS.test(retryAfter)) return fromSeconds(retryAfter)
  const date = Date.parse(retryAfter)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function fromSeconds(text: string): number {
  return Math.min(MAX_WAIT_MS, Math.ceil(Number(text) * 1000))
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
