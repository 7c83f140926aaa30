// The action's flows, run in this process against the fake TFE so that coverage sees src/: every
// mode, dry runs, global sharing, each API with its read-back, a TFE without the relationships
// endpoint, and name lookups. Each test checks what a user sees (outputs, summary, log, the one
// error line) and what TFE received.
import { type FakeOrganization, type FakeTfe, startFakeTfe } from './support/fake-tfe.mjs'
import {
  type InProcessOptions,
  type InProcessRun,
  expectHidden,
  runInProcess
} from './support/in-process.js'
import { annotations, expectOneFailure, visible } from './support/run-expectations.js'

const ORG = '/api/v2/admin/organizations/modules'
const SEED = `${ORG}/module-consumers`
const RELATIONSHIP = `${ORG}/relationships/module-consumers`
const PROVIDERS = `${ORG}/relationships/provider-consumers`
const REGISTRY = `${ORG}/registry-partnerships`

let fake: FakeTfe
let teamA: FakeOrganization
let teamB: FakeOrganization
let legacy: FakeOrganization

async function start(
  producer: Partial<Parameters<FakeTfe['addOrganization']>[0]> = {},
  options: Parameters<typeof startFakeTfe>[0] = {}
): Promise<void> {
  fake = await startFakeTfe(options)
  teamA = fake.addOrganization({ name: 'team-a' })
  teamB = fake.addOrganization({ name: 'team-b' })
  legacy = fake.addOrganization({ name: 'legacy' })
  fake.addOrganization({ name: 'modules', moduleConsumers: ['legacy'], ...producer })
}

afterEach(async () => {
  await fake?.close()
})

function run(inputs: Record<string, string>, options?: InProcessOptions): Promise<InProcessRun> {
  return runInProcess(
    { organization: 'modules', hostname: fake.url, token: fake.adminToken, ...inputs },
    options
  )
}

/** A clean success: exit 0, no error or warning, the token masked before anything else. */
function expectSuccess(result: InProcessRun, { warnings = 0 } = {}): void {
  expect(annotations(result, 'error')).toEqual([])
  expect(result.code).toBe(0)
  expect(annotations(result, 'warning')).toHaveLength(warnings)
  expect(result.masked[0]).toEqual({ secret: fake.adminToken, stdoutBefore: 0 })
  expect(result.annotations[0]).toEqual({
    command: 'add-mask',
    properties: {},
    message: fake.adminToken
  })
  expectHidden(visible(result), fake.adminToken)
}

function expectFailure(result: InProcessRun, pattern: RegExp): string {
  const line = expectOneFailure(result, pattern, [fake.adminToken, fake.userToken])
  expectHidden(visible(result), fake.adminToken)
  return line
}

const STATE_READS = [`GET ${ORG}`, `GET ${RELATIONSHIP}`, `GET ${PROVIDERS}`]

/**
 * The requests the fake received. The reads of today's state may go out together, so the
 * leading run of them is put in one order.
 */
function requests(): string[] {
  const all = fake.requests.map(r => `${r.method} ${r.path}`)
  let reads = 0
  while (reads < all.length && STATE_READS.includes(all[reads] as string)) reads++
  const order = (r: string) => STATE_READS.indexOf(r)
  return [...all.slice(0, reads).sort((a, b) => order(a) - order(b)), ...all.slice(reads)]
}

function writes(): { method: string; path: string; body: unknown }[] {
  return fake.writes().map(w => ({ method: w.method, path: w.path, body: JSON.parse(w.body) }))
}

function json(result: InProcessRun, name: string): unknown {
  return JSON.parse(result.outputs[name] as string)
}

function seedBody(ids: string[]) {
  return {
    data: { type: 'module-partnerships', attributes: { 'module-consuming-organization-ids': ids } }
  }
}

function relationshipBody(names: string[]) {
  return { data: names.map(id => ({ type: 'organizations', id })) }
}

/** The summary table's rows as "name id change". */
function rows(summary: string): string[] {
  return summary
    .split('\n')
    .filter(line => line.startsWith('| ') && !/^\| (Consumer|---) /.test(line))
    .map(line => {
      const [name, id, change] = line
        .split('|')
        .slice(1, 4)
        .map(cell => cell.trim())
      return `${name} ${id} ${change?.split(' ').pop()}`
    })
}

