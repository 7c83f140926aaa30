// The consumers the user listed, turned into external ids: names are looked up, and a name
// and an id of the same organization collapse into one.
import { Failure } from './failure.js'
import type { ConsumerRef } from './inputs.js'
import type { TfeClient } from './tfe/client.js'
import { whoCannotSee } from './tfe/account.js'
import { lookUpOrganizations } from './tfe/organizations.js'

export async function resolveConsumerIds(
  client: TfeClient,
  organization: string,
  refs: readonly ConsumerRef[],
  log: (line: string) => void = () => {}
): Promise<string[]> {
  const names = refs.flatMap(ref => (ref.kind === 'name' ? [ref.name] : []))
  const idByName = new Map<string, string>()
  if (names.length > 0) {
    log(`Looking up ${names.length} organization name${names.length === 1 ? '' : 's'}`)
    const { found, missing } = await lookUpOrganizations(client, names)
    if (missing.length > 0) {
      if ((await whoCannotSee(client)) === 'not-site-admin') {
        throw new Failure(
          `${organization}: the token is valid but not a site administrator's, so consumers cannot be looked up ` +
            "(HTTP 404 from the admin API). Use a site admin's API token."
        )
      }
      throw new Failure(
        `${organization}: no organization named ${missing.join(', ')} on this TFE (HTTP 404); ` +
          'nothing was changed. Check the consumers list.'
      )
    }
    for (const org of found) idByName.set(org.name, org.externalId)
  }
  const ids = refs.map(ref => (ref.kind === 'id' ? ref.id : (idByName.get(ref.name) as string)))
  return [...new Set(ids)]
}
