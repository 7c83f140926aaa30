// What TFE's answers mean, worded once for every run: no such organization, a token that is not a
// site administrator's, a TFE that cannot list module consumers, an endpoint this TFE lacks. Pure
// text from plain values, so that the planner, the engine and the report all say the same thing.
// The facts behind each line: docs/tfe-api.md.
import { capped } from './describe-value.js'
import type { ConsumerRef } from './model.js'

/**
 * Why an admin GET answered 404 (TFE says 404 both for "missing" and for "not yours to see"),
 * once a second look has told them apart (docs/tfe-api.md#what-a-404-means).
 */
export type NotFoundCause =
  | 'endpoint-missing'
  | 'organization-missing'
  | 'not-site-admin'
  | 'organization-missing-or-not-site-admin'

/** `platform: `, or nothing for a line about the whole run. */
function subject(organization: string | undefined): string {
  return organization ? `${capped(organization)}: ` : ''
}

function sentence(text: string, organization: string | undefined): string {
  return organization
    ? `${capped(organization)}: ${text}`
    : text.charAt(0).toUpperCase() + text.slice(1)
}

export function notSiteAdmin(organization?: string): string {
  return sentence(
    "the token is valid but not a site administrator's (HTTP 404 from the admin API). " +
      "Use a site admin's API token.",
    organization
  )
}

/** The admin organizations list itself answered 404, and TFE would not say why. */
export function adminApiNotFound(): string {
  return (
    "The admin organizations API answered HTTP 404: the token is not a site administrator's, or " +
    "this is not TFE. Use a site admin's API token for a TFE hostname."
  )
}

/** A 404 that no second look could explain. */
export function notFoundOrNotSiteAdmin(
  method: string,
  path: string,
  organization?: string
): string {
  return (
    `${subject(organization)}${method} ${path} answered HTTP 404: the organization does not exist, ` +
    "or the token is not a site administrator's. Check the name and use a site admin's token."
  )
}

/** The producer is not on this TFE. `where`: what the user should check. */
export function noSuchProducer(organization: string, where: 'input' | 'file'): string {
  return (
    `${capped(organization)}: no such organization on this TFE (HTTP 404). ` +
    (where === 'input' ? 'Check the organization input.' : "Check the producer's name.")
  )
}

/** Consumers that name no organization of this TFE, by name and by external id. */
export function noSuchConsumers(organization: string, missing: readonly ConsumerRef[]): string {
  const names = missing.flatMap(ref => (ref.kind === 'name' ? [capped(ref.name)] : []))
  const ids = missing.flatMap(ref => (ref.kind === 'id' ? [capped(ref.id)] : []))
  const what = [
    names.length ? `named ${names.join(', ')}` : '',
    ids.length ? `with external id ${ids.join(', ')}` : ''
  ]
    .filter(Boolean)
    .join(', nor any ')
  return (
    `${capped(organization)}: no organization ${what} on this TFE (HTTP 404)${mistypedIds(missing)}; ` +
    'nothing was changed. Check the consumers list.'
  )
}

/** A missing name that starts like an external id may be a mistyped id: say it is not one. */
function mistypedIds(missing: readonly ConsumerRef[]): string {
  const suspects = missing.flatMap(ref =>
    ref.kind === 'name' && ref.looksLikeId ? [capped(ref.name)] : []
  )
  if (suspects.length === 0) return ''
  return (
    `, and ${suspects.join(', ')} ${suspects.length === 1 ? 'is not a valid external id' : 'are not valid external ids'} ` +
    'either (org- followed by 16 base58 characters, as in org-939hp5K7kecppVmd)'
  )
}

/** The relationships endpoint (v202103-1) is missing: today's consumer lists cannot be read. */
export const CANNOT_LIST_CONSUMERS = 'this TFE does not list module consumers'

/** What a summary says of a producer whose list before the run is unknown. */
export const listsUnknownNote = `This TFE does not list module consumers, so the list before this run is unknown.`

/** The warning of a run that writes lists it could not read first. */
export function listsUnknown(organizations: readonly string[]): string {
  if (organizations.length === 1) {
    return `${organizations[0]}: ${CANNOT_LIST_CONSUMERS}, so the list before this run is unknown.`
  }
  return (
    `${sentence(CANNOT_LIST_CONSUMERS, undefined)}, so the lists of ${organizations.length} producers ` +
    'before this run are unknown; their whole lists are written.'
  )
}

