// The TFE client on its own, against the fake TFE: what it sends, how it retries (the rate limit,
// gateway errors, dropped connections, the deadline), what it refuses (redirects, huge bodies,
// slow answers), how it reads errors and pages. Errors are checked as data (status, request,
// error list, code), the way callers use them.
import type { ServerResponse } from 'node:http'
import { type FakeTfe, type FakeTfeIntercept, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type ClientOptions, PAGE_SIZE, TfeClient } from '../../src/tfe/client.js'

const JSON_API = 'application/vnd.api+json'
const NO_JITTER = { baseMs: 1, maxMs: 4, random: () => 0 }
const ORG = '/admin/organizations/modules'
const RATE_LIMIT_BODY =
  '{"errors":[{"status":429,"title":"Too many requests","detail":"You have exceeded the API\'s rate limit."}]}'

let fake: FakeTfe
let logs: string[]
const clients: TfeClient[] = []

beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'modules', moduleConsumers: ['team-a'] })
  logs = []
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.dispose()
  await fake.close()
})

function client(options: Partial<ClientOptions> = {}): TfeClient {
  const made = new TfeClient({
    baseUrl: fake.url,
    token: fake.adminToken,
    maxRetries: 2,
    timeoutMs: 5000,
    backoff: NO_JITTER,
    log: line => logs.push(line),
    ...options
  })
  clients.push(made)
  return made
}

/** The error a promise rejects with (the test fails if it resolves). */
async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const outcome = await promise.then(
    value => ({ resolved: value }),
    (error: unknown) => ({ error })
  )
  if (!('error' in outcome)) throw new Error(`resolved with ${JSON.stringify(outcome.resolved)}`)
  expect(outcome.error).toBeInstanceOf(Error)
  return outcome.error as Record<string, unknown>
}

function requests(): string[] {
  return fake.requests.map(r => `${r.method} ${r.path}`)
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}

/** Answers the first `times` requests to `path` (under /api/v2) with `fault`; the rest pass. */
function inject(path: string, times: number, fault: FakeTfeIntercept): void {
  let hits = 0
  fake.intercept(async (req, res, recorded) => {
    if (recorded.path !== `/api/v2${path}` || hits >= times) return false
    hits++
    await fault(req, res, recorded)
    return true
  })
}

function answer(status: number, headers: Record<string, string>, body: string): FakeTfeIntercept {
  return (_req, res) => send(res, status, headers, body)
}

/** Serves `path` as a list built by `page(number)`, whatever the fake holds. */
function serveList(path: string, page: (number: number) => unknown): void {
  fake.intercept((_req, res, recorded) => {
    if (recorded.path !== `/api/v2${path}`) return false
    const number = Number(recorded.query['page[number]'] ?? '1')
    send(res, 200, { 'content-type': JSON_API }, JSON.stringify(page(number)))
    return true
  })
}

function items(count: number, from = 0): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `org-${from + i}`,
    type: 'organizations',
    attributes: {
      name: `org-${from + i}`,
      'external-id': `org-${String(from + i).padStart(16, 'x')}`
    }
  }))
}

describe('requests', () => {
  it('GET sends the token as a bearer token and JSON:API accept, and decodes the answer', async () => {
    const response = await client().get(ORG)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe(JSON_API)
    expect(response.document).toMatchObject({
      data: { id: 'modules', type: 'organizations', attributes: { name: 'modules' } }
    })
    const [request] = fake.requests
    expect(request?.headers.authorization).toBe(`Bearer ${fake.adminToken}`)
    expect(request?.headers.accept).toBe(JSON_API)
    expect(request?.headers['content-type']).toBeUndefined()
    expect(request?.headers['user-agent']).toBe('tfe-module-sharing-action')
  })

  it('sends a query string, and a user agent of its own', async () => {
    await client({ userAgent: 'test-agent/1' }).get('/admin/organizations', {
      q: 'team',
      'page[size]': 5
    })
    expect(fake.requests[0]?.query).toEqual({ q: 'team', 'page[size]': '5' })
    expect(fake.requests[0]?.headers['user-agent']).toBe('test-agent/1')
  })

  it('PATCH and PUT send a JSON:API body; a 204 has no document', async () => {
    const tfe = client()
    const body = { data: [{ type: 'organizations', id: 'team-a' }] }
    const patched = await tfe.patch(`${ORG}/relationships/module-consumers`, body)
    expect(patched).toMatchObject({ status: 204, document: undefined })
    const put = await tfe.request('PUT', `${ORG}/registry-partnerships`, {
      body: {
        data: {
          type: 'registry-partnerships',
          attributes: { 'module-consumers': [], 'provider-consumers': [] }
        }
      }
    })
    expect(put.status).toBe(204)
    await tfe.put(`${ORG}/registry-partnerships`, {
      data: {
        type: 'registry-partnerships',
        attributes: { 'module-consumers': ['team-a'], 'provider-consumers': [] }
      }
    })
    expect(
      fake.writes().map(w => [w.method, w.headers['content-type'], JSON.parse(w.body)])
    ).toEqual([
      ['PATCH', JSON_API, body],
      ['PUT', JSON_API, expect.objectContaining({ data: expect.anything() })],
      ['PUT', JSON_API, expect.objectContaining({ data: expect.anything() })]
    ])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a'])
  })
})

