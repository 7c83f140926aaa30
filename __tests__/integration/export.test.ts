// export, in process against the fake TFE: the file is written where the input says and nowhere
// else (never through a link), names the action's own schema when it can, and is not written at
// all when there is nothing to export.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string
let outside: string

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'export-'))
  outside = mkdtempSync(join(tmpdir(), 'outside-'))
  fake = await startFakeTfe()
  for (const name of ['team-a', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
})
afterEach(async () => {
  await fake.close()
  rmSync(workspace, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

function run(exportTo: string, env: Record<string, string> = {}): Promise<InProcessRun> {
  return runInProcess(
    { hostname: fake.url, token: fake.adminToken, export: exportTo },
    { env: { GITHUB_WORKSPACE: workspace, ...env } }
  )
}

const PROBLEM =
  /^export: .*; give the path of a file in the workspace, with no link on the way\. Nothing was written, and nothing in TFE was changed\.$/

describe('export through links', () => {
  it('refuses a link at the file, and leaves what it points at alone', async () => {
    const target = join(outside, 'victim.txt')
    writeFileSync(target, 'keep me')
    mkdirSync(join(workspace, 'sharing'))
    symlinkSync(target, join(workspace, 'sharing/today.yml'))
    const result = await run('sharing/today.yml')
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([expect.stringMatching(PROBLEM)])
    expect(annotations(result, 'error')[0]).toContain('sharing/today.yml is a link')
    expect(readFileSync(target, 'utf8')).toBe('keep me')
  })

  it('refuses a dangling link at the file, creating nothing where it points', async () => {
    mkdirSync(join(workspace, 'sharing'))
    symlinkSync(join(outside, 'new.yml'), join(workspace, 'sharing/today.yml'))
    const result = await run('sharing/today.yml')
    expect(result.code).toBe(1)
    expect(existsSync(join(outside, 'new.yml'))).toBe(false)
  })

  it('refuses a link on a folder above the file, creating nothing outside', async () => {
    symlinkSync(outside, join(workspace, 'sharing'))
    const result = await run('sharing/today.yml')
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')[0]).toContain('sharing is a link')
    expect(existsSync(join(outside, 'today.yml'))).toBe(false)
  })

  it('refuses a file where a folder of the path should be, and leaves it as it was', async () => {
    writeFileSync(join(workspace, 'sharing'), 'a file, not a folder')
    const result = await run('sharing/today.yml')
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([expect.stringMatching(PROBLEM)])
    expect(annotations(result, 'error')[0]).toContain('sharing is not a folder')
    expect(readFileSync(join(workspace, 'sharing'), 'utf8')).toBe('a file, not a folder')
  })

  it('writes a plain file, leaving no temporary file behind', async () => {
    const result = await run('sharing/today.yml')
    expect(result.code).toBe(0)
    // As the README says: export changes nothing in TFE, and its one output says so.
    expect(result.outputs).toEqual({ changed: 'false' })
    expect(readFileSync(join(workspace, 'sharing/today.yml'), 'utf8')).toContain('platform:')
    expect(
      existsSync(join(workspace, 'sharing')) &&
        readFileSync(join(workspace, 'sharing/today.yml'), 'utf8').length > 0
    ).toBe(true)
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(join(workspace, 'sharing'))).toEqual(['today.yml'])
  })
})

describe('the schema line', () => {
  it("names the action's own repository and ref when it runs as owner/repo@ref", async () => {
    const result = await run('today.yml', {
      GITHUB_ACTION_REPOSITORY: 'platform/tfe-module-sharing-action',
      GITHUB_ACTION_REF: 'v1',
      GITHUB_SERVER_URL: 'https://github.com'
    })
    expect(result.code).toBe(0)
    expect(readFileSync(join(workspace, 'today.yml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/platform/tfe-module-sharing-action/v1/module-sharing.schema.json'
    )
  })

  it.each([
    ['uses: ./ (no repository or ref)', {}],
    [
      'GitHub Enterprise Server',
      {
        GITHUB_ACTION_REPOSITORY: 'platform/tfe-module-sharing-action',
        GITHUB_ACTION_REF: 'v1',
        GITHUB_SERVER_URL: 'https://github.example.com'
      }
    ]
  ])('is left out rather than a placeholder: %s', async (_, env) => {
    const result = await run('today.yml', env)
    expect(result.code).toBe(0)
    const text = readFileSync(join(workspace, 'today.yml'), 'utf8')
    expect(text).not.toContain('$schema=')
    expect(text).not.toContain('your-org')
  })
})

describe('nothing to export', () => {
  it('says so, and writes no file', async () => {
    await fake.close()
    fake = await startFakeTfe()
    fake.addOrganization({ name: 'platform' })
    fake.addOrganization({ name: 'team-a' })
    const result = await run('sharing/today.yml')
    expect(result.code).toBe(0)
    expect(annotations(result, 'warning')).toEqual([
      `export: no organization on ${fake.url} shares its modules, so there is nothing to export; sharing/today.yml was not written.`
    ])
    expect(existsSync(join(workspace, 'sharing/today.yml'))).toBe(false)
    expect(result.summary).toContain('nothing to export')
  })
})

describe('export of provider sharing', () => {
  function exportWith(api: string): Promise<InProcessRun> {
    return runInProcess(
      { hostname: fake.url, token: fake.adminToken, export: 'sharing/today.yml', api },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
  }

  beforeEach(() => {
    fake.addOrganization({ name: 'tools', globalProviderSharing: true })
    fake.addOrganization({
      name: 'both',
      moduleConsumers: ['team-a'],
      providerConsumers: ['legacy']
    })
  })

  it('writes provider keys on registry-partnerships, in a file that plans as it stands', async () => {
    const result = await exportWith('registry-partnerships')
    expect(result.code).toBe(0)
    const text = readFileSync(join(workspace, 'sharing/today.yml'), 'utf8')
    expect(text).toContain(
      [
        'producers:',
        '  both:',
        '    consumers:',
        '      - team-a',
        '    provider-consumers:',
        '      - legacy',
        '  platform:',
        '    consumers:',
        '      - legacy',
        '  tools:',
        '    global-provider-sharing: true',
        ''
      ].join('\n')
    )
    expect(result.summary).toContain('### Module and provider sharing exported: 3 producers')
    expect(result.summary).toContain(
      'modules: 2 with a consumer list, 0 sharing with every organization; providers: 1 with a ' +
        'consumer list, 1 sharing with every organization. Nothing in TFE was changed.'
    )
    // Planned again on the same TFE, the exported file changes nothing.
    const writesBefore = fake.writes().length
    const plan = await runInProcess(
      {
        hostname: fake.url,
        token: fake.adminToken,
        config: 'sharing/today.yml',
        api: 'registry-partnerships',
        'fail-on-drift': 'true',
        'fail-on-unmanaged': 'true',
        'dry-run': 'true'
      },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
    expect(plan.code).toBe(0)
    expect(plan.outputs.changed).toBe('false')
    expect(JSON.parse(plan.outputs.unmanaged ?? 'null')).toEqual([])
    expect(fake.writes()).toHaveLength(writesBefore)
  })

  it('leaves provider sharing out on another api, and says so', async () => {
    const result = await exportWith('relationships')
    expect(result.code).toBe(0)
    const text = readFileSync(join(workspace, 'sharing/today.yml'), 'utf8')
    expect(text).not.toContain('provider')
    expect(text).not.toContain('tools')
    expect(result.summary).toContain('### Module sharing exported: 2 producers')
    expect(result.summary).toContain('Provider sharing was left out')
    expect(annotations(result, 'notice')).toEqual([
      'export: provider sharing was left out of sharing/today.yml: it is written only through ' +
        'registry-partnerships (TFE v202301-1 or later). Run export with api: registry-partnerships to include it.'
    ])
  })
})
