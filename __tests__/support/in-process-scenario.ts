// The in-process sharing suites' scenario: a fake TFE with three teams and a producer that
// shares with one of them, a runner for run() against it, and what a user sees of a run.
import { type FakeOrganization, type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import {
  type InProcessOptions,
  type InProcessRun,
  expectHidden,
  runInProcess
} from './in-process.js'
import { annotations, expectOneFailure, visible } from './run-expectations.js'

export const ORG = '/api/v2/admin/organizations/modules'
export const SEED = `${ORG}/module-consumers`
export const RELATIONSHIP = `${ORG}/relationships/module-consumers`
export const PROVIDERS = `${ORG}/relationships/provider-consumers`
export const REGISTRY = `${ORG}/registry-partnerships`

export let fake: FakeTfe
export let teamA: FakeOrganization
export let teamB: FakeOrganization
export let legacy: FakeOrganization

export async function start(
  producer: Partial<Parameters<FakeTfe['addOrganization']>[0]> = {},
  options: Parameters<typeof startFakeTfe>[0] = {}
): Promise<void> {
  fake = await startFakeTfe(options)
  teamA = fake.addOrganization({ name: 'team-a' })
  teamB = fake.addOrganization({ name: 'team-b' })
  legacy = fake.addOrganization({ name: 'legacy' })
  fake.addOrganization({ name: 'modules', moduleConsumers: ['legacy'], ...producer })
}

/** Closes the fake after every test of the file that calls it. */
export function closeFakeAfterEach(): void {
  afterEach(async () => {
    await fake?.close()
  })
}

export function run(
  inputs: Record<string, string>,
  options?: InProcessOptions
): Promise<InProcessRun> {
  return runInProcess(
    { organization: 'modules', hostname: fake.url, token: fake.adminToken, ...inputs },
    options
  )
}

/** A clean success: exit 0, no error or warning, the token masked before anything else. */
export function expectSuccess(result: InProcessRun, { warnings = 0 } = {}): void {
  expect(annotations(result, 'error')).toEqual([])
  expect(result.code).toBe(0)
  expect(annotations(result, 'warning')).toHaveLength(warnings)
  expect(result.masked[0]).toEqual({ secret: fake.adminToken, stdoutBefore: 0 })
  expect(result.annotations[0]).toEqual({
    command: 'add-mask',
    properties: {},
    message: fake.adminToken
  })
  expectHidden(visible(result), fake.adminToken)
}

export function expectFailure(result: InProcessRun, pattern: RegExp): string {
  const line = expectOneFailure(result, pattern, [fake.adminToken, fake.userToken])
  expectHidden(visible(result), fake.adminToken)
  return line
}

const STATE_READS = [`GET ${ORG}`, `GET ${RELATIONSHIP}`, `GET ${PROVIDERS}`]

/**
 * The requests the fake received. Reads of today's state (and read-backs) may go out side by
 * side, so each run of consecutive reads is put in one order: organization, module consumers,
 * provider consumers.
 */
export function requests(): string[] {
  const all = fake.requests.map(r => `${r.method} ${r.path}`)
  const order = (r: string) => STATE_READS.indexOf(r)
  const out: string[] = []
  for (let i = 0; i < all.length;) {
    let end = i
    while (end < all.length && STATE_READS.includes(all[end] as string)) end++
    if (end === i) {
      out.push(all[i] as string)
      i++
    } else {
      out.push(...all.slice(i, end).sort((a, b) => order(a) - order(b)))
      i = end
    }
  }
  return out
}

export function writes(): { method: string; path: string; body: unknown }[] {
  return fake.writes().map(w => ({ method: w.method, path: w.path, body: JSON.parse(w.body) }))
}

export function json(result: InProcessRun, name: string): unknown {
  return JSON.parse(result.outputs[name] as string)
}

export function seedBody(ids: string[]) {
  return {
    data: { type: 'module-partnerships', attributes: { 'module-consuming-organization-ids': ids } }
  }
}

export function relationshipBody(names: string[]) {
  return { data: names.map(id => ({ type: 'organizations', id })) }
}

/** The summary table's rows as "name id change". */
export function rows(summary: string): string[] {
  return summary
    .split('\n')
    .filter(line => line.startsWith('| ') && !/^\| (Consumer|---) /.test(line))
    .map(line => {
      const [name, id, change] = line
        .split('|')
        .slice(1, 4)
        .map(cell => cell.trim())
      return `${name} ${id} ${change?.split(' ').pop()}`
    })
}
