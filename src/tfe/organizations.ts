// Organizations: names ↔ external ids, and what the admin API says about one organization.
import { type TfeClient, isRecord } from './client.js'
import { mapConcurrently } from './concurrency.js'
import { TfeApiError, TfeResponseError } from './errors.js'

export interface Organization {
  name: string
  externalId: string
  globalModuleSharing: boolean
}

const LOOKUP_CONCURRENCY = 8

export async function getOrganization(client: TfeClient, name: string): Promise<Organization> {
  const path = `/admin/organizations/${encodeURIComponent(name)}`
  const response = await client.get(path)
  const data = isRecord(response.document) ? response.document.data : undefined
  return decodeOrganization(data, `GET ${path}`)
}

/** An `organizations` resource: `id` is the name, `attributes.external-id` the id. */
export function decodeOrganization(resource: unknown, where: string): Organization {
  const attributes =
    isRecord(resource) && isRecord(resource.attributes) ? resource.attributes : undefined
  const name = attributes?.name ?? (isRecord(resource) ? resource.id : undefined)
  const externalId = attributes?.['external-id']
  if (typeof name !== 'string' || typeof externalId !== 'string') {
    throw new TfeResponseError(
      { method: 'GET', path: where },
      200,
      `${where} answered with an organization that has no name or external-id`
    )
  }
  return { name, externalId, globalModuleSharing: attributes?.['global-module-sharing'] === true }
}

export interface NameLookup {
  found: Organization[]
  /** Names TFE answered 404 for. */
  missing: string[]
}

/** Looks each name up; a 404 is collected as missing so the user hears of all of them at once. */
export async function lookUpOrganizations(
  client: TfeClient,
  names: readonly string[]
): Promise<NameLookup> {
  const results = await mapConcurrently(names, LOOKUP_CONCURRENCY, async name => {
    try {
      return await getOrganization(client, name)
    } catch (error) {
      if (error instanceof TfeApiError && error.status === 404) return name
      throw error
    }
  })
  return {
    found: results.filter((r): r is Organization => typeof r !== 'string'),
    missing: results.filter((r): r is string => typeof r === 'string')
  }
}