describe('retries', () => {
  it('waits X-RateLimit-Reset on a 429, then succeeds', async () => {
    inject(
      ORG,
      2,
      answer(429, { 'content-type': JSON_API, 'x-ratelimit-reset': '0.002' }, RATE_LIMIT_BODY)
    )
    const response = await client().get(ORG)
    expect(response.status).toBe(200)
    expect(logs).toEqual([
      `GET /api/v2${ORG}: HTTP 429; retry 1 of 2 in 0.0 s`,
      `GET /api/v2${ORG}: HTTP 429; retry 2 of 2 in 0.0 s`
    ])
    expect(fake.requests).toHaveLength(3)
  })

  it('waits Retry-After, in seconds or as an HTTP date', async () => {
    inject(ORG, 1, answer(503, { 'retry-after': '0' }, ''))
    inject(ORG, 1, answer(429, { 'retry-after': new Date(Date.now() - 60_000).toUTCString() }, ''))
    const response = await client().get(ORG)
    expect(response.status).toBe(200)
    expect(logs).toEqual([
      `GET /api/v2${ORG}: HTTP 503; retry 1 of 2 in 0.0 s`,
      `GET /api/v2${ORG}: HTTP 429; retry 2 of 2 in 0.0 s`
    ])
  })

  it('does not wait past its deadline, and keeps how long TFE asked to wait', async () => {
    inject(
      ORG,
      1,
      answer(429, { 'content-type': JSON_API, 'x-ratelimit-reset': '3600' }, RATE_LIMIT_BODY)
    )
    const error = await failure(client({ deadlineMs: 1000 }).get(ORG))
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 3_600_000,
      request: { method: 'GET', path: `/api/v2${ORG}` },
      errors: [
        {
          status: '429',
          title: 'Too many requests',
          detail: "You have exceeded the API's rate limit."
        }
      ]
    })
    expect(error.message).toBe(
      `GET /api/v2${ORG} answered HTTP 429: Too many requests: You have exceeded the API's rate limit.`
    )
    expect(logs).toEqual([
      `GET /api/v2${ORG}: HTTP 429; not retrying: waiting 3600 s would pass the deadline`
    ])
    expect(fake.requests).toHaveLength(1)
  })

  it('gives up on gateway errors after maxRetries, with exponential backoff', async () => {
    inject(
      ORG,
      10,
      answer(502, { 'content-type': 'text/html' }, '<html><title>502 Bad Gateway</title></html>')
    )
    const error = await failure(
      client({
        maxRetries: 3,
        backoff: { baseMs: 2000, maxMs: 8000, random: () => 0 },
        deadlineMs: 1
      }).get(ORG)
    )
    expect(error).toMatchObject({ status: 502, bodyKind: 'html', excerpt: '502 Bad Gateway' })
    // The first wait (1 s, half of 2 s without jitter) would pass a 1 ms deadline.
    expect(logs).toEqual([
      `GET /api/v2${ORG}: HTTP 502; not retrying: waiting 1.0 s would pass the deadline`
    ])
  })

  it('given no backoff, waits the default one (0.25-0.5 s before the first retry)', async () => {
    inject(ORG, 10, answer(503, { 'content-type': 'text/html' }, '<html></html>'))
    // A 1 ms deadline refuses any wait, and the log says how long it would have been.
    await failure(client({ backoff: undefined, deadlineMs: 1 }).get(ORG))
    expect(logs).toEqual([
      expect.stringMatching(
        /^GET \/api\/v2\/admin\/organizations\/modules: HTTP 503; not retrying: waiting 0\.[345] s would pass the deadline$/
      )
    ])
    expect(fake.requests).toHaveLength(1)
  })

  it('retries a 504 up to maxRetries times', async () => {
    inject(ORG, 10, answer(504, {}, ''))
    const error = await failure(client({ maxRetries: 3 }).get(ORG))
    expect(error).toMatchObject({ status: 504, bodyKind: 'empty' })
    expect(error.message).toBe(`GET /api/v2${ORG} answered HTTP 504 with an empty body`)
    expect(fake.requests).toHaveLength(4)
    expect(logs.map(l => l.replace(/ in .*/, ''))).toEqual([
      `GET /api/v2${ORG}: HTTP 504; retry 1 of 3`,
      `GET /api/v2${ORG}: HTTP 504; retry 2 of 3`,
      `GET /api/v2${ORG}: HTTP 504; retry 3 of 3`
    ])
  })

  it.each([400, 401, 403, 404, 409, 422, 500, 501])('does not retry HTTP %i', async status => {
    inject(ORG, 10, answer(status, {}, ''))
    const error = await failure(client().get(ORG))
    expect(error.status).toBe(status)
    expect(fake.requests).toHaveLength(1)
    expect(logs).toEqual([])
  })

  it('a write is sent again after a dropped connection, and applied once', async () => {
    inject(`${ORG}/module-consumers`, 1, req => {
      req.socket.destroy()
    })
    const tfe = client()
    const teamA = fake.org('team-a')?.externalId as string
    const response = await tfe.patch(`${ORG}/module-consumers`, {
      data: {
        type: 'module-partnerships',
        attributes: { 'module-consuming-organization-ids': [teamA] }
      }
    })
    expect(response.status).toBe(200)
    expect(logs).toEqual([
      `PATCH /api/v2${ORG}/module-consumers: ECONNRESET; retry 1 of 2 in 0.0 s`
    ])
    expect(fake.writes()).toHaveLength(2)
  })

  it('reports a refused connection after its retries', async () => {
    const url = fake.url
    await fake.close()
    const error = await failure(client({ baseUrl: url, maxRetries: 1 }).get(ORG))
    expect(error).toMatchObject({
      code: 'ECONNREFUSED',
      request: { method: 'GET', path: `/api/v2${ORG}` },
      message: `GET /api/v2${ORG}: connection refused (ECONNREFUSED)`
    })
    expect(logs).toEqual([`GET /api/v2${ORG}: ECONNREFUSED; retry 1 of 1 in 0.0 s`])
    fake = await startFakeTfe()
  })
})

