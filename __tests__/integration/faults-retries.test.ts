// Faults that a run outlives by retrying, run in this process (so coverage and mutation testing
// see src/) against the fake TFE, with one request answered by a rate limit (429), a gateway page
// (502, 503, 504), a dropped or hung connection. Every test checks what a user sees (exit code,
// the one error line, retry log lines with their waits, outputs) and that the write happened
// exactly once or not at all. Nothing waits a real backoff: the run's backoff is 1-2 ms without
// jitter, and the server asks for a few milliseconds at most (a wait TFE asks for that is
// longer than the run's deadline is refused, not waited). The action's own backoff (from 0.5 s,
// with jitter) is the unit suite retry-waits' subject. Hung connections wait for an attempt's
// timeout, which run() takes from the test (tens of milliseconds) in place of timeout-seconds.
import { SHORT_TIMEOUT_MS } from '../support/in-process.js'
import { runSettingTeamsInProcess } from '../support/in-process-on-fake.js'
import {
  HAPPY_PATH,
  LABELS,
  dropConnection,
  dropMidBody,
  escapeRegExp,
  expectFailureWithoutWarning,
  expectRetries,
  expectTeamsSet,
  expectUnchanged,
  hang,
  inject,
  proxyPage,
  rateLimited,
  retryLines,
  stallAfterHeaders,
  expectSteps,
  useFaultsFake
} from '../support/fault-injection.js'

useFaultsFake()

/** Retries wait 1 or 2 ms (FAST_BACKOFF, without jitter) or what TFE asks: logged as 0.0 s. */
const NO_WAIT = { min: 0, max: 0 }

/** Each attempt's timeout for the tests that hang a request: see SHORT_TIMEOUT_MS. */
const SHORT = { timeoutMs: SHORT_TIMEOUT_MS }

