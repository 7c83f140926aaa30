// The sharing features end to end: modes, dry run, global sharing, the three write APIs, the
// read-back after a write, a TFE without the relationships endpoint, and the pull request comment.
// Everything goes through the committed dist/index.js, run as a GitHub runner runs it, against the
// fake TFE and the fake GitHub API on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type FakeGitHub,
  pullRequestEvent,
  startFakeGitHub,
  writeEvent
} from './support/fake-github.mjs'
import { type FakeOrganization, type FakeTfe, startFakeTfe } from './support/fake-tfe.mjs'
import { type ActionRun, runAction } from './support/runner.mjs'
import { annotations, expectOneFailure, visible } from './support/run-expectations.js'

type Api = 'module-consumers' | 'relationships' | 'registry-partnerships'
type Change = 'kept' | 'added' | 'removed'

const ADMIN_ORGS = '/api/v2/admin/organizations'
const MODULES = `${ADMIN_ORGS}/modules`
const RELATIONSHIPS = `${MODULES}/relationships/module-consumers`

let fake: FakeTfe

// `modules` is the producer most tests work on: it shares with legacy and team-c today (in that
// order, TFE lists consumers by creation), and its providers with legacy and team-b.
// `shared` shares its modules with every organization; `empty` shares with nobody.
beforeEach(async () => {
  fake = await startFakeTfe()
  fake.addOrganization({ name: 'legacy' })
  fake.addOrganization({ name: 'team-a' })
  fake.addOrganization({ name: 'team-b' })
  fake.addOrganization({ name: 'team-c' })
  fake.addOrganization({
    name: 'modules',
    moduleConsumers: ['legacy', 'team-c'],
    providerConsumers: ['legacy', 'team-b']
  })
  fake.addOrganization({ name: 'shared', globalModuleSharing: true })
  fake.addOrganization({ name: 'empty' })
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

function org(name: string): FakeOrganization {
  const found = fake.org(name)
  if (!found) throw new Error(`test setup: no organization ${name}`)
  return found
}

function idOf(name: string): string {
  return org(name).externalId
}

/** `'team-a, id:team-b'` → `'team-a, org-…'`: a consumers input that names some by external id. */
function refs(spec: string): string {
  return spec.replace(/id:([\w-]+)/g, (_m, name: string) => idOf(name))
}

/** A failed run: exit 1, exactly one readable error line, no stack trace, no token. */
function expectFailure(result: ActionRun, pattern: RegExp): string {
  return expectOneFailure(result, pattern, [fake.adminToken])
}

function expectSuccess(result: ActionRun): void {
  expect({ code: result.code, errors: annotations(result, 'error') }).toEqual({
    code: 0,
    errors: []
  })
}

function writes() {
  return fake
    .writes()
    .map(w => ({ method: w.method, path: w.path, body: w.body ? JSON.parse(w.body) : undefined }))
}

function output(result: ActionRun, name: string): unknown {
  const raw = result.outputs[name]
  if (raw === undefined) throw new Error(`the run wrote no output ${name}`)
  return JSON.parse(raw)
}

/** An output that is a JSON array of external ids, compared as a set. */
function idsOutput(result: ActionRun, name: string): string[] {
  const value = output(result, name)
  expect(Array.isArray(value)).toBe(true)
  return [...(value as string[])].sort()
}

function ids(...names: string[]): string[] {
  return names.map(idOf).sort()
}

/** consumer-ids and consumer-names paired up, as `name id`, order aside. */
function consumersOutput(result: ActionRun): string[] {
  const consumerIds = output(result, 'consumer-ids') as string[]
  const names = output(result, 'consumer-names') as (string | null)[]
  expect(names).toHaveLength(consumerIds.length)
  return consumerIds.map((id, i) => `${names[i]} ${id}`).sort()
}

function consumers(...names: string[]): string[] {
  return names.map(name => `${name} ${idOf(name)}`).sort()
}

/** The plan table's rows as `name id change`, order aside; the label's emoji is left out. */
function planRows(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter(line => line.startsWith('| ') && !/^\| (Consumer|---) /.test(line))
    .map(line => {
      const [name, id, change] = line
        .slice(1, -1)
        .split('|')
        .map(cell => cell.trim())
      return `${name} ${id} ${change?.split(' ').pop()}`
    })
    .sort()
}

function rows(spec: Record<string, Change>): string[] {
  return Object.entries(spec)
    .map(([name, change]) => `${name} ${idOf(name)} ${change}`)
    .sort()
}

/** Requests that look an organization up, one by name or the admin list. */
function lookups(name: string): string[] {
  return fake.requests
    .filter(r => r.method === 'GET' && [ADMIN_ORGS, `${ADMIN_ORGS}/${name}`].includes(r.path))
    .map(r => `${r.method} ${r.path}`)
}

function seedBody(...names: string[]) {
  return {
    data: {
      type: 'module-partnerships',
      attributes: { 'module-consuming-organization-ids': names.map(idOf) }
    }
  }
}

function relationshipsBody(...names: string[]) {
  return { data: names.map(name => ({ type: 'organizations', id: name })) }
}

function registryBody(moduleConsumers: string[], providerConsumers: string[]) {
  return {
    data: {
      type: 'registry-partnerships',
      attributes: { 'module-consumers': moduleConsumers, 'provider-consumers': providerConsumers }
    }
  }
}

function globalBody(enabled: boolean) {
  return { data: { type: 'organizations', attributes: { 'global-module-sharing': enabled } } }
}

describe('modes through the module-consumers endpoint', () => {
  it('set by name and by id: the list becomes exactly the input', async () => {
    const result = await run({ consumers: refs('team-a\nid:team-b\nlegacy') })

    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: `${MODULES}/module-consumers`,
        body: seedBody('team-a', 'team-b', 'legacy')
      }
    ])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-b'])
    // legacy is a consumer today, so its name needs no lookup; the id goes to TFE as it is.
    expect(lookups('legacy')).toEqual([])
    expect(lookups('team-a')).toEqual([`GET ${ADMIN_ORGS}/team-a`])

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(idsOutput(result, 'removed')).toEqual(ids('team-c'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers('team-a', 'team-b', 'legacy'))
    expect(result.outputs['global-module-sharing']).toBe('false')
    const partnerships = output(result, 'partnerships') as { id: string }[]
    expect(partnerships).toHaveLength(3)
    expect(output(result, 'partnership-ids')).toEqual(partnerships.map(p => p.id))
    for (const id of output(result, 'partnership-ids') as string[]) {
      expect(id).toMatch(/^mp-[1-9A-HJ-NP-Za-km-z]{16}$/)
    }

    expect(planRows(result.summary)).toEqual(
      rows({ 'team-a': 'added', 'team-b': 'added', legacy: 'kept', 'team-c': 'removed' })
    )
    expect(result.summary).toMatch(/Global module sharing: off \(unchanged\)/)
  })

  it('add by name and by id: today’s list plus the input', async () => {
    const result = await run({ mode: 'add', consumers: refs('team-a, id:team-b') })

    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: `${MODULES}/module-consumers`,
        body: seedBody('legacy', 'team-c', 'team-a', 'team-b')
      }
    ])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-b', 'team-c'])

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(idsOutput(result, 'removed')).toEqual([])
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers('legacy', 'team-c', 'team-a', 'team-b'))
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'partnership-ids')).toHaveLength(4)

    expect(planRows(result.summary)).toEqual(
      rows({ legacy: 'kept', 'team-c': 'kept', 'team-a': 'added', 'team-b': 'added' })
    )
  })

  it.each([
    ['by name', 'legacy'],
    ['by id', 'id:legacy']
  ])('remove %s: today’s list minus the input, with no lookup', async (_how, spec) => {
    const result = await run({ mode: 'remove', consumers: refs(spec) })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${MODULES}/module-consumers`, body: seedBody('team-c') }
    ])
    expect(org('modules').moduleConsumers).toEqual(['team-c'])
    expect(lookups('legacy')).toEqual([])

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual(ids('legacy'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers('team-c'))
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'partnership-ids')).toHaveLength(1)

    expect(planRows(result.summary)).toEqual(rows({ 'team-c': 'kept', legacy: 'removed' }))
  })

  it('remove of the last consumers goes ahead with allow-empty: true', async () => {
    const result = await run({
      mode: 'remove',
      consumers: refs('legacy, id:team-c'),
      'allow-empty': 'true'
    })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${MODULES}/module-consumers`, body: seedBody() }
    ])
    expect(org('modules').moduleConsumers).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual(ids('legacy', 'team-c'))
    expect(output(result, 'consumer-ids')).toEqual([])
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(planRows(result.summary)).toEqual(rows({ legacy: 'removed', 'team-c': 'removed' }))
  })
})

