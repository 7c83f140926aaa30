// File runs in process, so coverage sees the many-producer flow: the ways a producer cannot be
// planned (each annotated where it is written, nothing written anywhere), the TFEs that lack
// something (no relationships endpoint, no filter, a token that is not an admin's), every page
// shape, the name-based APIs, one comment for the whole run, and fail-on-drift for one producer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, type FakeTfeOptions, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { github, usePullRequestEvent } from '../support/pull-request-event.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'in-process-files-'))
})
afterEach(async () => {
  await fake?.close()
  rmSync(workspace, { recursive: true, force: true })
})

async function tfe(options: FakeTfeOptions = {}, seed: (fake: FakeTfe) => void = seedTeams) {
  fake = await startFakeTfe(options)
  seed(fake)
  return fake
}

/** team-a, team-b, legacy; platform shares with legacy; shadow shares globally. */
function seedTeams(tfe: FakeTfe): void {
  for (const name of ['team-a', 'team-b', 'legacy']) tfe.addOrganization({ name })
  tfe.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
  tfe.addOrganization({ name: 'shadow', globalModuleSharing: true })
}

function file(path: string, text: string): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

function runFiles(inputs: Record<string, string>, token = fake.adminToken): Promise<InProcessRun> {
  return runInProcess(
    { hostname: fake.url, token, config: 'sharing/*.yml', ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

const errorsOnFiles = (run: InProcessRun) =>
  run.annotations
    .filter(a => a.command === 'error' && a.properties.file !== undefined)
    .map(a => `${a.properties.file}:${a.properties.line}: ${a.message}`)
const stepError = (run: InProcessRun) =>
  run.annotations
    .filter(a => a.command === 'error' && a.properties.file === undefined)
    .map(a => a.message)
const results = (run: InProcessRun) =>
  Object.fromEntries(
    (JSON.parse(run.outputs.producers ?? '[]') as { organization: string; result: string }[]).map(
      p => [p.organization, p.result]
    )
  )

describe('a producer that cannot be planned stops every write', () => {
  it('names a producer TFE does not have, on its line', async () => {
    await tfe()
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers: [team-a]\n  ghost-modules:\n    consumers: [team-b]\n'
    )
    const run = await runFiles({})
    expect(run.code).toBe(1)
    expect(errorsOnFiles(run)).toEqual([
      "sharing/a.yml:4: ghost-modules: no such organization on this TFE (HTTP 404). Check the producer's name."
    ])
    expect(stepError(run)).toEqual([
      '1 of 2 producers cannot be planned (ghost-modules), so nothing was written to any producer. ' +
        'See the annotations on the sharing files.'
    ])
    expect(results(run)).toEqual({ 'ghost-modules': 'failed', platform: 'would-change' })
    expect(fake.writes()).toEqual([])
  })

  it('refuses a producer that lists itself by name in the file, before any request', async () => {
    await tfe()
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers:\n      - team-a\n      - platform\n'
    )
    const run = await runFiles({})
    expect(run.code).toBe(1)
    expect(errorsOnFiles(run)).toEqual([
      'sharing/a.yml:5: platform lists itself as a consumer; an organization always uses its own modules: remove this entry'
    ])
    expect(fake.requests).toEqual([])
  })

  it('refuses a producer that lists its own external id, on the producer line', async () => {
    await tfe()
    const own = fake.org('platform')?.externalId ?? ''
    file(
      'sharing/a.yml',
      `producers:\n  team-b:\n    consumers: [team-a]\n  platform:\n    consumers:\n      - ${own}\n`
    )
    const run = await runFiles({})
    expect(run.code).toBe(1)
    expect(errorsOnFiles(run)).toEqual([
      `sharing/a.yml:4: platform: consumers lists platform itself (${own}); an organization always uses its own modules, remove it from the list. Nothing was changed.`
    ])
    expect(results(run)).toEqual({ platform: 'failed', 'team-b': 'would-change' })
    expect(fake.writes()).toEqual([])
  })

  it('names each unknown consumer, by name or id, on its own line', async () => {
    await tfe()
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers:\n      - team-a\n      - ghost\n      - org-939hp5K7kecppVmd\n'
    )
    const run = await runFiles({ 'dry-run': 'true' })
    expect(run.code).toBe(1)
    expect(errorsOnFiles(run)).toEqual([
      'sharing/a.yml:5: platform: no organization named ghost on this TFE (HTTP 404); nothing was changed. Check the consumers list.',
      'sharing/a.yml:6: platform: no organization with external id org-939hp5K7kecppVmd on this TFE (HTTP 404); nothing was changed. Check the consumers list.'
    ])
    expect(stepError(run)[0]).toMatch(/so this dry run stops there/)
  })
})

