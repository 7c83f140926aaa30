// Organizations: names ↔ external ids, and the admin settings of one organization
// (docs/tfe-api.md#organization-names-and-external-ids).
import type { Page, Query, TfeClient } from './client.js'
import { isRecord } from './response.js'
import { mapConcurrently } from './concurrency.js'
import { TfeApiError, TfeResponseError } from './errors.js'

export interface Organization {
  name: string
  externalId: string
  globalModuleSharing: boolean
  globalProviderSharing: boolean
}

/** Lookups in flight at once: well inside the 30 requests/second an admin user shares. */
const LOOKUP_CONCURRENCY = 8
const ADMIN_ORGANIZATIONS = '/admin/organizations'

export function organizationPath(name: string): string {
  return `${ADMIN_ORGANIZATIONS}/${encodeURIComponent(name)}`
}

export async function getOrganization(client: TfeClient, name: string): Promise<Organization> {
  const path = organizationPath(name)
  const response = await client.get(path)
  return decodeOrganization(
    isRecord(response.document) ? response.document.data : undefined,
    `GET ${path}`
  )
}

/**
 * PATCH the organization's `global-module-sharing`. Turning it on wipes the consumer list
 * (TFE's docs say those partnerships are lost); the plan has checked that before calling this.
 */
export async function setGlobalModuleSharing(
  client: TfeClient,
  name: string,
  enabled: boolean
): Promise<Organization> {
  return setGlobalSharing(client, name, 'global-module-sharing', enabled)
}

/**
 * PATCH the organization's `global-provider-sharing`, set as its module twin is
 * (docs/tfe-api.md#provider-sharing); by analogy, turning it on wipes the provider consumers.
 */
export async function setGlobalProviderSharing(
  client: TfeClient,
  name: string,
  enabled: boolean
): Promise<Organization> {
  return setGlobalSharing(client, name, 'global-provider-sharing', enabled)
}

async function setGlobalSharing(
  client: TfeClient,
  name: string,
  attribute: 'global-module-sharing' | 'global-provider-sharing',
  enabled: boolean
): Promise<Organization> {
  const path = organizationPath(name)
  const response = await client.patch(path, {
    data: { type: 'organizations', attributes: { [attribute]: enabled } }
  })
  return decodeOrganization(
    isRecord(response.document) ? response.document.data : undefined,
    `PATCH ${path}`
  )
}

/** An `organizations` resource: `id` is the name, `attributes.external-id` the id. */
export function decodeOrganization(resource: unknown, where: string): Organization {
  const attributes =
    isRecord(resource) && isRecord(resource.attributes) ? resource.attributes : undefined
  const name = attributes?.name ?? (isRecord(resource) ? resource.id : undefined)
  const externalId = attributes?.['external-id']
  if (typeof name !== 'string' || typeof externalId !== 'string' || !name || !externalId) {
    const [method = 'GET', path = where] = where.split(' ')
    throw new TfeResponseError(
      { method, path },
      200,
      `${where} answered with an organization that has no name or external-id`
    )
  }
  return {
    name,
    externalId,
    globalModuleSharing: attributes?.['global-module-sharing'] === true,
    globalProviderSharing: attributes?.['global-provider-sharing'] === true
  }
}

export interface Wanted {
  names: readonly string[]
  ids: readonly string[]
}

export interface Found {
  organizations: Organization[]
  missingNames: string[]
  missingIds: string[]
  /** Every page of the list was read: what is missing is not on this TFE. */
  complete: boolean
}

/**
 * Finds organizations by name and by external id with as few requests as it can. TFE has a
 * lookup by name but none by id, so ids need the admin list (100 a page). One or two names are
 * looked up one by one; for more, the first page of the list (which also tells the page count
 * P) decides: the names still missing are looked up one by one if that is cheaper than the
 * remaining pages. N names thus cost at most min(N, P) + 1 requests, and at most N when the
 * first page holds one of them. `seen` hears of every organization a list page shows, wanted or
 * not, so that a caller can answer later questions without asking again.
 */