describe('a plan that changes nothing writes nothing', () => {
  const apis: Api[] = ['module-consumers', 'relationships', 'registry-partnerships']

  it.each(apis)('add of a consumer already there, by name, looks nothing up (%s)', async api => {
    const result = await run({ api, mode: 'add', consumers: 'legacy' })

    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(lookups('legacy')).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(idsOutput(result, 'added')).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual([])
    expect(consumersOutput(result)).toEqual(consumers('legacy', 'team-c'))
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(result.stdout).toMatch(/nothing was written/)
    expect(result.summary).toMatch(/No change.*nothing was written/)
    expect(planRows(result.summary)).toEqual(rows({ legacy: 'kept', 'team-c': 'kept' }))
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })

  it('add of a consumer already there, by id, writes nothing', async () => {
    const result = await run({ mode: 'add', consumers: refs('id:team-c') })
    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(lookups('team-c')).toEqual([])
  })

  it.each([
    ['by name', 'team-a'],
    ['by id', 'id:team-a'],
    ['an organization TFE does not know', 'ghost']
  ])('remove of one that is not a consumer (%s) writes nothing', async (_what, spec) => {
    const result = await run({ mode: 'remove', consumers: refs(spec) })

    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(idsOutput(result, 'removed')).toEqual([])
    expect(idsOutput(result, 'added')).toEqual([])
    expect(consumersOutput(result)).toEqual(consumers('legacy', 'team-c'))
    expect(result.stdout).toMatch(/not a module consumer of modules/)
    expect(result.stdout).toMatch(/nothing was written/)
    expect(result.summary).toMatch(/No change.*nothing was written/)
  })

  it('set of today’s list, in another order and spelling, writes nothing', async () => {
    const result = await run({ consumers: refs('team-c, id:legacy') })
    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(result.summary).toMatch(/No change.*nothing was written/)
  })

  it('global-module-sharing: true where it is on already writes nothing', async () => {
    const result = await run({ organization: 'shared', 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([])
    expect(result.outputs.changed).toBe('false')
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(result.summary).toMatch(/Global module sharing: on \(unchanged\)/)
  })
})

describe('the relationships and registry-partnerships APIs', () => {
  const cases: {
    mode: string
    spec: string
    next: string[]
    added: string[]
    removed: string[]
    table: Record<string, Change>
  }[] = [
    {
      mode: 'set',
      spec: 'team-a\nid:team-b\nlegacy',
      next: ['team-a', 'team-b', 'legacy'],
      added: ['team-a', 'team-b'],
      removed: ['team-c'],
      table: { 'team-a': 'added', 'team-b': 'added', legacy: 'kept', 'team-c': 'removed' }
    },
    {
      mode: 'add',
      spec: 'id:team-a, team-b',
      next: ['legacy', 'team-c', 'team-a', 'team-b'],
      added: ['team-a', 'team-b'],
      removed: [],
      table: { legacy: 'kept', 'team-c': 'kept', 'team-a': 'added', 'team-b': 'added' }
    },
    {
      mode: 'remove',
      spec: 'id:team-c',
      next: ['legacy'],
      added: [],
      removed: ['team-c'],
      table: { legacy: 'kept', 'team-c': 'removed' }
    }
  ]

  it.each(cases)('api relationships, mode $mode: names, 204, read back', async c => {
    const result = await run({ api: 'relationships', mode: c.mode, consumers: refs(c.spec) })

    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: RELATIONSHIPS, body: relationshipsBody(...c.next) }
    ])
    const at = fake.requests.findIndex(r => r.method === 'PATCH')
    expect(
      fake.requests.slice(at + 1).filter(r => r.method === 'GET' && r.path === RELATIONSHIPS)
    ).not.toHaveLength(0)

    expect(org('modules').moduleConsumers).toEqual([...c.next].sort())
    expect(org('modules').providerConsumers).toEqual(['legacy', 'team-b'])
    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids(...c.added))
    expect(idsOutput(result, 'removed')).toEqual(ids(...c.removed))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(consumersOutput(result)).toEqual(consumers(...c.next))
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(output(result, 'partnerships')).toEqual([])
    expect(planRows(result.summary)).toEqual(rows(c.table))
  })

  it.each(cases)(
    'api registry-partnerships, mode $mode: names, provider consumers sent back, read back',
    async c => {
      const result = await run({
        api: 'registry-partnerships',
        mode: c.mode,
        consumers: refs(c.spec)
      })

      expectSuccess(result)
      expect(writes()).toEqual([
        {
          method: 'PUT',
          path: `${MODULES}/registry-partnerships`,
          body: registryBody(c.next, ['legacy', 'team-b'])
        }
      ])
      // Provider consumers are read before the write (to send them back) …
      const at = fake.requests.findIndex(r => r.method === 'PUT')
      const before = fake.requests.slice(0, at).map(r => `${r.method} ${r.path}`)
      expect(before).toContain(`GET ${MODULES}/relationships/provider-consumers`)
      // … and the module consumers after it, to confirm the write.
      const after = fake.requests.slice(at + 1).map(r => `${r.method} ${r.path}`)
      expect(after).toContain(`GET ${RELATIONSHIPS}`)

      expect(org('modules').moduleConsumers).toEqual([...c.next].sort())
      expect(org('modules').providerConsumers).toEqual(['legacy', 'team-b'])
      expect(org('modules').globalProviderSharing).toBe(false)
      expect(result.outputs.changed).toBe('true')
      expect(idsOutput(result, 'added')).toEqual(ids(...c.added))
      expect(idsOutput(result, 'removed')).toEqual(ids(...c.removed))
      expect(consumersOutput(result)).toEqual(consumers(...c.next))
      expect(output(result, 'partnership-ids')).toEqual([])
      expect(output(result, 'partnerships')).toEqual([])
      expect(planRows(result.summary)).toEqual(rows(c.table))
    }
  )

  it('registry-partnerships sends an empty provider list back as []', async () => {
    fake.addOrganization({ name: 'no-providers', moduleConsumers: ['legacy'] })
    const result = await run({
      organization: 'no-providers',
      api: 'registry-partnerships',
      mode: 'add',
      consumers: 'team-a'
    })
    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: `${ADMIN_ORGS}/no-providers/registry-partnerships`,
        body: registryBody(['legacy', 'team-a'], [])
      }
    ])
    expect(org('no-providers').moduleConsumers).toEqual(['legacy', 'team-a'])
  })
})

