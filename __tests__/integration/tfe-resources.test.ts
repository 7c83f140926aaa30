// The client's functions per API resource, against the fake TFE: organizations (names ↔ external
// ids, global sharing), the module-consumers endpoints, and the account's admin flag. Each test
// checks what the function returns and the requests it took.
import { type FakeOrganization, type FakeTfe, startFakeTfe } from '../../test-kit/fake-tfe.mjs'
import { TfeClient } from '../../src/tfe/client.js'
import { isSiteAdmin, whoCannotSee } from '../../src/tfe/account.js'
import {
  listModuleConsumers,
  listProviderConsumers,
  putRegistryPartnerships,
  setModuleConsumerRelationships,
  setModuleConsumers
} from '../../src/tfe/module-sharing.js'
import {
  decodeOrganization,
  findOrganizations,
  getOrganization,
  organizationPath,
  setGlobalModuleSharing
} from '../../src/tfe/organizations.js'

const JSON_API = 'application/vnd.api+json'
const ORG = '/api/v2/admin/organizations/modules'

let fake: FakeTfe
let teamA: FakeOrganization
let teamB: FakeOrganization
let producer: FakeOrganization
let tfe: TfeClient

async function start(token?: (fake: FakeTfe) => string): Promise<void> {
  fake = await startFakeTfe()
  teamA = fake.addOrganization({ name: 'team-a' })
  teamB = fake.addOrganization({ name: 'team-b' })
  producer = fake.addOrganization({
    name: 'modules',
    moduleConsumers: ['team-a'],
    providerConsumers: ['team-b']
  })
  tfe = new TfeClient({
    baseUrl: fake.url,
    token: token ? token(fake) : fake.adminToken,
    maxRetries: 0,
    backoff: { baseMs: 1, maxMs: 4, random: () => 0 }
  })
}

afterEach(async () => {
  tfe.dispose()
  await fake.close()
})

function requests(): string[] {
  return fake.requests.map(r => {
    const query = new URLSearchParams(r.query).toString()
    return `${r.method} ${r.path}${query ? `?${decodeURIComponent(query)}` : ''}`
  })
}

/** Answers every request to `path` with a fixed JSON document. */
function serve(path: string, status: number, document: unknown): void {
  fake.intercept((_req, res, recorded) => {
    if (recorded.path !== path) return false
    const body = JSON.stringify(document)
    res.writeHead(status, { 'content-type': JSON_API, 'content-length': Buffer.byteLength(body) })
    res.end(body)
    return true
  })
}

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(Error)
  return error as Error & Record<string, unknown>
}

describe('organizations', () => {
  beforeEach(() => start())

  it('reads one by name', async () => {
    expect(await getOrganization(tfe, 'modules')).toEqual({
      name: 'modules',
      externalId: producer.externalId,
      globalModuleSharing: false,
      globalProviderSharing: false
    })
    expect(requests()).toEqual([`GET ${ORG}`])
  })

  it('encodes the name in the path', () => {
    expect(organizationPath('a b/c')).toBe('/admin/organizations/a%20b%2Fc')
  })

  it('turns global module sharing on and off', async () => {
    const on = await setGlobalModuleSharing(tfe, 'modules', true)
    expect(on).toMatchObject({ name: 'modules', globalModuleSharing: true })
    expect(fake.org('modules')).toMatchObject({ globalModuleSharing: true, moduleConsumers: [] })
    const off = await setGlobalModuleSharing(tfe, 'modules', false)
    expect(off.globalModuleSharing).toBe(false)
    expect(fake.writes().map(w => JSON.parse(w.body))).toEqual([
      { data: { type: 'organizations', attributes: { 'global-module-sharing': true } } },
      { data: { type: 'organizations', attributes: { 'global-module-sharing': false } } }
    ])
  })

  it('refuses an answer without the organization', async () => {
    serve(ORG, 200, { data: null })
    const read = await failure(getOrganization(tfe, 'modules'))
    expect(read.message).toBe(
      'GET /admin/organizations/modules answered with an organization that has no name or external-id'
    )
    const written = await failure(setGlobalModuleSharing(tfe, 'modules', true))
    expect(written.message).toMatch(/^PATCH \/admin\/organizations\/modules answered with an/)
  })

  it('decodes a resource: the name from attributes, else the id', () => {
    expect(decodeOrganization({ id: 'x', attributes: { 'external-id': 'org-1' } }, 'here')).toEqual(
      { name: 'x', externalId: 'org-1', globalModuleSharing: false, globalProviderSharing: false }
    )
    expect(
      decodeOrganization(
        {
          id: 'x',
          attributes: {
            name: 'y',
            'external-id': 'org-1',
            'global-module-sharing': true,
            'global-provider-sharing': 'yes'
          }
        },
        'here'
      )
    ).toMatchObject({ name: 'y', globalModuleSharing: true, globalProviderSharing: false })
    for (const bad of [
      undefined,
      'x',
      { id: 'x' },
      { id: '', attributes: { 'external-id': 'org-1' } }
    ]) {
      expect(() => decodeOrganization(bad, 'GET /somewhere item 3')).toThrow(
        'GET /somewhere item 3 answered with an organization that has no name or external-id'
      )
    }
  })
})

