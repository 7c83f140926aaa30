import type { Consumer, ConsumerRef } from '../../src/domain/model.js'
import { type PlanInput, PlanConflict, makePlan } from '../../src/domain/plan.js'

const a: Consumer = { name: 'a', externalId: 'org-aaaaaaaaaaaaaaaa' }
const b: Consumer = { name: 'b', externalId: 'org-bbbbbbbbbbbbbbbb' }
const c: Consumer = { name: 'c', externalId: 'org-cccccccccccccccc' }

const byName = (...names: string[]): ConsumerRef[] => names.map(name => ({ kind: 'name', name }))
const byId = (...ids: string[]): ConsumerRef[] => ids.map(id => ({ kind: 'id', id }))

function plan(overrides: Partial<PlanInput>) {
  return makePlan({
    organization: 'producer',
    mode: 'set',
    api: 'module-consumers',
    dryRun: false,
    globalModuleSharing: undefined,
    allowEmpty: false,
    globalBefore: false,
    previous: [a, b],
    requested: [],
    known: [a, b, c],
    ...overrides
  })
}

function conflict(overrides: Partial<PlanInput>): string {
  try {
    plan(overrides)
  } catch (error) {
    expect(error).toBeInstanceOf(PlanConflict)
    return (error as Error).message
  }
  throw new Error('expected a PlanConflict')
}

const ids = (list: readonly Consumer[]) => list.map(x => x.externalId)

describe('mode set', () => {
  it('makes the list exactly the requested one and says what changes', () => {
    const p = plan({ requested: byName('b', 'c') })
    expect(ids(p.next)).toEqual(ids([b, c]))
    expect(ids(p.added)).toEqual(ids([c]))
    expect(ids(p.removed)).toEqual(ids([a]))
    expect(p.rows.map(r => [r.consumer.name, r.change])).toEqual([
      ['b', 'kept'],
      ['c', 'added'],
      ['a', 'removed']
    ])
    expect(p.changed).toBe(true)
    expect(p.global).toEqual({ before: false, after: false })
  })

  it('sees no change when the same organizations are asked for in another order', () => {
    const p = plan({ requested: [...byName('b'), ...byId(a.externalId)] })
    expect(p.changed).toBe(false)
    expect(p.added).toEqual([])
    expect(p.removed).toEqual([])
  })

  it('collapses a name and the id of one organization', () => {
    const p = plan({ requested: [...byName('c'), ...byId(c.externalId)] })
    expect(ids(p.next)).toEqual(ids([c]))
  })

  it('keeps an id it cannot name (the seed endpoint names it later)', () => {
    const p = plan({ requested: byId('org-zzzzzzzzzzzzzzzz'), allowEmpty: false })
    expect(p.next).toEqual([{ externalId: 'org-zzzzzzzzzzzzzzzz' }])
  })

  it('always changes when today’s list is unknown, with nothing claimed as removed', () => {
    const p = plan({ previous: undefined, requested: byName('a') })
    expect(p.changed).toBe(true)
    expect(p.previous).toBeUndefined()
    expect(p.removed).toEqual([])
    expect(p.rows.map(r => r.change)).toEqual(['added'])
  })

  it('clears the list only with allow-empty', () => {
    expect(conflict({ requested: [] })).toMatch(
      /would leave no module consumers.*allow-empty: true/
    )
    expect(ids(plan({ requested: [], allowEmpty: true }).removed)).toEqual(ids([a, b]))
  })

  it('is a bug, not a plan, when a requested name was never resolved', () => {
    expect(conflict({ requested: byName('ghost') })).toMatch(/could not resolve ghost/)
  })
})

describe('mode add', () => {
  it('adds to today’s list, keeping its order', () => {
    const p = plan({ mode: 'add', requested: byName('c', 'a') })
    expect(ids(p.next)).toEqual(ids([a, b, c]))
    expect(ids(p.added)).toEqual(ids([c]))
    expect(p.removed).toEqual([])
  })

  it('changes nothing when every consumer is there already', () => {
    expect(plan({ mode: 'add', requested: byName('a') }).changed).toBe(false)
  })

  it('needs today’s list to add to', () => {
    expect(conflict({ mode: 'add', previous: undefined, requested: byName('c') })).toMatch(
      /does not list module consumers.*mode: add/
    )
  })
})