/**
 * Export needs every list; a TFE that cannot tell who shares, or cannot list consumers, would give
 * a partial file, so it gives none. `filterStatus`: the answer to `filter[module_producer]`.
 */
export function cannotExport(kind: 'modules' | 'providers', filterStatus?: number): string {
  const providers = kind === 'providers'
  const why =
    filterStatus === undefined
      ? providers
        ? `${CANNOT_LIST_PROVIDER_CONSUMERS}, so today's provider consumer lists cannot be read`
        : `${CANNOT_LIST_CONSUMERS} (no relationships endpoint, HTTP 404), so today's consumer lists cannot be read; the endpoint came with TFE v202103-1`
      : providers
        ? `this TFE did not filter organizations by provider sharing (HTTP ${filterStatus}), so who shares providers cannot be read; run export with an api other than registry-partnerships to export module sharing alone`
        : `this TFE did not filter organizations by module sharing (HTTP ${filterStatus}), so who shares cannot be read; the filter came with TFE v202103-1`
  return `export: ${why}. No file was written, and nothing in TFE was changed.`
}

/**
 * Provider sharing is written only through registry-partnerships (TFE v202301-1 and later,
 * docs/tfe-api.md#registry-partnerships): a run on another API cannot manage it.
 */
export function providersNeedRegistryPartnerships(api: string): string {
  return (
    `provider sharing is written only through registry-partnerships (TFE v202301-1 or later), and ` +
    `this run's api is ${api}; set api: registry-partnerships, or leave provider-consumers and ` +
    'global-provider-sharing out of the file'
  )
}

/** This TFE answered 404 for the provider-consumers list: older than v202301-1. */
export const CANNOT_LIST_PROVIDER_CONSUMERS =
  'this TFE does not list provider consumers (HTTP 404): provider sharing needs TFE v202301-1 or later'

/** A write endpoint this TFE lacks, named with the release that brought it. */
export function endpointMissing(organization: string, what: string, since: string): string {
  return (
    `${organization}: this TFE does not offer ${what} (HTTP 404 although the organization exists). ` +
    `${since ? `It came with TFE ${since}; ` : ''}check the TFE version, or choose another api.`
  )
}

/** The explained 404 of an organization's own read. */
export function describeNotFound(cause: NotFoundCause, organization: string): string {
  switch (cause) {
    case 'not-site-admin':
      return notSiteAdmin(organization)
    case 'organization-missing':
      return noSuchProducer(organization, 'input')
    default:
      return (
        `${organization}: organization not found, or the token is not a site administrator's (HTTP 404). ` +
        "Check the organization name and use a site admin's API token."
      )
  }
}

/** TFE's own words, when it gave any, end in a full stop; the sentence goes on after them. */
function withoutStop(text: string): string {
  return text.replace(/[.\s]+$/, '')
}

/** An HTTP error of TFE's, as a person reads it: what it means and what to do. */
export function httpError(
  answer: { method: string; path: string; status: number; details: string; message: string },
  host: string,
  nothingWritten: boolean
): string {
  const { status, method, path } = answer
  const said = answer.details ? `: ${withoutStop(answer.details)}` : ''
  if (status === 401) {
    return (
      `${host} rejected the token (HTTP 401): it is missing, expired or invalid. ` +
      "Use a site administrator's API token (token input or TFE_TOKEN)."
    )
  }
  if (status === 404) return notFoundOrNotSiteAdmin(method, path)
  if (status === 422) {
    return `TFE refused the request (HTTP 422)${said}. Check the consumers list${nothingWritten ? '; nothing was changed' : ''}.`
  }
  if (status === 429) {
    return `TFE's rate limit was exceeded (HTTP 429)${said}. Run again later, or ask a TFE admin to raise the limit.`
  }
  if (status >= 300 && status < 400) {
    // Never followed: the token would go wherever the redirect points.
    return `${method} ${path} answered HTTP ${status}${said}.`
  }
  if (status >= 500) {
    return `${withoutStop(answer.message)}. TFE or a proxy in front of it failed; run again later, and check TFE's health if it persists.`
  }
  return `${withoutStop(answer.message)}.`
}
