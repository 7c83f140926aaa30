// The in-process sharing suites, part two: the relationships and registry-partnerships APIs,
// a TFE without the relationships endpoint, and name lookups among many organizations.
import type { FakeOrganization } from '../../test-kit/fake-tfe.mjs'
import {
  ORG,
  PROVIDERS,
  REGISTRY,
  RELATIONSHIP,
  SEED,
  closeFakeAfterEach,
  expectFailure,
  expectSuccess,
  fake,
  json,
  relationshipBody,
  requests,
  run,
  seedBody,
  start,
  teamA,
  teamB,
  writes
} from '../support/in-process-scenario.js'
import { annotations } from '../support/run-expectations.js'

closeFakeAfterEach()

describe('the relationships API', () => {
  beforeEach(() => start())

  it('writes names, then reads the list back', async () => {
    const result = await run({ api: 'relationships', consumers: `team-a\n${teamB.externalId}` })
    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: RELATIONSHIP, body: relationshipBody(['team-a', 'team-b']) }
    ])
    expect(requests().slice(-2)).toEqual([`PATCH ${RELATIONSHIP}`, `GET ${RELATIONSHIP}`])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a', 'team-b'])
    expect(result.outputs['partnership-ids']).toBe('[]')
    expect(result.outputs.partnerships).toBe('[]')
    expect(json(result, 'consumer-names')).toEqual(['team-a', 'team-b'])
    expect(result.summary).toContain('API `relationships`')
    expect(result.summary).toContain('| Consumer | External id | Change |\n')
  })

  it('fails with both lists when the read-back differs from the plan', async () => {
    // TFE accepts the write, but another run changes the list before it is read back.
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(204)
      res.end()
      return true
    })
    const result = await run({ api: 'relationships', consumers: 'team-a' })
    const line = expectFailure(
      result,
      /^modules: after the write TFE lists \[legacy\], but the plan was \[team-a\]; another run may have changed it/
    )
    expect(line).not.toMatch(/nothing was changed/i)
  })

  it('says when TFE refuses the write as an unknown endpoint (404)', async () => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(404, { 'content-type': 'application/vnd.api+json' })
      res.end('{"errors":[{"status":"404","title":"not found"}]}')
      return true
    })
    const result = await run({ api: 'relationships', consumers: 'team-a' })
    expectFailure(
      result,
      /^modules: this TFE does not offer the relationships endpoint \(PATCH \/api\/v2\/admin\/organizations\/:name\/relationships\/module-consumers\) \(HTTP 404 although the organization exists\)/
    )
  })
})

describe('the registry-partnerships API', () => {
  beforeEach(() => start({ providerConsumers: ['team-b'] }))

  it("sends today's provider consumers back unchanged, then checks both lists and both flags", async () => {
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: REGISTRY,
        body: {
          data: {
            type: 'registry-partnerships',
            attributes: { 'module-consumers': ['team-a'], 'provider-consumers': ['team-b'] }
          }
        }
      }
    ])
    expect(requests()).toEqual([
      `GET ${ORG}`,
      `GET ${RELATIONSHIP}`,
      `GET ${PROVIDERS}`,
      'GET /api/v2/admin/organizations/team-a',
      `PUT ${REGISTRY}`,
      `GET ${ORG}`,
      `GET ${RELATIONSHIP}`,
      `GET ${PROVIDERS}`
    ])
    expect(fake.org('modules')).toMatchObject({
      moduleConsumers: ['team-a'],
      providerConsumers: ['team-b']
    })
    expect(result.outputs['partnership-ids']).toBe('[]')
  })

  it('fails, naming both lists, when the write changed the provider consumers', async () => {
    let reads = 0
    fake.intercept((_req, res, recorded) => {
      if (recorded.path !== PROVIDERS || ++reads !== 2) return false
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end('{"data":[],"links":{"next":null}}')
      return true
    })
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(
      result,
      /^modules: the registry-partnerships write changed the provider consumers \(before: \[team-b\]; after: no consumers\)/
    )
  })

  it('is refused before any write when the producer shares providers globally', async () => {
    await fake.close()
    await start({ globalProviderSharing: true })
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /^modules: shares its providers with every organization/)
    expect(fake.writes()).toEqual([])
    expect(fake.org('modules')?.globalProviderSharing).toBe(true)
  })

  it('is refused before any write when provider consumers cannot be read', async () => {
    fake.features.providerConsumers = false
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /^modules: this TFE does not list provider consumers \(HTTP 404\)/)
    expect(fake.writes()).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })
})

