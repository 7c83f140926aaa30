// What a run says when it fails, run as a runner runs it: a dry run refuses what the real run
// would; after a write, the line says what is already changed; the pull request comment shows
// the latest run, failed or not; facts in messages are right and readable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type FakeGitHub, startFakeGitHub } from '../../test-kit/fake-github.mjs'
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type ActionRun, runAction } from '../../test-kit/runner.mjs'
import { annotations, expectOneFailure } from '../support/run-expectations.js'

let fake: FakeTfe
let producer: { externalId: string }

beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'legacy' })
  producer = fake.addOrganization({ name: 'modules', moduleConsumers: ['legacy'] })
})

afterEach(async () => {
  await fake.close()
})

function run(inputs: Record<string, string>, env: Record<string, string | undefined> = {}) {
  return runAction(
    { organization: 'modules', hostname: fake.url, token: fake.adminToken, ...inputs },
    { env }
  )
}

function expectFailure(result: ActionRun, pattern: RegExp): string {
  return expectOneFailure(result, pattern, [fake.adminToken, fake.userToken])
}

const consumersNow = () => fake.org('modules')?.moduleConsumers

/** Answers the nth (1-based) request matching method and path with `status`, once. */
function failOnce(method: string, pathEnd: string, status: number, nth = 1): void {
  let seen = 0
  fake.intercept((_req, res, recorded) => {
    if (recorded.method !== method || !recorded.path.endsWith(pathEnd)) return false
    if (++seen !== nth) return false
    res.writeHead(status, { 'content-type': 'application/vnd.api+json' })
    res.end(JSON.stringify({ errors: [{ status: String(status), title: 'injected failure' }] }))
    return true
  })
}

describe('a dry run refuses what the real run would refuse', () => {
  it.each([
    ['dry run', 'true'],
    ['real run', 'false']
  ])('%s: the producer itself among its consumers, by external id', async (_what, dryRun) => {
    const result = await run({ consumers: `team-a\n${producer.externalId}`, 'dry-run': dryRun })

    expectFailure(
      result,
      new RegExp(`^modules: consumers lists modules itself \\(${producer.externalId}\\)`)
    )
    expect(fake.writes()).toEqual([])
    expect(result.outputs).toEqual({})
  })

  it('in mode add too', async () => {
    const result = await run({ mode: 'add', consumers: producer.externalId, 'dry-run': 'true' })
    expectFailure(result, /consumers lists modules itself/)
    expect(fake.writes()).toEqual([])
  })
})

