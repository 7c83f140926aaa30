// Runs of sharing files at their edges, in process against the fake TFE: patterns that leave no
// file, a matched path that is not a regular file, what `changed` says after a failed plan, and
// what the log says a dry run read, sent and would change.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
let workspace: string

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'files-run-'))
  fake = await startFakeTfe()
  for (const name of ['team-a', 'team-b', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
  fake.addOrganization({ name: 'tools', moduleConsumers: ['team-b'] })
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
    { hostname: fake.url, token: fake.adminToken, ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

describe('patterns', () => {
  it('fails, naming the patterns, when exclusions leave no file: a check of nothing is no pass', async () => {
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    const result = await run({
      config: 'sharing/*.yml\n!sharing/a.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true'
    })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      'the patterns leave out every file they match (pattern sharing/*.yml (line 1), pattern ' +
        '!sharing/a.yml (line 2)); a run needs at least one sharing file'
    ])
    expect(fake.requests).toEqual([])
  })

  it('refuses a matched FIFO rather than hang reading it', async () => {
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
    execFileSync('mkfifo', [join(workspace, 'sharing/pipe.yml')])
    const result = await run({ config: 'sharing/*.yml', 'dry-run': 'true' })
    expect(result.code).toBe(1)
    expect(annotations(result, 'error')).toEqual([
      expect.stringContaining('sharing/pipe.yml is not a regular file')
    ])
    expect(fake.requests).toEqual([])
  })
})

describe('changed', () => {
  it.each(['true', 'false'])(
    'is false when a plan failed, and so nothing was or would be written (dry-run: %s)',
    async dryRun => {
      file(
        'sharing/a.yml',
        'producers:\n  platform:\n    consumers: [team-a]\n  tools:\n    consumers: [ghost]\n'
      )
      const result = await run({ config: 'sharing/a.yml', 'dry-run': dryRun })
      expect(result.code).toBe(1)
      expect(result.outputs.changed).toBe('false')
      expect(fake.writes()).toEqual([])
    }
  )
})

describe('the log of a dry run', () => {
  it('says what each changed producer would gain and lose, as the summary does', async () => {
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers: [team-a, team-b]\n  tools:\n    consumers: [team-b]\n'
    )
    const result = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('platform: would add team-a, team-b; would remove legacy\n')
    expect(result.stdout).not.toContain('tools: would')
  })

  it('on a real run, says what each producer is to gain and lose, then how many it writes', async () => {
    file(
      'sharing/a.yml',
      'producers:\n  platform:\n    consumers: [team-a, team-b]\n  tools:\n    consumers: [team-b]\n'
    )
    const result = await run({ config: 'sharing/a.yml' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'platform: to add team-a, team-b; to remove legacy\nWriting 1 producer; 1 needs no change\n'
    )
    expect(fake.org('platform')?.moduleConsumers).toEqual(['team-a', 'team-b'])
  })

  it('says what it read, and how many requests it sent: as many as TFE received', async () => {
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
    const one = await run({ config: 'sharing/a.yml', 'dry-run': 'true' })
    expect(one.code).toBe(0)
    expect(one.stdout).toContain(`1 sharing file, 1 producer; TFE ${fake.url}\n`)
    expect(one.stdout).toContain(`\n${fake.requests.length} requests, 0 rate-limited (429)\n`)

    file('sharing/b.yml', 'producers:\n  tools:\n    consumers: [team-b]\n')
    const two = await run({ config: 'sharing/*.yml', 'dry-run': 'true' })
    expect(two.code).toBe(0)
    expect(two.stdout).toContain(`2 sharing files, 2 producers; TFE ${fake.url}\n`)
  })
})

describe('invalid files', () => {
  it('lists every problem with its file and line in the summary, not only in annotations', async () => {
    file('sharing/a.yml', 'producers:\n  platform:\n    consumer: [legacy]\n')
    file('sharing/b.yml', 'version: 2\nproducers:\n  tools:\n    consumers: [team-b]\n')
    const result = await run({ config: 'sharing/*.yml', 'dry-run': 'true' })
    expect(result.code).toBe(1)
    expect(result.summary).toMatch(/^- `sharing\/a\.yml:3`: .*consumer/m)
    expect(result.summary).toMatch(/^- `sharing\/b\.yml:1`: .*version/m)
    expect(result.stdout).toMatch(/^sharing\/a\.yml:3:\d+: /m)
    expect(fake.requests).toEqual([])
  })
})