describe('pagination: a producer with 250 consumers', () => {
  let before: string[]

  beforeEach(() => {
    before = fake.addOrganizations(250, 'team').map(o => o.name)
    fake.addOrganization({ name: 'big', moduleConsumers: before })
    fake.addOrganization({ name: 'newcomer' })
  })

  /** The page numbers of each full read of big's consumer list, in order. */
  function consumerReads(): { size: number; pages: number[] }[] {
    const reads: { size: number; pages: number[] }[] = []
    for (const r of fake.requests) {
      if (r.method !== 'GET' || r.path !== `${ADMIN_ORGS}/big/relationships/module-consumers`)
        continue
      const page = Number(r.query['page[number]'] ?? 1)
      const size = Number(r.query['page[size]'] ?? 20)
      if (page === 1) reads.push({ size, pages: [] })
      reads[reads.length - 1]?.pages.push(page)
    }
    return reads
  }

  function pagesFor(count: number, size: number): number[] {
    return Array.from({ length: Math.ceil(count / size) }, (_, i) => i + 1)
  }

  it.each<[Api, number]>([
    ['module-consumers', 1],
    ['relationships', 2],
    ['registry-partnerships', 2]
  ])('mode add of one more through %s keeps all 250', async (api, readCount) => {
    const result = await run({ organization: 'big', api, mode: 'add', consumers: 'newcomer' })

    expectSuccess(result)
    // The state before the run, every page; the 204 APIs read every page back afterwards too.
    const reads = consumerReads()
    expect(reads).toHaveLength(readCount)
    const [first, second] = reads
    expect(first?.pages).toEqual(pagesFor(250, first?.size ?? 0))
    if (second) expect(second.pages).toEqual(pagesFor(251, second.size))

    const all = [...before, 'newcomer']
    expect(org('big').moduleConsumers).toEqual([...all].sort())
    const [write] = writes()
    expect(writes()).toHaveLength(1)
    if (api === 'module-consumers') {
      expect(write?.body).toEqual(seedBody(...all))
    } else if (api === 'relationships') {
      expect(write?.body).toEqual(relationshipsBody(...all))
    } else {
      expect(write?.body).toEqual(registryBody(all, []))
    }

    expect(result.outputs.changed).toBe('true')
    expect(output(result, 'added')).toEqual([idOf('newcomer')])
    expect(output(result, 'removed')).toEqual([])
    expect(idsOutput(result, 'previous-consumer-ids')).toEqual(ids(...before))
    expect(idsOutput(result, 'consumer-ids')).toEqual(ids(...all))
    expect(planRows(result.summary)).toHaveLength(251)
  })
})