describe('what it refuses', () => {
  it('does not follow a redirect, and says where it pointed', async () => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.path !== `/api/v2${ORG}`) return false
      res.writeHead(301, { location: `${fake.url}/api/v2/elsewhere` })
      res.end()
      return true
    })
    const error = await failure(client().get(ORG))
    expect(error).toMatchObject({
      status: 301,
      errors: [
        {
          detail: `TFE redirected to ${fake.url}/api/v2/elsewhere; set hostname to the address TFE answers on`
        }
      ]
    })
    expect(requests()).toEqual([`GET /api/v2${ORG}`])
  })

  it('a redirect without a location', async () => {
    inject(ORG, 1, answer(307, {}, ''))
    const error = await failure(client().get(ORG))
    expect(error).toMatchObject({
      status: 307,
      errors: [{ detail: 'TFE answered with a redirect and no location' }]
    })
  })

  it('a body larger than maxBodyBytes, without retrying', async () => {
    fake.addOrganizations(30)
    const error = await failure(client({ maxBodyBytes: 1000 }).get('/admin/organizations'))
    expect(error).toMatchObject({ status: 200 })
    expect(error.message).toBe(
      'GET /api/v2/admin/organizations answered with more than 1000 bytes; refusing to read it'
    )
    expect(fake.requests).toHaveLength(1)
  })

  it('names a limit of megabytes in megabytes', async () => {
    inject(ORG, 1, (_req, res) => {
      res.writeHead(200, { 'content-type': JSON_API })
      res.end(`{"data":"${'x'.repeat(1024 * 1024 + 10)}"}`)
    })
    const error = await failure(client({ maxBodyBytes: 1024 * 1024 }).get(ORG))
    expect(error.message).toMatch(/answered with more than 1 MB; refusing to read it$/)
  })

  it('a 2xx body that is not JSON', async () => {
    inject(
      ORG,
      1,
      answer(200, { 'content-type': 'text/html' }, '<html>\n<title>Sign in</title></html>')
    )
    const error = await failure(client().get(ORG))
    expect(error).toMatchObject({ status: 200, request: { method: 'GET', path: `/api/v2${ORG}` } })
    expect(error.message).toBe(
      `GET /api/v2${ORG} answered HTTP 200 with a body that is not JSON ("<html> <title>Sign in</title></html>")`
    )
    expect(fake.requests).toHaveLength(1)
  })

  it('an answer that does not start in time', async () => {
    inject(ORG, 10, () => {})
    const error = await failure(client({ timeoutMs: 50, maxRetries: 1 }).get(ORG))
    expect(error).toMatchObject({ code: 'ETIMEDOUT' })
    expect(error.message).toMatch(
      new RegExp(`^GET /api/v2${ORG}: (no answer within 0\\.1 s|timed out \\(ETIMEDOUT\\))$`)
    )
    expect(logs).toEqual([`GET /api/v2${ORG}: ETIMEDOUT; retry 1 of 1 in 0.0 s`])
    expect(fake.requests).toHaveLength(2)
  })

  it('an answer that stalls mid-body', async () => {
    inject(ORG, 1, (_req, res) => {
      res.writeHead(200, { 'content-type': JSON_API, 'content-length': '1000' })
      res.write('{"data":')
    })
    const error = await failure(client({ timeoutMs: 50, maxRetries: 0 }).get(ORG))
    expect(error.code).toMatch(/^(ETIMEDOUT|ECONNRESET)$/)
    expect(error.message).toMatch(
      /: (the answer did not complete in time|the connection closed mid-answer|timed out \(ETIMEDOUT\))$/
    )
  })

  it('a connection closed mid-body, retried', async () => {
    inject(ORG, 1, (req, res) => {
      res.writeHead(200, { 'content-type': JSON_API, 'content-length': '1000' })
      res.write('{"data":', () => req.socket.destroy())
    })
    const response = await client().get(ORG)
    expect(response.status).toBe(200)
    expect(logs).toEqual([`GET /api/v2${ORG}: ECONNRESET; retry 1 of 2 in 0.0 s`])
  })
})