describe('mode: set through the module-consumers endpoint', () => {
  beforeEach(() => start())

  it('sets consumers given by name and by id, and reports partnerships', async () => {
    const result = await run({ consumers: `team-a\n${teamB.externalId}` })

    expectSuccess(result)
    expect(requests()).toEqual([
      `GET ${ORG}`,
      `GET ${RELATIONSHIP}`,
      'GET /api/v2/admin/organizations/team-a',
      `PATCH ${SEED}`
    ])
    expect(fake.requests[1]?.query).toEqual({ 'page[number]': '1', 'page[size]': '100' })
    expect(writes()).toEqual([
      { method: 'PATCH', path: SEED, body: seedBody([teamA.externalId, teamB.externalId]) }
    ])
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.adminToken}`)
      expect(request.headers.accept).toBe('application/vnd.api+json')
    }
    expect(fake.writes()[0]?.headers['content-type']).toBe('application/vnd.api+json')
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a', 'team-b'])

    const ids = json(result, 'partnership-ids') as string[]
    expect(ids).toEqual([expect.stringMatching(/^mp-/), expect.stringMatching(/^mp-/)])
    expect(json(result, 'partnerships')).toEqual([
      {
        id: ids[0],
        'consuming-organization-id': teamA.externalId,
        'consuming-organization-name': 'team-a',
        'producing-organization-id': fake.org('modules')?.externalId,
        'producing-organization-name': 'modules'
      },
      {
        id: ids[1],
        'consuming-organization-id': teamB.externalId,
        'consuming-organization-name': 'team-b',
        'producing-organization-id': fake.org('modules')?.externalId,
        'producing-organization-name': 'modules'
      }
    ])
    expect(json(result, 'consumer-ids')).toEqual([teamA.externalId, teamB.externalId])
    expect(json(result, 'consumer-names')).toEqual(['team-a', 'team-b'])
    expect(json(result, 'added')).toEqual([teamA.externalId, teamB.externalId])
    expect(json(result, 'removed')).toEqual([legacy.externalId])
    expect(json(result, 'previous-consumer-ids')).toEqual([legacy.externalId])
    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('false')

    expect(result.summary).toContain('### Module sharing: modules')
    expect(result.summary).toContain(`TFE ${fake.url} · mode \`set\` · API \`module-consumers\``)
    expect(result.summary).toContain('**Changed** (2 added, 1 removed, 0 kept).')
    expect(result.summary).toContain('Global module sharing: off (unchanged)')
    expect(result.summary).toContain(`| team-a | ${teamA.externalId} | ➕ added | ${ids[0]} |`)
    expect(result.summary).toContain(`| team-b | ${teamB.externalId} | ➕ added | ${ids[1]} |`)
    expect(result.summary).toContain(`| legacy | ${legacy.externalId} | ➖ removed |  |`)
    expect(result.stdout).toContain('modules now shares its modules with 2 organizations.')
  })

  it('writes ids as given, without looking them up', async () => {
    const result = await run({ consumers: `${teamA.externalId},${teamA.externalId}` })
    expectSuccess(result)
    expect(requests()).toEqual([`GET ${ORG}`, `GET ${RELATIONSHIP}`, `PATCH ${SEED}`])
    expect(writes()[0]?.body).toEqual(seedBody([teamA.externalId]))
    expect(result.stdout).toContain('modules now shares its modules with 1 organization.')
  })

  it('collapses a name and the id of one organization into one consumer', async () => {
    const result = await run({ consumers: `team-a, ${teamA.externalId}\nteam-a` })
    expectSuccess(result)
    expect(writes()[0]?.body).toEqual(seedBody([teamA.externalId]))
    expect(json(result, 'consumer-names')).toEqual(['team-a'])
  })

  it("writes nothing when today's list is asked for, in another order and spelling", async () => {
    const first = await run({ consumers: `team-a, ${teamB.externalId}` })
    expectSuccess(first)
    fake.requests.length = 0

    const result = await run({ consumers: `${teamB.externalId}\nteam-a` })
    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(json(result, 'added')).toEqual([])
    expect(json(result, 'removed')).toEqual([])
    expect(json(result, 'partnership-ids')).toEqual([])
    // The list keeps the order asked for.
    expect(json(result, 'consumer-ids')).toEqual([teamB.externalId, teamA.externalId])
    expect(result.summary).toContain('**No change**: 2 consumers; nothing was written.')
    expect(result.stdout).toContain(
      'No change: modules already shares as asked; nothing was written.'
    )
    expect(rows(result.summary)).toEqual([
      `team-b ${teamB.externalId} kept`,
      `team-a ${teamA.externalId} kept`
    ])
  })

  it('clears every consumer only with allow-empty: true', async () => {
    const refused = await run({ consumers: '' })
    expectFailure(refused, /^Invalid input: consumers is empty.*allow-empty: true/)
    expect(fake.requests).toEqual([])

    const result = await run({ consumers: ' \n', 'allow-empty': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([{ method: 'PATCH', path: SEED, body: seedBody([]) }])
    expect(fake.org('modules')?.moduleConsumers).toEqual([])
    expect(result.outputs['consumer-ids']).toBe('[]')
    expect(result.outputs['consumer-names']).toBe('[]')
    expect(result.outputs.partnerships).toBe('[]')
    expect(json(result, 'removed')).toEqual([legacy.externalId])
    expect(result.stdout).toContain('modules now shares its modules with 0 organizations.')
  })

  it('reads the token and hostname from TFE_TOKEN and TFE_HOSTNAME', async () => {
    const result = await runInProcess(
      { organization: 'modules', consumers: 'team-a' },
      { env: { TFE_TOKEN: ` ${fake.adminToken} `, TFE_HOSTNAME: fake.url } }
    )
    expectSuccess(result)
    expect(fake.org('modules')?.moduleConsumers).toEqual(['team-a'])
  })

  it('reads the hostname from TFE_ADDRESS', async () => {
    const result = await runInProcess(
      { organization: 'modules', consumers: 'team-a', token: fake.adminToken },
      { env: { TFE_ADDRESS: fake.url } }
    )
    expectSuccess(result)
  })

  it('escapes what the server says in the summary', async () => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: [
            {
              id: 'mp-<b>x</b>',
              type: 'module-partnerships',
              attributes: {
                'consuming-organization-id': teamA.externalId,
                'consuming-organization-name': '<img src=x>|pipe',
                'producing-organization-id': 'org-x',
                'producing-organization-name': 'modules'
              }
            }
          ]
        })
      )
      return true
    })
    const result = await run({ consumers: teamA.externalId })
    expectSuccess(result)
    expect(result.summary).not.toContain('<img')
    expect(result.summary).not.toContain('<b>')
    expect(result.summary).toContain('&#60;img src=x&#62;&#124;pipe')
  })
})

