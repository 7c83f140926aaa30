// The one flow of every run, for one producer or five hundred: resolve the names, read what TFE
// holds, plan every producer, write only once every plan succeeded, and return one outcome. It
// reads no input and writes no output: the step's inputs give a list of one, sharing files give
// many, and the report shows the outcome either way.
import { type Desired, type Kind, type Writing, managesModules } from '../domain/desired.js'
import { ActionError, PlanConflict } from '../domain/errors.js'
import {
  type Consumer,
  type ConsumerRef,
  asConsumer,
  byCodePoint,
  consumerLabel
} from '../domain/model.js'
import type { Applied, Outcome, ProducerOutcome, Unmanaged } from '../domain/outcome.js'
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
import type { TfeApiError } from '../tfe/errors.js'
import type { Organization } from '../tfe/organizations.js'
import { apply } from './apply.js'
import { reportProgress } from './progress.js'
import { OrganizationDirectory } from './resolver.js'
import {
  type ConsumerLists,
  IN_FLIGHT,
  type Sharer,
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
  // Provider sharing is looked for where it can be managed: on registry-partnerships.
  const filtered = options.unmanaged === 'skip' ? undefined : listSharing(client)
  const filteredProviders =
    filtered && options.api === 'registry-partnerships'
      ? listSharing(client, 'providers')
      : undefined
  // Awaited after planning; a run that fails before then must not leave them unhandled.
  filtered?.catch(() => {})
  filteredProviders?.catch(() => {})
  const [, lists] = await Promise.all([
    directory.find(desired.map(d => d.organization)),
    mapConcurrently(desired, IN_FLIGHT, async d => {
      const read = await readConsumerLists(client, d.organization, options.api)
      counts.done++
      return read
    })
  ])
  for (const list of lists) {
    list.consumers?.forEach(org => directory.addConsumer(org))
    list.providerConsumers?.forEach(org => directory.addConsumer(org))
  }
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
    unmanaged = await findUnmanaged(client, directory, desired, lists, options, warnings, {
      modules: filtered,
      providers: filteredProviders
    })
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
    const unchanged = producers.length - changed.length
    log(
      `Writing ${changed.length} producer${plural(changed.length)}; ${unchanged} need${unchanged === 1 ? 's' : ''} no change`
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
      log(sharesNowLine(plan, producer.applied))
    } catch (error) {
      // Worded by the report, which knows how to say what TFE already holds.
      producer.result = 'failed'
      producer.error = error
    }
    counts.done++
  })
  return { producers, unmanaged, wrote: true, warnings }
}

/**
 * `platform: would add team-a, team-b; would remove legacy`, a dozen names at most each; provider
 * changes after module changes, said as such.
 */
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
    plan.previous === undefined && plan.managesModules
      ? `${would}set the list to ${plan.next.length}`
      : '',
    plan.added.length ? `${would}add ${names(plan.added)}` : '',
    plan.removed.length ? `${would}remove ${names(plan.removed)}` : ''
  ]
  const providers = plan.providers
  if (providers) {
    parts.push(
      providers.global.before !== providers.global.after
        ? `${would}turn global provider sharing ${providers.global.after ? 'on' : 'off'}`
        : '',
      providers.added.length ? `${would}add provider consumers ${names(providers.added)}` : '',
      providers.removed.length
        ? `${would}remove provider consumers ${names(providers.removed)}`
        : ''
    )
  }
  return `${plan.organization}: ${parts.filter(Boolean).join('; ')}`
}

/** What a producer shares once written: its modules, and its providers when the run manages them. */
function sharesNowLine(plan: Plan, applied: Applied): string {
  const { consumers, globalAfter } = applied
  const whom = (global: boolean | undefined, count: number) =>
    global ? 'every organization' : `${count} organization${plural(count)}`
  const modules = `its modules with ${whom(globalAfter, consumers.length)}`
  const providers = plan.providers
    ? `its providers with ${whom(applied.globalProvidersAfter, applied.providerConsumers?.length ?? 0)}`
    : ''
  if (!plan.managesModules) return `${plan.organization} now shares ${providers}.`
  return `${plan.organization} now shares ${modules}${providers ? `, and ${providers}` : ''}.`
}

