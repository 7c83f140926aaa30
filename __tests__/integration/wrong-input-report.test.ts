// A wrong input still reaches the report: the job summary shows its line, and the pull request's
// comment too when the run can tell which comment is its own (the organization or the config
// parsed), so that the pull request never keeps showing an earlier, successful plan; on a file
// run, that is the comment of the same sharing files.
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { runInProcess } from '../support/in-process.js'
import { github, usePullRequestEvent } from '../support/pull-request-event.js'
import { useWorkspace, workspace, writeWorkspaceFile } from '../support/sharing-files.js'

usePullRequestEvent(33, 'acme/wrong-input')
useWorkspace()
let fake: FakeTfe
const MARKER = '<!-- tfe-module-sharing-action: modules -->'

beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'modules' })
})
afterEach(async () => {
  await fake.close()
})

/** A dry run on the fake TFE that comments on the pull request. */
const commenting = () => ({
  'dry-run': 'true',
  hostname: fake.url,
  token: fake.adminToken,
  'comment-on-pr': 'true',
  'github-token': github.token
})

const run = (inputs: Record<string, string>) =>
  runInProcess({ organization: 'modules', consumers: 'team-a', ...commenting(), ...inputs })

it('replaces the earlier plan in the comment and the summary with the line', async () => {
  const planned = await run({})
  expect(planned.code).toBe(0)
  const comment = () =>
    github.comments('acme', 'wrong-input', 33).find(c => c.body.startsWith(MARKER))
  expect(comment()?.body).toMatch(/Would change/)

  const wrong = await run({ mode: 'replace' })
  expect(wrong.code).toBe(1)
  expect(wrong.summary).toContain('**Failed** (input `mode`): Invalid input: mode ')
  expect(comment()?.body).toContain('**Failed** (input `mode`): Invalid input: mode ')
  expect(comment()?.body).not.toMatch(/Would change/)
  expect(
    github.comments('acme', 'wrong-input', 33).filter(c => c.body.startsWith(MARKER))
  ).toHaveLength(1)
  expect(fake.requests.length).toBeGreaterThan(0)
})

it('on a file run, replaces the comment of the same sharing files, and heads the summary with them', async () => {
  writeWorkspaceFile('sharing/a.yml', 'producers:\n  modules:\n    consumers: [team-a]\n')
  const files = (inputs: Record<string, string>) =>
    runInProcess(
      { config: 'sharing/*.yml', ...commenting(), ...inputs },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
  const marker = '<!-- tfe-module-sharing-action: sharing files sharing/*.yml -->'
  const ours = () =>
    github.comments('acme', 'wrong-input', 33).filter(c => c.body.startsWith(marker))
  expect((await files({})).code).toBe(0)
  expect(ours()[0]?.body).toContain('#### modules: would change')

  const wrong = await files({ 'rate-limit': 'fast' })
  expect(wrong.code).toBe(1)
  expect(wrong.summary).toMatch(
    /^### Module sharing plan for sharing files sharing\/\\\*\.yml \(dry run\)\n\n\*\*Failed\*\* \(input `rate-limit`\): /
  )
  expect(ours()).toHaveLength(1)
  expect(ours()[0]?.body).toContain('**Failed** (input `rate-limit`)')
  expect(ours()[0]?.body).not.toContain('would change')
})