describe('mode remove', () => {
  it('removes by name or id and notes what was not a consumer', () => {
    const p = plan({ mode: 'remove', requested: [...byId(a.externalId), ...byName('c', 'ghost')] })
    expect(ids(p.next)).toEqual(ids([b]))
    expect(ids(p.removed)).toEqual(ids([a]))
    expect(p.warnings).toEqual([
      'producer: c is not a module consumer, so there is nothing to remove; check the name',
      'producer: ghost is not a module consumer, so there is nothing to remove; check the name'
    ])
  })

  it('changes nothing when none of them is a consumer', () => {
    const p = plan({ mode: 'remove', requested: byName('c') })
    expect(p.changed).toBe(false)
  })

  it('removing the last consumers needs allow-empty', () => {
    expect(conflict({ mode: 'remove', requested: byName('a', 'b') })).toMatch(
      /would leave no module consumers \(removing 2 consumers \(a, b\)\).*allow-empty: true/
    )
    expect(plan({ mode: 'remove', requested: byName('a', 'b'), allowEmpty: true }).next).toEqual([])
  })

  it('needs today’s list to remove from', () => {
    expect(conflict({ mode: 'remove', previous: undefined, requested: byName('a') })).toMatch(
      /mode: remove/
    )
  })
})

describe('global module sharing', () => {
  it('turning it on wipes the list, so existing consumers need allow-empty', () => {
    expect(conflict({ globalModuleSharing: true })).toMatch(
      /turning global module sharing on wipes its 2 consumers \(a, b\); set allow-empty: true/
    )
    const p = plan({ globalModuleSharing: true, allowEmpty: true })
    expect(p.next).toEqual([])
    expect(ids(p.removed)).toEqual(ids([a, b]))
    expect(p.global).toEqual({ before: false, after: true })
    expect(p.changed).toBe(true)
  })

  it('turning it on with no consumers today needs nothing more', () => {
    const p = plan({ globalModuleSharing: true, previous: [] })
    expect(p.global.after).toBe(true)
    expect(p.changed).toBe(true)
  })

  it('turning it on when today’s list is unknown needs allow-empty', () => {
    expect(conflict({ globalModuleSharing: true, previous: undefined })).toMatch(/cannot show/)
  })

  it('is no change when it is on already', () => {
    const p = plan({ globalModuleSharing: true, globalBefore: true, previous: [] })
    expect(p.changed).toBe(false)
  })

  it('refuses a consumer list while it is on unless told to turn it off', () => {
    expect(conflict({ globalBefore: true, previous: [], requested: byName('a') })).toMatch(
      /shares its modules with every organization today.*global-module-sharing: false/
    )
    const p = plan({
      globalBefore: true,
      previous: [],
      requested: byName('a'),
      globalModuleSharing: false
    })
    expect(p.global).toEqual({ before: true, after: false })
    expect(ids(p.added)).toEqual(ids([a]))
  })

  it('turning it off to share with nobody is a change even with an empty list', () => {
    const p = plan({
      globalBefore: true,
      previous: [],
      globalModuleSharing: false,
      allowEmpty: true
    })
    expect(p.changed).toBe(true)
    expect(p.listChanged).toBe(false)
  })

  it('refuses add and remove while it is on', () => {
    expect(
      conflict({ mode: 'add', globalBefore: true, previous: [], requested: byName('a') })
    ).toMatch(/no consumer list to add/)
  })
})

describe('dry run and APIs', () => {
  it('a dry run needs today’s list', () => {
    expect(conflict({ dryRun: true, previous: undefined, requested: byName('a') })).toMatch(
      /dry run cannot show/
    )
  })

  it.each(['relationships', 'registry-partnerships'] as const)(
    '%s needs the relationships endpoint to confirm its write',
    api => {
      expect(
        conflict({ api, previous: undefined, requested: byName('a'), providerConsumers: [] })
      ).toMatch(
        new RegExp(`no relationships endpoint.*could not be confirmed.*api: module-consumers`)
      )
    }
  )

  it('registry-partnerships needs the provider consumers, and no global provider sharing', () => {
    expect(conflict({ api: 'registry-partnerships', requested: byName('c') })).toMatch(
      /provider consumers/
    )
    expect(
      conflict({
        api: 'registry-partnerships',
        requested: byName('c'),
        providerConsumers: [],
        globalProviderSharing: true
      })
    ).toMatch(/shares its providers with every organization/)
    expect(
      plan({ api: 'registry-partnerships', requested: byName('c'), providerConsumers: [] }).changed
    ).toBe(true)
  })

  it('checks no API when nothing is written', () => {
    expect(plan({ api: 'registry-partnerships', requested: byName('a', 'b') }).changed).toBe(false)
  })
})