/**
 * Who shares today but is managed by no one, per kind: a producer whose file states only its
 * providers is still unmanaged for its modules, and the reverse.
 */
async function findUnmanaged(
  client: TfeClient,
  directory: OrganizationDirectory,
  desired: readonly Desired[],
  lists: readonly ConsumerLists[],
  options: EngineOptions,
  warnings: string[],
  filtered: {
    modules: Promise<Organization[] | TfeApiError>
    providers: Promise<Organization[] | TfeApiError> | undefined
  }
): Promise<Unmanaged[]> {
  const certain = options.unmanaged === 'certain'
  const found = async (kind: Kind, list: Promise<Organization[] | TfeApiError>) => {
    const manages = (d: Desired) => (kind === 'modules' ? managesModules(d) : d.providers)
    // A producer's list of a kind it does not manage was read before its plan: not read again.
    const alreadyRead = new Map<string, Organization[]>()
    desired.forEach((d, i) => {
      const read = kind === 'modules' ? lists[i]?.consumers : lists[i]?.providerConsumers
      if (read) alreadyRead.set(d.organization, read)
    })
    return findSharers(client, directory, await list, {
      certain,
      exclude: new Set(desired.filter(manages).map(d => d.organization)),
      kind,
      alreadyRead
    })
  }
  const [modules, providers] = await Promise.all([
    found('modules', filtered.modules),
    filtered.providers ? found('providers', filtered.providers) : undefined
  ])
  warnings.push(...modules.warnings, ...(providers?.warnings ?? []))
  const byName = new Map<string, Unmanaged>()
  const entry = (organization: string) => {
    const known = byName.get(organization)
    if (known) return known
    const created: Unmanaged = { organization, modules: undefined, providers: undefined }
    byName.set(organization, created)
    return created
  }
  const sharing = (s: Sharer) => ({ global: s.global, consumers: s.consumers?.length })
  for (const s of modules.sharers) entry(s.organization).modules = sharing(s)
  for (const s of providers?.sharers ?? []) entry(s.organization).providers = sharing(s)
  return [...byName.values()].sort((a, b) => byCodePoint(a.organization, b.organization))
}

function dryRunLine(producer: ProducerOutcome | undefined, dryRun: boolean): string {
  if (!dryRun || !producer?.plan) return 'A plan failed; nothing was written.'
  const { plan } = producer
  const kinds = !plan.providers
    ? 'module sharing'
    : plan.managesModules
      ? 'module and provider sharing'
      : 'provider sharing'
  return `Dry run: ${plan.changed ? `the plan would change ${kinds}` : 'no change'}; nothing was written.`
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
    for (const ref of [...d.consumers, ...(d.providers?.consumers ?? [])]) {
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

  const known: Consumer[] = [...(lists.consumers ?? []), ...(lists.providerConsumers ?? [])].map(
    asConsumer
  )
  const missing: { ref: ConsumerRef; place: Place }[] = []
  const checked = idsChecked(desired, writing, many)
  const look = (refs: readonly ConsumerRef[], places: readonly Place[]) =>
    refs.forEach((ref, i) => {
      const consumer = directory.resolve(ref)
      if (consumer) known.push(consumer)
      else if (ref.kind === 'name' || checked) {
        missing.push({ ref, place: places[i] ?? desired.place })
      }
    })
  look(desired.consumers, desired.consumerPlaces)
  if (desired.providers) look(desired.providers.consumers, desired.providers.consumerPlaces)
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
      globalProviderSharing: producer.globalProviderSharing,
      managesModules: managesModules(desired),
      providers: desired.providers && {
        requested: desired.providers.consumers,
        global: desired.providers.global
      }
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
