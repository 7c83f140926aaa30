// Faults between the action and TFE, end to end: the committed dist/index.js against the fake TFE,
// with one request answered badly (rate limit, gateway pages, dropped or hung connections, odd
// bodies, redirects) or reached through TLS signed by a private CA. Every test checks what a user
// sees (exit code, the one error line, retry log lines, outputs) and what TFE received (the exact
// requests, and that a write happened exactly once or not at all).
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import { type AddressInfo, connect as netConnect } from 'node:net'
import type { Duplex } from 'node:stream'
import { join } from 'node:path'
import { type TestPki, createPki } from './support/certificates.js'
import { type FakeTfe, type FakeTfeIntercept, startFakeTfe } from './support/fake-tfe.mjs'
import { type ActionRun, runAction } from './support/runner.mjs'
import { annotations, expectOneFailure, visible } from './support/run-expectations.js'
import { type TlsProxy, startTlsProxy } from './support/tls-proxy.mjs'

const ORG_PATH = '/api/v2/admin/organizations/modules'
const CONSUMERS_PATH = `${ORG_PATH}/relationships/module-consumers`
const PATCH_PATH = `${ORG_PATH}/module-consumers`
/** How the action labels each request in its log (path and query, as sent). */
const LABELS = {
  'GET org': `GET ${ORG_PATH}`,
  'GET consumers': `GET ${CONSUMERS_PATH}?page%5Bnumber%5D=1&page%5Bsize%5D=100`,
  PATCH: `PATCH ${PATCH_PATH}`
} as const
type Step = keyof typeof LABELS
/** The requests of an undisturbed run with consumers given as external ids. */
const HAPPY_PATH: Step[] = ['GET org', 'GET consumers', 'PATCH']

const JSON_API = 'application/vnd.api+json'
const RATE_LIMIT_BODY =
  '{"errors":[{"status":429,"title":"Too many requests","detail":"You have exceeded the API\'s rate limit."}]}'

let fake: FakeTfe
let teamA: { name: string; externalId: string }
let teamB: { name: string; externalId: string }
/** Requests a fault answered: the fake never routed them, so they changed nothing. */
let faulted: Set<unknown>

beforeEach(async () => {
  fake = await startFakeTfe()
  teamA = fake.addOrganization({ name: 'team-a' })
  teamB = fake.addOrganization({ name: 'team-b' })
  fake.addOrganization({ name: 'legacy' })
  fake.addOrganization({ name: 'modules', moduleConsumers: ['legacy'] })
  faulted = new Set()
})

afterEach(async () => {
  await fake.close()
})

function run(inputs: Record<string, string> = {}, env: Record<string, string | undefined> = {}) {
  return runAction(
    {
      organization: 'modules',
      consumers: `${teamA.externalId}\n${teamB.externalId}`,
      hostname: fake.url,
      token: fake.adminToken,
      ...inputs
    },
    { env }
  )
}

function stepOf(method: string, path: string): Step | string {
  if (method === 'GET' && path === ORG_PATH) return 'GET org'
  if (method === 'GET' && path === CONSUMERS_PATH) return 'GET consumers'
  if (method === 'PATCH' && path === PATCH_PATH) return 'PATCH'
  return `${method} ${path}`
}

/** The requests the fake saw, in order, by step. */
function steps(): string[] {
  return fake.requests.map(r => stepOf(r.method, r.path))
}

type Fault = (...args: Parameters<FakeTfeIntercept>) => void | Promise<void>

/** Answers the first `times` requests of one step with a fault; the rest reach the fake TFE. */
function inject(step: Step, times: number, fault: Fault): void {
  let hits = 0
  fake.intercept(async (req, res, recorded) => {
    if (stepOf(recorded.method, recorded.path) !== step || hits >= times) return false
    hits++
    faulted.add(recorded)
    await fault(req, res, recorded)
    return true
  })
}

/** Writes that reached the fake's routes (a fault's answer stands in for the others). */
function appliedWrites() {
  return fake.writes().filter(w => !faulted.has(w))
}

function answer(status: number, headers: Record<string, string>, body: string): Fault {
  return (_req, res) => {
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
    res.end(body)
  }
}

function rateLimited(headers: Record<string, string>): Fault {
  return answer(429, { 'content-type': JSON_API, ...headers }, RATE_LIMIT_BODY)
}

const GATEWAY_TITLES: Record<number, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out'
}

