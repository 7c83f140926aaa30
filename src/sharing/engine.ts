// The one flow of every run, for one producer or five hundred: resolve the names, read what TFE
// holds, plan every producer, write only once every plan succeeded, and return one outcome. It
// reads no input and writes no output: the step's inputs give a list of one, sharing files give
// many, and the report shows the outcome either way.
import type { Desired, Writing } from '../domain/desired.js'
import { ActionError, PlanConflict } from '../domain/errors.js'
import { type Consumer, type ConsumerRef, asConsumer, consumerLabel } from '../domain/model.js'
import type { Outcome, ProducerOutcome } from '../domain/outcome.js'
import { type Plan, makePlan } from '../domain/plan.js'
import { type Place, type Problem, isFilePlace } from '../domain/problems.js'
import {
  describeNotFound,
  listsUnknown,
  noSuchConsumers,
  noSuchProducer,
  notSiteAdmin
} from '../domain/tfe-answers.js'
import type { TfeClient } from '../tfe/client.js'
import { mapConcurrently } from '../tfe/concurrency.js'
import { apply } from './apply.js'
import { reportProgress } from './progress.js'
import { OrganizationDirectory } from './resolver.js'
import {
  type ConsumerLists,
  IN_FLIGHT,
  findSharers,
  listSharing,
  readConsumerLists
} from './today.js'

export interface EngineOptions extends Writing {
  /**
   * Organizations that share today but are asked for by no one: not looked for (a run of the
   * step's inputs), found by TFE's filter (plan and apply), or certain, global sharers included,
   * at the cost of the whole organizations list (drift checks).
   */
  unmanaged: 'skip' | 'filter' | 'certain'
  log: (line: string) => void
}

interface Counts {
  phase: string
  done: number
  total: number
}

export async function share(
  client: TfeClient,
  desired: readonly Desired[],
  options: EngineOptions
): Promise<Outcome> {
  const counts: Counts = { phase: 'reading', done: 0, total: desired.length }
  const stop = reportProgress(options.log, () => ({
    ...counts,
    requests: client.sent,
    rateLimited: client.rateLimited
  }))
  try {
    return await run(client, desired, options, counts)
  } finally {
    stop()
  }
}

