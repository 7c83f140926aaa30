// Pure planning: from what TFE holds today and what the user asked for, the list and global
// setting a run leaves behind, and every conflict, before anything is written. No I/O here.
import { PlanConflict } from './errors.js'
import { CANNOT_LIST_CONSUMERS } from './tfe-answers.js'
import {
  type Api,
  type Consumer,
  type ConsumerRef,
  type Mode,
  type NamedConsumer,
  consumerLabel,
  hasName
} from './model.js'

export { PlanConflict }

export type Change = 'kept' | 'added' | 'removed'

export interface PlanInput {
  organization: string
  /** The producer's own external id: it can never be its own consumer. */
  producerId?: string
  mode: Mode
  api: Api
  dryRun: boolean
  /** undefined: not asked to change global sharing. */
  globalModuleSharing: boolean | undefined
  allowEmpty: boolean
  /** Global module sharing today. */
  globalBefore: boolean
  /** The consumer list today; undefined when this TFE cannot tell (no relationships endpoint). */
  previous: readonly Consumer[] | undefined
  requested: readonly ConsumerRef[]
  /** Organizations known by name and id: today's consumers and those looked up. */
  known: readonly Consumer[]
  /** For the registry-partnerships API, which must send them back unchanged. */
  providerConsumers?: readonly Consumer[] | undefined
  globalProviderSharing?: boolean
}

/** A whole consumer list, as the chosen API takes it: the name-based APIs need every name. */
export type ListWrite =
  | { api: 'module-consumers'; consumers: Consumer[] }
  | { api: 'relationships'; consumers: NamedConsumer[] }
  | {
      api: 'registry-partnerships'
      consumers: NamedConsumer[]
      /** Today's provider consumers, sent back unchanged. */
      providerConsumers: NamedConsumer[]
    }

/** One write, in the order apply sends them. */
export type Step =
  | { kind: 'global-on' }
  | { kind: 'list'; write: ListWrite }
  /** After a list write TFE should have turned global sharing off: confirm, and only then set it. */
  | { kind: 'global-off'; confirmFirst: boolean }

export interface Plan {
  organization: string
  mode: Mode
  api: Api
  previous: Consumer[] | undefined
  next: Consumer[]
  added: Consumer[]
  removed: Consumer[]
  /** next in order, each kept or added, then the removed ones. */
  rows: { consumer: Consumer; change: Change }[]
  global: { before: boolean; after: boolean }
  /** Does the run change anything? True when today's list is unknown (a set must write it). */
  changed: boolean
  listChanged: boolean
  /** Worth a warning, not a failure: e.g. a consumer to remove that is not one. */
  warnings: string[]
  /** Everything apply sends, in order; empty when nothing changes. */
  steps: Step[]
}

export function makePlan(input: PlanInput): Plan {
  const { organization, mode, previous, globalBefore } = input
  const warnings: string[] = []
  const previousIds = new Set((previous ?? []).map(c => c.externalId))

  if (previous === undefined && mode !== 'set') {
    throw new PlanConflict(
      `${organization}: ${CANNOT_LIST_CONSUMERS} (no relationships endpoint, HTTP 404), ` +
        `so mode: ${mode} cannot know what to ${mode} to or from; use mode: set with the whole list.`
    )
  }
  if (previous === undefined && input.dryRun) {
    throw new PlanConflict(
      `${organization}: ${CANNOT_LIST_CONSUMERS} (no relationships endpoint, HTTP 404), ` +
        'so a dry run cannot show what would change. Run without dry-run to set the list.'
    )
  }
  if (globalBefore && mode !== 'set') {
    throw new PlanConflict(
      `${organization}: shares its modules with every organization (global module sharing), so there is ` +
        `no consumer list to ${mode} to or from; use mode: set with global-module-sharing: false and the whole list.`
    )
  }

  let next: Consumer[]
  if (input.globalModuleSharing === true) {
    next = []
    if (!input.allowEmpty && (previous === undefined || previous.length > 0)) {
      const what =
        previous === undefined
          ? 'its consumer list, which this TFE cannot show,'
          : `its ${describe(previous)}`
      throw new PlanConflict(
        `${organization}: turning global module sharing on wipes ${what}; ` +
          'set allow-empty: true to accept that. Nothing was changed.'
      )
    }
  } else {
    if (globalBefore && input.globalModuleSharing !== false) {
      throw new PlanConflict(
        `${organization}: shares its modules with every organization today (global module sharing); ` +
          'a consumer list turns that off. Set global-module-sharing: false to confirm. Nothing was changed.'
      )
    }
    const requested = match(input.requested, input.known)
    const producerId = input.producerId
    const listsItself = requested.some(r => r.consumer && r.consumer.externalId === producerId)
    if (mode !== 'remove' && listsItself) {
      // TFE would answer the write with a 422: a dry run must refuse it the same way.
      throw new PlanConflict(
        `${organization}: consumers lists ${organization} itself (${producerId}); ` +
          'an organization always uses its own modules, remove it from the list. Nothing was changed.'
      )
    }
    if (mode === 'set') {
      next = unique(requested.map(r => r.consumer).filter(isConsumer))
    } else if (mode === 'add') {
      next = unique([...(previous ?? []), ...requested.map(r => r.consumer).filter(isConsumer)])
    } else {
      const gone = new Set<string>()
      for (const { ref, consumer } of requested) {
        if (consumer && previousIds.has(consumer.externalId)) gone.add(consumer.externalId)
        else
          warnings.push(
            `${organization}: ${show(ref)} is not a module consumer, so there is nothing to remove; check the name`
          )
      }
      next = (previous ?? []).filter(c => !gone.has(c.externalId))
    }
    const unresolved = requested.filter(r => !r.consumer && mode !== 'remove').map(r => show(r.ref))
    if (unresolved.length > 0) {
      // The caller resolves every name before planning; reaching here is a bug, not bad input.
      throw new PlanConflict(`${organization}: could not resolve ${unresolved.join(', ')}`)
    }
    if (next.length === 0 && !input.allowEmpty && (previous === undefined || previous.length > 0)) {
      throw new PlanConflict(
        `${organization}: this run would leave no module consumers (removing ${describe(previous ?? [])}); ` +
          'set allow-empty: true to accept that. Nothing was changed.'
      )
    }
  }

  const globalAfter = input.globalModuleSharing === true
  const nextIds = new Set(next.map(c => c.externalId))
  const added = previous === undefined ? [] : next.filter(c => !previousIds.has(c.externalId))
  const removed = (previous ?? []).filter(c => !nextIds.has(c.externalId))
  const listChanged = previous === undefined || added.length > 0 || removed.length > 0
  const steps: Step[] = []
  if (globalAfter) {
    if (!globalBefore) steps.push({ kind: 'global-on' })
  } else if (globalBefore && next.length === 0) {
    steps.push({ kind: 'global-off', confirmFirst: false })
  } else if (listChanged) {
    steps.push({ kind: 'list', write: listWrite(input, next) })
    // Writing a list turns global sharing off (TFE's docs). Writing the list first leaves no
    // moment of sharing with nobody; the flag is then confirmed, and set only if TFE left it on.
    if (globalBefore) steps.push({ kind: 'global-off', confirmFirst: true })
  }
  return {
    organization,
    mode,
    api: input.api,
    previous: previous === undefined ? undefined : [...previous],
    next,
    added,
    removed,
    rows: [
      ...next.map(consumer => ({
        consumer,
        change: (previous === undefined || !previousIds.has(consumer.externalId)
          ? 'added'
          : 'kept') as Change
      })),
      ...removed.map(consumer => ({ consumer, change: 'removed' as Change }))
    ],
    global: { before: globalBefore, after: globalAfter },
    changed: steps.length > 0,
    listChanged,
    warnings,
    steps
  }
}

