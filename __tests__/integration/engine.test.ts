// One engine for one producer or many, in process against the fake TFE: the step's inputs and a
// sharing file asked for the same change send the same writes and give the same producers
// entry; names cost what the resolver promises on a large TFE; unmanaged discovery and export
// read today's sharing the same way; a wrong input still reaches the summary.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, type FakeTfeOptions, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'engine-'))
})
afterEach(async () => {
  await fake?.close()
  rmSync(workspace, { recursive: true, force: true })
})

/** Fixed external ids, so that two fakes seeded alike hold the same organizations. */
const IDS = {
  'team-a': 'org-AAAAAAAAAAAAAAAA',
  'team-b': 'org-BBBBBBBBBBBBBBBB',
  legacy: 'org-CCCCCCCCCCCCCCCC',
  platform: 'org-DDDDDDDDDDDDDDDD'
} as const

async function start(options: FakeTfeOptions = {}, more: (tfe: FakeTfe) => void = () => {}) {
  fake = await startFakeTfe(options)
  for (const name of ['team-a', 'team-b', 'legacy'] as const) {
    fake.addOrganization({ name, externalId: IDS[name] })
  }
  fake.addOrganization({ name: 'platform', externalId: IDS.platform, moduleConsumers: ['legacy'] })
  more(fake)
}

function file(path: string, text: string): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

function run(inputs: Record<string, string>): Promise<InProcessRun> {
  return runInProcess(
    { hostname: fake.url, token: fake.adminToken, ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

const producers = (result: InProcessRun) => JSON.parse(result.outputs.producers ?? 'null')
const writes = () => fake.writes().map(w => ({ method: w.method, path: w.path, body: w.body }))

describe.each(['module-consumers', 'relationships', 'registry-partnerships'] as const)(
  'api: %s, the step inputs and a sharing file asked for the same change',
  api => {
    it('send the same writes and give the same producers entry', async () => {
      // team-a by name, team-b by id: the ids run needs no name lookup on the seed endpoint.
      await start()
      const byInputs = await run({
        organization: 'platform',
        consumers: `team-a, ${IDS['team-b']}`,
        api
      })
      expect(byInputs.code).toBe(0)
      const inputWrites = writes()
      await fake.close()

      await start()
      file('sharing/a.yml', `producers:\n  platform:\n    consumers: [team-a, ${IDS['team-b']}]\n`)
      const byFile = await run({ config: 'sharing/a.yml', api })
      expect(byFile.code).toBe(0)

      expect(writes()).toEqual(inputWrites)
      expect(inputWrites.length).toBeGreaterThan(0)
      expect(producers(byFile)).toEqual(producers(byInputs))
      expect(producers(byInputs)).toEqual([
        {
          organization: 'platform',
          result: 'changed',
          added: ['team-a', 'team-b'],
          removed: ['legacy'],
          consumers: ['team-a', 'team-b'],
          'global-module-sharing': false,
          // Provider sharing is not managed by either.
          'provider-added': null,
          'provider-removed': null,
          'provider-consumers': null,
          'global-provider-sharing': null
        }
      ])
      expect(fake.org('platform')?.moduleConsumers).toEqual(['team-a', 'team-b'])
    })
  }
)

describe('names on a TFE of 10,000 organizations', () => {
  const big = (tfe: FakeTfe) => {
    tfe.addOrganizations(10_000, 'org')
  }

  it('a dry run of a file with one producer and three consumers by name: at most 10 requests', async () => {
    await start({ moduleProducerFilter: 'lists-and-global' }, big)
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a, team-b, org-09999]\n')
    const result = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(producers(result)).toEqual([
      expect.objectContaining({
        result: 'would-change',
        added: ['org-09999', 'team-a', 'team-b'],
        removed: ['legacy']
      })
    ])
    expect(JSON.parse(result.outputs.unmanaged ?? '')).toEqual([])
    expect(fake.requests.length).toBeLessThanOrEqual(10)
    expect(fake.writes()).toEqual([])
  })

  it('a dry run of one producer by names: at most 6 requests', async () => {
    await start({ moduleProducerFilter: 'lists-and-global' }, big)
    const result = await run({
      organization: 'platform',
      consumers: 'team-a, team-b, org-09999',
      'dry-run': 'true'
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.outputs['consumer-names'] ?? '')).toEqual([
      'team-a',
      'team-b',
      'org-09999'
    ])
    expect(fake.requests.length).toBeLessThanOrEqual(6)
  })

  it('many producers: one walk of the list, no lookup each', async () => {
    await start({ moduleProducerFilter: 'lists-and-global' }, tfe => {
      tfe.addOrganizations(450, 'org')
    })
    const names = Array.from({ length: 30 }, (_, i) => `org-${String(i * 15 + 1).padStart(4, '0')}`)
    file(
      'sharing/a.yml',
      `producers:\n${names.map(n => `  ${n}:\n    consumers: [team-a]\n`).join('')}`
    )
    const result = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    const lookups = fake.requests.filter(r =>
      /^\/api\/v2\/admin\/organizations\/[^/]+$/.test(r.path)
    )
    const pages = fake.requests.filter(
      r => r.path === '/api/v2/admin/organizations' && !r.query['filter[module_producer]']
    )
    expect(lookups).toEqual([])
    expect(pages).toHaveLength(5)
  })
})

describe('organizations that share but no file names', () => {
  const seed = (tfe: FakeTfe) => {
    tfe.addOrganization({ name: 'network', globalModuleSharing: true })
    tfe.addOrganization({ name: 'tools', moduleConsumers: ['team-b'] })
  }

  it('a plan goes by the filter; a drift check reads the whole list and finds every global sharer', async () => {
    await start({ moduleProducerFilter: 'lists-only' }, seed)
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const plan = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(plan.code).toBe(0)
    expect(JSON.parse(plan.outputs.unmanaged ?? '')).toEqual(['tools'])
    const listPages = () =>
      fake.requests.filter(
        r => r.path === '/api/v2/admin/organizations' && !r.query['filter[module_producer]']
      )
    expect(listPages()).toEqual([])

    fake.requests.length = 0
    const drift = await run({ config: 'sharing/a.yml', 'dry-run': 'true', 'fail-on-drift': 'true' })
    expect(drift.code).toBe(0)
    expect(JSON.parse(drift.outputs.unmanaged ?? '')).toEqual(['network', 'tools'])
    expect(listPages()).toHaveLength(1)
  })
})

describe('export', () => {
  it('on a TFE that cannot list consumers: says so and which release can, and writes no file', async () => {
    await start({ features: { relationships: false } })
    const result = await run({ export: 'sharing/today.yml' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      'export: this TFE does not list module consumers (no relationships endpoint, HTTP 404), so ' +
        "today's consumer lists cannot be read; the endpoint came with TFE v202103-1. No file " +
        'was written, and nothing in TFE was changed.'
    ])
    expect(existsSync(join(workspace, 'sharing/today.yml'))).toBe(false)
  })
})

describe('a wrong input', () => {
  it('reaches the job summary with its line, though nothing was sent', async () => {
    await start()
    const result = await run({ organization: 'platform', mode: 'replace', 'dry-run': 'true' })
    expect(result.code).toBe(1)
    const [line] = annotations(result, 'error')
    expect(line).toMatch(/^Invalid input: mode /)
    expect(result.summary).toContain('### Module sharing plan for platform (dry run)')
    expect(result.summary).toContain('**Failed** (input `mode`): Invalid input: mode ')
    expect(fake.requests).toEqual([])
  })
})
