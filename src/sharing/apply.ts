// Sends a plan's steps to TFE, in order, and confirms TFE holds what was planned. Every write
// here is idempotent (a whole list, or one flag), so running a plan again is always safe.
import { ActionError, ApplyError } from '../domain/errors.js'
import { type Api, type Consumer, asConsumer, consumerLabel } from '../domain/model.js'
import type { Applied } from '../domain/outcome.js'
import type { ListWrite, Plan, Step } from '../domain/plan.js'
import { endpointMissing } from '../domain/tfe-answers.js'
import type { TfeClient } from '../tfe/client.js'
import { isNotFound } from '../tfe/errors.js'
import {
  listModuleConsumers,
  listProviderConsumers,
  putRegistryPartnerships,
  setModuleConsumerRelationships,
  setModuleConsumers
} from '../tfe/module-sharing.js'
import { getOrganization, setGlobalModuleSharing } from '../tfe/organizations.js'

/** Each write endpoint, and the TFE release that brought it (docs/tfe-api.md#which-release-brought-what). */
const ENDPOINTS: Record<Api, { what: string; since: string }> = {
  'module-consumers': {
    what: 'the module-consumers endpoint (PATCH /api/v2/admin/organizations/:name/module-consumers)',
    since: 'v202012-1 (deprecated since v202301-1)'
  },
  relationships: {
    what: 'the relationships endpoint (PATCH /api/v2/admin/organizations/:name/relationships/module-consumers)',
    since: 'v202103-1'
  },
  'registry-partnerships': {
    what: 'the registry-partnerships endpoint (PUT /api/v2/admin/organizations/:name/registry-partnerships)',
    since: 'v202301-1'
  }
}

/** What a failure must say is already changed in TFE: each write TFE accepted, as the user reads it. */
interface Progress {
  written: string[]
}

export async function apply(
  client: TfeClient,
  plan: Plan,
  log: (line: string) => void = () => {}
): Promise<Applied> {
  const progress: Progress = { written: [] }
  const applied: Applied = { partnerships: [], consumers: [], globalAfter: plan.global.before }
  try {
    for (const step of plan.steps) await send(client, plan, step, applied, progress, log)
    return applied
  } catch (error) {
    throw new ApplyError(progress.written, error)
  }
}

async function send(
  client: TfeClient,
  plan: Plan,
  step: Step,
  applied: Applied,
  progress: Progress,
  log: (line: string) => void
): Promise<void> {
  const { organization } = plan
  switch (step.kind) {
    case 'global-on':
      log(`Turning global module sharing on for ${organization}`)
      await setGlobal(client, organization, true, progress)
      applied.globalAfter = true
      return
    case 'global-off':
      if (step.confirmFirst) {
        if (!(await getOrganization(client, organization)).globalModuleSharing) {
          applied.globalAfter = false
          return
        }
      }
      log(`Turning global module sharing off for ${organization}`)
      await setGlobal(client, organization, false, progress)
      applied.globalAfter = false
      return
    case 'list': {
      const { write } = step
      const count = `${write.consumers.length} module consumer${write.consumers.length === 1 ? '' : 's'}`
      log(`Setting ${count} of ${organization} through ${write.api}`)
      const result = await writeList(client, organization, write, progress)
      confirm(plan, result.consumers)
      applied.partnerships = result.partnerships
      applied.consumers = result.consumers
    }
  }
}

async function setGlobal(
  client: TfeClient,
  organization: string,
  enabled: boolean,
  progress: Progress
): Promise<void> {
  const org = await setGlobalModuleSharing(client, organization, enabled)
  if (org.globalModuleSharing !== enabled) {
    // Accepted is not nothing: turning it on may already have wiped the consumer list.
    progress.written.push(
      `TFE accepted turning global module sharing ${enabled ? 'on (which wipes the consumer list)' : 'off'}`
    )
    throw new ActionError(
      `${organization}: TFE accepted turning global module sharing ${enabled ? 'on' : 'off'} but still ` +
        "reports it the other way; check the organization's settings."
    )
  }
  progress.written.push(`global module sharing is ${enabled ? 'on' : 'off'}`)
}

async function writeList(
  client: TfeClient,
  organization: string,
  write: ListWrite,
  progress: Progress
): Promise<Pick<Applied, 'partnerships' | 'consumers'>> {
  // Only the write's own 404 means the endpoint is missing; a later read's is another story.
  const send = async <T>(request: () => Promise<T>): Promise<T> => {
    try {
      return await request()
    } catch (error) {
      if (isNotFound(error)) {
        const { what, since } = ENDPOINTS[write.api]
        throw new ActionError(endpointMissing(organization, what, since))
      }
      throw error
    }
  }

  if (write.api === 'module-consumers') {
    const ids = write.consumers.map(c => c.externalId)
    const partnerships = await send(() => setModuleConsumers(client, organization, ids))
    // The answer already is the read-back: one partnership per consumer TFE now holds.
    const consumers = partnerships.map(p => p.consumer)
    progress.written.push(`the consumer list is ${consumers.length ? list(consumers) : 'empty'}`)
    return { partnerships, consumers }
  }
  const names = write.consumers.map(c => c.name)
  if (write.api === 'relationships') {
    await send(() => setModuleConsumerRelationships(client, organization, names))
    progress.written.push(
      `the consumer list was set to ${write.consumers.length ? list(write.consumers) : 'empty'}`
    )
    const consumers = (await listModuleConsumers(client, organization)).map(asConsumer)
    return { partnerships: [], consumers }
  }

  const providersBefore = write.providerConsumers
  await send(() =>
    putRegistryPartnerships(client, organization, {
      moduleConsumers: names,
      providerConsumers: providersBefore.map(c => c.name)
    })
  )
  progress.written.push(
    `the module consumers were set to ${list(write.consumers)}, the provider consumers sent back as ${list(providersBefore)}`
  )
  // Both read-backs at once: one round trip.
  const [providersAfter, consumers] = await Promise.all([
    listProviderConsumers(client, organization),
    listModuleConsumers(client, organization)
  ])
  if (
    !sameSet(
      providersAfter.map(o => o.externalId),
      providersBefore.map(c => c.externalId)
    )
  ) {
    throw new ActionError(
      `${organization}: the registry-partnerships write changed the provider consumers ` +
        `(before: ${list(providersBefore)}; after: ${list(providersAfter)}). Restore them in TFE.`
    )
  }
  return { partnerships: [], consumers: consumers.map(asConsumer) }
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
  throw new ActionError(
    `${plan.organization}: after the write TFE lists ${list(actual)}, but the plan was ${list(plan.next)}; ` +
      'another run may have changed it at the same time. Check the list in TFE and run again.'
  )
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every(x => right.has(x))
}

function list(consumers: readonly Consumer[]): string {
  if (consumers.length === 0) return 'no consumers'
  return `[${consumers.map(consumerLabel).join(', ')}]`
}
