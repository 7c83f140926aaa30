// What a run says when it fails, in process against the fake TFE: a dry run refuses what the real
// run would; after a write, the line says what is already changed; facts in messages are right
// and readable. (That the pull request comment shows the latest run, failed or not, is
// in-process-comment's.)
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import {
  type InProcessOptions,
  type InProcessRun,
  SHORT_TIMEOUT_MS,
  runInProcess
} from '../support/in-process.js'
import { expectOneFailure } from '../support/run-expectations.js'

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

function run(inputs: Record<string, string>, options: InProcessOptions = {}) {
  return runInProcess(
    { organization: 'modules', hostname: fake.url, token: fake.adminToken, ...inputs },
    options
  )
}

function expectFailure(result: InProcessRun, pattern: RegExp): string {
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
    const result = await run(
      { consumers: 'team-a', 'max-retries': '0' },
      { timeoutMs: SHORT_TIMEOUT_MS }
    )

    const line = expectFailure(result, /no answer within 0\.1 s/)
    expect(line).toMatch(/outcome is unknown: TFE may have applied it\. Running again is safe/)
    expect(line).not.toMatch(/nothing was changed/i)
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
