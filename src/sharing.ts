// One producer's run: read what TFE holds, plan, and (unless a dry run or nothing changes)
// apply. It neither reads inputs nor writes outputs, so a run can call it once or many times.
import { type Applied, apply } from './apply.js'
import { resolveConsumers } from './consumers.js'
import type { Api, ConsumerRef, Mode } from './model.js'
import { type Plan, makePlan } from './plan.js'
import { readState } from './state.js'
import type { TfeClient } from './tfe/client.js'

/** The module sharing asked for one producing organization. */
export interface Desired {
  organization: string
  consumers: ConsumerRef[]
  mode: Mode
  /** undefined: leave global module sharing as the consumer list implies. */
  globalModuleSharing: boolean | undefined
  allowEmpty: boolean
}

/** How the run writes: the same for every producer of a run. */
export interface Writing {
  api: Api
  dryRun: boolean
}

export interface Outcome {
  plan: Plan
  /** undefined when nothing was written: a dry run, or a plan without change. */
  applied: Applied | undefined
  /** Worth a warning annotation, e.g. that today's list could not be read. */
  warnings: string[]
}

export async function shareModules(
  client: TfeClient,
  desired: Desired,
  { api, dryRun }: Writing,
  log: (line: string) => void
): Promise<Outcome> {
  const { organization } = desired
  const warnings: string[] = []
  const state = await readState(client, organization, api)
  if (state.consumers === undefined) {
    warnings.push(
      `${organization}: this TFE does not list module consumers, so the list before this run is unknown.`
    )
  }
  const known = await resolveConsumers(client, desired, { api, dryRun }, state.consumers, log)
  const plan = makePlan({
    organization,
    producerId: state.producer.externalId,
    mode: desired.mode,
    api,
    dryRun,
    globalModuleSharing: desired.globalModuleSharing,
    allowEmpty: desired.allowEmpty,
    globalBefore: state.producer.globalModuleSharing,
    previous: state.consumers,
    requested: desired.consumers,
    known,
    providerConsumers: state.providerConsumers,
    globalProviderSharing: state.producer.globalProviderSharing
  })
  warnings.push(...plan.warnings)

  if (dryRun) {
    log(
      `Dry run: ${plan.changed ? 'the plan would change module sharing' : 'no change'}; nothing was written.`
    )
    return { plan, applied: undefined, warnings }
  }
  if (!plan.changed) {
    log(`No change: ${organization} already shares as asked; nothing was written.`)
    return { plan, applied: undefined, warnings }
  }
  const applied = await apply(client, plan, log)
  log(
    applied.globalAfter
      ? `${organization} now shares its modules with every organization.`
      : `${organization} now shares its modules with ${applied.consumers.length} organization${applied.consumers.length === 1 ? '' : 's'}.`
  )
  return { plan, applied, warnings }
}
