// What goes wrong between the action and TFE, run in this process so that coverage sees src/:
// rejected tokens, missing organizations and endpoints, 422s, gateway and server errors, refused
// connections, odd 2xx bodies. Each failing run must end in exactly one readable error line that
// never shows the token; retries must not wait for real. The rate limit, dropped and hung
// connections are faults-retries' subject; answers never retried, faults-refusals'; TLS,
// in-process-tls'.
import { type IncomingMessage, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type FakeTfe, type FakeTfeIntercept, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import {
  type InProcessOptions,
  type InProcessRun,
  expectHidden,
  runInProcess
} from '../support/in-process.js'
import { annotations, expectOneFailure, visible } from '../support/run-expectations.js'

const ORG = '/api/v2/admin/organizations/modules'
const SEED = `${ORG}/module-consumers`
const RELATIONSHIP = `${ORG}/relationships/module-consumers`
const JSON_API = 'application/vnd.api+json'
/** No jitter either, so the retry lines are exact. */
const NO_JITTER = { backoff: { baseMs: 1, maxMs: 4, random: () => 0 } }

let fake: FakeTfe
let teamA: { name: string; externalId: string }

beforeEach(async () => {
  fake = await startFakeTfe()
  teamA = fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'legacy' })
  fake.addOrganization({ name: 'modules', moduleConsumers: ['legacy'] })
})

afterEach(async () => {
  await fake.close()
})

function run(
  inputs: Record<string, string> = {},
  options?: InProcessOptions
): Promise<InProcessRun> {
  return runInProcess(
    {
      organization: 'modules',
      consumers: teamA.externalId,
      hostname: fake.url,
      token: fake.adminToken,
      ...inputs
    },
    options
  )
}

function expectFailure(result: InProcessRun, pattern: RegExp): string {
  const line = expectOneFailure(result, pattern, [fake.adminToken, fake.userToken])
  expectHidden(visible(result), fake.adminToken)
  expect(annotations(result, 'warning')).toEqual([])
  return line
}

function requests(): string[] {
  return fake.requests.map(r => `${r.method} ${r.path}`)
}

/** How often one request was sent. */
function count(request: string): number {
  return requests().filter(r => r === request).length
}

/** Lines of the log that announce a retry. */
function retries(result: InProcessRun): string[] {
  return result.stdout.split('\n').filter(line => /retry \d+ of \d+|not retrying/.test(line))
}

/** Answers the first `times` requests matching method and path with `fault`; the rest pass. */
function inject(method: string, path: string, times: number, fault: FakeTfeIntercept): void {
  let hits = 0
  fake.intercept(async (req, res, recorded) => {
    if (recorded.method !== method || recorded.path !== path || hits >= times) return false
    hits++
    await fault(req, res, recorded)
    return true
  })
}

/** A fixed answer; `body` may be made from the request (to echo what the client sent). */
function answer(
  status: number,
  headers: Record<string, string>,
  body: string | ((req: IncomingMessage) => string)
): FakeTfeIntercept {
  return (req, res) => {
    const text = typeof body === 'string' ? body : body(req)
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers })
    res.end(text)
  }
}

function htmlPage(
  status: number,
  title: string | ((req: IncomingMessage) => string)
): FakeTfeIntercept {
  return answer(status, { 'content-type': 'text/html' }, req => {
    const text = typeof title === 'string' ? title : title(req)
    return `<html>\r\n<head><title>${text}</title></head>\r\n<body><h1>${text}</h1></body>\r\n</html>\r\n`
  })
}