describe('dry run', () => {
  const cases: {
    what: string
    inputs: Record<string, string>
    organization?: string
    added: string[]
    removed: string[]
    next: string[]
    global: 'true' | 'false'
    table: Record<string, Change>
  }[] = [
    {
      what: 'mode set, by id',
      inputs: { consumers: 'id:team-a\nlegacy' },
      added: ['team-a'],
      removed: ['team-c'],
      next: ['team-a', 'legacy'],
      global: 'false',
      table: { 'team-a': 'added', legacy: 'kept', 'team-c': 'removed' }
    },
    {
      what: 'mode add',
      inputs: { mode: 'add', consumers: 'team-a' },
      added: ['team-a'],
      removed: [],
      next: ['legacy', 'team-c', 'team-a'],
      global: 'false',
      table: { legacy: 'kept', 'team-c': 'kept', 'team-a': 'added' }
    },
    {
      what: 'mode remove',
      inputs: { mode: 'remove', consumers: 'legacy' },
      added: [],
      removed: ['legacy'],
      next: ['team-c'],
      global: 'false',
      table: { 'team-c': 'kept', legacy: 'removed' }
    },
    {
      what: 'api relationships',
      inputs: { api: 'relationships', consumers: 'team-b' },
      added: ['team-b'],
      removed: ['legacy', 'team-c'],
      next: ['team-b'],
      global: 'false',
      table: { 'team-b': 'added', legacy: 'removed', 'team-c': 'removed' }
    },
    {
      what: 'global-module-sharing: true',
      inputs: { 'global-module-sharing': 'true', 'allow-empty': 'true' },
      added: [],
      removed: ['legacy', 'team-c'],
      next: [],
      global: 'true',
      table: { legacy: 'removed', 'team-c': 'removed' }
    },
    {
      what: 'global-module-sharing: false with consumers',
      organization: 'shared',
      inputs: { 'global-module-sharing': 'false', consumers: 'team-a' },
      added: ['team-a'],
      removed: [],
      next: ['team-a'],
      global: 'false',
      table: { 'team-a': 'added' }
    }
  ]

  it.each(cases)('$what: reads, plans, reports and writes nothing', async c => {
    const producer = c.organization ?? 'modules'
    const state = org(producer)
    const inputs = { ...c.inputs, consumers: refs(c.inputs.consumers ?? '') }
    const result = await run({ ...inputs, organization: producer, 'dry-run': 'true' })

    expectSuccess(result)
    expect(fake.writes()).toEqual([])
    expect(org(producer)).toEqual(state)

    expect(result.outputs.changed).toBe('true')
    expect(idsOutput(result, 'added')).toEqual(ids(...c.added))
    expect(idsOutput(result, 'removed')).toEqual(ids(...c.removed))
    expect(consumersOutput(result)).toEqual(consumers(...c.next))
    expect(result.outputs['global-module-sharing']).toBe(c.global)
    expect(output(result, 'partnership-ids')).toEqual([])

    expect(result.summary).toMatch(/^#+ .*dry run/im)
    expect(result.summary).toMatch(/Would change.*nothing was written/)
    expect(planRows(result.summary)).toEqual(rows(c.table))
    expect(result.stdout).toMatch(/nothing was written/)
  })

  it('shows a global change in the summary', async () => {
    const on = await run({
      'global-module-sharing': 'true',
      'allow-empty': 'true',
      'dry-run': 'true'
    })
    expectSuccess(on)
    expect(on.summary).toMatch(/Global module sharing: off → \*\*on\*\*/)

    const off = await run({
      organization: 'shared',
      'global-module-sharing': 'false',
      'allow-empty': 'true',
      'dry-run': 'true'
    })
    expectSuccess(off)
    expect(off.summary).toMatch(/Global module sharing: on → \*\*off\*\*/)
    expect(off.outputs.changed).toBe('true')
    expect(off.outputs['global-module-sharing']).toBe('false')
    expect(fake.writes()).toEqual([])
    expect(org('shared').globalModuleSharing).toBe(true)
  })
})

describe('conflicts fail before any write', () => {
  it.each<[string, Record<string, string>, RegExp]>([
    [
      'global true with consumers',
      { 'global-module-sharing': 'true', consumers: 'team-a' },
      /global-module-sharing: true .*leave consumers empty/
    ],
    [
      'mode add with global-module-sharing',
      { mode: 'add', consumers: 'team-a', 'global-module-sharing': 'false' },
      /global-module-sharing cannot be combined with mode: add/
    ],
    [
      'mode remove with global-module-sharing',
      { mode: 'remove', consumers: 'legacy', 'global-module-sharing': 'true' },
      /global-module-sharing cannot be combined with mode: remove/
    ],
    [
      'remove leaving no consumer without allow-empty',
      { mode: 'remove', consumers: 'legacy, id:team-c' },
      /would leave no module consumers.*allow-empty: true/
    ],
    [
      'global true wiping consumers without allow-empty',
      { 'global-module-sharing': 'true' },
      /turning global module sharing on wipes .*legacy.*team-c.*allow-empty: true/
    ],
    [
      'a consumer list while global sharing is on',
      { organization: 'shared', consumers: 'team-a' },
      /shares its modules with every organization.*global-module-sharing: false/
    ],
    [
      'mode add while global sharing is on',
      { organization: 'shared', mode: 'add', consumers: 'team-a' },
      /shares its modules with every organization/
    ],
    [
      'mode remove while global sharing is on',
      { organization: 'shared', mode: 'remove', consumers: 'team-a' },
      /shares its modules with every organization/
    ],
    [
      'global false with an empty list without allow-empty',
      { organization: 'shared', 'global-module-sharing': 'false' },
      /consumers is empty.*allow-empty: true/
    ],
    [
      'a conflict in a dry run too',
      { mode: 'remove', consumers: 'legacy, team-c', 'dry-run': 'true' },
      /would leave no module consumers/
    ]
  ])('%s', async (_what, inputs, pattern) => {
    const producer = inputs.organization ?? 'modules'
    const state = org(producer)
    const result = await run({ ...inputs, consumers: refs(inputs.consumers ?? '') })

    expectFailure(result, pattern)
    expect(fake.writes()).toEqual([])
    expect(org(producer)).toEqual(state)
    expect(result.outputs).toEqual({})
  })

  it('registry-partnerships is refused when the producer shares providers globally', async () => {
    fake.addOrganization({
      name: 'providers',
      moduleConsumers: ['legacy'],
      globalProviderSharing: true
    })
    const result = await run({
      organization: 'providers',
      api: 'registry-partnerships',
      consumers: 'team-a'
    })
    expectFailure(result, /shares its providers with every organization/)
    expect(fake.writes()).toEqual([])
    expect(org('providers').globalProviderSharing).toBe(true)
  })

  it('registry-partnerships is refused when provider consumers cannot be read', async () => {
    fake.features.providerConsumers = false
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /does not list provider consumers/)
    expect(fake.writes()).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })
})