export async function findOrganizations(
  client: TfeClient,
  wanted: Wanted,
  seen: (org: Organization) => void = () => {}
): Promise<Found> {
  const names = new Set(wanted.names)
  const ids = new Set(wanted.ids)
  const found = new Map<string, Organization>()
  let complete = false
  const take = (org: Organization): void => {
    const byName = names.delete(org.name)
    const byId = ids.delete(org.externalId)
    if (byName || byId) found.set(org.externalId, org)
  }
  const takePage = (page: Page): void =>
    page.items.forEach((item, i) => {
      const org = decodeOrganization(item, `GET ${ADMIN_ORGANIZATIONS} item ${i}`)
      seen(org)
      take(org)
    })

  if (ids.size === 0 && names.size <= 2) {
    await lookUpEach(client, [...names], take)
  } else {
    const first = await client.getPage(ADMIN_ORGANIZATIONS, 1)
    takePage(first)
    let next = first.next
    const pagesLeft = first.totalPages !== undefined ? first.totalPages - 1 : Infinity
    if (next !== undefined && ids.size === 0 && names.size <= pagesLeft) {
      await lookUpEach(client, [...names], take)
    } else {
      // The rest of the list, a few pages at a time, stopping once everything is found.
      while (next !== undefined && (names.size > 0 || ids.size > 0)) {
        const batch =
          first.totalPages !== undefined
            ? range(next, Math.min(first.totalPages, next + LOOKUP_CONCURRENCY - 1))
            : [next]
        const pages = await mapConcurrently(batch, LOOKUP_CONCURRENCY, page =>
          client.getPage(ADMIN_ORGANIZATIONS, page)
        )
        pages.forEach(takePage)
        next = pages[pages.length - 1]?.next
      }
      complete = next === undefined
    }
  }
  return {
    organizations: [...found.values()],
    missingNames: [...names],
    missingIds: [...ids],
    complete
  }
}

/**
 * Every organization of the admin list, 100 a page. The first page tells the page count (when
 * TFE sends `meta.pagination`); the rest are fetched a few at a time, and the rate limiter, not
 * this function, sets the pace. `moduleProducer` adds `filter[module_producer]` (v202103-1+),
 * `providerProducer` `filter[provider_producer]` (docs/tfe-api.md#finding-the-organizations-that-share).
 */
export async function listOrganizations(
  client: TfeClient,
  {
    moduleProducer,
    providerProducer
  }: { moduleProducer?: boolean; providerProducer?: boolean } = {}
): Promise<Organization[]> {
  const query: Query = {}
  if (moduleProducer !== undefined) query['filter[module_producer]'] = String(moduleProducer)
  if (providerProducer !== undefined) query['filter[provider_producer]'] = String(providerProducer)
  const first = await client.getPage(ADMIN_ORGANIZATIONS, 1, query)
  const pages = [first]
  if (first.totalPages !== undefined && first.next !== undefined) {
    const rest = range(first.next, first.totalPages)
    pages.push(
      ...(await mapConcurrently(rest, LIST_CONCURRENCY, page =>
        client.getPage(ADMIN_ORGANIZATIONS, page, query)
      ))
    )
  }
  // Without a page count, or if the list grew while it was read: on, one page at a time.
  for (let next = pages[pages.length - 1]?.next; next !== undefined;) {
    const page = await client.getPage(ADMIN_ORGANIZATIONS, next, query)
    pages.push(page)
    next = page.next
  }
  const seen = new Map<string, Organization>()
  pages.forEach((page, p) =>
    page.items.forEach((item, i) => {
      const org = decodeOrganization(item, `GET ${ADMIN_ORGANIZATIONS} page ${p + 1} item ${i}`)
      seen.set(org.name, org)
    })
  )
  return [...seen.values()]
}

/** Pages in flight at once while listing: enough to keep the rate limiter's pace. */
const LIST_CONCURRENCY = 8

/** GET each name; a 404 leaves it missing so the user hears of all of them at once. */
async function lookUpEach(
  client: TfeClient,
  names: readonly string[],
  take: (org: Organization) => void
): Promise<void> {
  await mapConcurrently(names, LOOKUP_CONCURRENCY, async name => {
    try {
      take(await getOrganization(client, name))
    } catch (error) {
      if (!(error instanceof TfeApiError && error.status === 404)) throw error
    }
  })
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}
