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
  let producer: Organization
  try {
    producer = await getOrganization(client, organization)
  } catch (error) {
    if (error instanceof TfeApiError && error.status === 404) {
      throw describeNotFound(
        await whoCannotSee(client),
        organization,
        'the admin organizations API'
      )
    }
    throw error
  }
  const consumers = await orUnknown(() => listModuleConsumers(client, organization))
  const providerConsumers =
    api === 'registry-partnerships'
      ? await orUnknown(() => listProviderConsumers(client, organization))
      : undefined
  return { producer, consumers, providerConsumers }
}

/** The organization exists, so a 404 here means this TFE lacks the endpoint. */
async function orUnknown(read: () => Promise<Organization[]>): Promise<Consumer[] | undefined> {
  try {
    return (await read()).map(asConsumer)
  } catch (error) {
    if (error instanceof TfeApiError && error.status === 404) return undefined
    throw error
  }
}