describe('mode: add and remove', () => {
  beforeEach(() => start())

  it("add: today's list plus the input, by name and by id", async () => {
    const result = await run({ mode: 'add', consumers: `team-a, ${teamB.externalId}` })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: SEED,
        body: seedBody([legacy.externalId, teamA.externalId, teamB.externalId])
      }
    ])
    expect(json(result, 'added')).toEqual([teamA.externalId, teamB.externalId])
    expect(json(result, 'removed')).toEqual([])
    expect(result.summary).toContain('mode `add`')
    expect(rows(result.summary)).toEqual([
      `legacy ${legacy.externalId} kept`,
      `team-a ${teamA.externalId} added`,
      `team-b ${teamB.externalId} added`
    ])
  })

  it('add of a consumer already there, by name and by id, writes nothing', async () => {
    const result = await run({ mode: 'add', consumers: `legacy\n${legacy.externalId}` })
    expectSuccess(result)
    expect(requests()).toEqual([`GET ${ORG}`, `GET ${RELATIONSHIP}`])
    expect(result.outputs.changed).toBe('false')
  })

  it("remove: today's list minus the input; what is not a consumer is noted", async () => {
    const other = fake.addOrganization({ name: 'other' })
    await run({ mode: 'add', consumers: 'team-a, team-b' })
    fake.requests.length = 0

    const result = await run({
      mode: 'remove',
      consumers: `team-a, other, ${other.externalId}, ${teamB.externalId}`
    })
    // Each entry that is not a consumer is named, as a warning: likely a typo.
    expectSuccess(result, { warnings: 2 })
    expect(writes()).toEqual([{ method: 'PATCH', path: SEED, body: seedBody([legacy.externalId]) }])
    const warnings = annotations(result, 'warning')
    expect(warnings[0]).toMatch(/\bother is not a module consumer\b.*nothing to remove/)
    expect(warnings[1]).toMatch(
      new RegExp(`\\b${other.externalId} is not a module consumer\\b.*nothing to remove`)
    )
    expect(json(result, 'removed')).toEqual([teamA.externalId, teamB.externalId])
    expect(rows(result.summary)).toEqual([
      `legacy ${legacy.externalId} kept`,
      `team-a ${teamA.externalId} removed`,
      `team-b ${teamB.externalId} removed`
    ])
  })

  it('remove of a name that no organization has is reported, and nothing is written', async () => {
    const result = await run({ mode: 'remove', consumers: 'legacy, ghost' })
    expectFailure(result, /^modules: no organization named ghost on this TFE \(HTTP 404\)/)
    expect(fake.writes()).toEqual([])
  })

  it('remove of the last consumer needs allow-empty: true', async () => {
    const refused = await run({ mode: 'remove', consumers: 'legacy' })
    expectFailure(
      refused,
      /^modules: this run would leave no module consumers \(removing 1 consumer \(legacy\)\).*allow-empty: true/
    )
    expect(fake.writes()).toEqual([])

    const result = await run({ mode: 'remove', consumers: 'legacy', 'allow-empty': 'true' })
    expectSuccess(result)
    expect(writes()[0]?.body).toEqual(seedBody([]))
  })

  it.each([
    [{ mode: 'add', consumers: '' }, /^Invalid input: mode: add needs at least one organization/],
    [
      { mode: 'remove', consumers: '' },
      /^Invalid input: mode: remove needs at least one organization in consumers to remove/
    ],
    [
      { mode: 'add', consumers: 'team-a', 'global-module-sharing': 'false' },
      /^Invalid input: global-module-sharing cannot be combined with mode: add/
    ],
    [
      { mode: 'replace', consumers: 'team-a' },
      /^Invalid input: mode must be one of set, add, remove/
    ]
  ])('refuses %p before any request', async (inputs, pattern) => {
    const result = await run(inputs)
    expectFailure(result, pattern)
    expect(fake.requests).toEqual([])
  })
})

