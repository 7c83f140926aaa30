// The drift check's one issue, against the fake GitHub (whose GET /user answers 403, as GitHub
// does for a workflow's token): opened when TFE differs from the files, updated by later runs,
// closed when TFE matches again, never a second one; a check that could not run says so apart
// from drift; an issue a person opened with the same title and marker is never touched.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type FakeGitHub, startFakeGitHub } from '../../test-kit/fake-github.mjs'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { setEnv } from '../support/process-env.js'
import { annotations } from '../support/run-expectations.js'

let github: FakeGitHub
let fake: FakeTfe
let workspace: string
let eventDir: string
let restoreEnv: () => void

// @actions/github reads the event when it is first loaded: one scheduled event for the file.
beforeAll(async () => {
  github = await startFakeGitHub()
  eventDir = mkdtempSync(join(tmpdir(), 'schedule-event-'))
  writeFileSync(join(eventDir, 'event.json'), JSON.stringify({ schedule: '0 3 * * *' }))
  restoreEnv = setEnv({
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: join(eventDir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/sharing',
    GITHUB_API_URL: github.url
  })
})
afterAll(async () => {
  restoreEnv()
  await github.close()
  rmSync(eventDir, { recursive: true, force: true })
})

// Each test its own repository, so that one test's issues are not the next one's.
let repo = ''
let tests = 0
beforeEach(async () => {
  repo = `sharing-${++tests}`
  process.env.GITHUB_REPOSITORY = `acme/${repo}`
  workspace = mkdtempSync(join(tmpdir(), 'drift-issue-'))
  fake = await startFakeTfe()
  for (const name of ['team-a', 'legacy']) fake.addOrganization({ name })
  fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
  file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
})
afterEach(async () => {
  await fake.close()
  rmSync(workspace, { recursive: true, force: true })
})

function file(path: string, text: string): void {
  mkdirSync(dirname(join(workspace, path)), { recursive: true })
  writeFileSync(join(workspace, path), text)
}

function check(inputs: Record<string, string> = {}, token = github.token): Promise<InProcessRun> {
  return runInProcess(
    {
      hostname: fake.url,
      token: fake.adminToken,
      config: 'sharing/*.yml',
      'dry-run': 'true',
      'fail-on-drift': 'true',
      'drift-issue': 'true',
      'github-token': token,
      ...inputs
    },
    { env: { GITHUB_WORKSPACE: workspace } }
  )
}

const MARKER = '<!-- tfe-module-sharing-action drift: sharing files sharing/*.yml -->'
const ours = () => github.issues('acme', repo).filter(i => i.body?.startsWith(MARKER))

it('opens one issue on drift, updates it, and closes it when TFE matches again', async () => {
  // Someone changed sharing by hand: TFE no longer matches the file.
  file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
  const first = await check()
  expect(first.code).toBe(1)
  expect(ours()).toEqual([
    expect.objectContaining({
      title: 'TFE module sharing drift: sharing files sharing/*.yml',
      state: 'open',
      login: 'github-actions[bot]'
    })
  ])
  const body = ours()[0]?.body ?? ''
  expect(body).toContain('**TFE differs from the sharing files.**')
  expect(body).toContain('#### platform: drifted')
  expect(body).toContain('run the apply')

  const second = await check()
  expect(second.code).toBe(1)
  expect(ours()).toHaveLength(1)
  expect(second.stdout).toMatch(/Drift issue #\d+ updated/)

  file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [legacy]\n')
  const clean = await check()
  expect(clean.code).toBe(0)
  expect(ours()).toEqual([expect.objectContaining({ state: 'closed', state_reason: 'completed' })])
  expect(ours()[0]?.body).toContain('TFE matches the sharing files again')

  // Clean again: nothing to open, nothing sent.
  const quiet = await check()
  expect(quiet.code).toBe(0)
  expect(quiet.stdout).not.toMatch(/Drift issue/)
  expect(github.issues('acme', repo)).toHaveLength(1)
})

it('links the run that found the drift, whose log and summary have the rest', async () => {
  const restore = setEnv({ GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '4242' })
  try {
    file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
    const result = await check()
    expect(result.code).toBe(1)
    expect(ours()[0]?.body).toContain(
      `Found by https://github.example/acme/${repo}/actions/runs/4242.`
    )
  } finally {
    restore()
  }
})

it('never touches an issue a person opened, even with the same title and marker', async () => {
  const theirs = github.addIssue('acme', repo, {
    title: 'TFE module sharing drift: sharing files sharing/*.yml',
    body: `${MARKER}\nI think platform drifted, please look`,
    login: 'alice'
  })
  file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
  const result = await check()
  expect(result.code).toBe(1)
  const all = github.issues('acme', repo)
  expect(all.find(i => i.number === theirs)).toEqual(
    expect.objectContaining({
      login: 'alice',
      state: 'open',
      body: `${MARKER}\nI think platform drifted, please look`
    })
  )
  expect(all.filter(i => i.login === 'github-actions[bot]')).toHaveLength(1)
})

it('says when the check could not run, apart from drift', async () => {
  const result = await check({ token: 'not-a-valid-token' })
  expect(result.code).toBe(1)
  const [issue] = ours()
  expect(issue?.state).toBe('open')
  expect(issue?.body).toContain('### The drift check could not run')
  expect(issue?.body).toContain('This is not drift')
  expect(issue?.body).toContain('rejected the token (HTTP 401)')
})

it('lists organizations in no file, and fails on them only with fail-on-unmanaged', async () => {
  fake.addOrganization({ name: 'network', globalModuleSharing: true })
  const tolerant = await check()
  expect(tolerant.code).toBe(0)
  expect(ours()).toEqual([])

  const strict = await check({ 'fail-on-unmanaged': 'true' })
  expect(strict.code).toBe(1)
  expect(ours()[0]?.body).toContain('network')
})

it('a token that may not write issues: a warning that advises the permission, the check stands', async () => {
  file('sharing/a.yml', 'producers:\n  platform:\n    consumers: [team-a]\n')
  const result = await check({}, github.readOnlyToken)
  expect(result.code).toBe(1)
  expect(annotations(result, 'warning')).toEqual([
    expect.stringMatching(
      /could not keep the drift issue \(HTTP 403\): .*Give the job permissions: issues: write/
    )
  ])
})
