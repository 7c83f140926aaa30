// What a file run that manages provider sharing shows, end to end in process against the fake
// TFE: the job summary's one row per changed producer with each kind labelled, the producers
// output after the writes (as TFE holds them), and unmanaged sharing said per kind. The markdown
// itself is tested piece by piece in unit/summary-providers; here it is the report of a real run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { render, visible } from '../support/gfm.js'
import { type InProcessRun, runInProcess } from '../support/in-process.js'

let fake: FakeTfe
let workspace: string

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'report-providers-'))
  fake = await startFakeTfe()
  for (const name of ['team-a', 'team-b', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({
    name: 'platform',
    moduleConsumers: ['legacy'],
    providerConsumers: ['legacy']
  })
  // Its file states only providers: its module sharing is left as it is, and unmanaged.
  fake.addOrganization({ name: 'tools', moduleConsumers: ['team-a', 'team-b'] })
  file('sharing/registry.yml', [
    'producers:',
    '  platform:',
    '    consumers: [legacy, team-a]',
    '    provider-consumers: [team-b]',
    '  tools:',
    '    provider-consumers: [team-a]'
  ])
})
afterEach(async () => {
  await fake.close()
  rmSync(workspace, { recursive: true, force: true })
})

function file(path: string, lines: string[]): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), `${lines.join('\n')}\n`)
}

function run(inputs: Record<string, string> = {}): Promise<InProcessRun> {
  return runInProcess(
    {
      hostname: fake.url,
      token: fake.adminToken,
      config: 'sharing/registry.yml',
      api: 'registry-partnerships',
      ...inputs
    },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

const producers = (result: InProcessRun) => JSON.parse(result.outputs.producers ?? 'null')

it('plans both kinds in one row per producer, and never shows unmanaged modules as a change', async () => {
  const result = await run({ 'dry-run': 'true' })
  expect(result.code).toBe(0)
  const shown = visible(render(result.summary))
  expect(shown[0]?.text).toBe('Module and provider sharing plan: 2 producers (dry run)')
  expect(shown.find(b => b.kind === 'table')?.rows).toEqual([
    ['platform', 'modules: team-a · providers: team-b', 'providers: legacy'],
    ['tools', 'providers: team-a', '—']
  ])
  // tools shares its modules with two organizations, which no file manages: listed as such.
  expect(shown.filter(b => b.item).map(b => b.text)).toEqual([
    'tools: shares modules with 2 consumers'
  ])
  expect(JSON.parse(result.outputs.unmanaged ?? 'null')).toEqual(['tools'])
  expect(fake.writes()).toEqual([])
})

it('gives the producers output of both kinds as TFE holds them after the writes', async () => {
  const result = await run()
  expect(result.code).toBe(0)
  expect(result.outputs.changed).toBe('true')
  expect(producers(result)).toEqual([
    {
      organization: 'platform',
      result: 'changed',
      added: ['team-a'],
      removed: [],
      consumers: ['legacy', 'team-a'],
      'global-module-sharing': false,
      'provider-added': ['team-b'],
      'provider-removed': ['legacy'],
      'provider-consumers': ['team-b'],
      'global-provider-sharing': false
    },
    {
      organization: 'tools',
      result: 'changed',
      added: [],
      removed: [],
      consumers: ['team-a', 'team-b'],
      'global-module-sharing': false,
      'provider-added': ['team-a'],
      'provider-removed': [],
      'provider-consumers': ['team-a'],
      'global-provider-sharing': false
    }
  ])
  expect(fake.org('tools')?.moduleConsumers).toEqual(['team-a', 'team-b'])
  const totals = visible(render(result.summary)).find(b => /changed ·/.test(b.text))
  expect(totals?.text).toBe(
    '2 changed · 0 unchanged · 1 module partnership added, 0 removed · ' +
      '2 provider partnerships added, 1 removed · 1 unmanaged'
  )
})