describe('what TFE lacks', () => {
  it("a token that is not a site admin's: one line, nothing written", async () => {
    await tfe()
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
    const run = await runFiles({}, fake.userToken)
    expect(run.code).toBe(1)
    expect(stepError(run)).toEqual([
      "The token is valid but not a site administrator's (HTTP 404 from the admin API). Use a site admin's API token."
    ])
    expect(fake.writes()).toEqual([])
  })

  it('a TFE that does not filter by module sharing: a warning, and only global sharers found', async () => {
    await tfe()
    fake.intercept((req, res) => {
      if (
        !req.url?.includes('filter%5Bmodule_producer%5D') &&
        !req.url?.includes('filter[module_producer]')
      ) {
        return false
      }
      res.writeHead(400, { 'content-type': 'application/vnd.api+json' })
      res.end(JSON.stringify({ errors: [{ status: '400', title: 'invalid filter' }] }))
      return true
    })
    file('sharing/a.yml', 'producers:\n  team-a:\n    consumers: [team-b]\n')
    const run = await runFiles({ 'dry-run': 'true' })
    expect(run.code).toBe(0)
    expect(annotations(run, 'warning')).toEqual([
      'This TFE did not filter organizations by module sharing (HTTP 400), so only organizations that share globally can be reported as unmanaged.'
    ])
    // platform shares by list, which only the filter would have shown.
    expect(JSON.parse(run.outputs.unmanaged ?? '')).toEqual(['shadow'])
  })

  it('a TFE without the relationships endpoint: a warning, and the whole lists written', async () => {
    await tfe({ features: { relationships: false } })
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy, team-a]\n')
    const run = await runFiles({})
    expect(run.code).toBe(0)
    expect(annotations(run, 'warning')).toContainEqual(
      'platform: this TFE does not list module consumers, so the list before this run is unknown.'
    )
    expect(fake.org('platform')?.moduleConsumers).toEqual(['legacy', 'team-a'])
    expect(results(run)).toEqual({ platform: 'changed' })
  })

  it('a read that keeps failing stops the run before any write', async () => {
    await tfe()
    fake.intercept((req, res) => {
      if (!req.url?.startsWith('/api/v2/admin/organizations/platform/relationships')) return false
      res.writeHead(500, { 'content-type': 'application/vnd.api+json' })
      res.end(JSON.stringify({ errors: [{ status: '500', title: 'internal error' }] }))
      return true
    })
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers: [team-a]\n  team-b:\n    consumers: [team-a]\n'
    )
    const run = await runFiles({})
    expect(run.code).toBe(1)
    expect(stepError(run)).toHaveLength(1)
    expect(stepError(run)[0]).toMatch(/HTTP 500/)
    expect(fake.writes()).toEqual([])
  })
})

describe.each(['links-and-meta', 'links', 'meta', 'none'] as const)(
  'pages shaped %s',
  pagination => {
    it('reads the whole organizations list: a producer and consumers on the last page', async () => {
      await tfe({ pagination }, tfe => {
        tfe.addOrganizations(250, 'org')
        seedTeams(tfe)
      })
      // The name-based API needs the id's name, and TFE has no lookup by id: the list is read.
      const last = fake.org('org-0250')?.externalId ?? ''
      file('sharing/a.yml', `producers:\n  platform:\n    consumers: [${last}, team-a]\n`)
      const run = await runFiles({ api: 'relationships' })
      expect(run.code).toBe(0)
      expect(fake.org('platform')?.moduleConsumers).toEqual(['org-0250', 'team-a'])
      const listPages = fake.requests.filter(
        r =>
          r.path === '/api/v2/admin/organizations' &&
          r.query['filter[module_producer]'] === undefined
      )
      expect(listPages).toHaveLength(3)
    })
  }
)

