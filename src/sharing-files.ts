// Many producers from sharing files: the one-producer flow, widened. Every producer is read and
// planned before anything is written; if any plan fails, nothing is written anywhere. Then the
// changed producers are written concurrently (the client's one rate limiter sets the pace), and
// one producer's failed write does not stop the others.
import { type Applied, apply } from './apply.js'
import type { DesiredFromFile } from './config/load.js'
import { ActionError, PlanConflict } from './errors.js'
import { describeFailure } from './failure.js'
import { type Consumer, byCodePoint } from './model.js'
import { OrganizationIndex } from './organization-index.js'
import { type Plan, makePlan } from './plan.js'
import type { ProducerResult } from './report.js'
import { reportProgress } from './progress.js'
import type { Writing } from './sharing.js'
import { readConsumerLists } from './state.js'
import type { TfeClient } from './tfe/client.js'
import { whoCannotSee } from './tfe/account.js'
import { mapConcurrently } from './tfe/concurrency.js'
import { TfeApiError } from './tfe/errors.js'
import { listModuleConsumers } from './tfe/module-sharing.js'
import { type Organization, listOrganizations } from './tfe/organizations.js'

/** Where a problem is written in the files, and what it is: one annotation. */
export interface Annotation {
  file: string
  line: number
  message: string
}

export interface ProducerOutcome {
  desired: DesiredFromFile
  result: ProducerResult
  /** undefined when the producer could not be planned. */
  plan: Plan | undefined
  /** undefined when nothing was written for it. */
  applied: Applied | undefined
  /** Why it failed, where the user wrote it; empty unless `result` is `failed`. */
  problems: Annotation[]
}

/** An organization that shares modules today but is in no file: reported, never changed. */
export interface Unmanaged {
  organization: string
  global: boolean
  /** Its consumers today; undefined when it shares globally or this TFE cannot list them. */
  consumers: number | undefined
}

export interface FilesOutcome {
  /** Sorted by organization, as the files' producers are. */
  producers: ProducerOutcome[]
  unmanaged: Unmanaged[]
  /** False when a plan failed and so nothing was written, or on a dry run. */
  wrote: boolean
  warnings: string[]
}

/**
 * Requests in flight at once, per phase: enough to keep the limiter's pace over TFE's latency;
 * the limiter, not this number, decides how fast requests go.
 */
const IN_FLIGHT = 16

export async function shareFromFiles(
  client: TfeClient,
  desired: readonly DesiredFromFile[],
  writing: Writing,
  log: (line: string) => void,
  /** Kept out of every failure line, whatever TFE echoes back. */
  secrets: readonly string[] = []
): Promise<FilesOutcome> {
  const counts = { phase: 'reading the organizations', done: 0, total: desired.length }
  const stop = reportProgress(log, () => ({
    ...counts,
    requests: client.sent,
    rateLimited: client.rateLimited
  }))
  try {
    return await run(client, desired, writing, log, counts, secrets)
  } finally {
    stop()
  }
}

async function run(
  client: TfeClient,
  desired: readonly DesiredFromFile[],
  writing: Writing,
  log: (line: string) => void,
  counts: { phase: string; done: number; total: number },
  secrets: readonly string[]
): Promise<FilesOutcome> {
  const warnings: string[] = []
  log(
    `Reading the organizations of this TFE, for ${desired.length} producer${plural(desired.length)}`
  )
  const [index, sharing] = await readDirectory(client, warnings)
  log(`${index.organizations.length} organizations; reading and planning every producer`)

  counts.phase = 'planning'
  const planned = await mapConcurrently(desired, IN_FLIGHT, async producer => {
    const outcome = await planProducer(client, index, producer, writing)
    counts.done++
    return outcome
  })
  const unknownLists = planned.filter(p => p.plan && p.plan.previous === undefined).length
  if (unknownLists > 0) {
    warnings.push(
      `This TFE does not list module consumers, so the lists of ${unknownLists} producer${plural(unknownLists)} ` +
        'before this run are unknown; their whole lists are written.'
    )
  }
  warnings.push(...planned.flatMap(p => p.plan?.warnings ?? []))
  const unmanaged = await findUnmanaged(client, index, sharing, desired)

  const failed = planned.filter(p => p.result === 'failed')
  if (failed.length > 0 || writing.dryRun) {
    return { producers: planned, unmanaged, wrote: false, warnings }
  }

  const changed = planned.filter(p => p.plan?.changed)
  counts.phase = 'writing'
  counts.done = 0
  counts.total = changed.length
  if (changed.length > 0) {
    log(
      `Writing ${changed.length} producer${plural(changed.length)}; ${planned.length - changed.length} need no change`
    )
  }
  await mapConcurrently(changed, IN_FLIGHT, async producer => {
    const plan = producer.plan as Plan
    try {
      producer.applied = await apply(client, plan, line => log(line))
      producer.result = 'changed'
    } catch (error) {
      producer.result = 'failed'
      producer.problems.push(
        at(
          producer.desired,
          producer.desired.source.line,
          describeFailure(error, { organization: plan.organization, secrets })
        )
      )
    }
    counts.done++
  })
  return { producers: planned, unmanaged, wrote: true, warnings }
}