/** The list as the chosen API takes it, once it is sure the API can write it without doubt. */
function listWrite(input: PlanInput, next: Consumer[]): ListWrite {
  const { organization, api } = input
  // Both APIs answer 204 and are confirmed only by the relationships GET this TFE lacks.
  if (api !== 'module-consumers' && input.previous === undefined) {
    throw new PlanConflict(
      `${organization}: this TFE has no relationships endpoint (HTTP 404 for an existing organization), ` +
        `so a write through ${api} could not be confirmed; use api: module-consumers. Nothing was changed.`
    )
  }
  if (api === 'registry-partnerships') {
    if (input.providerConsumers === undefined) {
      throw new PlanConflict(
        `${organization}: this TFE does not list provider consumers (HTTP 404), and registry-partnerships ` +
          'would overwrite them; use api: relationships or module-consumers. Nothing was changed.'
      )
    }
    if (input.globalProviderSharing) {
      throw new PlanConflict(
        `${organization}: shares its providers with every organization, and a registry-partnerships write ` +
          'may turn that off; use api: relationships or module-consumers. Nothing was changed.'
      )
    }
    return {
      api,
      consumers: named(organization, next),
      providerConsumers: named(organization, input.providerConsumers)
    }
  }
  return api === 'relationships'
    ? { api, consumers: named(organization, next) }
    : { api, consumers: next }
}

function named(organization: string, consumers: readonly Consumer[]): NamedConsumer[] {
  const unnamed = consumers.filter(c => !hasName(c))
  if (unnamed.length > 0) {
    // The caller names every consumer for the name-based APIs; a gap here is a bug.
    throw new PlanConflict(
      `${organization}: no name known for ${unnamed.map(c => c.externalId).join(', ')}`
    )
  }
  return consumers as NamedConsumer[]
}

function match(refs: readonly ConsumerRef[], known: readonly Consumer[]) {
  const byId = new Map(known.map(c => [c.externalId, c]))
  const byName = new Map(known.filter(c => c.name).map(c => [c.name as string, c]))
  return refs.map(ref => ({
    ref,
    consumer:
      ref.kind === 'id' ? (byId.get(ref.id) ?? { externalId: ref.id }) : byName.get(ref.name)
  }))
}

/** First occurrence wins: a name and an id of one organization count once. */
function unique(consumers: readonly Consumer[]): Consumer[] {
  const seen = new Map<string, Consumer>()
  for (const c of consumers) if (!seen.has(c.externalId)) seen.set(c.externalId, c)
  return [...seen.values()]
}

function isConsumer(value: Consumer | undefined): value is Consumer {
  return value !== undefined
}

function show(ref: ConsumerRef): string {
  return ref.kind === 'id' ? ref.id : ref.name
}

function describe(consumers: readonly Consumer[]): string {
  const names = consumers.slice(0, 5).map(consumerLabel)
  if (consumers.length > 5) names.push(`and ${consumers.length - 5} more`)
  return `${consumers.length} consumer${consumers.length === 1 ? '' : 's'} (${names.join(', ')})`
}