describe('global module sharing', () => {
  it('true with allow-empty turns it on and wipes the consumers', async () => {
    const result = await run({ 'global-module-sharing': 'true', 'allow-empty': 'true' })

    expectSuccess(result)
    expect(writes()).toEqual([{ method: 'PATCH', path: MODULES, body: globalBody(true) }])
    expect(org('modules').globalModuleSharing).toBe(true)
    expect(org('modules').moduleConsumers).toEqual([])

    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(output(result, 'consumer-ids')).toEqual([])
    expect(idsOutput(result, 'added')).toEqual([])
    expect(idsOutput(result, 'removed')).toEqual(ids('legacy', 'team-c'))
    expect(output(result, 'previous-consumer-ids')).toEqual([idOf('legacy'), idOf('team-c')])
    expect(output(result, 'partnership-ids')).toEqual([])
    expect(result.summary).toMatch(/Global module sharing: off → \*\*on\*\*/)
    expect(planRows(result.summary)).toEqual(rows({ legacy: 'removed', 'team-c': 'removed' }))
  })

  it('true needs no allow-empty when there are no consumers to wipe', async () => {
    const result = await run({ organization: 'empty', 'global-module-sharing': 'true' })
    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${ADMIN_ORGS}/empty`, body: globalBody(true) }
    ])
    expect(org('empty').globalModuleSharing).toBe(true)
    expect(result.outputs['global-module-sharing']).toBe('true')
    expect(result.outputs.changed).toBe('true')
  })

  it('false with an empty list and allow-empty turns it off', async () => {
    const result = await run({
      organization: 'shared',
      'global-module-sharing': 'false',
      'allow-empty': 'true'
    })
    expectSuccess(result)
    expect(writes()).toEqual([
      { method: 'PATCH', path: `${ADMIN_ORGS}/shared`, body: globalBody(false) }
    ])
    expect(org('shared').globalModuleSharing).toBe(false)
    expect(org('shared').moduleConsumers).toEqual([])
    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(output(result, 'consumer-ids')).toEqual([])
    expect(output(result, 'previous-consumer-ids')).toEqual([])
    expect(result.summary).toMatch(/Global module sharing: on → \*\*off\*\*/)
  })

  it.each<[Api, string, string]>([
    ['module-consumers', 'PATCH', `${ADMIN_ORGS}/shared/module-consumers`],
    ['relationships', 'PATCH', `${ADMIN_ORGS}/shared/relationships/module-consumers`],
    ['registry-partnerships', 'PUT', `${ADMIN_ORGS}/shared/registry-partnerships`]
  ])('false with consumers turns it off and sets the list (%s)', async (api, method, path) => {
    const result = await run({
      organization: 'shared',
      api,
      'global-module-sharing': 'false',
      consumers: refs('team-a, id:team-b')
    })

    expectSuccess(result)
    // One write: a list turns global sharing off by itself, and a GET afterwards confirms it,
    // so there is no moment of sharing with nobody.
    expect(writes().map(w => `${w.method} ${w.path}`)).toEqual([`${method} ${path}`])
    const after = fake.requests.slice(fake.requests.findIndex(r => r.method !== 'GET') + 1)
    expect(after.some(r => r.method === 'GET' && r.path === `${ADMIN_ORGS}/shared`)).toBe(true)
    expect(org('shared').globalModuleSharing).toBe(false)
    expect(org('shared').moduleConsumers).toEqual(['team-a', 'team-b'])

    expect(result.outputs.changed).toBe('true')
    expect(result.outputs['global-module-sharing']).toBe('false')
    expect(idsOutput(result, 'added')).toEqual(ids('team-a', 'team-b'))
    expect(output(result, 'previous-consumer-ids')).toEqual([])
    expect(consumersOutput(result)).toEqual(consumers('team-a', 'team-b'))
    expect(output(result, 'partnership-ids')).toHaveLength(api === 'module-consumers' ? 2 : 0)
    expect(result.summary).toMatch(/Global module sharing: on → \*\*off\*\*/)
    expect(planRows(result.summary)).toEqual(rows({ 'team-a': 'added', 'team-b': 'added' }))
  })
})

describe('global module sharing left on by a list write', () => {
  it('is turned off explicitly when TFE still reports it on', async () => {
    // A TFE that applies the list but leaves the flag: the action must not leave it on.
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH' || !recorded.path.endsWith('/shared/module-consumers'))
        return false
      const ids = JSON.parse(recorded.body).data.attributes[
        'module-consuming-organization-ids'
      ] as string[]
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: ids.map((id, i) => ({
            id: `mp-${'x'.repeat(15)}${i}`,
            type: 'module-partnerships',
            attributes: {
              'consuming-organization-id': id,
              'consuming-organization-name': id === idOf('team-a') ? 'team-a' : 'team-b',
              'producing-organization-id': idOf('shared'),
              'producing-organization-name': 'shared'
            }
          }))
        })
      )
      return true
    })
    const result = await run({
      organization: 'shared',
      'global-module-sharing': 'false',
      consumers: 'team-a'
    })
    expectSuccess(result)
    expect(writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH ${ADMIN_ORGS}/shared/module-consumers`,
      `PATCH ${ADMIN_ORGS}/shared`
    ])
    expect(writes()[1]?.body).toEqual(globalBody(false))
    expect(org('shared').globalModuleSharing).toBe(false)
    expect(result.outputs['global-module-sharing']).toBe('false')
  })
})