/**
 * The whole organizations list (every name, id and global flag the plans need) and, beside it,
 * the organizations TFE says share modules, for the unmanaged ones. Both once per run.
 */
async function readDirectory(
  client: TfeClient,
  warnings: string[]
): Promise<[OrganizationIndex, Organization[] | undefined]> {
  const [all, sharing] = await Promise.allSettled([
    listOrganizations(client),
    listOrganizations(client, { moduleProducer: true })
  ])
  if (all.status === 'rejected') {
    const error: unknown = all.reason
    if (error instanceof TfeApiError && error.status === 404) {
      const cause = await whoCannotSee(client)
      throw new ActionError(
        'tfe',
        cause === 'not-site-admin'
          ? "The token is valid but not a site administrator's (HTTP 404 from the admin organizations list). Use a site admin's API token."
          : "The admin organizations list answered HTTP 404: the token is not a site administrator's, or this is not TFE. Use a site admin's API token for a TFE hostname."
      )
    }
    throw error
  }
  if (sharing.status === 'rejected') {
    const error: unknown = sharing.reason
    if (!(error instanceof TfeApiError && error.status >= 400 && error.status < 500)) throw error
    warnings.push(
      `This TFE did not filter organizations by module sharing (HTTP ${error.status}), so only ` +
        'organizations that share globally can be reported as unmanaged.'
    )
  }
  return [
    new OrganizationIndex(all.value),
    sharing.status === 'fulfilled' ? sharing.value : undefined
  ]
}

async function planProducer(
  client: TfeClient,
  index: OrganizationIndex,
  desired: DesiredFromFile,
  { api, dryRun }: Writing
): Promise<ProducerOutcome> {
  const { organization, consumers: refs } = desired
  const outcome: ProducerOutcome = {
    desired,
    result: 'failed',
    plan: undefined,
    applied: undefined,
    problems: []
  }
  const producer = index.named(organization)
  if (!producer) {
    outcome.problems.push(
      at(
        desired,
        desired.source.line,
        `${organization}: no organization of that name on this TFE; nothing was written. Check the producer's name.`
      )
    )
    return outcome
  }
  const { found, missing } = index.resolve(refs)
  for (const i of missing) {
    const ref = refs[i]
    const what = ref?.kind === 'id' ? `with external id ${ref.id}` : `named ${ref?.name ?? ''}`
    outcome.problems.push(
      at(
        desired,
        desired.consumerLines[i] ?? desired.source.line,
        `${organization}: no organization ${what} on this TFE; nothing was written. Check the consumers list.`
      )
    )
  }
  if (missing.length > 0) return outcome

  const lists = await readConsumerLists(client, organization, api)
  try {
    outcome.plan = makePlan({
      organization,
      producerId: producer.externalId,
      mode: 'set',
      api,
      dryRun,
      globalModuleSharing: desired.globalModuleSharing,
      allowEmpty: true,
      globalBefore: producer.globalModuleSharing,
      previous: lists.consumers,
      requested: refs,
      known: [...(lists.consumers ?? []), ...found],
      providerConsumers: lists.providerConsumers,
      globalProviderSharing: producer.globalProviderSharing
    })
  } catch (error) {
    if (!(error instanceof PlanConflict)) throw error
    outcome.problems.push(at(desired, desired.source.line, error.message))
    return outcome
  }
  outcome.result = outcome.plan.changed ? 'would-change' : 'unchanged'
  return outcome
}

/**
 * Organizations sharing modules today that no file names. TFE's `filter[module_producer]` is
 * documented as "configured to share their modules", without saying whether global sharing
 * counts, so neither is taken on trust: global sharing comes from the full list's flags, and a
 * filtered organization that does not share globally counts only if its consumer list is not empty.
 */
async function findUnmanaged(
  client: TfeClient,
  index: OrganizationIndex,
  sharing: readonly Organization[] | undefined,
  desired: readonly DesiredFromFile[]
): Promise<Unmanaged[]> {
  const managed = new Set(desired.map(d => d.organization))
  const unmanaged: Unmanaged[] = index.organizations
    .filter(org => org.globalModuleSharing && !managed.has(org.name))
    .map(org => ({ organization: org.name, global: true, consumers: undefined }))
  const candidates = (sharing ?? []).filter(
    org => !managed.has(org.name) && !index.named(org.name)?.globalModuleSharing
  )
  const lists = await mapConcurrently(candidates, IN_FLIGHT, org =>
    listModuleConsumers(client, org.name).then(
      (list: Consumer[]) => list.length,
      (error: unknown) => {
        // No relationships endpoint: TFE's filter is all there is to go by.
        if (error instanceof TfeApiError && error.status === 404) return undefined
        throw error
      }
    )
  )
  candidates.forEach((org, i) => {
    const consumers = lists[i]
    if (consumers !== 0) unmanaged.push({ organization: org.name, global: false, consumers })
  })
  return unmanaged.sort((a, b) => byCodePoint(a.organization, b.organization))
}

function at(desired: DesiredFromFile, line: number, message: string): Annotation {
  return { file: desired.source.file, line, message }
}

function plural(count: number): string {
  return count === 1 ? '' : 's'
}
