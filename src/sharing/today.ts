// What TFE holds today: a producer's consumer lists before a plan, and who shares modules at all,
// for the organizations no one asks about (unmanaged) and for export. One reader for both, so
// that a plan's "unmanaged" and an export never disagree about the same TFE.
import type { Kind } from '../domain/desired.js'
import { ActionError } from '../domain/errors.js'
import { type Api, type Consumer, asConsumer, byCodePoint } from '../domain/model.js'
import { cannotExport } from '../domain/tfe-answers.js'
import type { TfeClient } from '../tfe/client.js'
import { mapConcurrently } from '../tfe/concurrency.js'
import { TfeApiError, isNotFound } from '../tfe/errors.js'
import { listModuleConsumers, listProviderConsumers } from '../tfe/module-sharing.js'
import { type Organization, listOrganizations } from '../tfe/organizations.js'
import type { OrganizationDirectory } from './resolver.js'

/** Requests in flight at once; the client's rate limiter, not this number, sets the pace. */
export const IN_FLIGHT = 16

export interface ConsumerLists {
  /** undefined: this TFE has no relationships endpoint, so today's list is unknown. */
  consumers: Organization[] | undefined
  /** Read only for the registry-partnerships API, which must send them back unchanged. */
  providerConsumers: Organization[] | undefined
}

/**
 * A producer's lists today: one request, or two for the registry-partnerships API. A 404 means
 * this TFE lacks the endpoint, or that the producer does not exist: the caller knows which.
 */
export async function readConsumerLists(
  client: TfeClient,
  organization: string,
  api: Api
): Promise<ConsumerLists> {
  const [consumers, providerConsumers] = await Promise.allSettled([
    listModuleConsumers(client, organization),
    api === 'registry-partnerships' ? listProviderConsumers(client, organization) : undefined
  ])
  return { consumers: orUnknown(consumers), providerConsumers: orUnknown(providerConsumers) }
}

function orUnknown<T>(read: PromiseSettledResult<T | undefined>): T | undefined {
  if (read.status === 'fulfilled') return read.value
  if (isNotFound(read.reason)) return undefined
  throw read.reason
}

/** An organization that shares its modules (or its providers) today. */
export interface Sharer {
  organization: string
  global: boolean
  /** Its consumers; undefined when it shares globally or this TFE cannot list them. */
  consumers: Consumer[] | undefined
}

export interface SharingToday {
  /** Sorted by name. */
  sharers: Sharer[]
  /** Worth a warning: what could not be found out. */
  warnings: string[]
}

/**
 * TFE's `filter[module_producer]=true` list (or `filter[provider_producer]` for providers),
 * started early so that it runs beside the producers' reads. A TFE that refuses the filter (4xx)
 * leaves it undefined.
 */
export function listSharing(
  client: TfeClient,
  kind: Kind = 'modules'
): Promise<Organization[] | TfeApiError> {
  const filter = kind === 'modules' ? { moduleProducer: true } : { providerProducer: true }
  return listOrganizations(client, filter).catch((error: unknown) => {
    if (error instanceof TfeApiError && error.status >= 400 && error.status < 500) return error
    throw error
  })
}

const NOUN: Record<Kind, string> = { modules: 'module', providers: 'provider' }

function sharesGlobally(org: Organization, kind: Kind): boolean {
  return kind === 'modules' ? org.globalModuleSharing : org.globalProviderSharing
}

/**
 * Who shares modules (or providers, by `kind`) today, apart from `exclude`. TFE's docs say the filter lists organizations
 * "configured to share their modules" without saying whether global sharing counts
 * (docs/tfe-api.md#finding-the-organizations-that-share), so nothing is taken on trust: a
 * candidate counts if its global flag is on, or if its consumer list is not empty. Global sharers
 * the filter may leave out are certain only from the whole organizations list: read when
 * `certain` (export, drift checks), or when the run has read it anyway.
 */
export async function findSharers(
  client: TfeClient,
  directory: OrganizationDirectory,
  filtered: Organization[] | TfeApiError,
  {
    certain,
    exclude,
    kind = 'modules',
    alreadyRead = new Map()
  }: {
    certain: boolean
    exclude: ReadonlySet<string>
    kind?: Kind
    /** Lists this run has read already (a producer's, of a kind it does not manage): not asked again. */
    alreadyRead?: ReadonlyMap<string, readonly Organization[]>
  }
): Promise<SharingToday> {
  const warnings: string[] = []
  const global = new Set<string>()
  // Without the filter, global sharers are all that can be found, and only from the whole list.
  if (certain || directory.listed || filtered instanceof TfeApiError) {
    for (const org of await directory.all()) if (sharesGlobally(org, kind)) global.add(org.name)
  }
  let candidates: Organization[] = []
  if (filtered instanceof TfeApiError) {
    warnings.push(
      `This TFE did not filter organizations by ${NOUN[kind]} sharing (HTTP ${filtered.status}), so only ` +
        'organizations that share globally can be reported as unmanaged.'
    )
  } else {
    for (const org of filtered) {
      if (sharesGlobally(org, kind) && !directory.listed) global.add(org.name)
    }
    candidates = filtered.filter(org => !global.has(org.name) && !exclude.has(org.name))
  }
  const read = kind === 'modules' ? listModuleConsumers : listProviderConsumers
  const lists = await mapConcurrently(candidates, IN_FLIGHT, async org => {
    const known = alreadyRead.get(org.name)
    if (known) return known.map(asConsumer)
    return read(client, org.name).then(
      list => list.map(asConsumer),
      (error: unknown) => {
        // No relationships endpoint: TFE's filter is all there is to go by.
        if (isNotFound(error)) return undefined
        throw error
      }
    )
  })
  const sharers: Sharer[] = [...global]
    .filter(name => !exclude.has(name))
    .map(organization => ({ organization, global: true, consumers: undefined }))
  candidates.forEach((org, i) => {
    const consumers = lists[i]
    if (consumers === undefined || consumers.length > 0) {
      sharers.push({ organization: org.name, global: false, consumers })
    }
  })
  return { sharers: sharers.sort((a, b) => byCodePoint(a.organization, b.organization)), warnings }
}

/**
 * Every organization's module sharing today (or provider sharing, by `kind`), for export: certain,
 * or nothing. A TFE that cannot filter organizations or list their consumers would give a partial
 * file, so it gives none.
 */
export async function readSharingToday(
  client: TfeClient,
  directory: OrganizationDirectory,
  log: (line: string) => void,
  kind: Kind = 'modules'
): Promise<Sharer[]> {
  const [filtered] = await Promise.all([listSharing(client, kind), directory.all()])
  if (filtered instanceof TfeApiError) throw new ActionError(cannotExport(kind, filtered.status))
  const { sharers } = await findSharers(client, directory, filtered, {
    certain: true,
    exclude: new Set(),
    kind
  })
  if (sharers.some(s => !s.global && s.consumers === undefined)) {
    throw new ActionError(cannotExport(kind))
  }
  const global = sharers.filter(s => s.global).length
  const of = kind === 'modules' ? '' : ' (providers)'
  log(
    `${(await directory.all()).length} organizations${of}: ${global} share globally, ${sharers.length - global} with a consumer list`
  )
  return sharers
}
