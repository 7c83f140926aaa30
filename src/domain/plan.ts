// Pure planning: from what TFE holds today and what the user asked for, the list and global
// setting a run leaves behind, and every conflict, before anything is written. No I/O here.
import type { Kind } from './desired.js'
import { PlanConflict } from './errors.js'
import {
  CANNOT_LIST_CONSUMERS,
  CANNOT_LIST_PROVIDER_CONSUMERS,
  providersNeedRegistryPartnerships
} from './tfe-answers.js'
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
  /** False: module sharing is not managed and stays as it is (a file stating only providers). */
  managesModules?: boolean
  /** Provider sharing asked for (the whole list, or global); undefined: not managed. */
  providers?: { requested: readonly ConsumerRef[]; global: boolean } | undefined
  /**
   * The provider consumer list today, read for the registry-partnerships API (which sends it back
   * unchanged when providers are not managed); undefined when this TFE cannot list it.
   */
  providerConsumers?: readonly Consumer[] | undefined
  /** Global provider sharing today. */
  globalProviderSharing?: boolean
}

/** A whole consumer list, as the chosen API takes it: the name-based APIs need every name. */
export type ListWrite =
  | { api: 'module-consumers'; consumers: Consumer[] }
  | { api: 'relationships'; consumers: NamedConsumer[] }
  | {
      api: 'registry-partnerships'
      /** The module list sent: the plan's, or today's when modules are not managed. */
      consumers: NamedConsumer[]
      /** The provider list sent: the plan's, or today's (sent back unchanged) when not managed. */
      providerConsumers: NamedConsumer[]
      /** Whether the plan manages provider sharing, or sends today's list back. */
      providersManaged: boolean
    }

/** One write, in the order apply sends them: list writes first, then global flags. */
export type Step =
  | { kind: 'global-on'; of: Kind }
  | { kind: 'list'; write: ListWrite }
  /** After a list write TFE may have turned global sharing off: confirm, and only then set it. */
  | { kind: 'global-off'; of: Kind; confirmFirst: boolean }

/** One kind's sharing before and after a run: its list and its global flag. */
export interface KindPlan {
  previous: Consumer[]
  next: Consumer[]
  added: Consumer[]
  removed: Consumer[]
  /** next in order, each kept or added, then the removed ones. */
  rows: { consumer: Consumer; change: Change }[]
  global: { before: boolean; after: boolean }
  listChanged: boolean
}

/** The module fields are a KindPlan's, except that today's list may be unknown. */
export interface Plan extends Omit<KindPlan, 'previous'> {
  organization: string
  mode: Mode
  api: Api
  /** undefined when this TFE cannot list module consumers (no relationships endpoint). */
  previous: Consumer[] | undefined
  /** Does the run change anything? True when today's list is unknown (a set must write it). */
  changed: boolean
  /**
   * False when the run leaves module sharing as it is (a file stating only providers): the module
   * fields above then show today's sharing, unchanged.
   */
  managesModules: boolean
  /** Provider sharing before and after; undefined when the run does not manage it. */
  providers: KindPlan | undefined
  /** Worth a warning, not a failure: e.g. a consumer to remove that is not one. */
  warnings: string[]
  /** Everything apply sends, in order; empty when nothing changes. */
  steps: Step[]
}

