// The engine's reads at their edges, in process against the fake TFE: what the resolver asks of
// TFE once it has read the whole list, what the admin list's failures mean, who counts as
// sharing today, and what a failure after a write says is already changed in TFE.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, type FakeTfeOptions, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string
const ADMIN = '/api/v2/admin/organizations'
const JSON_API = { 'content-type': 'application/vnd.api+json' }

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'engine-edges-'))
})
afterEach(async () => {
  await fake?.close()
  rmSync(workspace, { recursive: true, force: true })
})

async function start(options: FakeTfeOptions = {}, seed: (tfe: FakeTfe) => void = () => {}) {
  fake = await startFakeTfe(options)
  for (const name of ['team-a', 'team-b', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
  seed(fake)
}

function file(path: string, text: string): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

function run(inputs: Record<string, string>, token = fake.adminToken): Promise<InProcessRun> {
  return runInProcess(
    { hostname: fake.url, token, 'max-retries': '0', 'rate-limit': '1000', ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

const lookups = () =>
  fake.requests.filter(r => /^\/api\/v2\/admin\/organizations\/[^/]+$/.test(r.path))
const listPages = () =>
  fake.requests.filter(r => r.path === ADMIN && !r.query['filter[module_producer]'])
const unmanaged = (result: InProcessRun) => JSON.parse(result.outputs.unmanaged ?? 'null')

/** Producers enough that the resolver reads the whole list rather than look each up. */
function manyProducers(tfe: FakeTfe): string[] {
  return tfe.addOrganizations(250, 'producer').map(p => p.name)
}

describe('after the whole organizations list was read', () => {
  it('knows a consumer is missing without asking again, or asking who the token is', async () => {
    let producers: string[] = []
    await start({}, tfe => (producers = manyProducers(tfe)))
    file(
      'sharing/a.yml',
      `producers:\n${producers.map(p => `  ${p}:\n    consumers: [team-a]\n`).join('')}  platform:\n    consumers: [ghost]\n`
    )
    const result = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toContainEqual(
      'platform: no organization named ghost on this TFE (HTTP 404); nothing was changed. Check the consumers list.'
    )
    expect(lookups()).toEqual([])
    expect(fake.requests.filter(r => r.path === '/api/v2/account/details')).toEqual([])
    expect(listPages()).toHaveLength(3)
  })

  it('reads it once for an export, however often the run needs it', async () => {
    await start({}, manyProducers)
    const result = await run({ export: 'today.yml' })
    expect(result.code).toBe(0)
    expect(listPages()).toHaveLength(3)
    expect(result.stdout).toContain('254 organizations: 0 share globally, 1 with a consumer list')
  })
})

describe('the admin organizations list failing', () => {
  it("to a token that is not a site admin's: says so, for the run", async () => {
    let producers: string[] = []
    await start({}, tfe => (producers = manyProducers(tfe)))
    file(
      'sharing/a.yml',
      `producers:\n${producers.map(p => `  ${p}:\n    consumers: [team-a]\n`).join('')}`
    )
    const result = await run({ config: 'sharing/a.yml', 'dry-run': 'true' }, fake.userToken)
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      "The token is valid but not a site administrator's (HTTP 404 from the admin API). Use a site admin's API token."
    ])
  })

  it('with a 404 no second look explains: not an admin, or not TFE', async () => {
    await start()
    fake.intercept((req, res) => {
      if (!req.url?.startsWith(`${ADMIN}?`) && req.url !== '/api/v2/account/details') return false
      res.writeHead(404, JSON_API)
      res.end(JSON.stringify({ errors: [{ status: '404', title: 'not found' }] }))
      return true
    })
    const result = await run({ export: 'today.yml' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      "The admin organizations API answered HTTP 404: the token is not a site administrator's, or this is not TFE. Use a site admin's API token for a TFE hostname."
    ])
  })

  it('with a 500: that answer, not a guess about the token', async () => {
    await start()
    fake.intercept((req, res) => {
      if (!req.url?.startsWith(`${ADMIN}?`) || req.url.includes('filter')) return false
      res.writeHead(500, JSON_API)
      res.end(JSON.stringify({ errors: [{ status: '500', title: 'boom' }] }))
      return true
    })
    const result = await run({ export: 'today.yml' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([expect.stringMatching(/HTTP 500: boom/)])
  })

  it('the filtered list failing with a 500 fails the run; a 4xx is a warning', async () => {
    await start()
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const answer = (status: number) =>
      fake.intercept((req, res) => {
        if (!decodeURIComponent(req.url ?? '').includes('filter[module_producer]')) return false
        res.writeHead(status, JSON_API)
        res.end(JSON.stringify({ errors: [{ status: String(status), title: 'no' }] }))
        return true
      })
    const remove = answer(500)
    const failed = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(failed.code).toBe(1)
    expect(annotations(failed, 'error')).toEqual([expect.stringMatching(/HTTP 500/)])
    remove()
    answer(400)
    const warned = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(warned.code).toBe(0)
    expect(annotations(warned, 'warning')).toEqual([
      expect.stringMatching(/did not filter organizations by module sharing \(HTTP 400\)/)
    ])
  })
})

describe('who shares today, for a plan', () => {
  it("goes by the filter's own flags for global sharers, reading no list page", async () => {
    await start({ moduleProducerFilter: 'lists-and-global' }, tfe => {
      tfe.addOrganization({ name: 'network', globalModuleSharing: true })
      tfe.addOrganization({ name: 'apps', moduleConsumers: ['team-b'] })
    })
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const result = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    // Sorted by name, global sharers and lists alike.
    expect(unmanaged(result)).toEqual(['apps', 'network'])
    expect(listPages()).toEqual([])
  })

  it('never reports a producer the files manage, though it shares with everyone', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'network', globalModuleSharing: true }))
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers: [legacy]\n  network:\n    global-module-sharing: true\n'
    )
    const result = await run({
      config: 'sharing/a.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })
    expect(result.code).toBe(0)
    expect(unmanaged(result)).toEqual([])
  })

  it('reports a global sharer that is also a consumer, when the whole list was read', async () => {
    await start({ moduleProducerFilter: 'lists-only' }, tfe => {
      tfe.addOrganization({ name: 'network', globalModuleSharing: true })
    })
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy, network]\n')
    const result = await run({
      config: 'sharing/a.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })
    expect(result.code).toBe(1)
    expect(unmanaged(result)).toEqual(['network'])
  })

  it('on a TFE that cannot list consumers: the filtered ones count, their lists unknown', async () => {
    await start({ moduleProducerFilter: 'lists-only' }, tfe => {
      tfe.addOrganization({ name: 'apps', moduleConsumers: ['team-b'] })
    })
    fake.features.relationships = false
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const result = await run({ config: 'sharing/a.yml' })
    expect(result.code).toBe(0)
    expect(unmanaged(result)).toEqual(['apps'])
    expect(result.summary).toContain('apps: shares modules')
  })

  it('export refuses a TFE that cannot list consumers, though some share globally', async () => {
    await start({}, tfe => tfe.addOrganization({ name: 'network', globalModuleSharing: true }))
    fake.features.relationships = false
    const result = await run({ export: 'today.yml' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      expect.stringMatching(/^export: this TFE does not list module consumers/)
    ])
  })
})