async function run(
  client: TfeClient,
  desired: readonly Desired[],
  options: EngineOptions,
  counts: Counts
): Promise<Outcome> {
  const { log, dryRun } = options
  const many = desired.length > 1
  const directory = new OrganizationDirectory(client)
  // Side by side, since none needs another: the producers, their lists today, and who shares.
  const filtered = options.unmanaged === 'skip' ? undefined : listSharing(client)
  // Awaited after planning; a run that fails before then must not leave it unhandled.
  filtered?.catch(() => {})
  const [, lists] = await Promise.all([
    directory.find(desired.map(d => d.organization)),
    mapConcurrently(desired, IN_FLIGHT, async d => {
      const read = await readConsumerLists(client, d.organization, options.api)
      counts.done++
      return read
    })
  ])
  lists.forEach(list => list.consumers?.forEach(org => directory.addConsumer(org)))
  await findConsumers(directory, desired, options, log)

  counts.phase = 'planning'
  const producers: ProducerOutcome[] = []
  for (const [i, d] of desired.entries()) {
    producers.push(await planProducer(directory, d, lists[i] as ConsumerLists, options, many))
  }
  const warnings: string[] = []
  const unknownLists = producers.filter(p => p.plan && p.plan.previous === undefined)
  if (unknownLists.length > 0) {
    warnings.push(listsUnknown(unknownLists.map(p => p.desired.organization)))
  }
  warnings.push(...producers.flatMap(p => p.plan?.warnings ?? []))

  let unmanaged: Outcome['unmanaged']
  if (filtered) {
    counts.phase = 'finding unmanaged organizations'
    const today = await findSharers(client, directory, await filtered, {
      certain: options.unmanaged === 'certain',
      exclude: new Set(desired.map(d => d.organization))
    })
    warnings.push(...today.warnings)
    unmanaged = today.sharers.map(s => ({
      organization: s.organization,
      global: s.global,
      consumers: s.consumers?.length
    }))
  }

  // What each producer would change, in the log too, not only in the summary.
  if (many) {
    for (const { plan } of producers) if (plan?.changed) log(changeLine(plan, dryRun))
  }

  const failed = producers.some(p => p.result === 'failed')
  if (failed || dryRun) {
    if (!many) log(dryRunLine(producers[0], dryRun))
    return { producers, unmanaged, wrote: false, warnings }
  }
  const changed = producers.filter(p => p.plan?.changed)
  if (!many && changed.length === 0) {
    log(`No change: ${desired[0]?.organization} already shares as asked; nothing was written.`)
  }
  if (many && changed.length > 0) {
    log(
      `Writing ${changed.length} producer${plural(changed.length)}; ${producers.length - changed.length} need no change`
    )
  }
  counts.phase = 'writing'
  counts.done = 0
  counts.total = changed.length
  await mapConcurrently(changed, IN_FLIGHT, async producer => {
    const plan = producer.plan as Plan
    try {
      producer.applied = await apply(client, plan, log)
      producer.result = 'changed'
      const { consumers, globalAfter } = producer.applied
      log(
        globalAfter
          ? `${plan.organization} now shares its modules with every organization.`
          : `${plan.organization} now shares its modules with ${consumers.length} organization${plural(consumers.length)}.`
      )
    } catch (error) {
      // Worded by the report, which knows how to say what TFE already holds.
      producer.result = 'failed'
      producer.error = error
    }
    counts.done++
  })
  return { producers, unmanaged, wrote: true, warnings }
}

/** `platform: would add team-a, team-b; would remove legacy`, a dozen names at most each. */
function changeLine(plan: Plan, dryRun: boolean): string {
  const would = dryRun ? 'would ' : 'to '
  const names = (list: readonly Consumer[]) => {
    const shown = list.slice(0, 12).map(consumerLabel)
    return list.length > 12 ? `${shown.join(', ')} and ${list.length - 12} more` : shown.join(', ')
  }
  const parts = [
    plan.global.before !== plan.global.after
      ? `${would}turn global sharing ${plan.global.after ? 'on' : 'off'}`
      : '',
    plan.previous === undefined ? `${would}set the list to ${plan.next.length}` : '',
    plan.added.length ? `${would}add ${names(plan.added)}` : '',
    plan.removed.length ? `${would}remove ${names(plan.removed)}` : ''
  ].filter(Boolean)
  return `${plan.organization}: ${parts.join('; ')}`
}

function dryRunLine(producer: ProducerOutcome | undefined, dryRun: boolean): string {
  if (!dryRun || !producer?.plan) return 'A plan failed; nothing was written.'
  return `Dry run: ${producer.plan.changed ? 'the plan would change module sharing' : 'no change'}; nothing was written.`
}

/**
 * The consumers that no list read so far names, asked of TFE together: every name (a typo must
 * fail before any write), and the ids `idsChecked` asks for.
 */
async function findConsumers(
  directory: OrganizationDirectory,
  desired: readonly Desired[],
  writing: Writing,
  log: (line: string) => void
): Promise<void> {
  const names = new Set<string>()
  const ids = new Set<string>()
  desired.forEach(d => {
    const checked = idsChecked(d, writing, desired.length > 1)
    for (const ref of d.consumers) {
      if (directory.resolve(ref)) continue
      if (ref.kind === 'name') names.add(ref.name)
      else if (checked) ids.add(ref.id)
    }
  })
  if (names.size === 0 && ids.size === 0) return
  const what = [
    names.size ? `${names.size} name${plural(names.size)}` : '',
    ids.size ? `${ids.size} external id${plural(ids.size)}` : ''
  ].filter(Boolean)
  log(`Looking up ${what.join(' and ')}`)
  await directory.find(names, ids)
}