function proxyPage(status: number, headers: Record<string, string> = {}): Fault {
  const title = GATEWAY_TITLES[status] ?? `${status} Error`
  return answer(
    status,
    { 'content-type': 'text/html', ...headers },
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  )
}

/** Closes the connection without a byte of answer. */
const dropConnection: Fault = req => {
  req.socket.destroy()
}

/** Promises a whole document, sends half of it, then closes the connection. */
const dropMidBody: Fault = (req, res) =>
  new Promise<void>(resolve => {
    const body = JSON.stringify({
      data: { id: 'modules', type: 'organizations', attributes: { name: 'modules' } },
      padding: 'x'.repeat(2000)
    })
    res.writeHead(200, { 'content-type': JSON_API, 'content-length': String(body.length) })
    res.write(body.slice(0, body.length / 2), () => {
      req.socket.destroy()
      resolve()
    })
  })

/** Never answers; the fake's close() destroys the parked connection. */
const hang: Fault = () => {}

/** Sends the headers and the start of the body, then falls silent. */
const stallAfterHeaders: Fault = (_req, res) => {
  res.writeHead(200, { 'content-type': JSON_API, 'content-length': '1000' })
  res.write('{"data":')
}

/** Streams `bytes` of JSON-looking text as one 200 answer, honouring backpressure. */
function hugeBody(bytes: number): Fault {
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': JSON_API })
    const chunk = Buffer.from(`"${'a'.repeat(64 * 1024 - 4)}",`)
    let sent = 0
    res.write('{"data":[')
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length
      if (!res.write(chunk)) {
        await new Promise<void>(resolve => {
          res.once('drain', resolve)
          res.once('close', resolve)
        })
      }
    }
    if (!res.destroyed) res.end('"end"]}')
  }
}

function errorBody(status: number, title: string, detail: string): string {
  return JSON.stringify({ errors: [{ status: String(status), title, detail }] })
}

function expectTokenHidden(result: ActionRun): void {
  expect(visible(result)).not.toContain(fake.adminToken)
  // The token's secret part alone, in case something split it.
  expect(visible(result)).not.toContain(fake.adminToken.split('.')[1])
}

/** A failed run: exit 1, exactly one readable error line, no stack trace, no token, no warning. */
function expectFailure(result: ActionRun, pattern: RegExp): string {
  const line = expectOneFailure(result, pattern, [fake.adminToken])
  expect(annotations(result, 'warning')).toEqual([])
  expectTokenHidden(result)
  return line
}

/** Nothing was written: the producer still has only its original consumer. */
function expectUnchanged(): void {
  expect(appliedWrites()).toEqual([])
  expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
}

/** A successful run that wrote the new list exactly once. */
function expectSuccess(result: ActionRun): void {
  expect(result.timedOut).toBe(false)
  expect(annotations(result, 'error')).toEqual([])
  expect(result.code).toBe(0)
  expect(annotations(result, 'warning')).toEqual([])
  expect(appliedWrites().map(w => stepOf(w.method, w.path))).toEqual(['PATCH'])
  expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a', 'team-b'])
  expect(JSON.parse(result.outputs['consumer-ids'] as string)).toEqual([
    teamA.externalId,
    teamB.externalId
  ])
  expect(result.outputs.changed).toBe('true')
  expectTokenHidden(result)
}

interface RetryLine {
  request: string
  reason: string
  retry: number
  of: number
  seconds: number
}

/** The log's retry lines: `<METHOD> <path>: <HTTP status or code>; retry N of M in S s`. */
function retryLines(result: ActionRun): RetryLine[] {
  return result.stdout
    .split(/\r?\n/)
    .filter(line => /retry|retrying/i.test(line) && !line.startsWith('::'))
    .map(line => {
      const m = /^(\S+ \S+): (HTTP \d{3}|E[A-Z]+); retry (\d+) of (\d+) in (\d+(?:\.\d+)?) s$/.exec(
        line
      )
      if (!m) throw new Error(`not a well-formed retry line: ${JSON.stringify(line)}`)
      return {
        request: m[1] as string,
        reason: m[2] as string,
        retry: Number(m[3]),
        of: Number(m[4]),
        seconds: Number(m[5])
      }
    })
}

