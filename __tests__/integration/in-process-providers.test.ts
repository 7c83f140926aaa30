// Sharing files that state providers, run in process as the step runs them against the fake TFE:
// a problem with a provider consumer is annotated on its line, a drift check fails on provider
// differences alone, and the step's outputs and summary say which kind changed. The engine's
// choices (what is written, refused, left alone) are tested in engine-providers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'providers-'))
  fake = await startFakeTfe()
  for (const name of ['team-a', 'team-b', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({
    name: 'platform',
    moduleConsumers: ['legacy'],
    providerConsumers: ['team-a']
  })
})
afterEach(async () => {
  await fake.close()
  rmSync(workspace, { recursive: true, force: true })
})

function file(path: string, lines: string[]): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), `${lines.join('\n')}\n`)
}

function run(inputs: Record<string, string>): Promise<InProcessRun> {
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

const errorsAt = (result: InProcessRun) =>
  result.annotations
    .filter(a => a.command === 'error' && a.properties.file)
    .map(a => `${a.properties.file}:${a.properties.line}: ${a.message}`)

it('annotates a provider consumer this TFE does not have on its line, and writes nothing', async () => {
  file('sharing/registry.yml', [
    'producers:',
    '  platform:',
    '    consumers: [legacy]',
    '    provider-consumers:',
    '      - team-a',
    '      - ghost'
  ])
  const result = await run({})
  expect(result.code).toBe(1)
  expect(errorsAt(result)).toEqual([
    expect.stringMatching(/^sharing\/registry\.yml:6: platform: no organization named ghost/)
  ])
  expect(fake.writes()).toEqual([])
})

it('fails a drift check on provider differences alone, and says so', async () => {
  file('sharing/registry.yml', [
    'producers:',
    '  platform:',
    '    consumers: [legacy]',
    '    provider-consumers: [team-a, team-b]'
  ])
  const result = await run({ 'dry-run': 'true', 'fail-on-drift': 'true' })
  expect(result.code).toBe(1)
  expect(annotations(result, 'error').join('\n')).toMatch(/drift/i)
  expect(result.outputs.changed).toBe('true')
  expect(JSON.parse(result.outputs.producers ?? 'null')).toEqual([
    expect.objectContaining({
      organization: 'platform',
      result: 'would-change',
      added: [],
      removed: [],
      'provider-added': ['team-b'],
      'provider-removed': []
    })
  ])
  expect(fake.writes()).toEqual([])
})

it('passes a drift check when both kinds are as the file says', async () => {
  file('sharing/registry.yml', [
    'producers:',
    '  platform:',
    '    consumers: [legacy]',
    '    provider-consumers: [team-a]'
  ])
  const result = await run({ 'dry-run': 'true', 'fail-on-drift': 'true' })
  expect(result.code).toBe(0)
  expect(result.outputs.changed).toBe('false')
})

it('reports an organization sharing only providers as unmanaged, and a module-only file leaves it', async () => {
  fake.addOrganization({ name: 'tools', providerConsumers: ['team-b'] })
  file('sharing/registry.yml', ['producers:', '  platform:', '    consumers: [legacy]'])
  const result = await run({})
  expect(result.code).toBe(0)
  expect(JSON.parse(result.outputs.unmanaged ?? 'null')).toEqual(['platform', 'tools'])
  expect(result.summary).toMatch(/tools/)
  expect(fake.writes()).toEqual([])
  expect(fake.org('tools')?.providerConsumers).toEqual(['team-b'])
  expect(fake.org('platform')?.providerConsumers).toEqual(['team-a'])
})

it('lists unmanaged organizations by name, whichever kind each shares', async () => {
  // zeta shares modules, alpha providers: TFE answers the two kinds apart.
  fake.addOrganization({ name: 'zeta', moduleConsumers: ['team-a'] })
  fake.addOrganization({ name: 'alpha', providerConsumers: ['team-b'] })
  file('sharing/registry.yml', ['producers:', '  platform:', '    consumers: [legacy]'])
  const result = await run({ 'dry-run': 'true' })
  expect(result.code).toBe(0)
  expect(JSON.parse(result.outputs.unmanaged ?? 'null')).toEqual(['alpha', 'platform', 'zeta'])
})

it('says which kind a dry run of one producer would change', async () => {
  file('sharing/registry.yml', ['producers:', '  platform:', '    provider-consumers: [team-b]'])
  const result = await run({ 'dry-run': 'true' })
  expect(result.code).toBe(0)
  expect(result.stdout).toContain(
    'Dry run: the plan would change provider sharing; nothing was written.'
  )
  expect(fake.writes()).toEqual([])
})

it('fails fail-on-unmanaged with each organization and the kinds it shares', async () => {
  fake.addOrganization({ name: 'tools', providerConsumers: ['team-b'] })
  file('sharing/registry.yml', ['producers:', '  platform:', '    consumers: [legacy]'])
  const result = await run({ 'dry-run': 'true', 'fail-on-unmanaged': 'true' })
  expect(result.code).toBe(1)
  expect(annotations(result, 'error').join('\n')).toContain(
    'Unmanaged: 2 organizations share modules or providers that no sharing file manages ' +
      '(platform (providers), tools (providers)).'
  )
})
