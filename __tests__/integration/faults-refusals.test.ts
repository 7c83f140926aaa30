// Answers a run must not retry, run in this process (so coverage and mutation testing see src/)
// against the fake TFE, with one request answered by a client error, a page that is not TFE's
// JSON, a body too large to read, or a redirect to another port. Every test checks the one error
// line, that the token showed nowhere (nor went anywhere else), and that nothing was retried or
// written. Retried faults are faults-retries'.
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fake } from '../support/fake-tfe-per-test.js'
import { expectHidden } from '../support/in-process.js'
import { runSettingTeamsInProcess } from '../support/in-process-on-fake.js'
import { visible } from '../support/run-expectations.js'
import {
  HAPPY_PATH,
  JSON_API,
  LABELS,
  ORG_PATH,
  PATCH_PATH,
  type Step,
  answer,
  errorBody,
  escapeRegExp,
  expectFailureWithoutWarning,
  expectUnchanged,
  hugeBody,
  inject,
  retryLines,
  expectSteps,
  useFaultsFake
} from '../support/fault-injection.js'

useFaultsFake()

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
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(result, pattern)
    expectSteps(HAPPY_PATH)
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('a 401 to the first read: one request in all', async () => {
    inject(
      'GET org',
      Infinity,
      answer(401, { 'content-type': JSON_API }, errorBody(401, 'unauthorized', 'Invalid token'))
    )
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(
      result,
      /^modules: http:\/\/127\.0\.0\.1:\d+ rejected the token \(HTTP 401\)/
    )
    expectSteps(['GET org', 'GET consumers'])
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
    const result = await runSettingTeamsInProcess()
    const line = expectFailureWithoutWarning(
      result,
      /HTTP 422\): invalid attribute: rejected Bearer \*\*\*/
    )
    expect(line).not.toContain(fake.adminToken)
    expectHidden(visible(result), fake.adminToken)
    expectSteps(HAPPY_PATH)
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
    const result = await runSettingTeamsInProcess({ 'max-retries': '0' })
    expectFailureWithoutWarning(
      result,
      /HTTP 502 with an HTML page \("Bad gateway for Bearer \*\*\*"\)/
    )
    expectHidden(visible(result), fake.adminToken)
    expectSteps(['GET org', 'GET consumers'])
    expectUnchanged()
  })

  it('an HTML page with status 200: a clear failure, no retry', async () => {
    inject(
      'GET org',
      Infinity,
      answer(200, { 'content-type': 'text/html' }, '<html><title>Sign in</title></html>')
    )
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(
      result,
      /^modules: unexpected answer from http:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules answered HTTP 200 with a body that is not JSON \("<html><title>Sign in<\/title><\/html>"\)\. Check that hostname points at Terraform Enterprise\.$/
    )
    expectSteps(['GET org', 'GET consumers'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('truncated JSON with status 200: a clear failure, no retry', async () => {
    const whole = JSON.stringify({
      data: [{ id: 'legacy', type: 'organizations', attributes: { name: 'legacy' } }]
    })
    inject('GET consumers', Infinity, answer(200, { 'content-type': JSON_API }, whole.slice(0, 30)))
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(
      result,
      new RegExp(
        `^modules: unexpected answer from http://127\\.0\\.0\\.1:\\d+: ${escapeRegExp(LABELS['GET consumers'])} answered HTTP 200 with a body that is not JSON \\("${escapeRegExp(whole.slice(0, 30))}"\\)`
      )
    )
    expectSteps(['GET org', 'GET consumers'])
    expect(retryLines(result)).toEqual([])
    expectUnchanged()
  })

  it('a body over 10 MB: refused, naming the size, no retry', async () => {
    inject('GET org', Infinity, hugeBody(11 * 1024 * 1024))
    const result = await runSettingTeamsInProcess()
    expectFailureWithoutWarning(
      result,
      /^modules: unexpected answer from http:\/\/127\.0\.0\.1:\d+: GET \/api\/v2\/admin\/organizations\/modules answered with more than 10 MB; refusing to read it\./
    )
    expectSteps(['GET org', 'GET consumers'])
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
      const result = await runSettingTeamsInProcess()
      const path = step === 'PATCH' ? PATCH_PATH : ORG_PATH
      const line = expectFailureWithoutWarning(
        result,
        new RegExp(
          `^modules: ${step === 'PATCH' ? 'PATCH' : 'GET'} ${escapeRegExp(path)} answered HTTP ${status}: TFE redirected to `
        )
      )
      expect(line).toContain(`TFE redirected to ${elsewhereUrl}${path}`)
      expect(line).toMatch(/set hostname to the address TFE answers on/)
      expect(elsewhereRequests.filter(r => r.headers.authorization !== undefined)).toEqual([])
      expect(elsewhereRequests).toEqual([])
      expectSteps(step === 'PATCH' ? HAPPY_PATH : ['GET org', 'GET consumers'])
      expect(retryLines(result)).toEqual([])
      expectUnchanged()
    }
  )
})