describe('the token', () => {
  it('rejected (401): one request, and the line says what to do', async () => {
    const result = await run({ token: 'not-a-valid-token' })
    const line = expectFailure(
      result,
      /^modules: http:\/\/127\.0\.0\.1:\d+ rejected the token \(HTTP 401\): it is missing, expired or invalid\./
    )
    expect(line).toMatch(/site administrator's API token/)
    // The reads of today's state may go out together; nothing is retried or written.
    expect(count(`GET ${ORG}`)).toBe(1)
    expect(fake.writes()).toEqual([])
    expectHidden(visible(result), 'not-a-valid-token')
  })

  it("valid but not a site admin's (404 from the admin API)", async () => {
    // Consumers by name go the same way: the producer's read fails first.
    const byName = await run({ consumers: 'team-a', token: fake.userToken })
    expectFailure(byName, /^modules: the token is valid but not a site administrator's.*HTTP 404/)
    expect(fake.writes()).toEqual([])
    fake.requests.length = 0

    const result = await run({ token: fake.userToken })
    expectFailure(
      result,
      /^modules: the token is valid but not a site administrator's \(HTTP 404 from the admin API\)\. Use a site admin's API token\./
    )
    expect(count(`GET ${ORG}`)).toBe(1)
    expect(requests().at(-1)).toBe('GET /api/v2/account/details')
    expect(fake.writes()).toEqual([])
    expectHidden(visible(result), fake.userToken)
    expect(result.masked.map(m => m.secret)).toEqual([fake.userToken])
  })

  it('is refused as input with invisible characters in it, before any request', async () => {
    const result = await run({ token: `${fake.adminToken}\u200b` })
    expectFailure(result, /^Invalid input: the token contains white space or invisible characters/)
    expect(fake.requests).toEqual([])
  })
})

describe('404s, told apart by a second look', () => {
  it('the producing organization does not exist', async () => {
    const result = await run({ organization: 'nowhere' })
    expectFailure(
      result,
      /^nowhere: no such organization on this TFE \(HTTP 404\)\. Check the organization input\./
    )
  })

  it('the account endpoint cannot tell either', async () => {
    inject('GET', '/api/v2/account/details', 1, answer(403, {}, ''))
    const result = await run({ organization: 'nowhere' })
    expectFailure(
      result,
      /^nowhere: organization not found, or the token is not a site administrator's \(HTTP 404\)/
    )
  })

  it('the account endpoint does not say whether the user is an admin', async () => {
    inject(
      'GET',
      '/api/v2/account/details',
      1,
      answer(200, { 'content-type': JSON_API }, '{"data":{}}')
    )
    const result = await run({ organization: 'nowhere' })
    expectFailure(result, /^nowhere: organization not found, or the token is not/)
  })

  it('this TFE has no module-consumers endpoint', async () => {
    fake.features.moduleConsumersEndpoint = false
    const result = await run()
    expectFailure(
      result,
      /^modules: this TFE does not offer the module-consumers endpoint \(PATCH \/api\/v2\/admin\/organizations\/:name\/module-consumers\) \(HTTP 404 although the organization exists\)\. .*check the TFE version/
    )
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('a 404 on a read after the write is not blamed on the endpoint', async () => {
    inject('GET', RELATIONSHIP, 1, answer(200, { 'content-type': JSON_API }, '{"data":[]}'))
    inject(
      'GET',
      RELATIONSHIP,
      1,
      answer(404, { 'content-type': JSON_API }, '{"errors":[{"status":"404","title":"not found"}]}')
    )
    const result = await run({ api: 'relationships', consumers: 'team-a' })
    const line = expectFailure(result, /HTTP 404/)
    expect(line).not.toMatch(/does not offer/)
  })
})

describe('422', () => {
  it('lists every error with title, detail and pointer; nothing was changed', async () => {
    const ghost = 'org-1NotThere1234567'
    const result = await run({ consumers: `${teamA.externalId}\n${ghost}` })
    const line = expectFailure(
      result,
      /^modules: TFE refused the request \(HTTP 422\): invalid attribute: Organization with external id "org-1NotThere1234567" was not found\. \(at \/data\/attributes\/module-consuming-organization-ids\)\. Check the consumers list\. Nothing was changed\./
    )
    expect(line).toContain(ghost)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('lists every unknown id with its pointer; 17 characters are a name, not an id', async () => {
    const result = await run({ consumers: 'org-11111111111111111,org-2222222222222222' })
    // 17 characters is a name, not an id: this is refused as an unknown name.
    expectFailure(result, /no organization named org-11111111111111111/)

    const unknownIds = await run({ consumers: 'org-1111111111111111, org-2222222222222222' })
    const line = expectFailure(unknownIds, /^modules: TFE refused the request \(HTTP 422\): /)
    expect(line).toMatch(
      /org-1111111111111111.*\(at \/data\/attributes\/module-consuming-organization-ids\)/
    )
    expect(line).toMatch(
      /org-2222222222222222.*\(at \/data\/attributes\/module-consuming-organization-ids\)/
    )
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('reads old plain-string error lists and numeric statuses', async () => {
    inject(
      'PATCH',
      SEED,
      1,
      answer(
        422,
        { 'content-type': JSON_API },
        '{"errors":["Consumer is invalid", {"status":422}, 7]}'
      )
    )
    const result = await run()
    expectFailure(
      result,
      /^modules: TFE refused the request \(HTTP 422\): Consumer is invalid; no detail; 7\. Check the consumers list/
    )

    inject(
      'PATCH',
      SEED,
      1,
      answer(
        422,
        { 'content-type': 'application/json' },
        JSON.stringify({
          errors: ['Consumer list is invalid', { status: 422, title: 'bad', detail: 'worse' }]
        })
      )
    )
    expectFailure(
      await run(),
      /HTTP 422\): Consumer list is invalid; bad: worse\. Check the consumers list/
    )
  })
})

describe('gateway and server errors', () => {
  it('retries a 502 and a 504, then succeeds', async () => {
    inject('GET', ORG, 1, htmlPage(502, '502 Bad Gateway'))
    inject('GET', RELATIONSHIP, 1, htmlPage(504, '504 Gateway Time-out'))
    const result = await run()
    expect(result.code).toBe(0)
    expect(retries(result)).toHaveLength(2)
  })

  it('does not retry a 500, and quotes it', async () => {
    inject(
      'PATCH',
      SEED,
      1,
      answer(
        500,
        { 'content-type': JSON_API },
        '{"errors":[{"status":"500","title":"internal error"}]}'
      )
    )
    const result = await run()
    expectFailure(
      result,
      /^modules: PATCH \/api\/v2\/admin\/organizations\/modules\/module-consumers answered HTTP 500: internal error\. TFE or a proxy in front of it failed/
    )
    expect(requests().filter(r => r.startsWith('PATCH'))).toHaveLength(1)
  })

  it('an HTML page without a title, an empty body, and plain text', async () => {
    inject(
      'GET',
      ORG,
      1,
      answer(500, { 'content-type': 'text/html' }, '<html><body>oops</body></html>')
    )
    expectFailure(await run(), /answered HTTP 500 with an HTML page, not TFE's JSON\. /)

    inject('GET', ORG, 1, answer(500, {}, ''))
    expectFailure(await run(), /answered HTTP 500 with an empty body\. /)

    inject('GET', ORG, 1, answer(500, { 'content-type': 'text/plain' }, 'upstream\nexploded'))
    expectFailure(await run(), /answered HTTP 500: "upstream exploded"\. /)

    inject('GET', ORG, 1, answer(500, { 'content-type': JSON_API }, '{"message":"nope"}'))
    expectFailure(await run(), /answered HTTP 500: "\{"message":"nope"\}"\. /)
  })

  it.each([
    [
      'an HTML proxy page',
      502,
      'text/html',
      '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
      /HTTP 502 with an HTML page \("502 Bad Gateway"\), not TFE's JSON/
    ],
    ['an empty body', 503, 'text/plain', '', /HTTP 503 with an empty body/],
    ['plain text', 500, 'text/plain', 'upstream exploded', /HTTP 500: "upstream exploded"/]
  ])('explains %s in one line', async (_what, status, type, body, pattern) => {
    fake.intercept((_req, res) => {
      res.writeHead(status, { 'content-type': type })
      res.end(body)
      return true
    })
    // 502 and 503 are retried, which faults-retries tests: here the first answer is the last.
    const result = await run({ 'max-retries': '0' })
    expectFailure(result, pattern)
  })
})

describe('transport failures', () => {
  it('explains a refused connection', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>(resolve => closed.close(() => resolve()))
    const result = await run(
      { hostname: `http://127.0.0.1:${port}`, 'max-retries': '1' },
      NO_JITTER
    )
    expectFailure(
      result,
      new RegExp(
        `^modules: could not reach http://127\\.0\\.0\\.1:${port}: GET /api/v2/admin/organizations/modules: connection refused \\(ECONNREFUSED\\)\\. Check hostname, the network and any proxy \\(HTTPS_PROXY, NO_PROXY\\)\\.$`
      )
    )
    expect(retries(result)).toContain(`GET ${ORG}: ECONNREFUSED; retry 1 of 1 in 0.0 s`)
  })
})

describe('2xx answers that are not what the API documents', () => {
  it('an organization without an external id', async () => {
    inject('GET', ORG, 1, answer(200, { 'content-type': JSON_API }, '{"data":{"id":"modules"}}'))
    const result = await run()
    expectFailure(
      result,
      /^modules: unexpected answer from .*GET (\/api\/v2)?\/admin\/organizations\/modules answered with an organization that has no name or external-id\. /
    )
  })

  it('a list without a data array', async () => {
    inject('GET', RELATIONSHIP, 1, answer(200, { 'content-type': JSON_API }, '{"data":{}}'))
    const result = await run()
    expectFailure(
      result,
      /^modules: unexpected answer from .*GET (\/api\/v2)?\/admin\/organizations\/modules\/relationships\/module-consumers answered without a data array\. /
    )
  })

  it.each(['{"data":null}', '{"data":{"id":"x"}}'])(
    'a 200 without the partnership list: %s',
    async body => {
      inject('PATCH', SEED, 1, answer(200, { 'content-type': JSON_API }, body))
      const result = await run()
      expectFailure(
        result,
        /^modules: unexpected answer from .*PATCH (\/api\/v2)?\/admin\/organizations\/modules\/module-consumers answered HTTP 200 without the list of partnerships\. /
      )
    }
  )

  it('a partnership lacking attributes', async () => {
    inject(
      'PATCH',
      SEED,
      1,
      answer(
        200,
        { 'content-type': JSON_API },
        '{"data":[{"id":"mp-1","attributes":{"consuming-organization-id":"org-x"}}]}'
      )
    )
    const result = await run()
    expectFailure(
      result,
      /answered with a partnership lacking consuming-organization-name, producing-organization-id, producing-organization-name\. /
    )
  })

  it('partnerships that differ from the plan: another run may have changed them', async () => {
    inject('PATCH', SEED, 1, answer(200, { 'content-type': JSON_API }, '{"data":[]}'))
    const result = await run()
    expectFailure(
      result,
      /^modules: after the write TFE lists no consumers, but the plan was \[org-[^\]]+\]; another run may have changed it at the same time\./
    )
  })
})