export function makePlan(input: PlanInput): Plan {
  const { organization, mode, previous, globalBefore } = input
  const managesModules = input.managesModules !== false
  // Not managed: today's sharing, as it is.
  const modules = managesModules
    ? planModules(input)
    : { next: [...(previous ?? [])], globalAfter: globalBefore, warnings: [] }
  const providers = input.providers ? planProviders(input, input.providers) : undefined

  const { next, globalAfter, warnings } = modules
  const { added, removed, rows } = compare(previous, next)
  const listChanged =
    managesModules && (previous === undefined || added.length > 0 || removed.length > 0)

  // A list is written unless global sharing replaces it, or global sharing is turned off to leave
  // it empty (one write instead of two).
  const moduleList = managesModules && !globalAfter && !(globalBefore && next.length === 0)
  const providerList =
    providers !== undefined &&
    !providers.global.after &&
    !(providers.global.before && providers.next.length === 0) &&
    providers.listChanged
  const steps: Step[] = []
  if ((moduleList && listChanged) || providerList) {
    // A list that global sharing will replace keeps today's consumers until the flag changes.
    const modulesSent = managesModules && !globalAfter ? next : [...(previous ?? [])]
    steps.push({ kind: 'list', write: listWrite(input, modulesSent, globalAfter, providers) })
  }
  // Writing a list turns global sharing off (TFE's docs). Writing the list first leaves no moment
  // of sharing with nobody; the flag is then confirmed, and set only if TFE left it on.
  const listed = steps.length > 0
  if (managesModules) {
    steps.push(...globalSteps('modules', { before: globalBefore, after: globalAfter }, listed))
  }
  if (providers) steps.push(...globalSteps('providers', providers.global, listed))
  return {
    organization,
    mode,
    api: input.api,
    previous: previous === undefined ? undefined : [...previous],
    next,
    added,
    removed,
    rows,
    global: { before: globalBefore, after: globalAfter },
    changed: steps.length > 0,
    listChanged,
    warnings,
    steps,
    managesModules,
    providers
  }
}

function globalSteps(
  of: Kind,
  { before, after }: { before: boolean; after: boolean },
  listWritten: boolean
): Step[] {
  if (after && !before) return [{ kind: 'global-on', of }]
  if (before && !after) return [{ kind: 'global-off', of, confirmFirst: listWritten }]
  return []
}

/**
 * What a run changes in one list: who is added, who removed, and every row (the next list in
 * order, each kept or added, then the removed ones). When today's list is unknown (undefined),
 * `added` is empty (nothing can be said to be new) and every row reads as added (the whole list
 * is set).
 */
function compare(
  previous: readonly Consumer[] | undefined,
  next: readonly Consumer[]
): Pick<KindPlan, 'added' | 'removed' | 'rows'> {
  const previousIds = new Set((previous ?? []).map(c => c.externalId))
  const nextIds = new Set(next.map(c => c.externalId))
  const added = previous === undefined ? [] : next.filter(c => !previousIds.has(c.externalId))
  const removed = (previous ?? []).filter(c => !nextIds.has(c.externalId))
  const rows: KindPlan['rows'] = [
    ...next.map(consumer => ({
      consumer,
      change: (previous === undefined || !previousIds.has(consumer.externalId)
        ? 'added'
        : 'kept') as Change
    })),
    ...removed.map(consumer => ({ consumer, change: 'removed' as Change }))
  ]
  return { added, removed, rows }
}

/** The module list and global setting a run asks for, or why it cannot be planned. */
function planModules(input: PlanInput): {
  next: Consumer[]
  globalAfter: boolean
  warnings: string[]
} {
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

  if (input.globalModuleSharing === true) {
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
    return { next: [], globalAfter: true, warnings }
  }
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
  let next: Consumer[]
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
  return { next, globalAfter: false, warnings }
}

/**
 * The provider list and global setting a sharing file asks for: always the whole list (mode set),
 * written only through registry-partnerships, on a TFE that lists provider consumers.
 */
