// working-directory: a workflow that holds the token checks a pull request's files out into a
// folder of their own and has the action read only the sharing files there. Patterns and
// annotations are relative to that folder, and nothing outside it is read.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'working-directory-'))
  fake = await startFakeTfe()
  for (const name of ['team-a', 'team-b', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
})
afterEach(async () => {
  await fake.close()
  rmSync(workspace, { recursive: true, force: true })
})

function file(path: string, text: string): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

function run(inputs: Record<string, string>): Promise<InProcessRun> {
  return runInProcess(
    { hostname: fake.url, token: fake.adminToken, 'dry-run': 'true', ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

const fileErrors = (run: InProcessRun) =>
  run.annotations
    .filter(a => a.command === 'error' && a.properties.file !== undefined)
    .map(a => `${a.properties.file}:${a.properties.line}: ${a.message}`)

describe('working-directory', () => {
  it("resolves config under it, and annotates files as the pull request's own paths", async () => {
    // The default branch's files, and the pull request's apart: only the latter are planned.
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    file('pull-request/sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a, ghost]\n')
    const result = await run({ config: 'sharing/*.yml', 'working-directory': 'pull-request' })
    expect(result.code).toBe(1)
    expect(fileErrors(result)).toEqual([
      'sharing/a.yml:3: platform: no organization named ghost on this TFE (HTTP 404); nothing was changed. Check the consumers list.'
    ])
  })

  it('plans the files there', async () => {
    file('pull-request/sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
    const result = await run({ config: 'sharing/*.yml', 'working-directory': 'pull-request' })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.outputs.producers ?? '')).toEqual([
      expect.objectContaining({ organization: 'platform', added: ['team-a'], removed: ['legacy'] })
    ])
  })

  it('refuses a sharing file that is a link leading out of it, into the rest of the workspace', async () => {
    file('secrets/token.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
    mkdirSync(join(workspace, 'pull-request/sharing'), { recursive: true })
    symlinkSync(join(workspace, 'secrets/token.yml'), join(workspace, 'pull-request/sharing/a.yml'))
    const result = await run({ config: 'sharing/*.yml', 'working-directory': 'pull-request' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error').join('\n')).toMatch(
      /sharing\/a\.yml is a link that leads outside the workspace/
    )
    expect(fake.requests).toEqual([])
  })

  it.each([
    ['../elsewhere', /must be a folder inside the workspace/],
    ['/etc', /must be a folder inside the workspace/],
    ['missing', /is not a folder of the workspace/],
    [
      'sharing/a.yml',
      /^Invalid input: working-directory "sharing\/a\.yml" is not a folder of the workspace; check out/
    ]
  ])('refuses %s before any request', async (value, pattern) => {
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
    const result = await run({ config: 'sharing/*.yml', 'working-directory': value })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([expect.stringMatching(pattern)])
    expect(fake.requests).toEqual([])
  })

  it('refuses a working-directory that is a link leading out of the workspace', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'))
    try {
      symlinkSync(outside, join(workspace, 'pull-request'))
      const result = await run({ config: 'sharing/*.yml', 'working-directory': 'pull-request' })
      expect(result.code).toBe(1)
      expect(annotations(result, 'error')).toEqual([
        expect.stringMatching(/is a link that leads outside the workspace/)
      ])
      expect(fake.requests).toEqual([])
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})

describe('fail-on-unmanaged', () => {
  it('fails a check when an organization shares but is in no file, naming it', async () => {
    fake.addOrganization({ name: 'network', globalModuleSharing: true })
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const quiet = await run({ config: 'sharing/a.yml' })
    expect(quiet.code).toBe(0)
    const strict = await run({ config: 'sharing/a.yml', 'fail-on-unmanaged': 'true' })
    expect(strict.code).toBe(1)
    expect(annotations(strict, 'error')).toEqual([
      'Unmanaged: 1 organization shares modules but is in no sharing file (network). Add them to ' +
        'a sharing file (export writes their sharing today), or stop their sharing in TFE.'
    ])
    expect(fake.writes()).toEqual([])
  })

  it('needs config', async () => {
    const result = await run({ organization: 'platform', 'fail-on-unmanaged': 'true' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      'Invalid input: fail-on-unmanaged looks for organizations that are in no sharing file, so it needs config'
    ])
  })
})