describe('the result is confirmed after the write', () => {
  /** The two lists of the failure line, as sets of names. */
  function listsIn(line: string): { tfe: string[]; plan: string[] } {
    const m = /TFE lists (.*?),? but the plan was (.*?);/.exec(line)
    expect(m).not.toBeNull()
    const names = (text: string) => (text.match(/[\w-]+/g) ?? []).sort()
    return { tfe: names(m?.[1] ?? ''), plan: names(m?.[2] ?? '') }
  }

  it.each<[Api, string]>([
    ['relationships', 'PATCH'],
    ['registry-partnerships', 'PUT']
  ])('%s: a 204 that changed nothing fails, naming both lists', async (api, method) => {
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== method) return false
      res.writeHead(204)
      res.end()
      return true
    })
    const result = await run({ api, mode: 'add', consumers: 'team-a' })

    const line = expectFailure(result, /another run/)
    expect(listsIn(line)).toEqual({
      tfe: ['legacy', 'team-c'],
      plan: ['legacy', 'team-a', 'team-c']
    })
    expect(fake.writes()).toHaveLength(1)
  })

  it('relationships: a list that another run changed at the same time fails', async () => {
    // The PATCH goes through, but with someone else's list in it.
    fake.intercept((_req, _res, recorded) => {
      if (recorded.method === 'PATCH') {
        recorded.body = JSON.stringify(relationshipsBody('team-b'))
      }
      return false
    })
    const result = await run({ api: 'relationships', mode: 'add', consumers: 'team-a' })

    const line = expectFailure(result, /another run/)
    expect(listsIn(line)).toEqual({ tfe: ['team-b'], plan: ['legacy', 'team-a', 'team-c'] })
  })

  it('module-consumers: a 200 whose partnerships differ from the plan fails', async () => {
    const producer = org('modules')
    fake.intercept((_req, res, recorded) => {
      if (recorded.method !== 'PATCH') return false
      res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
      res.end(
        JSON.stringify({
          data: [
            {
              id: 'mp-AAAAAAAAAAAAAAAA',
              type: 'module-partnerships',
              attributes: {
                'consuming-organization-id': idOf('team-b'),
                'consuming-organization-name': 'team-b',
                'producing-organization-id': producer.externalId,
                'producing-organization-name': 'modules'
              }
            }
          ]
        })
      )
      return true
    })
    const result = await run({ mode: 'add', consumers: 'team-a' })

    const line = expectFailure(result, /another run/)
    expect(listsIn(line)).toEqual({ tfe: ['team-b'], plan: ['legacy', 'team-a', 'team-c'] })
  })
})