async function planProducer(
  directory: OrganizationDirectory,
  desired: Desired,
  lists: ConsumerLists,
  writing: Writing,
  many: boolean
): Promise<ProducerOutcome> {
  const outcome: ProducerOutcome = {
    desired,
    result: 'failed',
    plan: undefined,
    applied: undefined,
    problems: [],
    error: undefined
  }
  const { organization } = desired
  const producer = directory.named(organization)
  if (!producer) {
    const cause = await directory.whyMissing()
    if (cause === 'not-site-admin') throw new ActionError(notSiteAdmin(subjectOf(desired)))
    const message = isFilePlace(desired.place)
      ? noSuchProducer(organization, 'file')
      : describeNotFound(cause, organization)
    return fail(outcome, new ActionError(message), [{ ...desired.place, message }])
  }

  const known: Consumer[] = (lists.consumers ?? []).map(asConsumer)
  const missing: { ref: ConsumerRef; place: Place }[] = []
  const checked = idsChecked(desired, writing, many)
  desired.consumers.forEach((ref, i) => {
    const consumer = directory.resolve(ref)
    if (consumer) known.push(consumer)
    else if (ref.kind === 'name' || checked) {
      missing.push({ ref, place: desired.consumerPlaces[i] ?? desired.place })
    }
  })
  if (missing.length > 0) {
    if ((await directory.whyMissing()) === 'not-site-admin') {
      throw new ActionError(notSiteAdmin(subjectOf(desired)))
    }
    const message = noSuchConsumers(
      organization,
      missing.map(m => m.ref)
    )
    // A file shows each unknown consumer on its own line; an input, all of them at once.
    const problems: Problem[] = isFilePlace(desired.place)
      ? missing.map(({ ref, place }) => ({
          ...place,
          message: noSuchConsumers(organization, [ref])
        }))
      : [{ input: 'consumers', message }]
    return fail(outcome, new ActionError(message), problems)
  }

  try {
    outcome.plan = makePlan({
      organization,
      producerId: producer.externalId,
      mode: desired.mode,
      api: writing.api,
      dryRun: writing.dryRun,
      globalModuleSharing: desired.globalModuleSharing,
      allowEmpty: desired.allowEmpty,
      globalBefore: producer.globalModuleSharing,
      previous: lists.consumers?.map(asConsumer),
      requested: desired.consumers,
      known,
      providerConsumers: lists.providerConsumers?.map(asConsumer),
      globalProviderSharing: producer.globalProviderSharing
    })
  } catch (error) {
    if (!(error instanceof PlanConflict)) throw error
    return fail(outcome, error, [{ ...desired.place, message: error.message }])
  }
  outcome.result = outcome.plan.changed ? 'would-change' : 'unchanged'
  return outcome
}

/**
 * Whether a producer's consumer ids are looked up before planning: where the run needs their
 * names (a plan to show, a name-based API), or where many producers must all be certain before
 * the first write. One producer by ids on the seed endpoint keeps its two round trips instead:
 * TFE takes ids as they are, and its answer names them. Removing needs only today's list.
 */
function idsChecked(desired: Desired, { api, dryRun }: Writing, many: boolean): boolean {
  return desired.mode !== 'remove' && (api !== 'module-consumers' || dryRun || many)
}

/** A line about the whole run names the producer only when the inputs asked for that one alone. */
function subjectOf(desired: Desired): string | undefined {
  return isFilePlace(desired.place) ? undefined : desired.organization
}

function fail(outcome: ProducerOutcome, error: unknown, problems: Problem[]): ProducerOutcome {
  outcome.result = 'failed'
  outcome.error = error
  outcome.problems = problems
  return outcome
}

function plural(count: number): string {
  return count === 1 ? '' : 's'
}