function planProviders(
  input: PlanInput,
  asked: { requested: readonly ConsumerRef[]; global: boolean }
): KindPlan {
  const { organization, api } = input
  if (api !== 'registry-partnerships') {
    throw new PlanConflict(
      `${organization}: ${providersNeedRegistryPartnerships(api)}. Nothing was changed.`
    )
  }
  const previous = input.providerConsumers
  if (previous === undefined) {
    throw new PlanConflict(
      `${organization}: ${CANNOT_LIST_PROVIDER_CONSUMERS}; leave provider-consumers and ` +
        'global-provider-sharing out of the file. Nothing was changed.'
    )
  }
  const before = input.globalProviderSharing === true
  let next: Consumer[] = []
  if (!asked.global) {
    const requested = match(asked.requested, input.known)
    const itself = requested.find(r => r.consumer && r.consumer.externalId === input.producerId)
    if (itself) {
      throw new PlanConflict(
        `${organization}: provider-consumers lists ${organization} itself (${input.producerId}); ` +
          'an organization always uses its own providers, remove it from the list. Nothing was changed.'
      )
    }
    const unresolved = requested.filter(r => !r.consumer).map(r => show(r.ref))
    if (unresolved.length > 0) {
      // The caller resolves every name before planning; reaching here is a bug, not bad input.
      throw new PlanConflict(`${organization}: could not resolve ${unresolved.join(', ')}`)
    }
    next = unique(requested.map(r => r.consumer).filter(isConsumer))
  }
  if (next.length === 0 && !input.allowEmpty && previous.length > 0) {
    // Worded as for modules; files always allow empty (the review confirms), other callers may not.
    const what = asked.global
      ? `turning global provider sharing on wipes its ${describe(previous)}`
      : `this run would leave no provider consumers (removing ${describe(previous)})`
    throw new PlanConflict(
      `${organization}: ${what}; set allow-empty: true to accept that. Nothing was changed.`
    )
  }
  const { added, removed, rows } = compare(previous, next)
  return {
    previous: [...previous],
    next,
    added,
    removed,
    rows,
    global: { before, after: asked.global },
    listChanged: added.length > 0 || removed.length > 0
  }
}

/** The list as the chosen API takes it, once it is sure the API can write it without doubt. */
function listWrite(
  input: PlanInput,
  modules: readonly Consumer[],
  modulesGlobalAfter: boolean,
  providers: KindPlan | undefined
): ListWrite {
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
    refuseGlobalLoss(input, modulesGlobalAfter, providers)
    return {
      api,
      consumers: named(organization, modules),
      providerConsumers: named(organization, providers?.next ?? input.providerConsumers),
      providersManaged: providers !== undefined
    }
  }
  return api === 'relationships'
    ? { api, consumers: named(organization, modules) }
    : { api, consumers: [...modules] }
}

/**
 * One registry-partnerships call sets both lists, and writing a list turns that kind's global
 * sharing off (by analogy with modules: docs/tfe-api.md#provider-sharing). A kind that shares
 * with every organization and should go on doing so would lose it: refuse the producer instead.
 */
function refuseGlobalLoss(
  input: PlanInput,
  modulesGlobalAfter: boolean,
  providers: KindPlan | undefined
): void {
  const { organization } = input
  if (input.globalProviderSharing && (providers?.global.after ?? true)) {
    throw new PlanConflict(
      providers === undefined
        ? `${organization}: shares its providers with every organization, and a registry-partnerships write ` +
            'may turn that off; use api: relationships or module-consumers. Nothing was changed.'
        : `${organization}: shares its providers with every organization, and the registry-partnerships write ` +
            'that sets its module consumers may turn that off (one call sets both lists); change its ' +
            'module consumers in TFE by hand, or share its providers by a list. Nothing was changed.'
    )
  }
  if (input.globalBefore && modulesGlobalAfter) {
    throw new PlanConflict(
      input.managesModules === false
        ? `${organization}: shares its modules with every organization, and the registry-partnerships write ` +
            'that sets its provider consumers may turn that off (one call sets both lists); state its ' +
            'module sharing in the file as a list, or change its provider consumers in TFE by hand. ' +
            'Nothing was changed.'
        : `${organization}: shares its modules with every organization, and the registry-partnerships write ` +
            'that sets its provider consumers may turn that off (one call sets both lists); change its ' +
            'provider consumers in TFE by hand, or share its modules by a list. Nothing was changed.'
    )
  }
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
