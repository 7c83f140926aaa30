// What a 404 means. TFE answers 404 both for "does not exist" and for "you may not see it",
// and also for an endpoint this TFE does not have: a second look tells them apart (the
// account's is-site-admin here; the producer's own read, in sharing/resolver.ts).
// docs/tfe-api.md#what-a-404-means
import type { TfeClient } from './client.js'
import { isRecord } from './response.js'

export type NotFoundCause =
  /** The organization exists, so the endpoint is what is missing. */
  | 'endpoint-missing'
  | 'organization-missing'
  | 'not-site-admin'
  /** The second look failed too: could be either. */
  | 'organization-missing-or-not-site-admin'

/** `is-site-admin` of the token's user, or undefined when TFE does not say. */
export async function isSiteAdmin(client: TfeClient): Promise<boolean | undefined> {
  const response = await client.get('/account/details')
  const data = isRecord(response.document) ? response.document.data : undefined
  const flag =
    isRecord(data) && isRecord(data.attributes) ? data.attributes['is-site-admin'] : undefined
  return typeof flag === 'boolean' ? flag : undefined
}

/** After a 404 from an admin GET: is it the token, or is the thing really not there? */
export async function whoCannotSee(client: TfeClient): Promise<NotFoundCause> {
  try {
    const admin = await isSiteAdmin(client)
    if (admin === false) return 'not-site-admin'
    if (admin === true) return 'organization-missing'
  } catch {
    // fall through: the account endpoint is no help here
  }
  return 'organization-missing-or-not-site-admin'
}