describe('dry run', () => {
  beforeEach(() => start())

  it('shows the plan, names ids, and writes nothing', async () => {
    const result = await run({ consumers: `${teamA.externalId}\nteam-b`, 'dry-run': 'true' })
    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    // A plan shows names, so ids are looked up too: through the list, one page.
    expect(requests()).toEqual([
      `GET ${ORG}`,
      `GET ${RELATIONSHIP}`,
      'GET /api/v2/admin/organizations'
    ])
    expect(result.stdout).toContain('Looking up 1 name and 1 external id')
    expect(result.stdout).toContain(
      'Dry run: the plan would change module sharing; nothing was written.'
    )
    expect(result.summary).toContain('### Module sharing plan for modules (dry run)')
    expect(result.summary).toContain(
      '**Would change** (2 added, 1 removed, 0 kept); nothing was written.'
    )
    expect(rows(result.summary)).toEqual([
      `team-a ${teamA.externalId} added`,
      `team-b ${teamB.externalId} added`,
      `legacy ${legacy.externalId} removed`
    ])
    expect(json(result, 'consumer-ids')).toEqual([teamA.externalId, teamB.externalId])
    expect(json(result, 'consumer-names')).toEqual(['team-a', 'team-b'])
    expect(json(result, 'partnership-ids')).toEqual([])
    expect(result.outputs.changed).toBe('true')
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
  })

  it('says when nothing would change', async () => {
    const result = await run({ consumers: 'legacy', 'dry-run': 'true' })
    expectSuccess(result)
    expect(result.stdout).toContain('Dry run: no change; nothing was written.')
    expect(result.outputs.changed).toBe('false')
  })

  it('shows a global change', async () => {
    const result = await run({
      'global-module-sharing': 'true',
      'allow-empty': 'true',
      'dry-run': 'true'
    })
    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(result.summary).toContain('Global module sharing: off → **on**')
    expect(result.outputs['global-module-sharing']).toBe('true')
  })
})