describe('error bodies', () => {
  async function errorFor(status: number, headers: Record<string, string>, body: string) {
    inject(ORG, 1, answer(status, headers, body))
    return failure(client({ maxRetries: 0 }).get(ORG))
  }

  it('a JSON:API error list, with pointers', async () => {
    const error = await errorFor(
      422,
      { 'content-type': JSON_API },
      JSON.stringify({
        errors: [
          {
            status: '422',
            title: 'invalid attribute',
            detail: 'Bad.',
            source: { pointer: '/data/x' }
          },
          { status: 422, title: 'other' }
        ]
      })
    )
    expect(error).toMatchObject({
      status: 422,
      bodyKind: 'json',
      errors: [
        { status: '422', title: 'invalid attribute', detail: 'Bad.', pointer: '/data/x' },
        { status: '422', title: 'other' }
      ],
      details: 'invalid attribute: Bad. (at /data/x); other'
    })
    expect(error.message).toBe(
      `GET /api/v2${ORG} answered HTTP 422: invalid attribute: Bad. (at /data/x); other`
    )
  })

  it("old endpoints' plain strings and odd entries", async () => {
    const error = await errorFor(400, {}, '{"errors":["Plain\\nstring", 42, null, {"detail":"x"}]}')
    expect(error.errors).toEqual([
      { detail: 'Plain string' },
      { detail: '42' },
      { detail: 'null' },
      { detail: 'x', status: undefined, title: undefined, pointer: undefined }
    ])
  })

  it.each([
    {
      what: 'an HTML page: its title',
      headers: { 'content-type': 'text/html' },
      body: '<html><head><title> Bad\n gateway </title></head></html>',
      kind: 'html',
      excerpt: 'Bad gateway',
      said: ' with an HTML page ("Bad gateway"), not TFE\'s JSON'
    },
    {
      what: 'an HTML page without a content type: its first heading, without tags',
      headers: {},
      body: '<html><body><h1>Access <b>denied</b></h1></body></html>',
      kind: 'html',
      excerpt: 'Access denied',
      said: ' with an HTML page ("Access denied"), not TFE\'s JSON'
    },
    {
      what: 'an HTML page with neither',
      headers: { 'content-type': 'text/html' },
      body: 'nothing to see',
      kind: 'html',
      excerpt: '',
      said: " with an HTML page, not TFE's JSON"
    },
    {
      what: 'white space',
      headers: {},
      body: '  ',
      kind: 'empty',
      excerpt: '',
      said: ' with an empty body'
    },
    {
      what: 'plain text, on one line',
      headers: { 'content-type': 'text/plain' },
      body: 'upstream\r\nfailed',
      kind: 'text',
      excerpt: 'upstream failed',
      said: ': "upstream failed"'
    },
    {
      what: 'JSON that is not an error list',
      headers: { 'content-type': JSON_API },
      body: '{"message":"no"}',
      kind: 'text',
      excerpt: '{"message":"no"}',
      said: ': "{"message":"no"}"'
    },
    {
      what: 'an empty error list',
      headers: { 'content-type': JSON_API },
      body: '{"errors":[]}',
      kind: 'text',
      excerpt: '{"errors":[]}',
      said: ': "{"errors":[]}"'
    }
  ])('$what', async ({ headers, body, kind, excerpt, said }) => {
    const error = await errorFor(403, headers as Record<string, string>, body)
    expect(error).toMatchObject({ status: 403, bodyKind: kind, excerpt, errors: [] })
    expect(error.message).toBe(`GET /api/v2${ORG} answered HTTP 403${said}`)
  })

  it('a long excerpt is cut', async () => {
    const error = await errorFor(403, { 'content-type': 'text/plain' }, 'x'.repeat(500))
    expect(String(error.excerpt)).toHaveLength(200)
    expect(String(error.excerpt).endsWith('...')).toBe(true)
  })
})