describe('mode: remove of a name', () => {
  it('fails before any write when no organization has that name (a typo)', async () => {
    const result = await run({ mode: 'remove', consumers: 'legcy' })

    expectFailure(result, /^modules: no organization named legcy on this TFE/)
    expect(fake.writes()).toEqual([])
    expect(consumersNow()).toEqual(['legacy'])
  })

  it('warns, naming it, when the organization exists but is not a consumer', async () => {
    const result = await run({ mode: 'remove', consumers: 'team-a' })

    expect(result.code).toBe(0)
    expect(annotations(result, 'warning')).toEqual([
      'modules: team-a is not a module consumer, so there is nothing to remove; check the name'
    ])
    expect(fake.writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
  })
})

describe('a value that starts like an external id but is not one', () => {
  it('is looked up as a name, and the failure says it is no valid external id either', async () => {
    const result = await run({ consumers: 'org-939hp5K7kecppV' })

    const line = expectFailure(result, /no organization named org-939hp5K7kecppV on this TFE/)
    expect(line).toMatch(
      /org-939hp5K7kecppV is not a valid external id either \(org- followed by 16 base58 characters/
    )
    expect(fake.writes()).toEqual([])
  })
})

describe('after a write, the truth about what was written', () => {
  it('a read-back that fails after the relationships PATCH: says the list is already set', async () => {
    failOnce('GET', '/relationships/module-consumers', 500, 2)
    const result = await run({ consumers: 'team-a', api: 'relationships', 'max-retries': '0' })

    const line = expectFailure(
      result,
      /HTTP 500.*Already changed in TFE: the consumer list was set to \[team-a\]\. .*running again is safe/
    )
    expect(line).not.toMatch(/nothing was changed/i)
    expect(consumersNow()).toEqual(['team-a'])
  })

  it('confirming global sharing off after the list: says the list is already set', async () => {
    const global = 'global-modules'
    fake.addOrganization({ name: global, globalModuleSharing: true })
    failOnce('GET', `/admin/organizations/${global}`, 503, 2)
    const result = await run({
      organization: global,
      consumers: 'team-a',
      'global-module-sharing': 'false',
      'max-retries': '0'
    })

    const line = expectFailure(
      result,
      /HTTP 503.*Already changed in TFE: the consumer list is \[team-a\]\./
    )
    expect(line).not.toMatch(/nothing was changed/i)
  })

  it('a write that gets no answer: its outcome is unknown, and running again is safe', async () => {
    fake.intercept((_req, _res, recorded) => recorded.method === 'PATCH')
    const result = await run({ consumers: 'team-a', 'timeout-seconds': '1', 'max-retries': '0' })

    const line = expectFailure(result, /no answer within 1\.0 s/)
    expect(line).toMatch(/outcome is unknown: TFE may have applied it\. Running again is safe/)
    expect(line).not.toMatch(/nothing was changed/i)
  })

  it('a 422 to the first write: nothing was changed', async () => {
    failOnce('PATCH', '/module-consumers', 422)
    const result = await run({ consumers: 'team-a' })

    expectFailure(result, /HTTP 422.*nothing was changed/i)
    expect(consumersNow()).toEqual(['legacy'])
  })
})

describe('facts in messages', () => {
  it('a missing registry-partnerships endpoint is dated v202301-1', async () => {
    await fake.close()
    fake = await startFakeTfe({ features: { registryPartnerships: false } })
    fake.addOrganization({ name: 'team-a' })
    fake.addOrganization({ name: 'modules' })
    const result = await run({ consumers: 'team-a', api: 'registry-partnerships' })

    const line = expectFailure(result, /does not offer the registry-partnerships endpoint/)
    expect(line).toMatch(/It came with TFE v202301-1/)
    expect(line).not.toMatch(/v202012-1/)
  })

  it('a plain-http server behind an https:// hostname: said so, without OpenSSL internals', async () => {
    const result = await run({
      hostname: fake.url.replace('http://', 'https://'),
      consumers: 'team-a',
      'max-retries': '0'
    })

    const line = expectFailure(result, /the server answered without TLS/)
    expect(line).not.toMatch(/ssl3|openssl|deps\//i)
  })
})

describe('the pull request comment shows the latest run', () => {
  let github: FakeGitHub
  let dir: string

  beforeEach(async () => {
    github = await startFakeGitHub()
    dir = mkdtempSync(join(tmpdir(), 'e2e-truthful-'))
  })

  afterEach(async () => {
    await github.close()
    rmSync(dir, { recursive: true, force: true })
  })

  function prEnv(overrides: Record<string, string> = {}) {
    const event = join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ number: 7, pull_request: { number: 7 } }))
    return {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_API_URL: github.url,
      ...overrides
    }
  }

  const commentInputs = (token = github.token) => ({
    'comment-on-pr': 'true',
    'github-token': token,
    'dry-run': 'true'
  })

  it('a failed run replaces the earlier plan with the failure', async () => {
    const first = await run({ ...commentInputs(), consumers: 'team-a' }, prEnv())
    expect(first.code).toBe(0)
    expect(github.comments('acme', 'infra', 7)[0]?.body).toMatch(/Would change/)

    const second = await run({ ...commentInputs(), consumers: 'no-such-team' }, prEnv())
    const line = expectFailure(second, /no organization named no-such-team/)

    const comments = github.comments('acme', 'infra', 7)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).not.toMatch(/Would change/)
    expect(comments[0]?.body).toContain('**Failed**')
    expect(comments[0]?.body).toContain(line)
    expect(second.summary).toContain(line)
  })

  it('advice about permissions only when GitHub refused them', async () => {
    const refused = await run(
      { ...commentInputs(github.readOnlyToken), consumers: 'team-a' },
      prEnv()
    )
    expect(annotations(refused, 'warning')).toEqual([
      expect.stringMatching(/pull request #7 \(HTTP 403\).*pull-requests: write/)
    ])

    const unreachable = await run(
      { ...commentInputs(), consumers: 'team-a' },
      prEnv({ GITHUB_API_URL: 'http://127.0.0.1:1' })
    )
    expect(annotations(unreachable, 'warning')).toEqual([
      expect.stringMatching(/could not comment on pull request #7.*reachable/)
    ])
    expect(annotations(unreachable, 'warning')[0]).not.toMatch(/pull-requests: write/)

    const noPayload = await run(
      { ...commentInputs(), consumers: 'team-a' },
      prEnv({ GITHUB_EVENT_PATH: join(dir, 'missing.json') })
    )
    expect(annotations(noPayload, 'warning')).toEqual([
      expect.stringMatching(/could not comment on the pull request: .*names no pull request/)
    ])
    expect(annotations(noPayload, 'warning')[0]).not.toMatch(/pull-requests: write/)
  })
})
