// Writes a plan to TFE through the chosen API, then confirms TFE holds what was planned.
// Every write here is idempotent (a whole list, or one flag), so running it again is safe.
import { Failure, describeNotFound } from './failure.js'
import { type Api, type Consumer, asConsumer, consumerLabel } from './model.js'
import type { Plan } from './plan.js'
import type { SharingState } from './state.js'
import type { TfeClient } from './tfe/client.js'
import { TfeApiError } from './tfe/errors.js'
import {
  type Partnership,
  listModuleConsumers,
  listProviderConsumers,
  putRegistryPartnerships,
  setModuleConsumerRelationships,
  setModuleConsumers
} from './tfe/module-sharing.js'
import { getOrganization, setGlobalModuleSharing } from './tfe/organizations.js'

export interface Applied {
  /** The seed endpoint's partnerships; the other APIs return none. */
  partnerships: Partnership[]
  /** The list TFE holds after the write. */
  consumers: Consumer[]
  globalAfter: boolean
}

const ENDPOINTS: Record<Api, string> = {
  'module-consumers':
    'the module-consumers endpoint (PATCH /api/v2/admin/organizations/:name/module-consumers)',
  relationships:
    'the relationships endpoint (PATCH /api/v2/admin/organizations/:name/relationships/module-consumers)',
  'registry-partnerships':
    'the registry-partnerships endpoint (PUT /api/v2/admin/organizations/:name/registry-partnerships)'
}

export async function applyPlan(
  client: TfeClient,
  plan: Plan,
  api: Api,
  state: SharingState,
  log: (line: string) => void
): Promise<Applied> {
  const { organization } = plan
  if (plan.global.after) {
    log(`Turning global module sharing on for ${organization}`)
    const org = await setGlobalModuleSharing(client, organization, true)
    if (!org.globalModuleSharing) {
      throw new Failure(
        `${organization}: TFE accepted turning global module sharing on but still reports it off; check the organization's settings.`
      )
    }
    return { partnerships: [], consumers: [], globalAfter: true }
  }

  if (plan.global.before && plan.next.length === 0) {
    log(`Turning global module sharing off for ${organization}`)
    await turnGlobalSharingOff(client, organization)
    return { partnerships: [], consumers: [], globalAfter: false }
  }

  log(
    `Setting ${plan.next.length} module consumer${plan.next.length === 1 ? '' : 's'} of ${organization} through ${api}`
  )
  const applied = await writeList(client, plan, api, state)
  if (plan.global.before) {
    // Writing a list turns global sharing off (TFE's docs). Writing the list first leaves no
    // moment of sharing with nobody; the flag is confirmed, and set only if TFE left it on.
    const org = await getOrganization(client, organization)
    if (org.globalModuleSharing) {
      log(`Turning global module sharing off for ${organization}`)
      await turnGlobalSharingOff(client, organization)
    }
  }
  return applied
}

async function writeList(
  client: TfeClient,
  plan: Plan,
  api: Api,
  state: SharingState
): Promise<Applied> {
  const { organization } = plan
  // Only the write's own 404 means the endpoint is missing; a later read's is another story.
  const write = async <T>(send: () => Promise<T>): Promise<T> => {
    try {
      return await send()
    } catch (error) {
      if (error instanceof TfeApiError && error.status === 404) {
        throw describeNotFound('endpoint-missing', organization, ENDPOINTS[api])
      }
      throw error
    }
  }

  if (api === 'module-consumers') {
    const ids = plan.next.map(c => c.externalId)
    const partnerships = await write(() => setModuleConsumers(client, organization, ids))
    // The answer already is the read-back: one partnership per consumer TFE now holds.
    const consumers = partnerships.map(p => p.consumer)
    confirm(plan, consumers)
    return { partnerships, consumers, globalAfter: false }
  }

  const names = plan.next.map(requireName)
  if (api === 'relationships') {
    await write(() => setModuleConsumerRelationships(client, organization, names))
  } else {
    const providersBefore = state.providerConsumers ?? []
    const moduleConsumers = names
    const providerConsumers = providersBefore.map(requireName)
    await write(() =>
      putRegistryPartnerships(client, organization, { moduleConsumers, providerConsumers })
    )
    const providersAfter = await listProviderConsumers(client, organization)
    if (
      !sameSet(
        providersAfter.map(o => o.externalId),
        providersBefore.map(c => c.externalId)
      )
    ) {
      throw new Failure(
        `${organization}: the registry-partnerships write changed the provider consumers ` +
          `(before: ${list(providersBefore)}; after: ${list(providersAfter)}). Restore them in TFE.`
      )
    }
  }
  const consumers = (await listModuleConsumers(client, organization)).map(asConsumer)
  confirm(plan, consumers)
  return { partnerships: [], consumers, globalAfter: false }
}

async function turnGlobalSharingOff(client: TfeClient, organization: string): Promise<void> {
  const org = await setGlobalModuleSharing(client, organization, false)
  if (org.globalModuleSharing) {
    throw new Failure(
      `${organization}: TFE accepted turning global module sharing off but still reports it on; check the organization's settings.`
    )
  }
}

/** Another run (or a person) may have changed the list at the same time: say so, with both lists. */
function confirm(plan: Plan, actual: readonly Consumer[]): void {
  if (
    sameSet(
      actual.map(c => c.externalId),
      plan.next.map(c => c.externalId)
    )
  )
    return
  throw new Failure(
    `${plan.organization}: after the write TFE lists ${list(actual)}, but the plan was ${list(plan.next)}; ` +
      'another run may have changed it at the same time. Check the list in TFE and run again.'
  )
}

function requireName(consumer: Consumer): string {
  // resolveConsumers names every consumer for these APIs; a gap here is a bug.
  if (!consumer.name) throw new Error(`no name known for ${consumer.externalId}`)
  return consumer.name
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every(x => right.has(x))
}

function list(consumers: readonly { name?: string; externalId: string }[]): string {
  if (consumers.length === 0) return 'no consumers'
  return `[${consumers.map(c => consumerLabel(c)).join(', ')}]`
}