describe('global module sharing', () => {
  it('true with allow-empty turns it on and wipes the consumers', async () => {
    await start()
    const result = await run({ 'global-module-sharing': 'true', 'allow-empty': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: ORG,
        body: { data: { type: 'organizations', attributes: { 'global-module-sharing': true } } }
      }
    ])
    expect(fake.org('modules')).toMatchObject({ globalModuleSharing: true, moduleConsumers: [] })
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(result.outputs['consumer-ids']).toBe('[]')
    expect(result.summary).toContain('Global module sharing: off → **on**')
    expect(result.stdout).toContain('modules now shares its modules with every organization.')
  })

  it('true refuses to wipe consumers without allow-empty, before any write', async () => {
    await start()
    const result = await run({ 'global-module-sharing': 'true' })
    expectFailure(
      result,
      /^modules: turning global module sharing on wipes its 1 consumer \(legacy\); set allow-empty: true/
    )
    expect(fake.writes()).toEqual([])
  })

  it('true needs no allow-empty when there are no consumers', async () => {
    await start({ moduleConsumers: [] })
    const result = await run({ 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(fake.org('modules')?.globalModuleSharing).toBe(true)
  })

  it('true where it is on already writes nothing', async () => {
    await start({ moduleConsumers: [], globalModuleSharing: true })
    const result = await run({ 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(result.summary).toContain('Global module sharing: on (unchanged)')
  })

  it('true with consumers is refused as input', async () => {
    await start()
    const result = await run({ 'global-module-sharing': 'true', consumers: 'team-a' })
    expectFailure(
      result,
      /^Invalid input: global-module-sharing: true shares with every organization/
    )
    expect(fake.requests).toEqual([])
  })

  it('a consumer list while it is on needs global-module-sharing: false', async () => {
    await start({ moduleConsumers: [], globalModuleSharing: true })
    const refused = await run({ consumers: 'team-a' })
    expectFailure(
      refused,
      /^modules: shares its modules with every organization today .*Set global-module-sharing: false/
    )
    expect(fake.writes()).toEqual([])

    const result = await run({ consumers: 'team-a', 'global-module-sharing': 'false' })
    expectSuccess(result)
    // The list write turns global sharing off itself; the action checks, and writes no more.
    expect(writes()).toEqual([{ method: 'PATCH', path: SEED, body: seedBody([teamA.externalId]) }])
    expect(requests().slice(-1)).toEqual([`GET ${ORG}`])
    expect(fake.org('modules')).toMatchObject({
      globalModuleSharing: false,
      moduleConsumers: ['team-a']
    })
    expect(result.summary).toContain('Global module sharing: on → **off**')
  })

  it('is turned off explicitly when TFE still reports it on after the list write', async () => {
    await start({ moduleConsumers: [], globalModuleSharing: true })
    let reads = 0
    // The second read of the producer (after the write) still says global sharing is on.
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'GET' || recorded.path !== ORG || ++reads !== 2) return false
      const org = fake.org('modules') as FakeOrganization
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: {
            id: 'modules',
            type: 'organizations',
            attributes: {
              name: 'modules',
              'external-id': org.externalId,
              'global-module-sharing': true
            }
          }
        })
      )
      return true
    })
    const result = await run({ consumers: 'team-a', 'global-module-sharing': 'false' })
    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: SEED, body: seedBody([teamA.externalId]) },
      {
        method: 'PATCH',
        path: ORG,
        body: { data: { type: 'organizations', attributes: { 'global-module-sharing': false } } }
      }
    ])
    expect(result.stdout).toContain('Turning global module sharing off for modules')
  })

  it('false with an empty list and allow-empty turns it off', async () => {
    await start({ moduleConsumers: [], globalModuleSharing: true })
    const result = await run({ 'global-module-sharing': 'false', 'allow-empty': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: ORG,
        body: { data: { type: 'organizations', attributes: { 'global-module-sharing': false } } }
      }
    ])
    expect(fake.org('modules')?.globalModuleSharing).toBe(false)
    expect(result.outputs['global-module-sharing']).toBe('false')
  })

  it('add or remove while it is on is refused', async () => {
    await start({ moduleConsumers: [], globalModuleSharing: true })
    const result = await run({ mode: 'add', consumers: 'team-a' })
    expectFailure(
      result,
      /^modules: shares its modules with every organization \(global module sharing\), so there is no consumer list to add to or from/
    )
    expect(fake.writes()).toEqual([])
  })

  it.each([
    ['on', true, {}],
    ['off', false, { globalModuleSharing: true, moduleConsumers: [] }]
  ])(
    'fails when TFE accepts turning it %s but still reports the old value',
    async (word, enabled, producer) => {
      await start(producer)
      fake.intercept((_req, res, recorded) => {
        if (recorded.method !== 'PATCH' || recorded.path !== ORG) return false
        res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
        res.end(
          JSON.stringify({
            data: {
              id: 'modules',
              type: 'organizations',
              attributes: {
                name: 'modules',
                'external-id': fake.org('modules')?.externalId,
                'global-module-sharing': !enabled
              }
            }
          })
        )
        return true
      })
      const result = await run({
        'global-module-sharing': String(enabled),
        'allow-empty': 'true'
      })
      expectFailure(
        result,
        new RegExp(
          `^modules: TFE accepted turning global module sharing ${word} but still reports it `
        )
      )
    }
  )
})

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

  it("sends today's provider consumers back unchanged, then checks both lists", async () => {
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
      `GET ${PROVIDERS}`,
      `GET ${RELATIONSHIP}`
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
  })

  it('is refused before any write when provider consumers cannot be read', async () => {
    fake.features.providerConsumers = false
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /^modules: this TFE does not list provider consumers \(HTTP 404\)/)
    expect(fake.writes()).toEqual([])
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
    expect(result.summary).toContain('**Set** to 1 consumer.')
    expect(result.summary).toContain('the list before this run is unknown')
  })

  it.each([
    [{ mode: 'add' }, /^modules: this TFE does not list module consumers .*mode: add cannot know/],
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