describe('a TFE without the relationships endpoint', () => {
  beforeEach(() => start({}, { features: { relationships: false } }))

  it('set still works through the module-consumers endpoint, the state before unknown', async () => {
    const result = await run({ consumers: 'team-a' })
    expectSuccess(result, { warnings: 1 })
    expect(annotations(result, 'warning')).toEqual([
      'modules: this TFE does not list module consumers, so the list before this run is unknown.'
    ])
    expect(writes()).toEqual([{ method: 'PATCH', path: SEED, body: seedBody([teamA.externalId]) }])
    expect(result.outputs.added).toBe('null')
    expect(result.outputs.removed).toBe('null')
    expect(result.outputs['previous-consumer-ids']).toBe('null')
    expect(json(result, 'consumer-ids')).toEqual([teamA.externalId])
    expect(json(result, 'partnership-ids')).toHaveLength(1)
    expect(result.outputs.changed).toBe('true')
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a'])
    expect(result.summary).toContain('**Set** to 1 consumer.')
    expect(result.summary).toContain('the list before this run is unknown')
  })

  it.each([
    [{ mode: 'add' }, /^modules: this TFE does not list module consumers .*mode: add cannot know/],
    [{ mode: 'remove', consumers: 'legacy' }, /^modules: this TFE does not list module consumers/],
    [
      { 'dry-run': 'true' },
      /^modules: this TFE does not list module consumers .*a dry run cannot show/
    ],
    [
      { api: 'relationships' },
      /^modules: this TFE has no relationships endpoint .*use api: module-consumers/
    ],
    [
      { consumers: '', 'global-module-sharing': 'true' },
      /^modules: turning global module sharing on wipes its consumer list, which this TFE cannot show,/
    ]
  ])('refuses %p before any write', async (inputs, pattern) => {
    const result = await run({ consumers: 'team-a', ...inputs })
    expectFailure(result, pattern)
    expect(fake.writes()).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })
})

describe('looking up consumers among many organizations', () => {
  beforeEach(() => start())

  it('looks up one or two names one by one', async () => {
    fake.addOrganizations(150)
    const result = await run({ consumers: 'org-0042, org-0150' })
    expectSuccess(result)
    expect(
      requests()
        .filter(r => r.startsWith('GET /api/v2/admin/organizations/org-'))
        .sort()
    ).toEqual([
      'GET /api/v2/admin/organizations/org-0042',
      'GET /api/v2/admin/organizations/org-0150'
    ])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['org-0042', 'org-0150'])
  })

  it('reads the rest of the list when that is cheaper than one lookup per name', async () => {
    fake.addOrganizations(150)
    const result = await run({ consumers: 'org-0120, org-0130, org-0140' })
    expectSuccess(result)
    const lists = fake.requests.filter(r => r.path === '/api/v2/admin/organizations')
    expect(lists.map(r => r.query)).toEqual([
      { 'page[number]': '1', 'page[size]': '100' },
      { 'page[number]': '2', 'page[size]': '100' }
    ])
    expect(requests().filter(r => r.includes('/organizations/org-'))).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['org-0120', 'org-0130', 'org-0140'])
  })

  it('looks names up one by one when that is cheaper than the remaining pages', async () => {
    fake.addOrganizations(350)
    const result = await run({ consumers: 'org-0300, org-0310, org-0320' })
    expectSuccess(result)
    expect(fake.requests.filter(r => r.path === '/api/v2/admin/organizations')).toHaveLength(1)
    expect(requests().filter(r => r.includes('/organizations/org-'))).toHaveLength(3)
  })

  it('finds ids through every page of the list, and stops once all are found', async () => {
    const orgs = fake.addOrganizations(450)
    const wanted = orgs[320] as FakeOrganization
    const result = await run({ api: 'relationships', consumers: wanted.externalId })
    expectSuccess(result)
    const pages = fake.requests
      .filter(r => r.path === '/api/v2/admin/organizations')
      .map(r => r.query['page[number]'])
    expect(pages).toEqual(['1', '2', '3', '4', '5'])
    expect(writes()).toEqual([
      { method: 'PATCH', path: RELATIONSHIP, body: relationshipBody([wanted.name]) }
    ])
  })

  it('names every unknown consumer, and writes nothing', async () => {
    fake.addOrganizations(150)
    const result = await run({
      api: 'relationships',
      consumers: 'team-a, ghost, phantom, org-1NotThere1234567'
    })
    const line = expectFailure(
      result,
      /^modules: no organization named ghost, phantom, nor any with external id org-1NotThere1234567 on this TFE \(HTTP 404\); nothing was changed/
    )
    expect(line).toMatch(/Check the consumers list\.$/)
    expect(fake.writes()).toEqual([])
  })

  it('names an unknown consumer looked up by name', async () => {
    const result = await run({ consumers: 'ghost' })
    expectFailure(result, /^modules: no organization named ghost on this TFE \(HTTP 404\)/)
    expect(requests()).toEqual([
      `GET ${ORG}`,
      `GET ${RELATIONSHIP}`,
      'GET /api/v2/admin/organizations/ghost',
      'GET /api/v2/account/details'
    ])
  })
})
