// The action's flows, run in this process against the fake TFE so that coverage sees src/: every
// mode, dry runs, global sharing (the APIs are in-process-apis'; more of each in in-process-modes
// and in-process-global). Each test checks what a user sees (outputs, summary, log, the one
// error line) and what TFE received.
import { NO_PROVIDERS } from '../support/sharing-files.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { FakeOrganization } from '../../test-kit/fake-tfe.mjs'
import { repoRoot } from '../../test-kit/runner.mjs'
import { runInProcess } from '../support/in-process.js'
import {
  ORG,
  RELATIONSHIP,
  SEED,
  closeFakeAfterEach,
  expectFailure,
  expectSuccess,
  fake,
  json,
  legacy,
  requests,
  rows,
  run,
  seedBody,
  start,
  teamA,
  teamB,
  writes
} from '../support/in-process-scenario.js'
import { annotations } from '../support/run-expectations.js'

closeFakeAfterEach()

const ACTION = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
  outputs: Record<string, unknown>
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
    expect(json(result, 'previous-consumer-ids')).toEqual([teamA.externalId, teamB.externalId])
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
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])

    const result = await run({ consumers: ' \n', 'allow-empty': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([{ method: 'PATCH', path: SEED, body: seedBody([]) }])
    expect(fake.org('modules')?.moduleConsumers).toEqual([])
    expect(result.outputs['partnership-ids']).toBe('[]')
    expect(result.outputs['consumer-ids']).toBe('[]')
    expect(result.outputs['consumer-names']).toBe('[]')
    expect(result.outputs.partnerships).toBe('[]')
    expect(result.summary).toContain(`| legacy | ${legacy.externalId} | ➖ removed |`)
    expect(json(result, 'removed')).toEqual([legacy.externalId])
    expect(result.stdout).toContain('modules now shares its modules with 0 organizations.')
  })

  it('writes exactly the outputs action.yml declares, but unmanaged (sharing files only)', async () => {
    const result = await run({ consumers: 'team-a' })
    expectSuccess(result)
    expect(Object.keys(result.outputs).sort()).toEqual(
      Object.keys(ACTION.outputs)
        .filter(name => name !== 'unmanaged')
        .sort()
    )
    expect(json(result, 'producers')).toEqual([
      {
        organization: 'modules',
        result: 'changed',
        added: ['team-a'],
        removed: ['legacy'],
        consumers: ['team-a'],
        'global-module-sharing': false,
        ...NO_PROVIDERS
      }
    ])
  })

  it('names every unknown consumer and writes nothing', async () => {
    const result = await run({ consumers: 'team-a, ghost, phantom' })
    const line = expectFailure(
      result,
      /^modules: no organization named ghost, phantom on this TFE \(HTTP 404\)/
    )
    expect(line).toMatch(/nothing was changed/)
    expect(fake.writes()).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
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
    // What changes first, what is kept after it (collapsed).
    expect(rows(result.summary)).toEqual([
      `team-a ${teamA.externalId} added`,
      `team-b ${teamB.externalId} added`,
      `legacy ${legacy.externalId} kept`
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
      `team-a ${teamA.externalId} removed`,
      `team-b ${teamB.externalId} removed`,
      `legacy ${legacy.externalId} kept`
    ])
  })

  it('remove of a name that no organization has is reported, and nothing is written', async () => {
    const result = await run({ mode: 'remove', consumers: 'legacy, ghost' })
    expectFailure(result, /^modules: no organization named ghost on this TFE \(HTTP 404\)/)
    expect(fake.writes()).toEqual([])
    expect(fake.org('modules')?.moduleConsumers).toEqual(['legacy'])
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

  it('true needs no allow-empty when there are no consumers', async () => {
    await start({ moduleConsumers: [] })
    const result = await run({ 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: ORG,
        body: { data: { type: 'organizations', attributes: { 'global-module-sharing': true } } }
      }
    ])
    expect(fake.org('modules')?.globalModuleSharing).toBe(true)
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(result.outputs.changed).toBe('true')
  })

  it('true where it is on already writes nothing', async () => {
    await start({ moduleConsumers: [], globalModuleSharing: true })
    const result = await run({ 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(result.summary).toContain('Global module sharing: on (unchanged)')
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
    expect(fake.org('modules')?.globalModuleSharing).toBe(false)
    expect(result.outputs['global-module-sharing']).toBe('false')
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
    expect(fake.org('modules')?.moduleConsumers).toEqual([])
    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(result.outputs['consumer-ids']).toBe('[]')
    expect(result.outputs['previous-consumer-ids']).toBe('[]')
    expect(result.summary).toContain('Global module sharing: on → **off**')
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