describe('the rate limit (429)', () => {
  it('waits X-RateLimit-Reset (fractional), then succeeds; one write', async () => {
    inject('PATCH', 2, rateLimited({ 'X-RateLimit-Reset': '0.005' }))
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps(['GET org', 'GET consumers', 'PATCH', 'PATCH', 'PATCH'])
    expectRetries(result, [
      { step: 'PATCH', reason: 'HTTP 429', of: 5, ...NO_WAIT },
      { step: 'PATCH', reason: 'HTTP 429', of: 5, ...NO_WAIT }
    ])
  })

  it('waits Retry-After: 0', async () => {
    inject('GET org', 1, rateLimited({ 'Retry-After': '0' }))
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps(['GET org', ...HAPPY_PATH])
    expectRetries(result, [{ step: 'GET org', reason: 'HTTP 429', of: 5, ...NO_WAIT }])
  })

  it('reads the wait from a Retry-After HTTP date: an hour ahead is past the deadline, so it fails at once', async () => {
    const inAnHour = new Date(Date.now() + 3600_000).toUTCString()
    inject('GET consumers', Infinity, rateLimited({ 'Retry-After': inAnHour }))
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(result, /^modules: TFE's rate limit was exceeded \(HTTP 429\)/)
    expectSteps(['GET org', 'GET consumers'])
    // HTTP dates have whole seconds: the wait is the hour less up to a second.
    expect(result.stdout.split(/\r?\n/).filter(l => /retry|retrying/.test(l))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${escapeRegExp(LABELS['GET consumers'])}: HTTP 429; not retrying: waiting (3599|3600) s would pass the deadline$`
        )
      )
    ])
    expectUnchanged()
  })

  it('retries at once after a Retry-After HTTP date in the past', async () => {
    inject('PATCH', 1, rateLimited({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }))
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'HTTP 429', of: 5, ...NO_WAIT }])
  })

  // A 429 holds back every request still waiting for the limiter, so a 429 to the first read
  // can stop the second before it goes: the faults below fall on the request sent last.
  it("does not retry with max-retries: 0, and quotes TFE's documented 429 body intact", async () => {
    inject('PATCH', 1, rateLimited({ 'X-RateLimit-Reset': '0.005' }))
    const result = await runSettingTeamsInProcess({ 'max-retries': '0' })
    expectFailureWithoutWarning(
      result,
      /^modules: TFE's rate limit was exceeded \(HTTP 429\): Too many requests: You have exceeded the API's rate limit\. Run again later, or ask a TFE admin to raise the limit\./
    )
    expectSteps(HAPPY_PATH)
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('does not sleep past its deadline for a long X-RateLimit-Reset', async () => {
    inject('GET consumers', Infinity, rateLimited({ 'X-RateLimit-Reset': '3600' }))
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(result, /^modules: TFE's rate limit was exceeded \(HTTP 429\)/)
    expectSteps(['GET org', 'GET consumers'])
    expect(result.stdout.split(/\r?\n/).filter(l => /retry|retrying/.test(l))).toEqual([
      `${LABELS['GET consumers']}: HTTP 429; not retrying: waiting 3600 s would pass the deadline`
    ])
    expectUnchanged()
  })

  it('gives up after max-retries with the last status', async () => {
    inject('PATCH', Infinity, rateLimited({ 'X-RateLimit-Reset': '0.001' }))
    const result = await runSettingTeamsInProcess({ 'max-retries': '3' })
    expectFailureWithoutWarning(result, /^modules: TFE's rate limit was exceeded \(HTTP 429\)/)
    expectSteps([...HAPPY_PATH, 'PATCH', 'PATCH', 'PATCH'])
    expectRetries(
      result,
      [1, 2, 3].map(() => ({ step: 'PATCH', reason: 'HTTP 429', of: 3, ...NO_WAIT }))
    )
    expectUnchanged()
  })
})

describe('gateway errors (502, 503, 504)', () => {
  it.each([502, 503, 504])('retries an HTML %i page with exponential backoff', async status => {
    inject('PATCH', 1, proxyPage(status))
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: `HTTP ${status}`, of: 5, ...NO_WAIT }])
  })

  it('retries a 503 on a read with Retry-After: 0', async () => {
    inject('GET consumers', 2, proxyPage(503, { 'Retry-After': '0' }))
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps(['GET org', 'GET consumers', 'GET consumers', 'GET consumers', 'PATCH'])
    expectRetries(result, [
      { step: 'GET consumers', reason: 'HTTP 503', of: 5, ...NO_WAIT },
      { step: 'GET consumers', reason: 'HTTP 503', of: 5, ...NO_WAIT }
    ])
  })

  it('gives up on a persistent 503 after max-retries: 2, naming HTTP 503', async () => {
    inject('PATCH', Infinity, proxyPage(503))
    const result = await runSettingTeamsInProcess({ 'max-retries': '2' })
    expectFailureWithoutWarning(
      result,
      /^modules: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers answered HTTP 503 with an HTML page \("503 Service Temporarily Unavailable"\), not TFE's JSON\. TFE or a proxy in front of it failed; run again later/
    )
    expectSteps([...HAPPY_PATH, 'PATCH', 'PATCH'])
    expectRetries(result, [
      { step: 'PATCH', reason: 'HTTP 503', of: 2, ...NO_WAIT },
      { step: 'PATCH', reason: 'HTTP 503', of: 2, ...NO_WAIT }
    ])
    expectUnchanged()
  })

  it('does not retry a 503 with max-retries: 0', async () => {
    inject('GET org', 1, proxyPage(503, { 'Retry-After': '0' }))
    const result = await runSettingTeamsInProcess({ 'max-retries': '0' })
    expectFailureWithoutWarning(result, /answered HTTP 503/)
    expectSteps(['GET org', 'GET consumers'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })
})

describe('dropped and hung connections', () => {
  it('retries a connection closed without an answer', async () => {
    inject('PATCH', 1, dropConnection)
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'ECONNRESET', of: 5, ...NO_WAIT }])
  })

  it('retries a connection closed in the middle of the body', async () => {
    inject('GET org', 1, dropMidBody)
    const result = await runSettingTeamsInProcess()
    expectTeamsSet(result)
    expectSteps(['GET org', ...HAPPY_PATH])
    expectRetries(result, [{ step: 'GET org', reason: 'ECONNRESET', of: 5, ...NO_WAIT }])
  })

  it('abandons an answer that stalls mid-body after the timeout', async () => {
    inject('GET consumers', 1, stallAfterHeaders)
    const result = await runSettingTeamsInProcess({}, SHORT)
    expectTeamsSet(result)
    expectSteps(['GET org', 'GET consumers', 'GET consumers', 'PATCH'])
    expectRetries(result, [
      { step: 'GET consumers', reason: /^(ETIMEDOUT|ECONNRESET)$/, of: 5, ...NO_WAIT }
    ])
  })

  it('gives up on dropped connections after max-retries: 1', async () => {
    inject('PATCH', Infinity, dropConnection)
    const result = await runSettingTeamsInProcess({ 'max-retries': '1' })
    expectFailureWithoutWarning(
      result,
      /^modules: could not reach http:\/\/127\.0\.0\.1:\d+: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers: connection reset \(ECONNRESET\)\. /
    )
    expectSteps([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'ECONNRESET', of: 1, ...NO_WAIT }])
    expectUnchanged()
  })

  it('abandons an attempt after the timeout and succeeds on the next', async () => {
    inject('GET org', 1, hang)
    const result = await runSettingTeamsInProcess({}, SHORT)
    expectTeamsSet(result)
    expectSteps(['GET org', ...HAPPY_PATH])
    expectRetries(result, [{ step: 'GET org', reason: 'ETIMEDOUT', of: 5, ...NO_WAIT }])
  })

  it('fails clearly when TFE never answers, after exactly max-retries + 1 attempts', async () => {
    inject('PATCH', Infinity, hang)
    const result = await runSettingTeamsInProcess({ 'max-retries': '1' }, SHORT)
    expectFailureWithoutWarning(
      result,
      /^modules: could not reach http:\/\/127\.0\.0\.1:\d+: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers: (no answer within 0\.1 s|timed out \(ETIMEDOUT\))\. Check hostname, the network and any proxy, or raise timeout-seconds if TFE is slow\. /
    )
    expectSteps([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'ETIMEDOUT', of: 1, ...NO_WAIT }])
    expectUnchanged()
  })
})
