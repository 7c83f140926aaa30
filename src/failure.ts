// Turns any error into the one line a person reads in the step's log and annotation:
// which organization, what happened (with the HTTP status), and what to do next.
import { InputError } from './inputs.js'
import { PlanConflict } from './plan.js'
import type { NotFoundCause } from './tfe/account.js'
import { TfeApiError, TfeResponseError, TfeTransportError } from './tfe/errors.js'

/** A failure whose message is already written for the user. */
export class Failure extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Failure'
  }
}

export interface FailureContext {
  organization?: string
  baseUrl?: string
  /** Removed from the line whatever happens: a server could echo it back. */
  secrets?: readonly string[]
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME/

export function describeFailure(error: unknown, context: FailureContext = {}): string {
  const subject = context.organization ? `${context.organization}: ` : ''
  const host = context.baseUrl ?? 'TFE'
  let line: string
  if (error instanceof InputError) {
    line = `Invalid input: ${error.message}`
  } else if (error instanceof Failure || error instanceof PlanConflict) {
    line = error.message
  } else if (error instanceof TfeApiError) {
    line = subject + describeApiError(error, host)
  } else if (error instanceof TfeTransportError) {
    const hint = TLS_CODES.test(error.code)
      ? "Check hostname, and pass TFE's CA certificate in ca-certificate if it is private."
      : error.code === 'ETIMEDOUT'
        ? 'Check hostname, the network and any proxy, or raise timeout-seconds if TFE is slow.'
        : 'Check hostname, the network and any proxy (HTTPS_PROXY, NO_PROXY).'
    line = `${subject}could not reach ${host}: ${error.message}. ${hint}`
  } else if (error instanceof TfeResponseError) {
    line = `${subject}unexpected answer from ${host}: ${error.message}. Check that hostname points at Terraform Enterprise.`
  } else {
    const message = error instanceof Error ? error.message : String(error)
    line = `${subject}unexpected error: ${message}`
  }
  return redact(line.replace(/\s*[\r\n]+\s*/g, ' '), context.secrets ?? [])
}

function describeApiError(error: TfeApiError, host: string): string {
  const { status } = error
  const said = error.details ? `: ${withoutStop(error.details)}` : ''
  if (status === 401) {
    return (
      `${host} rejected the token (HTTP 401): it is missing, expired or invalid. ` +
      "Use a site administrator's API token (token input or TFE_TOKEN)."
    )
  }
  if (status === 404) {
    return (
      `${error.request.method} ${error.request.path} answered HTTP 404: the organization does not exist, ` +
      "or the token is not a site administrator's. Check the name and use a site admin's token."
    )
  }
  if (status === 422) {
    return `TFE refused the request (HTTP 422)${said}. Check the consumers list; nothing was changed.`
  }
  if (status === 429) {
    return `TFE's rate limit was exceeded (HTTP 429)${said}. Run again later, or ask a TFE admin to raise the limit.`
  }
  if (status >= 300 && status < 400) {
    return `${error.request.method} ${error.request.path} was redirected (HTTP ${status})${said}.`
  }
  if (status >= 500) {
    return `${withoutStop(error.message)}. TFE or a proxy in front of it failed; run again later, and check TFE's health if it persists.`
  }
  return `${withoutStop(error.message)}.`
}

/** TFE's details often end in a full stop; the sentence goes on after them. */
function withoutStop(text: string): string {
  return text.replace(/[.\s]+$/, '')
}

/** The line for a 404 that a second look has explained. */
export function describeNotFound(
  cause: NotFoundCause,
  organization: string,
  what: string
): Failure {
  switch (cause) {
    case 'endpoint-missing':
      return new Failure(
        `${organization}: this TFE does not offer ${what} (HTTP 404 although the organization exists). ` +
          'It was added in TFE v202012-1 and may be removed after its deprecation; check the TFE version.'
      )
    case 'not-site-admin':
      return new Failure(
        `${organization}: the token is valid but not a site administrator's (HTTP 404 from the admin API). ` +
          "Use a site admin's API token."
      )
    case 'organization-missing':
      return new Failure(
        `${organization}: no such organization on this TFE (HTTP 404). Check the organization input.`
      )
    default:
      return new Failure(
        `${organization}: organization not found, or the token is not a site administrator's (HTTP 404). ` +
          "Check the organization name and use a site admin's API token."
      )
  }
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***')
  }
  return out
}
