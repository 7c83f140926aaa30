// Fault injection for the faults suites (integration/faults-retries, faults-refusals and
// in-process-tls, which run in process through in-process-on-fake's runSettingTeamsInProcess, and
// e2e/faults-tls, which spawns through runSettingTeams here): one request of a run answered badly
// (rate limit, gateway pages, dropped or hung connections, odd bodies, redirects), and how a run
// is read back: its requests by step, its retry log lines, and whether the one write happened
// exactly once or not at all.
import { expectFailure, fakeSecrets, idOf, runOnFake, seedTeams } from './action-on-fake.js'
import type { FakeTfeIntercept, RecordedRequest } from '../../test-kit/fake-tfe.mjs'
import { fake, useFakeTfe } from './fake-tfe-per-test.js'
import type { ActionRun } from '../../test-kit/runner.mjs'
import { annotations, visible } from './run-expectations.js'

/** Requests a fault answered: the fake never routed them, so they changed nothing. */
const faulted = new WeakSet<RecordedRequest>()

/** Every test of the file gets a fresh fake TFE with the teams (see seedTeams). */
export function useFaultsFake(): void {
  useFakeTfe(seedTeams)
}

/** Runs the action setting team-a and team-b, by external id, as the consumers of modules. */
export function runSettingTeams(
  inputs: Record<string, string> = {},
  env: Record<string, string | undefined> = {}
): Promise<ActionRun> {
  return runOnFake({ consumers: `${idOf('team-a')}\n${idOf('team-b')}`, ...inputs }, env)
}

export const ORG_PATH = '/api/v2/admin/organizations/modules'
export const CONSUMERS_PATH = `${ORG_PATH}/relationships/module-consumers`
export const PATCH_PATH = `${ORG_PATH}/module-consumers`
/** How the action labels each request in its log: path and query, brackets as a person writes them. */
export const LABELS = {
  'GET org': `GET ${ORG_PATH}`,
  'GET consumers': `GET ${CONSUMERS_PATH}?page[number]=1&page[size]=100`,
  PATCH: `PATCH ${PATCH_PATH}`
} as const
export type Step = keyof typeof LABELS
/** The requests of an undisturbed run with consumers given as external ids. */
export const HAPPY_PATH: Step[] = ['GET org', 'GET consumers', 'PATCH']

export const JSON_API = 'application/vnd.api+json'
export const RATE_LIMIT_BODY =
  '{"errors":[{"status":429,"title":"Too many requests","detail":"You have exceeded the API\'s rate limit."}]}'

export function stepOf(method: string, path: string): Step | string {
  if (method === 'GET' && path === ORG_PATH) return 'GET org'
  if (method === 'GET' && path === CONSUMERS_PATH) return 'GET consumers'
  if (method === 'PATCH' && path === PATCH_PATH) return 'PATCH'
  return `${method} ${path}`
}

/** The requests the fake saw, in order, by step. */
export function steps(): string[] {
  return fake.requests.map(r => stepOf(r.method, r.path))
}

/**
 * The fake saw exactly these requests, and no write before the last read. The two state reads
 * go out side by side, so the order among the reads (and their retries) is not fixed.
 */
export function expectSteps(expected: readonly string[]): void {
  const seen = steps()
  expect([...seen].sort()).toEqual([...expected].sort())
  const lastRead = seen.map(step => step.startsWith('GET')).lastIndexOf(true)
  const firstWrite = seen.findIndex(step => !step.startsWith('GET'))
  if (firstWrite >= 0) expect(firstWrite).toBeGreaterThan(lastRead)
}

export type Fault = (...args: Parameters<FakeTfeIntercept>) => void | Promise<void>

/** Answers the first `times` requests of one step with a fault; the rest reach the fake TFE. */
export function inject(step: Step, times: number, fault: Fault): void {
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
export function appliedWrites() {
  return fake.writes().filter(w => !faulted.has(w))
}

export function answer(status: number, headers: Record<string, string>, body: string): Fault {
  return (_req, res) => {
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
    res.end(body)
  }
}

export function rateLimited(headers: Record<string, string>): Fault {
  return answer(429, { 'content-type': JSON_API, ...headers }, RATE_LIMIT_BODY)
}

const GATEWAY_TITLES: Record<number, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out'
}

export function proxyPage(status: number, headers: Record<string, string> = {}): Fault {
  const title = GATEWAY_TITLES[status] ?? `${status} Error`
  return answer(
    status,
    { 'content-type': 'text/html', ...headers },
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  )
}

/** Closes the connection without a byte of answer. */
export const dropConnection: Fault = req => {
  req.socket.destroy()
}

/** Promises a whole document, sends half of it, then closes the connection. */
export const dropMidBody: Fault = (req, res) =>
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
export const hang: Fault = () => {}

/** Sends the headers and the start of the body, then falls silent. */
export const stallAfterHeaders: Fault = (_req, res) => {
  res.writeHead(200, { 'content-type': JSON_API, 'content-length': '1000' })
  res.write('{"data":')
}

/** Streams `bytes` of JSON-looking text as one 200 answer, honouring backpressure. */
export function hugeBody(bytes: number): Fault {
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

export function errorBody(status: number, title: string, detail: string): string {
  return JSON.stringify({ errors: [{ status: String(status), title, detail }] })
}

/** The TFE token shows nowhere, in whole or its secret part alone (in case something split it). */
export function expectTfeTokenHidden(result: ActionRun): void {
  for (const secret of fakeSecrets()) expect(visible(result)).not.toContain(secret)
}

/** A failed run (see expectFailure) that warned of nothing either. */
export function expectFailureWithoutWarning(result: ActionRun, pattern: RegExp): string {
  const line = expectFailure(result, pattern)
  expect(annotations(result, 'warning')).toEqual([])
  return line
}

/** Nothing was written: the producer still has only its original consumer. */
export function expectUnchanged(): void {
  expect(appliedWrites()).toEqual([])
  expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
}

/** A successful run that set team-a and team-b as the consumers, writing exactly once. */
export function expectTeamsSet(result: ActionRun): void {
  expect(result.timedOut).toBe(false)
  expect(annotations(result, 'error')).toEqual([])
  expect(result.code).toBe(0)
  expect(annotations(result, 'warning')).toEqual([])
  expect(appliedWrites().map(w => stepOf(w.method, w.path))).toEqual(['PATCH'])
  expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a', 'team-b'])
  expect(JSON.parse(result.outputs['consumer-ids'] as string)).toEqual([
    idOf('team-a'),
    idOf('team-b')
  ])
  expect(result.outputs.changed).toBe('true')
  expectTfeTokenHidden(result)
}

export interface RetryLine {
  request: string
  reason: string
  retry: number
  of: number
  seconds: number
}

/** The log's retry lines: `<METHOD> <path>: <HTTP status or code>; retry N of M in S s`. */
export function retryLines(result: ActionRun): RetryLine[] {
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
export function expectRetries(
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

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
