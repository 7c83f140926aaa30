// Sends a plan's steps to TFE, in order, and confirms TFE holds what was planned. Every write
// here is idempotent (a whole list, or one flag), so running a plan again is always safe.
import type { Kind } from '../domain/desired.js'
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
import {
  type Organization,
  getOrganization,
  setGlobalModuleSharing,
  setGlobalProviderSharing
} from '../tfe/organizations.js'

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
  /** The flags TFE reported in a list write's read-back, for the confirming step after it. */
  flags?: Organization
}

const NOUN: Record<Kind, string> = { modules: 'module', providers: 'provider' }

export async function apply(
  client: TfeClient,
  plan: Plan,
  log: (line: string) => void = () => {}
): Promise<Applied> {
  const progress: Progress = { written: [] }
  // What TFE holds before any step: today's sharing, which a step replaces as it is written.
  const applied: Applied = {
    partnerships: [],
    consumers: [...plan.next],
    globalAfter: plan.global.before,
    providerConsumers: plan.providers ? [...plan.providers.next] : undefined,
    globalProvidersAfter: plan.providers?.global.before
  }
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
      log(`Turning global ${NOUN[step.of]} sharing on for ${organization}`)
      await setGlobal(client, organization, step.of, true, progress)
      // Turning it on wipes that kind's list (TFE's docs).
      if (step.of === 'modules') {
        applied.globalAfter = true
        applied.consumers = []
      } else {
        applied.globalProvidersAfter = true
        applied.providerConsumers = []
      }
      return
    case 'global-off': {
      const setOff = () => {
        if (step.of === 'modules') applied.globalAfter = false
        else applied.globalProvidersAfter = false
      }
      if (step.confirmFirst) {
        const flags = progress.flags ?? (await getOrganization(client, organization))
        if (!globalOf(flags, step.of)) {
          setOff()
          return
        }
      }
      log(`Turning global ${NOUN[step.of]} sharing off for ${organization}`)
      await setGlobal(client, organization, step.of, false, progress)
      setOff()
      return
    }
    case 'list': {
      const { write } = step
      log(`Setting ${listsLine(write)} of ${organization} through ${write.api}`)
      const result = await writeList(client, plan, write, progress)
      confirm(organization, 'module', result.consumers, write.consumers)
      applied.partnerships = result.partnerships
      applied.consumers = result.consumers
      if (result.providerConsumers && plan.providers) {
        applied.providerConsumers = result.providerConsumers
      }
    }
  }
}

function listsLine(write: ListWrite): string {
  const count = (n: number, what: string) => `${n} ${what} consumer${n === 1 ? '' : 's'}`
  const modules = count(write.consumers.length, 'module')
  return write.api === 'registry-partnerships' && write.providersManaged
    ? `${modules} and ${count(write.providerConsumers.length, 'provider')}`
    : modules
}

function globalOf(org: Organization, of: Kind): boolean {
  return of === 'modules' ? org.globalModuleSharing : org.globalProviderSharing
}

async function setGlobal(
  client: TfeClient,
  organization: string,
  of: Kind,
  enabled: boolean,
  progress: Progress
): Promise<void> {
  const noun = NOUN[of]
  const org =
    of === 'modules'
      ? await setGlobalModuleSharing(client, organization, enabled)
      : await setGlobalProviderSharing(client, organization, enabled)
  if (globalOf(org, of) !== enabled) {
    // Accepted is not nothing: turning it on may already have wiped the consumer list.
    const wiped = of === 'modules' ? 'the consumer list' : 'the provider consumer list'
    progress.written.push(
      `TFE accepted turning global ${noun} sharing ${enabled ? `on (which wipes ${wiped})` : 'off'}`
    )
    throw new ActionError(
      `${organization}: TFE accepted turning global ${noun} sharing ${enabled ? 'on' : 'off'} but still ` +
        "reports it the other way; check the organization's settings."
    )
  }
  progress.written.push(`global ${noun} sharing is ${enabled ? 'on' : 'off'}`)
}

async function writeList(
  client: TfeClient,
  plan: Plan,
  write: ListWrite,
  progress: Progress
): Promise<Pick<Applied, 'partnerships' | 'consumers' | 'providerConsumers'>> {
  const { organization } = plan
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

  const providersSent = write.providerConsumers
  await send(() =>
    putRegistryPartnerships(client, organization, {
      moduleConsumers: names,
      providerConsumers: providersSent.map(c => c.name)
    })
  )
  progress.written.push(
    write.providersManaged
      ? `the module consumers were set to ${list(write.consumers)}, the provider consumers to ${list(providersSent)}`
      : `the module consumers were set to ${list(write.consumers)}, the provider consumers sent back as ${list(providersSent)}`
  )
  // Both lists and both flags at once: one round trip.
  const [providersAfter, consumers, flags] = await Promise.all([
    listProviderConsumers(client, organization),
    listModuleConsumers(client, organization),
    getOrganization(client, organization)
  ])
  if (write.providersManaged) {
    confirm(organization, 'provider', providersAfter, providersSent)
  } else if (
    !sameSet(
      providersAfter.map(o => o.externalId),
      providersSent.map(c => c.externalId)
    )
  ) {
    throw new ActionError(
      `${organization}: the registry-partnerships write changed the provider consumers ` +
        `(before: ${list(providersSent)}; after: ${list(providersAfter)}). Restore them in TFE.`
    )
  }
  checkFlags(plan, flags)
  progress.flags = flags
  return {
    partnerships: [],
    consumers: consumers.map(asConsumer),
    providerConsumers: providersAfter.map(asConsumer)
  }
}

/**
 * After a registry-partnerships write, each global flag is as it was, unless the plan turns it
 * off next (and then either is fine: the next step confirms it). The plan refused every producer
 * whose global sharing the write could turn off; a flag that moved anyway is said, not hidden.
 */
function checkFlags(plan: Plan, flags: Organization): void {
  const turnsOff = (of: Kind) => plan.steps.some(s => s.kind === 'global-off' && s.of === of)
  const checks: [Kind, boolean][] = [['modules', plan.global.before]]
  if (plan.providers) checks.push(['providers', plan.providers.global.before])
  for (const [of, before] of checks) {
    const now = globalOf(flags, of)
    if (turnsOff(of) || now === before) continue
    throw new ActionError(
      `${plan.organization}: after the registry-partnerships write TFE reports global ${NOUN[of]} sharing ` +
        `${now ? 'on' : 'off'}, but it was ${before ? 'on' : 'off'} before; ` +
        `${now ? 'another run may have changed it at the same time' : 'the write turned it off'}. ` +
        "Check the organization's settings in TFE and run again."
    )
  }
}

/** Another run (or a person) may have changed the list at the same time: say so, with both lists. */
function confirm(
  organization: string,
  noun: string,
  actual: readonly Consumer[],
  sent: readonly Consumer[]
): void {
  if (
    sameSet(
      actual.map(c => c.externalId),
      sent.map(c => c.externalId)
    )
  )
    return
  const what = noun === 'module' ? 'TFE lists' : `TFE shares ${noun}s with`
  throw new ActionError(
    `${organization}: after the write ${what} ${list(actual)}, but the plan was ${list(sent)}; ` +
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