describe('a TFE without the relationships endpoint', () => {
  beforeEach(() => {
    fake.features.relationships = false
  })

  it('set still works through the module-consumers endpoint, the state before unknown', async () => {
    const result = await run({ consumers: refs('team-a, id:team-b') })

    expectSuccess(result)
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: `${MODULES}/module-consumers`,
        body: seedBody('team-a', 'team-b')
      }
    ])
    expect(org('modules').moduleConsumers).toEqual(['team-a', 'team-b'])
    expect(annotations(result, 'warning')).toEqual([
      expect.stringMatching(/modules: .*does not list module consumers.*unknown/)
    ])
    expect(result.outputs['previous-consumer-ids']).toBe('null')
    expect(result.outputs.changed).toBe('true')
    expect(consumersOutput(result)).toEqual(consumers('team-a', 'team-b'))
    expect(output(result, 'partnership-ids')).toHaveLength(2)
    expect(result.summary).toMatch(/list before this run is unknown/)
  })

  it.each<[string, Record<string, string>, RegExp]>([
    ['mode add', { mode: 'add', consumers: 'team-a' }, /does not list module consumers.*add/],
    ['mode remove', { mode: 'remove', consumers: 'legacy' }, /does not list module consumers/],
    [
      'a dry run',
      { consumers: 'team-a', 'dry-run': 'true' },
      /does not list module consumers.*dry run/
    ],
    [
      'api relationships',
      { api: 'relationships', consumers: 'team-a' },
      /no relationships endpoint/
    ],
    [
      'global true without allow-empty',
      { 'global-module-sharing': 'true' },
      /wipes its consumer list, which this TFE cannot show.*allow-empty: true/
    ]
  ])('%s fails clearly and writes nothing', async (_what, inputs, pattern) => {
    const result = await run(inputs)
    expectFailure(result, pattern)
    expect(fake.writes()).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })

  it('api registry-partnerships is refused before writing, as it could not be confirmed', async () => {
    // PUT registry-partnerships answers 204 and only the relationships GET could confirm it.
    const result = await run({ api: 'registry-partnerships', consumers: 'team-a' })
    expectFailure(result, /relationships/)
    expect(fake.writes()).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-c'])
  })
})