describe('finding organizations by name and external id', () => {
  beforeEach(() => start())

  it('one or two names: one lookup each; an unknown one is missing, not an error', async () => {
    const found = await findOrganizations(tfe, { names: ['team-a', 'ghost'], ids: [] })
    expect(found).toEqual({
      organizations: [expect.objectContaining({ name: 'team-a', externalId: teamA.externalId })],
      missingNames: ['ghost'],
      missingIds: [],
      complete: false
    })
    expect(requests().sort()).toEqual([
      'GET /api/v2/admin/organizations/ghost',
      'GET /api/v2/admin/organizations/team-a'
    ])
  })

  it('nothing wanted: no request', async () => {
    expect(await findOrganizations(tfe, { names: [], ids: [] })).toEqual({
      organizations: [],
      missingNames: [],
      missingIds: [],
      complete: false
    })
    expect(fake.requests).toEqual([])
  })

  it('a lookup that fails for another reason than 404 fails the search', async () => {
    serve('/api/v2/admin/organizations/team-b', 500, { errors: [{ title: 'boom' }] })
    const error = await failure(findOrganizations(tfe, { names: ['team-a', 'team-b'], ids: [] }))
    expect(error).toMatchObject({ status: 500 })
  })

  it('ids and names found on the first page of the list: one request', async () => {
    const found = await findOrganizations(tfe, {
      names: ['team-a', 'team-b', 'modules'],
      ids: [teamB.externalId, 'org-1NotThere1234567']
    })
    expect(found.organizations.map(o => o.name).sort()).toEqual(['modules', 'team-a', 'team-b'])
    expect(found.missingIds).toEqual(['org-1NotThere1234567'])
    expect(found.missingNames).toEqual([])
    expect(requests()).toEqual(['GET /api/v2/admin/organizations?page[number]=1&page[size]=100'])
  })

  it('ids through the rest of the list, several pages at once', async () => {
    const orgs = fake.addOrganizations(1050)
    const wanted = [orgs[150], orgs[1040]].map(o => (o as FakeOrganization).externalId)
    const found = await findOrganizations(tfe, { names: [], ids: wanted })
    expect(found.organizations.map(o => o.externalId)).toEqual(wanted)
    // 1053 organizations: 11 pages; pages 2–9 in one batch, then 10–11.
    const pages = fake.requests.map(r => Number(r.query['page[number]']))
    expect(pages).toHaveLength(11)
    expect(pages.slice(0, 1)).toEqual([1])
    expect(pages.slice(1, 9).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
    expect(pages.slice(9).sort((a, b) => a - b)).toEqual([10, 11])
  })

  it('stops reading the list once everything is found', async () => {
    const orgs = fake.addOrganizations(1050)
    const wanted = (orgs[150] as FakeOrganization).externalId
    await findOrganizations(tfe, { names: [], ids: [wanted] })
    expect(fake.requests).toHaveLength(9)
  })

  it('a list without meta: one page after another', async () => {
    const orgs = fake.addOrganizations(250)
    fake.intercept((_req, res, recorded) => {
      if (recorded.path !== '/api/v2/admin/organizations') return false
      const n = Number(recorded.query['page[number]'])
      const all = [teamA, teamB, producer, ...orgs]
      const data = all.slice((n - 1) * 100, n * 100).map(o => ({
        id: o.name,
        type: 'organizations',
        attributes: { name: o.name, 'external-id': o.externalId }
      }))
      const body = JSON.stringify({ data })
      res.writeHead(200, { 'content-type': JSON_API })
      res.end(body)
      return true
    })
    const wanted = (orgs[240] as FakeOrganization).externalId
    const found = await findOrganizations(tfe, { names: [], ids: [wanted] })
    expect(found.organizations).toHaveLength(1)
    expect(fake.requests.map(r => r.query['page[number]'])).toEqual(['1', '2', '3'])
  })
})

describe('the module-consumers endpoints', () => {
  beforeEach(() => start())

  it('PATCH module-consumers: ids in, partnerships out', async () => {
    const partnerships = await setModuleConsumers(tfe, 'modules', [
      teamA.externalId,
      teamB.externalId
    ])
    expect(partnerships).toEqual([
      {
        id: expect.stringMatching(/^mp-/),
        consumer: { externalId: teamA.externalId, name: 'team-a' },
        producer: { externalId: producer.externalId, name: 'modules' }
      },
      {
        id: expect.stringMatching(/^mp-/),
        consumer: { externalId: teamB.externalId, name: 'team-b' },
        producer: { externalId: producer.externalId, name: 'modules' }
      }
    ])
    expect(fake.writes().map(w => [w.method, w.path, JSON.parse(w.body)])).toEqual([
      [
        'PATCH',
        `${ORG}/module-consumers`,
        {
          data: {
            type: 'module-partnerships',
            attributes: {
              'module-consuming-organization-ids': [teamA.externalId, teamB.externalId]
            }
          }
        }
      ]
    ])
  })

  it.each([
    [{ data: {} }, /answered HTTP 200 without the list of partnerships$/],
    [{ data: [{ attributes: {} }] }, /answered with a partnership lacking id$/],
    [
      { data: [{ id: 'mp-1', attributes: { 'consuming-organization-id': 'org-1' } }] },
      /lacking consuming-organization-name, producing-organization-id, producing-organization-name$/
    ],
    [{ data: ['mp-1'] }, /lacking id$/]
  ])('refuses a PATCH answer %j', async (document, pattern) => {
    serve(`${ORG}/module-consumers`, 200, document)
    const error = await failure(setModuleConsumers(tfe, 'modules', []))
    expect(error.message).toMatch(/^PATCH \/admin\/organizations\/modules\/module-consumers /)
    expect(error.message).toMatch(pattern)
  })

  it('lists module and provider consumers', async () => {
    expect(await listModuleConsumers(tfe, 'modules')).toEqual([
      expect.objectContaining({ name: 'team-a', externalId: teamA.externalId })
    ])
    expect(await listProviderConsumers(tfe, 'modules')).toEqual([
      expect.objectContaining({ name: 'team-b', externalId: teamB.externalId })
    ])
    expect(requests()).toEqual([
      `GET ${ORG}/relationships/module-consumers?page[number]=1&page[size]=100`,
      `GET ${ORG}/relationships/provider-consumers?page[number]=1&page[size]=100`
    ])
  })

  it('refuses a listed item without an external id, naming its place', async () => {
    serve(`${ORG}/relationships/module-consumers`, 200, { data: [{ id: 'a', attributes: {} }] })
    const error = await failure(listModuleConsumers(tfe, 'modules'))
    expect(error.message).toBe(
      'GET /admin/organizations/modules/relationships/module-consumers item 0 answered with an organization that has no name or external-id'
    )
  })

  it('PATCH relationships: names in, 204 out', async () => {
    await setModuleConsumerRelationships(tfe, 'modules', ['team-b'])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-b'])
    expect(JSON.parse(fake.writes()[0]?.body ?? '')).toEqual({
      data: [{ type: 'organizations', id: 'team-b' }]
    })
  })

  it('PUT registry-partnerships: both lists, by name', async () => {
    await putRegistryPartnerships(tfe, 'modules', {
      moduleConsumers: ['team-b'],
      providerConsumers: ['team-a']
    })
    expect(fake.org('modules')).toMatchObject({
      moduleConsumers: ['team-b'],
      providerConsumers: ['team-a']
    })
    expect(fake.writes().map(w => [w.method, w.path, JSON.parse(w.body)])).toEqual([
      [
        'PUT',
        `${ORG}/registry-partnerships`,
        {
          data: {
            type: 'registry-partnerships',
            attributes: { 'module-consumers': ['team-b'], 'provider-consumers': ['team-a'] }
          }
        }
      ]
    ])
  })
})

describe('who may see the admin API', () => {
  it("a site admin's token", async () => {
    await start()
    expect(await isSiteAdmin(tfe)).toBe(true)
    expect(await whoCannotSee(tfe)).toBe('organization-missing')
  })

  it("another user's token", async () => {
    await start(f => f.userToken)
    expect(await isSiteAdmin(tfe)).toBe(false)
    expect(await whoCannotSee(tfe)).toBe('not-site-admin')
  })

  it('an account that does not say, or cannot be read', async () => {
    await start()
    serve('/api/v2/account/details', 200, { data: { attributes: { 'is-site-admin': 'yes' } } })
    expect(await isSiteAdmin(tfe)).toBeUndefined()
    expect(await whoCannotSee(tfe)).toBe('organization-missing-or-not-site-admin')
    fake.clearIntercepts()
    serve('/api/v2/account/details', 200, {})
    expect(await isSiteAdmin(tfe)).toBeUndefined()
    fake.clearIntercepts()
    serve('/api/v2/account/details', 401, { errors: [{ status: '401' }] })
    expect(await whoCannotSee(tfe)).toBe('organization-missing-or-not-site-admin')
  })
})