describe('pages', () => {
  it('follows meta.pagination through every page of a list', async () => {
    await fake.close()
    fake = await startFakeTfe()
    const consumers = fake.addOrganizations(250, 'consumer')
    fake.addOrganization({ name: 'modules', moduleConsumers: consumers.map(o => o.name) })

    const tfe = client()
    const all = await tfe.getAll(`${ORG}/relationships/module-consumers`)
    expect(all).toHaveLength(250)
    expect(fake.requests.map(r => r.query)).toEqual([
      { 'page[number]': '1', 'page[size]': String(PAGE_SIZE) },
      { 'page[number]': '2', 'page[size]': '100' },
      { 'page[number]': '3', 'page[size]': '100' }
    ])

    const page = await tfe.getPage('/admin/organizations', 2, { q: 'consumer' })
    expect(page).toMatchObject({ next: 3, totalPages: 3 })
    expect(page.items).toHaveLength(100)
    expect(fake.requests.at(-1)?.query).toEqual({
      q: 'consumer',
      'page[number]': '2',
      'page[size]': '100'
    })
  })

  it('follows links.next when there is no meta', async () => {
    serveList('/admin/organizations', n => ({
      data: items(n < 3 ? 100 : 5, (n - 1) * 100),
      links: { next: n < 3 ? `/api/v2/admin/organizations?page%5Bnumber%5D=${n + 1}` : null }
    }))
    const all = await client().getAll('/admin/organizations')
    expect(all).toHaveLength(205)
    expect(fake.requests).toHaveLength(3)
  })

  it('without meta or links, stops at a short page', async () => {
    serveList('/admin/organizations', n => ({ data: items(n < 3 ? 100 : 0) }))
    const tfe = client()
    expect(await tfe.getAll('/admin/organizations')).toHaveLength(200)
    expect(fake.requests).toHaveLength(3)
    const page = await tfe.getPage('/admin/organizations', 1)
    expect(page).toMatchObject({ next: 2, totalPages: undefined })
  })

  it('stops when meta names a next page that does not move forward', async () => {
    serveList('/admin/organizations', n => ({
      data: items(100),
      meta: { pagination: { 'current-page': n, 'next-page': n, 'total-pages': 'many' } }
    }))
    const page = await client().getPage('/admin/organizations', 1)
    expect(page).toMatchObject({ next: undefined, totalPages: undefined })
    expect(page.items).toHaveLength(100)
  })

  it('refuses a page without a data array', async () => {
    serveList('/admin/organizations', () => ({ data: { id: 'x' } }))
    const error = await failure(client().getPage('/admin/organizations', 1))
    expect(error).toMatchObject({
      status: 200,
      message: 'GET /admin/organizations answered without a data array'
    })
  })

  it('refuses an empty page body', async () => {
    inject('/admin/organizations', 1, answer(200, {}, ''))
    const error = await failure(client().getPage('/admin/organizations', 1))
    expect(error.message).toMatch(/without a data array/)
  })
})

describe('late answers and dispose', () => {
  it('dispose is safe to call twice', () => {
    const tfe = client()
    tfe.dispose()
    expect(() => tfe.dispose()).not.toThrow()
  })

  it('an answer that comes after the timeout is thrown away', async () => {
    let release: (() => void) | undefined
    inject(ORG, 1, (_req, res) => {
      release = () => send(res, 200, { 'content-type': JSON_API }, '{"data":{}}')
    })
    const error = await failure(client({ timeoutMs: 50, maxRetries: 0 }).get(ORG))
    expect(error.code).toBe('ETIMEDOUT')
    release?.()
    await new Promise(resolve => setTimeout(resolve, 20))
  })
})
