// The consumers the user listed, made known by name and external id: today's consumers need
// no lookup, and the rest are looked up only where the run needs them.
import { Failure } from './failure.js'
import type { Settings } from './inputs.js'
import { type Consumer, asConsumer } from './model.js'
import type { TfeClient } from './tfe/client.js'
import { whoCannotSee } from './tfe/account.js'
import { findOrganizations } from './tfe/organizations.js'

export async function resolveConsumers(
  client: TfeClient,
  settings: Pick<Settings, 'organization' | 'consumers' | 'mode' | 'api' | 'dryRun'>,
  previous: readonly Consumer[] | undefined,
  log: (line: string) => void = () => {}
): Promise<Consumer[]> {
  const known = [...(previous ?? [])]
  // Removing needs only today's list: what is not on it is not removed either.
  if (settings.mode === 'remove') return known

  const knownNames = new Set(known.map(c => c.name))
  const knownIds = new Set(known.map(c => c.externalId))
  const names = settings.consumers.flatMap(ref =>
    ref.kind === 'name' && !knownNames.has(ref.name) ? [ref.name] : []
  )
  // The seed endpoint takes ids as they are; the others take names, and a plan shows names.
  const idsNeedNames = settings.api !== 'module-consumers' || settings.dryRun
  const ids = idsNeedNames
    ? settings.consumers.flatMap(ref =>
        ref.kind === 'id' && !knownIds.has(ref.id) ? [ref.id] : []
      )
    : []
  if (names.length === 0 && ids.length === 0) return known

  const what = [
    names.length ? `${names.length} name${names.length === 1 ? '' : 's'}` : '',
    ids.length ? `${ids.length} external id${ids.length === 1 ? '' : 's'}` : ''
  ].filter(Boolean)
  log(`Looking up ${what.join(' and ')}`)
  const found = await findOrganizations(client, { names, ids })
  const missing = [...found.missingNames, ...found.missingIds]
  if (missing.length > 0) {
    if ((await whoCannotSee(client)) === 'not-site-admin') {
      throw new Failure(
        `${settings.organization}: the token is valid but not a site administrator's, so consumers cannot be ` +
          "looked up (HTTP 404 from the admin API). Use a site admin's API token."
      )
    }
    throw new Failure(
      `${settings.organization}: no organization ${describeMissing(found.missingNames, found.missingIds)} on this TFE ` +
        '(HTTP 404); nothing was changed. Check the consumers list.'
    )
  }
  return [...known, ...found.organizations.map(asConsumer)]
}

function describeMissing(names: string[], ids: string[]): string {
  return [
    names.length ? `named ${names.join(', ')}` : '',
    ids.length ? `with external id ${ids.join(', ')}` : ''
  ]
    .filter(Boolean)
    .join(', nor any ')
}
