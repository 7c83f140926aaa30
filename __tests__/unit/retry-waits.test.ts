// How long the action waits before a retry when nobody passes it a backoff, as a run on a runner
// does: exponential backoff from half a second, doubling, with jitter, capped; and the wait TFE
// or a proxy asks for with up to 300 ms of jitter on top. Pure (src/tfe/retry.ts), so nothing
// here waits: the suites that run the client or the action give it a backoff of milliseconds.
import { DEFAULT_BACKOFF, retryDelayMs } from '../../src/tfe/retry.js'
import { TfeApiError, TfeTransportError } from '../../src/tfe/errors.js'

const INFO = { method: 'PATCH', path: '/api/v2/admin/organizations/modules/module-consumers' }
const gatewayPage = (status: number) => new TfeApiError(INFO, status, [], 'html', `${status}`)
const dropped = new TfeTransportError(INFO, 'ECONNRESET', `${INFO.path}: connection reset`)
const rateLimited = (waitMs: number) => new TfeApiError(INFO, 429, [], 'json', '', waitMs)

/** The dice at their lowest and their highest. */
const LOW = { ...DEFAULT_BACKOFF, random: () => 0 }
const HIGH = { ...DEFAULT_BACKOFF, random: () => 1 - Number.EPSILON }

describe('the default backoff, for gateway errors and dropped connections', () => {
  it.each([
    ['HTTP 502', gatewayPage(502)],
    ['HTTP 503', gatewayPage(503)],
    ['HTTP 504', gatewayPage(504)],
    ['ECONNRESET', dropped]
  ])('after %s: from 0.25-0.5 s, doubling with each retry, up to 4-8 s', (_what, error) => {
    const waits = [1, 2, 3, 4, 5, 6].map(attempt => [
      retryDelayMs(error, attempt, LOW),
      retryDelayMs(error, attempt, HIGH)
    ])
    expect(waits).toEqual([
      [250, 500],
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
      [4000, 8000],
      [4000, 8000]
    ])
  })

  it('is what a client given no backoff uses: the first retry within 0.25-0.5 s', () => {
    for (let i = 0; i < 50; i++) {
      const wait = retryDelayMs(gatewayPage(503), 1)
      expect(wait).toBeGreaterThanOrEqual(250)
      expect(wait).toBeLessThanOrEqual(500)
    }
  })
})

describe('a wait TFE or a proxy asks for (X-RateLimit-Reset, Retry-After)', () => {
  it.each([0, 10, 50, 1500])('%i ms gets 0-300 ms of jitter on top, at any attempt', waitMs => {
    for (const attempt of [1, 2, 5]) {
      expect(retryDelayMs(rateLimited(waitMs), attempt, LOW)).toBe(waitMs)
      expect(retryDelayMs(rateLimited(waitMs), attempt, HIGH)).toBe(waitMs + 299)
    }
  })

  it('replaces the backoff on a 503 too', () => {
    const page = new TfeApiError(INFO, 503, [], 'html', '503', 0)
    expect(retryDelayMs(page, 3, LOW)).toBe(0)
  })
})
