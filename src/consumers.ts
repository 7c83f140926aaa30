// The consumers the user listed, made known by name and external id: today's consumers need
// no lookup, and the rest are looked up only where the run needs them.
import { ActionError } from './errors.js'
import { type Consumer, type ConsumerRef, asConsumer } from './model.js'
import type { Desired, Writing } from './sharing.js'
import type { TfeClient } from './tfe/client.js'
import { whoCannotSee } from './tfe/account.js'
import { findOrganizations } from './tfe/organizations.js'

export async function resolveConsumers(
  client: TfeClient,
  settings: Pick<Desired, 'organization' | 'consumers' | 'mode'>,
  { api, dryRun }: Writing,
  previous: readonly Consumer[] | undefined,
  log: (line: string) => void = () => {}
): Promise<Consumer[]> {
  const known = [...(previous ?? [])]
  const knownNames = new Set(known.map(c => c.name))
  const knownIds = new Set(known.map(c => c.externalId))
  const names = settings.consumers.flatMap(ref =>
    ref.kind === 'name' && !knownNames.has(ref.name) ? [ref.name] : []
  )
  // The seed endpoint takes ids as they are; the others take names, and a plan shows names.
  // Removing needs only today's list, except that a name on no list at all is a typo to report:
  // an id that is not a consumer is not removed either, and needs no lookup to say so.
  const idsNeedNames = settings.mode !== 'remove' && (api !== 'module-consumers' || dryRun)
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
      throw new ActionError(
        'tfe',
        `${settings.organization}: the token is valid but not a site administrator's, so consumers cannot be ` +
          "looked up (HTTP 404 from the admin API). Use a site admin's API token."
      )
    }
    throw new ActionError(
      'conflict',
      `${settings.organization}: no organization ${describeMissing(found.missingNames, found.missingIds)} on this TFE ` +
        `(HTTP 404)${mistypedIds(settings.consumers, found.missingNames)}; nothing was changed. Check the consumers list.`
    )
  }
  return [...known, ...found.organizations.map(asConsumer)]
}

/** A missing name that starts like an external id may be a mistyped id: say it is not one. */
function mistypedIds(refs: readonly ConsumerRef[], missingNames: readonly string[]): string {
  const missing = new Set(missingNames)
  const suspects = refs.flatMap(ref =>
    ref.kind === 'name' && ref.looksLikeId && missing.has(ref.name) ? [ref.name] : []
  )
  if (suspects.length === 0) return ''
  return (
    `, and ${suspects.join(', ')} ${suspects.length === 1 ? 'is not a valid external id' : 'are not valid external ids'} ` +
    'either (org- followed by 16 base58 characters, as in org-939hp5K7kecppVmd)'
  )
}

function describeMissing(names: string[], ids: string[]): string {
  return [
    names.length ? `named ${names.join(', ')}` : '',
    ids.length ? `with external id ${ids.join(', ')}` : ''
  ]
    .filter(Boolean)
    .join(', nor any ')
}