/** Checks the retry lines one by one: request, reason, counter and a wait within [min, max] s. */
function expectRetries(
  result: ActionRun,
  expected: { step: Step; reason: string | RegExp; of: number; min: number; max: number }[]
): void {
  const lines = retryLines(result)
  expect(lines).toHaveLength(expected.length)
  expected.forEach((want, i) => {
    const line = lines[i] as RetryLine
    expect(line.request).toBe(LABELS[want.step])
    expect(line.reason).toMatch(
      typeof want.reason === 'string' ? new RegExp(`^${want.reason}$`) : want.reason
    )
    expect(line.retry).toBe(i + 1)
    expect(line.of).toBe(want.of)
    expect(line.seconds).toBeGreaterThanOrEqual(want.min)
    expect(line.seconds).toBeLessThanOrEqual(want.max)
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// Waits as the log shows them (one decimal): the server's wait plus 0–300 ms of jitter, or
// exponential backoff from 500 ms (half to all of 500 ms · 2^(retry-1)).
const FIRST_BACKOFF = { min: 0.2, max: 0.5 }
const SECOND_BACKOFF = { min: 0.5, max: 1.0 }

describe('the rate limit (429)', () => {
  it('waits X-RateLimit-Reset (fractional) plus jitter, then succeeds; one write', async () => {
    inject('PATCH', 2, rateLimited({ 'X-RateLimit-Reset': '0.05' }))
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', 'GET consumers', 'PATCH', 'PATCH', 'PATCH'])
    expectRetries(result, [
      { step: 'PATCH', reason: 'HTTP 429', of: 5, min: 0, max: 0.35 },
      { step: 'PATCH', reason: 'HTTP 429', of: 5, min: 0, max: 0.35 }
    ])
  })

  it('waits Retry-After: 0 plus jitter', async () => {
    inject('GET org', 1, rateLimited({ 'Retry-After': '0' }))
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', ...HAPPY_PATH])
    expectRetries(result, [{ step: 'GET org', reason: 'HTTP 429', of: 5, min: 0, max: 0.3 }])
  })

  it('waits until a Retry-After HTTP date', async () => {
    // HTTP dates have whole seconds: two seconds ahead, truncated, is still over a second ahead
    // when sent, so the logged wait stays above the 0.5 s that backoff without the header allows.
    inject('GET consumers', 1, (...args) =>
      rateLimited({ 'Retry-After': new Date(Date.now() + 2000).toUTCString() })(...args)
    )
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', 'GET consumers', 'GET consumers', 'PATCH'])
    expectRetries(result, [
      { step: 'GET consumers', reason: 'HTTP 429', of: 5, min: 0.6, max: 2.3 }
    ])
  })

  it('retries at once (plus jitter) after a Retry-After HTTP date in the past', async () => {
    inject('PATCH', 1, rateLimited({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }))
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'HTTP 429', of: 5, min: 0, max: 0.3 }])
  })

  it('does not retry with max-retries: 0, and quotes TFE', async () => {
    inject('GET org', 1, rateLimited({ 'X-RateLimit-Reset': '0.05' }))
    const result = await run({ 'max-retries': '0' })
    const line = expectFailure(
      result,
      /^modules: TFE's rate limit was exceeded \(HTTP 429\): Too many requests: You have exceeded the API's rate limit\.+ Run again later/
    )
    expect(line).toMatch(/ask a TFE admin to raise the limit/)
    expect(steps()).toEqual(['GET org'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it("quotes TFE's documented 429 body with its punctuation intact", async () => {
    inject('PATCH', 1, rateLimited({ 'X-RateLimit-Reset': '0.05' }))
    const result = await run({ 'max-retries': '0' })
    const line = expectFailure(result, /HTTP 429/)
    expect(line).toContain("You have exceeded the API's rate limit. Run again later")
    expect(steps()).toEqual(HAPPY_PATH)
    expectUnchanged()
  })

  it('does not sleep past its deadline for a long X-RateLimit-Reset', async () => {
    inject('GET org', Infinity, rateLimited({ 'X-RateLimit-Reset': '3600' }))
    const result = await run()
    expectFailure(result, /^modules: TFE's rate limit was exceeded \(HTTP 429\)/)
    expect(steps()).toEqual(['GET org'])
    expect(result.stdout.split(/\r?\n/).filter(l => /retry|retrying/.test(l))).toEqual([
      `${LABELS['GET org']}: HTTP 429; not retrying: waiting 3600 s would pass the deadline`
    ])
    expectUnchanged()
  })

  it('gives up after max-retries with the last status', async () => {
    inject('PATCH', Infinity, rateLimited({ 'X-RateLimit-Reset': '0.01' }))
    const result = await run({ 'max-retries': '3' })
    expectFailure(result, /^modules: TFE's rate limit was exceeded \(HTTP 429\)/)
    expect(steps()).toEqual([...HAPPY_PATH, 'PATCH', 'PATCH', 'PATCH'])
    expectRetries(
      result,
      [1, 2, 3].map(() => ({ step: 'PATCH', reason: 'HTTP 429', of: 3, min: 0, max: 0.35 }))
    )
    expectUnchanged()
  })
})

describe('gateway errors (502, 503, 504)', () => {
  it.each([502, 503, 504])(
    'retries an HTML %i page with plain exponential backoff',
    async status => {
      inject('PATCH', 1, proxyPage(status))
      const result = await run()
      expectSuccess(result)
      expect(steps()).toEqual([...HAPPY_PATH, 'PATCH'])
      expectRetries(result, [{ step: 'PATCH', reason: `HTTP ${status}`, of: 5, ...FIRST_BACKOFF }])
    }
  )

  it('retries a 503 on a read with Retry-After: 0', async () => {
    inject('GET consumers', 2, proxyPage(503, { 'Retry-After': '0' }))
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', 'GET consumers', 'GET consumers', 'GET consumers', 'PATCH'])
    expectRetries(result, [
      { step: 'GET consumers', reason: 'HTTP 503', of: 5, min: 0, max: 0.3 },
      { step: 'GET consumers', reason: 'HTTP 503', of: 5, min: 0, max: 0.3 }
    ])
  })

  it('gives up on a persistent 503 after max-retries: 2, naming HTTP 503; backoff doubles', async () => {
    inject('PATCH', Infinity, proxyPage(503))
    const result = await run({ 'max-retries': '2' })
    expectFailure(
      result,
      /^modules: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers answered HTTP 503 with an HTML page \("503 Service Temporarily Unavailable"\), not TFE's JSON\. TFE or a proxy in front of it failed/
    )
    expect(steps()).toEqual([...HAPPY_PATH, 'PATCH', 'PATCH'])
    expectRetries(result, [
      { step: 'PATCH', reason: 'HTTP 503', of: 2, ...FIRST_BACKOFF },
      { step: 'PATCH', reason: 'HTTP 503', of: 2, ...SECOND_BACKOFF }
    ])
    expectUnchanged()
  })

  it('does not retry a 503 with max-retries: 0', async () => {
    inject('GET org', 1, proxyPage(503, { 'Retry-After': '0' }))
    const result = await run({ 'max-retries': '0' })
    expectFailure(result, /answered HTTP 503/)
    expect(steps()).toEqual(['GET org'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })
})

describe('dropped and hung connections', () => {
  it('retries a connection closed without an answer', async () => {
    inject('PATCH', 1, dropConnection)
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'ECONNRESET', of: 5, ...FIRST_BACKOFF }])
  })

  it('retries a connection closed in the middle of the body', async () => {
    inject('GET org', 1, dropMidBody)
    const result = await run()
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', ...HAPPY_PATH])
    expectRetries(result, [{ step: 'GET org', reason: 'ECONNRESET', of: 5, ...FIRST_BACKOFF }])
  })

  it('abandons an answer that stalls mid-body after timeout-seconds', async () => {
    inject('GET consumers', 1, stallAfterHeaders)
    const result = await run({ 'timeout-seconds': '1' })
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', 'GET consumers', 'GET consumers', 'PATCH'])
    expectRetries(result, [
      { step: 'GET consumers', reason: /^(ETIMEDOUT|ECONNRESET)$/, of: 5, ...FIRST_BACKOFF }
    ])
  }, 20_000)

  it('gives up on dropped connections after max-retries: 1', async () => {
    inject('PATCH', Infinity, dropConnection)
    const result = await run({ 'max-retries': '1' })
    expectFailure(
      result,
      /^modules: could not reach http:\/\/127\.0\.0\.1:\d+: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers: connection reset \(ECONNRESET\)\. /
    )
    expect(steps()).toEqual([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'ECONNRESET', of: 1, ...FIRST_BACKOFF }])
    expectUnchanged()
  })

  it('abandons an attempt after timeout-seconds and succeeds on the next', async () => {
    inject('GET org', 1, hang)
    const result = await run({ 'timeout-seconds': '1' })
    expectSuccess(result)
    expect(steps()).toEqual(['GET org', ...HAPPY_PATH])
    expectRetries(result, [{ step: 'GET org', reason: 'ETIMEDOUT', of: 5, ...FIRST_BACKOFF }])
  }, 20_000)

  it('fails clearly when TFE never answers, after exactly max-retries + 1 attempts', async () => {
    inject('PATCH', Infinity, hang)
    const result = await run({ 'timeout-seconds': '1', 'max-retries': '1' })
    expectFailure(
      result,
      /^modules: could not reach http:\/\/127\.0\.0\.1:\d+: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers: (no answer within 1\.0 s|timed out \(ETIMEDOUT\))\. /
    )
    expect(steps()).toEqual([...HAPPY_PATH, 'PATCH'])
    expectRetries(result, [{ step: 'PATCH', reason: 'ETIMEDOUT', of: 1, ...FIRST_BACKOFF }])
    expectUnchanged()
  }, 20_000)
})

describe('answers that are never retried', () => {
  it.each([
    [
      400,
      /^modules: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers answered HTTP 400: bad request: The body could not be parsed/
    ],
    [401, /^modules: http:\/\/127\.0\.0\.1:\d+ rejected the token \(HTTP 401\)/],
    [404, /^modules: this TFE does not offer the module-consumers endpoint .*HTTP 404/],
    [422, /^modules: TFE refused the request \(HTTP 422\): invalid attribute: /]
  ])('a %i to the write: one attempt, nothing written', async (status, pattern) => {
    const titles: Record<number, string> = {
      400: 'bad request',
      401: 'unauthorized',
      404: 'not found',
      422: 'invalid attribute'
    }
    inject(
      'PATCH',
      Infinity,
      answer(
        status,
        { 'content-type': JSON_API, 'Retry-After': '0' },
        errorBody(status, titles[status] as string, 'The body could not be parsed')
      )
    )
    const result = await run()
    expectFailure(result, pattern)
    expect(steps()).toEqual(HAPPY_PATH)
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('a 401 to the first read: one request in all', async () => {
    inject(
      'GET org',
      Infinity,
      answer(401, { 'content-type': JSON_API }, errorBody(401, 'unauthorized', 'Invalid token'))
    )
    const result = await run()
    expectFailure(result, /^modules: http:\/\/127\.0\.0\.1:\d+ rejected the token \(HTTP 401\)/)
    expect(steps()).toEqual(['GET org'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('never shows the token, even when an error body echoes it', async () => {
    inject('PATCH', Infinity, (req, res, recorded) =>
      answer(
        422,
        { 'content-type': JSON_API },
        errorBody(422, 'invalid attribute', `rejected ${recorded.headers.authorization}`)
      )(req, res, recorded)
    )
    const result = await run()
    const line = expectFailure(result, /HTTP 422\): invalid attribute: rejected Bearer \*\*\*/)
    expect(line).not.toContain(fake.adminToken)
    expect(steps()).toEqual(HAPPY_PATH)
    expectUnchanged()
  })

  it('never shows the token, even when a proxy page echoes it', async () => {
    inject('GET org', Infinity, (req, res, recorded) =>
      answer(
        502,
        { 'content-type': 'text/html' },
        `<html><title>Bad gateway for ${recorded.headers.authorization}</title></html>`
      )(req, res, recorded)
    )
    const result = await run({ 'max-retries': '0' })
    expectFailure(result, /HTTP 502 with an HTML page \("Bad gateway for Bearer \*\*\*"\)/)
    expect(steps()).toEqual(['GET org'])
    expectUnchanged()
  })

  it('an HTML page with status 200: a clear failure, no retry', async () => {
    inject(
      'GET org',
      Infinity,
      answer(200, { 'content-type': 'text/html' }, '<html><title>Sign in</title></html>')
    )
    const result = await run()
    expectFailure(
      result,
      /^modules: unexpected answer from http:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules answered HTTP 200 with a body that is not JSON \("<html><title>Sign in<\/title><\/html>"\)\. Check that hostname points at Terraform Enterprise\.$/
    )
    expect(steps()).toEqual(['GET org'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('truncated JSON with status 200: a clear failure, no retry', async () => {
    const whole = JSON.stringify({
      data: [{ id: 'legacy', type: 'organizations', attributes: { name: 'legacy' } }]
    })
    inject('GET consumers', Infinity, answer(200, { 'content-type': JSON_API }, whole.slice(0, 30)))
    const result = await run()
    expectFailure(
      result,
      new RegExp(
        `^modules: unexpected answer from http://127\\.0\\.0\\.1:\\d+: ${escapeRegExp(LABELS['GET consumers'])} answered HTTP 200 with a body that is not JSON \\("${escapeRegExp(whole.slice(0, 30))}"\\)`
      )
    )
    expect(steps()).toEqual(['GET org', 'GET consumers'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('a body over 10 MB: refused, naming the size, no retry', async () => {
    inject('GET org', Infinity, hugeBody(11 * 1024 * 1024))
    const result = await run()
    expectFailure(
      result,
      /^modules: unexpected answer from http:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules answered with more than 10 MB; refusing to read it\./
    )
    expect(steps()).toEqual(['GET org'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })
})

describe('redirects', () => {
  let elsewhere: Server
  let elsewhereUrl: string
  let elsewhereRequests: { method: string; url: string; headers: IncomingHttpHeaders }[]

  beforeEach(async () => {
    elsewhereRequests = []
    elsewhere = createServer((req, res) => {
      elsewhereRequests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: { ...req.headers }
      })
      res.writeHead(200, { 'content-type': JSON_API })
      res.end('{"data":[]}')
    })
    await new Promise<void>(resolve => elsewhere.listen(0, '127.0.0.1', resolve))
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`
  })

  afterEach(async () => {
    elsewhere.closeAllConnections()
    await new Promise(resolve => elsewhere.close(resolve))
  })

  it.each([
    [307, 'GET org' as Step],
    [302, 'GET org' as Step],
    [301, 'GET org' as Step],
    [307, 'PATCH' as Step],
    [302, 'PATCH' as Step],
    [301, 'PATCH' as Step]
  ])(
    'refuses a %i on %s to another port of the same host: the token stays put',
    async (status, step) => {
      inject(step, Infinity, (_req, res, recorded) => {
        res.writeHead(status, { location: `${elsewhereUrl}${recorded.path}` })
        res.end()
      })
      const result = await run()
      const path = step === 'PATCH' ? PATCH_PATH : ORG_PATH
      const line = expectFailure(
        result,
        new RegExp(
          `^modules: ${step === 'PATCH' ? 'PATCH' : 'GET'} ${escapeRegExp(path)} was redirected \\(HTTP ${status}\\)`
        )
      )
      expect(line).toContain(`TFE redirected to ${elsewhereUrl}${path}`)
      expect(line).toMatch(/set hostname to the address TFE answers on/)
      expect(elsewhereRequests.filter(r => r.headers.authorization !== undefined)).toEqual([])
      expect(elsewhereRequests).toEqual([])
      expect(steps()).toEqual(step === 'PATCH' ? HAPPY_PATH : ['GET org'])
      expect(retryLines(result)).toEqual([])
      expectUnchanged()
    }
  )
})

describe('TLS with a private CA', () => {
  let pki: TestPki
  let caPem: string
  let otherCaPem: string
  let server: { key: Buffer; cert: Buffer }
  let proxy: TlsProxy

  beforeAll(() => {
    pki = createPki('faults-tls-')
    caPem = pki.makeCa('ca', 'Faults Test Private CA')
    otherCaPem = pki.makeCa('other-ca', 'Some Other CA')
    // tfe.test: the name the proxy test asks for; only the proxy ever resolves it.
    server = pki.makeServerCertificate('server', 'ca', 'IP:127.0.0.1, DNS:localhost, DNS:tfe.test')
  })

  afterAll(() => {
    pki.cleanup()
  })

  beforeEach(async () => {
    proxy = await startTlsProxy({ target: fake.url, ...server })
  })

  afterEach(async () => {
    await proxy.close()
  })

  function runTls(inputs: Record<string, string> = {}) {
    return run({ hostname: proxy.url, ...inputs }, { NODE_EXTRA_CA_CERTS: undefined })
  }

  it('refuses an untrusted certificate, naming the TLS cause and ca-certificate', async () => {
    const result = await runTls()
    const line = expectFailure(
      result,
      /^modules: could not reach https:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules: TLS certificate .*\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN)\)\./
    )
    expect(line).toContain("pass TFE's CA certificate in ca-certificate")
    expect(proxy.requests).toEqual([])
    expect(fake.requests).toEqual([])
    expect(retryLines(result)).toEqual([])
    expect(result.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
    expectUnchanged()
  })

  it('trusts the CA given as PEM text', async () => {
    const result = await runTls({ 'ca-certificate': caPem })
    expectSuccess(result)
    expect(steps()).toEqual(HAPPY_PATH)
    expect(proxy.requests.map(r => r.method)).toEqual(['GET', 'GET', 'PATCH'])
    expect(proxy.tlsErrors).toEqual([])
    expect(result.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
  })

  it('trusts the CA given as the path of a PEM file', async () => {
    const result = await runTls({ 'ca-certificate': join(pki.dir, 'ca.pem') })
    expectSuccess(result)
    expect(steps()).toEqual(HAPPY_PATH)
    expect(result.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
  })

  it('trusts a CA among several in a bundle, with CRLF line ends', async () => {
    const bundle = `${otherCaPem}${caPem}`.replace(/\r?\n/g, '\r\n')
    const result = await runTls({ 'ca-certificate': bundle })
    expectSuccess(result)
    expect(steps()).toEqual(HAPPY_PATH)
  })

  describe('through an HTTP proxy (HTTPS_PROXY)', () => {
    let connectProxy: Server
    let connects: { target: string; headers: IncomingHttpHeaders }[]
    // Tunnelled sockets leave the HTTP server's hands, so closing it does not end them.
    let tunnels: Duplex[]

    beforeEach(async () => {
      connects = []
      tunnels = []
      // A CONNECT proxy on loopback that sends every tunnel to the TLS proxy, whatever host is
      // asked for: tfe.test is never looked up anywhere.
      connectProxy = createServer((_req, res) => {
        res.writeHead(405)
        res.end()
      })
      connectProxy.on('connect', (req, client, head) => {
        connects.push({ target: req.url ?? '', headers: req.headers })
        const upstream = netConnect(proxy.port, '127.0.0.1', () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
          upstream.write(head)
          upstream.pipe(client)
          client.pipe(upstream)
        })
        tunnels.push(client, upstream)
        upstream.on('error', () => client.destroy())
        client.on('error', () => upstream.destroy())
      })
      await new Promise<void>(resolve => connectProxy.listen(0, '127.0.0.1', resolve))
    })

    afterEach(async () => {
      for (const socket of tunnels) socket.destroy()
      connectProxy.closeAllConnections()
      await new Promise(resolve => connectProxy.close(resolve))
    })

    function runProxied(inputs: Record<string, string> = {}) {
      const port = (connectProxy.address() as AddressInfo).port
      return run(
        { hostname: 'tfe.test', ...inputs },
        { HTTPS_PROXY: `http://127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: undefined }
      )
    }

    it('tunnels every request through the proxy and trusts the private CA there too', async () => {
      const result = await runProxied({ 'ca-certificate': caPem })
      expectSuccess(result)
      expect(steps()).toEqual(HAPPY_PATH)
      expect(connects.length).toBeGreaterThan(0)
      expect(connects.every(c => c.target === 'tfe.test:443')).toBe(true)
      // The proxy sees only the tunnel: the token travels inside TLS.
      for (const c of connects) expect(c.headers.authorization).toBeUndefined()
      expect(proxy.requests.map(r => r.method)).toEqual(['GET', 'GET', 'PATCH'])
      expect(result.summary).toContain('https://tfe.test')
    })

    it('refuses the certificate behind the proxy without the CA', async () => {
      const result = await runProxied()
      expectFailure(
        result,
        /^modules: could not reach https:\/\/tfe\.test: .*TLS certificate .*ca-certificate/
      )
      expect(connects.length).toBeGreaterThan(0)
      expect(fake.requests).toEqual([])
    })
  })

  it('trusts only the CA it is given, and only for that run', async () => {
    const wrongCa = await runTls({ 'ca-certificate': otherCaPem })
    expectFailure(wrongCa, /TLS certificate .*ca-certificate/)
    expect(fake.requests).toEqual([])

    const trusted = await runTls({ 'ca-certificate': caPem })
    expect(trusted.code).toBe(0)
    fake.requests.length = 0

    // A later run without the input trusts nothing extra: nothing persisted the CA.
    const later = await runTls({ consumers: teamA.externalId })
    expectFailure(later, /TLS certificate .*ca-certificate/)
    expect(fake.requests).toEqual([])
    for (const r of [wrongCa, trusted, later]) {
      expect(r.env.NODE_EXTRA_CA_CERTS).toBeUndefined()
    }
  })
})