describe('the pull request comment', () => {
  let github: FakeGitHub
  let dir: string
  const BOT = 'github-actions[bot]'

  beforeEach(async () => {
    github = await startFakeGitHub()
    dir = mkdtempSync(join(tmpdir(), 'e2e-sharing-'))
  })

  afterEach(async () => {
    await github.close()
    rmSync(dir, { recursive: true, force: true })
  })

  function prEnv(eventName = 'pull_request', payload: unknown = pullRequestEvent(7)) {
    return {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: writeEvent(dir, payload),
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_API_URL: github.url
    }
  }

  function runOnPr(inputs: Record<string, string>, token = github.token, env = prEnv()) {
    return run({ 'comment-on-pr': 'true', 'github-token': token, ...inputs }, env)
  }

  function ours() {
    return github.comments('acme', 'infra', 7).filter(c => c.user.login === BOT)
  }

  /** Neither token shows anywhere but in its own ::add-mask:: line. */
  function expectTokensHidden(result: ActionRun, token: string): void {
    expect(visible(result)).not.toContain(token)
    expect(visible(result)).not.toContain(fake.adminToken)
    expect(result.annotations).toContainEqual({
      command: 'add-mask',
      properties: {},
      message: token
    })
    expect(result.stdout.split(token)).toHaveLength(2)
    for (const comment of github.comments('acme', 'infra', 7)) {
      expect(comment.body).not.toContain(token)
      expect(comment.body).not.toContain(fake.adminToken)
    }
  }

  it('creates one comment with the plan table and a hidden marker', async () => {
    const result = await runOnPr({ consumers: 'team-a\nlegacy', 'dry-run': 'true' })

    expectSuccess(result)
    expect(annotations(result, 'warning')).toEqual([])
    expect(fake.writes()).toEqual([])
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      'POST /repos/acme/infra/issues/7/comments'
    ])
    for (const request of github.requests) {
      expect(request.headers.authorization).toMatch(new RegExp(`^(Bearer|token) ${github.token}$`))
    }
    const comments = ours()
    expect(comments).toHaveLength(1)
    const body = comments[0]?.body ?? ''
    expect(body).toMatch(/^<!--[^\n]*-->/)
    expect(body).toMatch(/dry run/i)
    expect(body).toMatch(/Would change/)
    expect(planRows(body)).toEqual(rows({ 'team-a': 'added', legacy: 'kept', 'team-c': 'removed' }))
    expect(body).toMatch(/Global module sharing/)
    expect(result.stdout).toMatch(/pull request #7/)
    expectTokensHidden(result, github.token)
  })

  it('updates its own comment on the next run, leaving other comments alone', async () => {
    const human = github.addComment('acme', 'infra', 7, 'Looks good, but check team-c first.')
    const otherBot = github.addComment('acme', 'infra', 7, '## Terraform plan\nNo changes.', BOT)

    const first = await runOnPr({ mode: 'add', consumers: 'team-a' })
    expectSuccess(first)
    const created = ours().filter(c => c.id !== otherBot.id)
    expect(created).toHaveLength(1)
    const id = created[0]?.id
    expect(created[0]?.body).toMatch(/^<!--[^\n]*-->/)
    expect(planRows(created[0]?.body ?? '')).toEqual(
      rows({ legacy: 'kept', 'team-c': 'kept', 'team-a': 'added' })
    )

    github.requests.length = 0
    const second = await runOnPr({ mode: 'add', consumers: 'team-b' })
    expectSuccess(second)
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/infra/issues/comments/${id}`
    ])

    const all = github.comments('acme', 'infra', 7)
    expect(all.map(c => c.id)).toEqual([human.id, otherBot.id, id])
    expect(all[0]).toEqual(human)
    expect(all[1]).toEqual(otherBot)
    expect(planRows(all[2]?.body ?? '')).toEqual(
      rows({ legacy: 'kept', 'team-a': 'kept', 'team-c': 'kept', 'team-b': 'added' })
    )
    expect(all[2]?.body).toMatch(/^<!--[^\n]*-->/)
    expectTokensHidden(second, github.token)
  })

  it('finds its comment on the second page of more than 100', async () => {
    for (let i = 1; i <= 120; i++) github.addComment('acme', 'infra', 7, `review note ${i}`)
    const first = await runOnPr({ mode: 'add', consumers: 'team-a' })
    expectSuccess(first)
    for (let i = 121; i <= 130; i++) github.addComment('acme', 'infra', 7, `review note ${i}`)
    expect(ours()).toHaveLength(1)
    const id = ours()[0]?.id

    github.requests.length = 0
    const second = await runOnPr({ mode: 'remove', consumers: 'legacy' })
    expectSuccess(second)
    expect(github.requests.some(r => r.method === 'GET' && r.query.page === '2')).toBe(true)
    expect(github.writes().map(w => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/infra/issues/comments/${id}`
    ])
    expect(ours()).toHaveLength(1)
    expect(github.comments('acme', 'infra', 7)).toHaveLength(131)
    expect(planRows(ours()[0]?.body ?? '')).toEqual(
      rows({ 'team-a': 'kept', 'team-c': 'kept', legacy: 'removed' })
    )
  })

  it('sends nothing to GitHub when the run is not for a pull request', async () => {
    const result = await runOnPr(
      { mode: 'add', consumers: 'team-a' },
      github.token,
      prEnv('push', { ref: 'refs/heads/main' })
    )
    expectSuccess(result)
    expect(github.requests).toEqual([])
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(annotations(result, 'warning')).toEqual([])
  })

  it('warns, and still succeeds, when the token may not comment', async () => {
    const result = await runOnPr({ mode: 'add', consumers: 'team-a' }, github.readOnlyToken)

    expectSuccess(result)
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(result.outputs.changed).toBe('true')
    expect(annotations(result, 'warning')).toEqual([
      expect.stringMatching(/could not comment on pull request #7.*403/)
    ])
    expect(ours()).toEqual([])
    expectTokensHidden(result, github.readOnlyToken)
  })

  it('warns, and still succeeds, when the event payload cannot be read', async () => {
    const env = { ...prEnv(), GITHUB_EVENT_PATH: join(dir, 'missing', 'event.json') }
    const result = await runOnPr({ mode: 'add', consumers: 'team-a' }, github.token, env)

    expectSuccess(result)
    expect(org('modules').moduleConsumers).toEqual(['legacy', 'team-a', 'team-c'])
    expect(annotations(result, 'warning')).toHaveLength(1)
    expect(github.requests).toEqual([])
  })
})
