// The module-consumers endpoints, one function per endpoint (docs/tfe-api.md: each endpoint's
// section, and #which-release-brought-what).
import type { TfeClient } from './client.js'
import { isRecord } from './response.js'
import { TfeResponseError } from './errors.js'
import { type Organization, decodeOrganization, organizationPath } from './organizations.js'

/** One partnership of the seed endpoint's answer: who consumes whose modules. */
export interface Partnership {
  id: string
  consumer: { externalId: string; name: string }
  producer: { externalId: string; name: string }
}

const PARTNERSHIP_ATTRIBUTES = [
  'consuming-organization-id',
  'consuming-organization-name',
  'producing-organization-id',
  'producing-organization-name'
] as const

/**
 * PATCH /admin/organizations/:name/module-consumers (TFE v202012-1+, deprecated since v202301-1).
 * Takes external ids, replaces the whole list, turns global sharing off, and answers with the
 * resulting partnerships.
 */
export async function setModuleConsumers(
  client: TfeClient,
  producer: string,
  consumerIds: readonly string[]
): Promise<Partnership[]> {
  const path = `${organizationPath(producer)}/module-consumers`
  const response = await client.patch(path, {
    data: {
      type: 'module-partnerships',
      attributes: { 'module-consuming-organization-ids': consumerIds }
    }
  })
  const data = isRecord(response.document) ? response.document.data : undefined
  if (!Array.isArray(data)) {
    throw new TfeResponseError(
      { method: 'PATCH', path },
      response.status,
      `PATCH ${path} answered HTTP ${response.status} without the list of partnerships`
    )
  }
  return data.map(item => decodePartnership(item, path))
}

function decodePartnership(item: unknown, path: string): Partnership {
  const attributes = isRecord(item) && isRecord(item.attributes) ? item.attributes : {}
  const id = isRecord(item) ? item.id : undefined
  const missing = PARTNERSHIP_ATTRIBUTES.filter(key => typeof attributes[key] !== 'string')
  if (typeof id !== 'string' || missing.length > 0) {
    throw new TfeResponseError(
      { method: 'PATCH', path },
      200,
      `PATCH ${path} answered with a partnership lacking ${typeof id !== 'string' ? 'id' : missing.join(', ')}`
    )
  }
  const text = (key: (typeof PARTNERSHIP_ATTRIBUTES)[number]) => attributes[key] as string
  return {
    id,
    consumer: {
      externalId: text('consuming-organization-id'),
      name: text('consuming-organization-name')
    },
    producer: {
      externalId: text('producing-organization-id'),
      name: text('producing-organization-name')
    }
  }
}

/**
 * GET .../relationships/module-consumers (TFE v202103-1+), every page. Empty while the
 * producer shares globally or with nobody.
 */
export async function listModuleConsumers(
  client: TfeClient,
  producer: string
): Promise<Organization[]> {
  return listRelationship(client, `${organizationPath(producer)}/relationships/module-consumers`)
}

/** GET .../relationships/provider-consumers (TFE v202301-1+), every page. */
export async function listProviderConsumers(
  client: TfeClient,
  producer: string
): Promise<Organization[]> {
  return listRelationship(client, `${organizationPath(producer)}/relationships/provider-consumers`)
}

async function listRelationship(client: TfeClient, path: string): Promise<Organization[]> {
  const items = await client.getAll(path)
  return items.map((item, i) => decodeOrganization(item, `GET ${path} item ${i}`))
}

/**
 * PATCH .../relationships/module-consumers with consumer **names**: replaces the list and
 * answers 204 with no body, so the caller reads the result back.
 */
export async function setModuleConsumerRelationships(
  client: TfeClient,
  producer: string,
  consumerNames: readonly string[]
): Promise<void> {
  await client.patch(`${organizationPath(producer)}/relationships/module-consumers`, {
    data: consumerNames.map(name => ({ type: 'organizations', id: name }))
  })
}

/**
 * PUT .../registry-partnerships (TFE v202301-1+): sets module **and** provider consumers, by
 * name, in one call. The docs' table spells the keys in kebab case (their sample in snake
 * case); the caller verifies the result with the relationships GETs.
 */
export async function putRegistryPartnerships(
  client: TfeClient,
  producer: string,
  consumers: { moduleConsumers: readonly string[]; providerConsumers: readonly string[] }
): Promise<void> {
  await client.put(`${organizationPath(producer)}/registry-partnerships`, {
    data: {
      type: 'registry-partnerships',
      attributes: {
        'module-consumers': consumers.moduleConsumers,
        'provider-consumers': consumers.providerConsumers
      }
    }
  })
}
