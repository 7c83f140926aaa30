// What TFE holds today for the producer, read before anything is written.
import { describeNotFound } from './failure.js'
import { type Api, type Consumer, asConsumer } from './model.js'
import type { TfeClient } from './tfe/client.js'
import { whoCannotSee } from './tfe/account.js'
import { TfeApiError } from './tfe/errors.js'
import { listModuleConsumers, listProviderConsumers } from './tfe/module-sharing.js'
import { type Organization, getOrganization } from './tfe/organizations.js'

export interface SharingState {
  producer: Organization
  /** undefined: this TFE has no relationships endpoint, so today's list is unknown. */
  consumers: Consumer[] | undefined
  /** Read only for the registry-partnerships API, which must send them back unchanged. */
  providerConsumers: Consumer[] | undefined
}

export async function readState(
  client: TfeClient,
  organization: string,
  api: Api
): Promise<SharingState> {
  // The reads don't depend on each other: together they cost one round trip, not two or three.
  const [producer, consumers, providerConsumers] = await Promise.allSettled([
    getOrganization(client, organization),
    listModuleConsumers(client, organization),
    api === 'registry-partnerships' ? listProviderConsumers(client, organization) : undefined
  ])
  if (producer.status === 'rejected') {
    const error: unknown = producer.reason
    if (error instanceof TfeApiError && error.status === 404) {
      throw describeNotFound(
        await whoCannotSee(client),
        organization,
        'the admin organizations API'
      )
    }
    throw error
  }
  return {
    producer: producer.value,
    consumers: orUnknown(consumers),
    providerConsumers: orUnknown(providerConsumers)
  }
}

/**
 * The lists alone, for a producer already known to exist (from the organizations list of a file
 * run): one request, or two for the registry-partnerships API.
 */
export async function readConsumerLists(
  client: TfeClient,
  organization: string,
  api: Api
): Promise<Pick<SharingState, 'consumers' | 'providerConsumers'>> {
  const [consumers, providerConsumers] = await Promise.allSettled([
    listModuleConsumers(client, organization),
    api === 'registry-partnerships' ? listProviderConsumers(client, organization) : undefined
  ])
  return { consumers: orUnknown(consumers), providerConsumers: orUnknown(providerConsumers) }
}

/** The organization exists, so a 404 here means this TFE lacks the endpoint. */
function orUnknown(read: PromiseSettledResult<Organization[] | undefined>): Consumer[] | undefined {
  if (read.status === 'fulfilled') return read.value?.map(asConsumer)
  const error: unknown = read.reason
  if (error instanceof TfeApiError && error.status === 404) return undefined
  throw error
}
