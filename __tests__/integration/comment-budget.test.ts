// The pull request comment of a file run stays within GitHub's 65,536 characters with its hidden
// marker included, however long the config input that names the marker is; what it leaves out,
// it says where to find: the job summary of the run it links.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { runInProcess } from '../support/in-process.js'
import { github, usePullRequestEvent } from '../support/pull-request-event.js'
import { setEnv } from '../support/process-env.js'
import { annotations } from '../support/run-expectations.js'

usePullRequestEvent(7, 'acme/sharing')
let fake: FakeTfe
let workspace: string
let restoreEnv: () => void

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'comment-budget-'))
  fake = await startFakeTfe()
  // The run's address, which the comment links for what it leaves out; as the runner sets it.
  restoreEnv = setEnv({ GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '7001' })
})
afterEach(async () => {
  restoreEnv()
  await fake.close()
  rmSync(workspace, { recursive: true, force: true })
})

it('keeps a full comment and a long config within the limit together', async () => {
  fake.addOrganization({ name: 'team-a' })
  const producers = fake.addOrganizations(400, 'producer-with-a-rather-long-name')
  mkdirSync(join(workspace, 'sharing'))
  writeFileSync(
    join(workspace, 'sharing/all.yml'),
    `producers:\n${producers.map(p => `  ${p.name}:\n    consumers: [team-a]\n`).join('')}`
  )
  // Exclusions that match nothing: harmless, but they make the config input (and so the subject
  // of the comment's marker) about 14,000 characters long.
  const config = [
    'sharing/*.yml',
    ...Array.from({ length: 400 }, (_, i) => `!sharing/retired/team-${i}.yml`)
  ].join('\n')

  const result = await runInProcess(
    {
      hostname: fake.url,
      token: fake.adminToken,
      config,
      'dry-run': 'true',
      'rate-limit': '1000',
      'comment-on-pr': 'true',
      'github-token': github.token
    },
    { env: { GITHUB_WORKSPACE: workspace } }
  )

  expect(result.code).toBe(0)
  expect(annotations(result, 'warning')).toEqual([])
  const [comment] = github.comments('acme', 'sharing', 7)
  expect(comment).toBeDefined()
  expect([...(comment?.body ?? '')].length).toBeLessThanOrEqual(65_536)
  expect(comment?.body).toMatch(
    /… and \d+ more producers not shown here: the job summary has all of them \(https:\/\/github\.example\/acme\/sharing\/actions\/runs\/7001\)/
  )
})