describe('the name-based APIs', () => {
  it('relationships: writes names, and reads the list back', async () => {
    await tfe()
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a, team-b]\n')
    const run = await runFiles({ api: 'relationships' })
    expect(run.code).toBe(0)
    const write = fake.writes()[0]
    expect(write?.path).toBe('/api/v2/admin/organizations/platform/relationships/module-consumers')
    expect(JSON.parse(write?.body ?? '')).toEqual({
      data: [
        { type: 'organizations', id: 'team-a' },
        { type: 'organizations', id: 'team-b' }
      ]
    })
    expect(JSON.parse(run.outputs.producers ?? '')[0].consumers).toEqual(['team-a', 'team-b'])
  })

  it('registry-partnerships: sends the provider consumers back unchanged', async () => {
    await tfe({}, tfe => {
      seedTeams(tfe)
      tfe.addOrganization({ name: 'providers', providerConsumers: ['team-b'] })
    })
    file('sharing/a.yml', 'producers:\n  providers:\n    consumers: [team-a]\n')
    const run = await runFiles({ api: 'registry-partnerships' })
    expect(run.code).toBe(0)
    expect(fake.org('providers')).toMatchObject({
      moduleConsumers: ['team-a'],
      providerConsumers: ['team-b']
    })
  })
})

describe('inputs that do not apply to files', () => {
  it('allow-empty: a warning, and the run goes on', async () => {
    await tfe()
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: []\n')
    const run = await runFiles({ 'allow-empty': 'true' })
    expect(run.code).toBe(0)
    expect(annotations(run, 'warning')).toEqual([
      "allow-empty does not apply to sharing files: a file states each producer's whole sharing, consumers: [] included, and the pull request review is the confirmation"
    ])
    expect(fake.org('platform')?.moduleConsumers).toEqual([])
  })
})

describe('one producer, drift', () => {
  it('fails when the plan would change, and passes when it would not', async () => {
    await tfe()
    const base = { organization: 'platform', hostname: fake.url, token: fake.adminToken }
    const drifted = await runInProcess({
      ...base,
      consumers: 'team-a',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })
    expect(drifted.code).toBe(1)
    expect(stepError(drifted)).toEqual([
      'Drift: 1 of 1 producer differs from what is asked (platform). Apply the change, or change the inputs to match TFE.'
    ])
    const steady = await runInProcess({
      ...base,
      consumers: 'legacy',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })
    expect(steady.code).toBe(0)
    expect(fake.writes()).toEqual([])
  })
})

describe('export in process', () => {
  it('writes only the organizations that share, and changes nothing', async () => {
    await tfe({ moduleProducerFilter: 'ignored' }, tfe => {
      seedTeams(tfe)
      tfe.addOrganization({ name: 'empty-producer' })
    })
    const run = await runInProcess(
      { hostname: fake.url, token: fake.adminToken, export: 'out/today.yml' },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
    expect(run.code).toBe(0)
    const { readFileSync } = await import('node:fs')
    // Run as `uses: ./`, the action names no schema: the header, then the file.
    expect(readFileSync(join(workspace, 'out/today.yml'), 'utf8').split('\n').slice(1)).toEqual([
      'version: 1',
      'producers:',
      '  platform:',
      '    consumers:',
      '      - legacy',
      '  shadow:',
      '    global-module-sharing: true',
      ''
    ])
    expect(run.summary).toMatch(/1 with a consumer list, 1 sharing with every organization/)
    expect(fake.writes()).toEqual([])
  })
})

describe('the pull request comment of a file run', () => {
  usePullRequestEvent(7, 'acme/sharing')

  it('is one comment for every producer, updated in place by the next run', async () => {
    await tfe()
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers: [team-a]\n  team-b:\n    consumers: [legacy]\n'
    )
    const inputs = { 'dry-run': 'true', 'comment-on-pr': 'true', 'github-token': github.token }
    const first = await runFiles(inputs)
    expect(first.code).toBe(0)
    const comments = () => github.comments('acme', 'sharing', 7)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.body).toMatch(
      /#### platform: would change[\s\S]*#### team-b: would change/
    )

    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const second = await runFiles(inputs)
    expect(second.code).toBe(0)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.body).toMatch(/1 unchanged producer/)
  })
})
