// What a run says when a write goes wrong, in process against the fake TFE: the endpoint a TFE
// lacks, named with the release that brought it, and after a write TFE accepted, exactly what
// is already changed there; and which requests a change of global sharing sends.
import { type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { type InProcessRun, runInProcess } from '../support/in-process.js'
import { annotations } from '../support/run-expectations.js'

let fake: FakeTfe
const ORG = '/api/v2/admin/organizations/platform'
const JSON_API = { 'content-type': 'application/vnd.api+json' }

beforeEach(async () => {
  fake = await startFakeTfe()
  for (const name of ['team-a', 'legacy']) fake.addOrganization({ name })
})
afterEach(async () => {
  await fake.close()
})

function run(inputs: Record<string, string>): Promise<InProcessRun> {
  return runInProcess({
    organization: 'platform',
    hostname: fake.url,
    token: fake.adminToken,
    'max-retries': '0',
    ...inputs
  })
}

/** Answers `method path` with `status` (and, for 200, `body`), once or always. */
function answer(method: string, path: string, status: number, body?: unknown): void {
  fake.intercept((req, res) => {
    if (req.method !== method || req.url?.split('?')[0] !== path) return false
    res.writeHead(status, JSON_API)
    res.end(JSON.stringify(body ?? { errors: [{ status: String(status), title: 'boom' }] }))
    return true
  })
}

const line = (result: InProcessRun) => annotations(result, 'error')[0] ?? ''

describe('a write endpoint this TFE lacks', () => {
  it.each([
    [
      'module-consumers',
      'PATCH',
      `${ORG}/module-consumers`,
      'the module-consumers endpoint (PATCH /api/v2/admin/organizations/:name/module-consumers) (HTTP 404 although the organization exists). It came with TFE v202012-1 (deprecated since v202301-1);'
    ],
    [
      'relationships',
      'PATCH',
      `${ORG}/relationships/module-consumers`,
      'the relationships endpoint (PATCH /api/v2/admin/organizations/:name/relationships/module-consumers) (HTTP 404 although the organization exists). It came with TFE v202103-1;'
    ],
    [
      'registry-partnerships',
      'PUT',
      `${ORG}/registry-partnerships`,
      'the registry-partnerships endpoint (PUT /api/v2/admin/organizations/:name/registry-partnerships) (HTTP 404 although the organization exists). It came with TFE v202301-1;'
    ]
  ])('api: %s names the endpoint and its release', async (api, method, path, named) => {
    fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
    answer(method, path, 404)
    const result = await run({ consumers: 'team-a', api })
    expect(result.code).toBe(1)
    expect(line(result)).toContain(`platform: this TFE does not offer ${named}`)
  })
})

describe('after a write TFE accepted', () => {
  it('global sharing on, still reported off: says the list may already be wiped', async () => {
    fake.addOrganization({ name: 'platform' })
    const org = (await (
      await fetch(`${fake.url}${ORG}`, {
        headers: { authorization: `Bearer ${fake.adminToken}` }
      })
    ).json()) as unknown
    answer('PATCH', ORG, 200, org)
    const result = await run({ 'global-module-sharing': 'true', 'allow-empty': 'true' })
    expect(result.code).toBe(1)
    expect(line(result)).toContain(
      'Already changed in TFE: TFE accepted turning global module sharing on (which wipes the consumer list).'
    )
  })

  it('relationships: the list set, then the read-back failing', async () => {
    fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
    let reads = 0
    fake.intercept((req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith(`${ORG}/relationships/module-consumers`))
        return false
      if (++reads === 1) return false
      res.writeHead(500, JSON_API)
      res.end(JSON.stringify({ errors: [{ status: '500', title: 'boom' }] }))
      return true
    })
    const result = await run({ consumers: 'team-a', api: 'relationships' })
    expect(result.code).toBe(1)
    expect(line(result)).toContain('Already changed in TFE: the consumer list was set to [team-a].')
  })

  it('registry-partnerships: both lists sent, then the read-back failing', async () => {
    fake.addOrganization({ name: 'platform', moduleConsumers: ['legacy'] })
    let reads = 0
    fake.intercept((req, res) => {
      if (req.method !== 'GET' || !req.url?.startsWith(`${ORG}/relationships/module-consumers`))
        return false
      if (++reads === 1) return false
      res.writeHead(500, JSON_API)
      res.end(JSON.stringify({ errors: [{ status: '500', title: 'boom' }] }))
      return true
    })
    const result = await run({ consumers: 'team-a', api: 'registry-partnerships' })
    expect(result.code).toBe(1)
    expect(line(result)).toContain(
      'Already changed in TFE: the module consumers were set to [team-a], the provider consumers sent back as no consumers.'
    )
  })
})

describe('global sharing off', () => {
  it('with an empty list: one PATCH of the flag, no read to confirm first', async () => {
    fake.addOrganization({ name: 'platform', globalModuleSharing: true })
    const result = await run({
      consumers: '',
      'global-module-sharing': 'false',
      'allow-empty': 'true'
    })
    expect(result.code).toBe(0)
    expect(fake.writes().map(w => `${w.method} ${w.path}`)).toEqual([`PATCH ${ORG}`])
    expect(fake.requests.filter(r => r.method === 'GET' && r.path === ORG)).toHaveLength(1)
    expect(result.outputs['global-module-sharing']).toBe('false')
  })

  it('with a list: the list written, the flag confirmed off and not written again', async () => {
    fake.addOrganization({ name: 'platform', globalModuleSharing: true })
    const result = await run({ consumers: 'team-a', 'global-module-sharing': 'false' })
    expect(result.code).toBe(0)
    expect(fake.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH ${ORG}/module-consumers`
    ])
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(fake.org('platform')?.globalModuleSharing).toBe(false)
  })
})