describe('provider sharing', () => {
  const providers = (requested: ConsumerRef[], global = false) => ({
    api: 'registry-partnerships' as const,
    requested: byName('a', 'b'),
    providerConsumers: [a, b],
    providers: { requested, global }
  })

  it('clears the provider list only with allow-empty', () => {
    expect(conflict(providers([]))).toMatch(
      /producer: this run would leave no provider consumers \(removing 2 consumers \(a, b\)\); set allow-empty: true/
    )
    const p = plan({ ...providers([]), allowEmpty: true })
    expect(ids(p.providers?.removed ?? [])).toEqual(ids([a, b]))
    expect(p.steps).toHaveLength(1)
  })

  it('turning global provider sharing on wipes the provider list, so it needs allow-empty', () => {
    expect(conflict(providers([], true))).toMatch(
      /turning global provider sharing on wipes its 2 consumers \(a, b\); set allow-empty: true/
    )
    const p = plan({ ...providers([], true), allowEmpty: true })
    expect(p.providers?.global).toEqual({ before: false, after: true })
    expect(p.steps).toEqual([{ kind: 'global-on', of: 'providers' }])
  })

  it('needs nothing more when today’s provider list is empty already', () => {
    expect(plan({ ...providers([], true), providerConsumers: [] }).steps).toEqual([
      { kind: 'global-on', of: 'providers' }
    ])
    expect(plan({ ...providers([]), providerConsumers: [] }).changed).toBe(false)
  })
})

describe('the steps apply sends', () => {
  it('a changed list: one list write, as the chosen API takes it', () => {
    expect(plan({ requested: byName('b', 'c') }).steps).toEqual([
      { kind: 'list', write: { api: 'module-consumers', consumers: [b, c] } }
    ])
    expect(plan({ requested: byName('c'), api: 'relationships' }).steps).toEqual([
      { kind: 'list', write: { api: 'relationships', consumers: [c] } }
    ])
  })

  it("registry-partnerships carries today's provider consumers, to send back unchanged", () => {
    const p = plan({ requested: byName('c'), api: 'registry-partnerships', providerConsumers: [a] })
    expect(p.steps).toEqual([
      {
        kind: 'list',
        write: {
          api: 'registry-partnerships',
          consumers: [c],
          providerConsumers: [a],
          providersManaged: false
        }
      }
    ])
  })

  it('a name-based API refuses a consumer whose name is unknown: it could not send it', () => {
    expect(conflict({ requested: byId('org-zzzzzzzzzzzzzzzz'), api: 'relationships' })).toMatch(
      /no name known for org-zzzzzzzzzzzzzzzz/
    )
  })

  it('no change: no step at all', () => {
    const p = plan({ requested: byName('a', 'b') })
    expect(p.steps).toEqual([])
    expect(p.changed).toBe(false)
  })

  it('leaving global sharing for a list: the list first, then global sharing confirmed off', () => {
    const p = plan({
      previous: [],
      globalBefore: true,
      globalModuleSharing: false,
      requested: byName('c')
    })
    expect(p.steps).toEqual([
      { kind: 'list', write: { api: 'module-consumers', consumers: [c] } },
      { kind: 'global-off', of: 'modules', confirmFirst: true }
    ])
  })

  it('leaving global sharing for nobody: only the flag', () => {
    const p = plan({
      previous: [],
      globalBefore: true,
      globalModuleSharing: false,
      allowEmpty: true
    })
    expect(p.steps).toEqual([{ kind: 'global-off', of: 'modules', confirmFirst: false }])
  })

  it('turning global sharing on: only the flag (TFE wipes the list)', () => {
    const p = plan({ globalModuleSharing: true, allowEmpty: true })
    expect(p.steps).toEqual([{ kind: 'global-on', of: 'modules' }])
    expect(p.changed).toBe(true)
  })
})

describe('the producer among its own consumers', () => {
  const producerId = 'org-pppppppppppppppp'
  const self: Consumer = { name: 'producer', externalId: producerId }

  it.each(['set', 'add'] as const)('mode %s refuses it by id, before any write', mode => {
    expect(
      conflict({ mode, producerId, requested: byId(producerId), known: [a, b, self] })
    ).toMatch(/consumers lists producer itself \(org-pppppppppppppppp\).*Nothing was changed/)
  })

  it('mode remove only warns: it is not a consumer', () => {
    const p = plan({ mode: 'remove', producerId, requested: byId(producerId) })
    expect(p.changed).toBe(false)
    expect(p.warnings).toHaveLength(1)
  })
})
