// Turns any error into the one line a person reads in the step's log and annotation:
// which organization, what happened (with the HTTP status), and what to do next.
import { ActionError, ApplyError, InputError } from '../domain/errors.js'
import type { Outcome, Unmanaged } from '../domain/outcome.js'
import { httpError } from '../domain/tfe-answers.js'
import { TfeApiError, TfeResponseError, TfeTransportError } from '../tfe/errors.js'
import { CommentError } from './comment.js'

export interface FailureContext {
  organization?: string
  baseUrl?: string
  /** Removed from the line whatever happens: a server could echo it back. */
  secrets?: readonly string[]
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)|ALTNAME/

export function describeFailure(error: unknown, context: FailureContext = {}): string {
  let line: string
  if (error instanceof ApplyError) {
    // afterWrites says what is changed, so the cause does not say it again.
    line = `${describeCause(error.cause, context, false)} ${afterWrites(error)}`
  } else {
    line = describeCause(error, context, true)
  }
  return redact(line.replace(/\s*[\r\n]+\s*/g, ' '), context.secrets ?? [])
}

/**
 * What is true of TFE after a failed apply. A write that got no answer may have taken effect;
 * every write here sets a whole list or one flag, so running again is safe either way.
 */
function afterWrites({ written, cause }: ApplyError): string {
  if (written.length > 0) {
    return (
      `Already changed in TFE: ${written.join('; ')}. ` +
      'Check the organization in TFE; running again is safe.'
    )
  }
  if (cause instanceof TfeTransportError) {
    return (
      "The write's outcome is unknown: TFE may have applied it. Running again is safe " +
      '(every write sets a whole list or one flag).'
    )
  }
  return 'Nothing was changed.'
}

/** `nothingWritten`: whether the line may say so (true before any write was sent). */
function describeCause(error: unknown, context: FailureContext, nothingWritten: boolean): string {
  const subject = context.organization ? `${context.organization}: ` : ''
  const host = context.baseUrl ?? 'TFE'
  if (error instanceof InputError) return `Invalid input: ${error.message}`
  if (error instanceof ActionError) return error.message
  if (error instanceof TfeApiError) {
    const { method, path } = error.request
    const answer = {
      method,
      path,
      status: error.status,
      details: error.details,
      message: error.message
    }
    return subject + httpError(answer, host, nothingWritten)
  }
  if (error instanceof TfeTransportError) {
    const hint =
      error.code === 'ERR_SSL_WRONG_VERSION_NUMBER'
        ? "Check that hostname's port serves HTTPS."
        : TLS_CODES.test(error.code)
          ? "Check hostname, and pass TFE's CA certificate in ca-certificate if it is private."
          : error.code === 'ETIMEDOUT'
            ? 'Check hostname, the network and any proxy, or raise timeout-seconds if TFE is slow.'
            : 'Check hostname, the network and any proxy (HTTPS_PROXY, NO_PROXY).'
    return `${subject}could not reach ${host}: ${error.message}. ${hint}`
  }
  if (error instanceof TfeResponseError) {
    return `${subject}unexpected answer from ${host}: ${error.message}. Check that hostname points at Terraform Enterprise.`
  }
  const message = error instanceof Error ? error.message : String(error)
  return `${subject}unexpected error: ${message}`
}

/**
 * Why the pull request comment could not be written: a warning, since the sharing change stands.
 * Advice about permissions only where GitHub refused them.
 */
export function describeCommentFailure(
  error: unknown,
  context: { organization: string; apiUrl?: string; secrets?: readonly string[] }
): string {
  const { number, status } = error instanceof CommentError ? error : { number: 0, status: 0 }
  const where = number ? `pull request #${number}` : 'the pull request'
  let advice: string
  if (status === 401) {
    advice = 'github-token was refused; keep it at its default (${{ github.token }}).'
  } else if (status === 403 || status === 404) {
    advice =
      'Give the job permissions: pull-requests: write, and keep github-token at its default ' +
      '(pull requests from forks get a read-only token).'
  } else if (status) {
    advice = 'GitHub failed; the next run writes the comment.'
  } else if (number) {
    advice = `Check that ${context.apiUrl || 'the GitHub API'} is reachable from the runner (HTTPS_PROXY, NO_PROXY).`
  } else {
    advice = 'Check that the workflow runs on pull_request or pull_request_target events.'
  }
  const message = oneLine(error instanceof Error ? error.message : String(error))
  const line =
    `${context.organization}: could not comment on ${where}` +
    `${status ? ` (HTTP ${status})` : ''}: ${message}. ${advice}`
  return redact(line, context.secrets ?? [])
}

/** Why the drift issue could not be kept: a warning, since the check's own result stands. */
export function describeIssueFailure(
  error: unknown,
  context: { subject: string; apiUrl?: string; secrets?: readonly string[] }
): string {
  const status = error instanceof CommentError ? error.status : undefined
  const advice =
    status === 401
      ? 'github-token was refused; keep it at its default (${{ github.token }}).'
      : status === 403 || status === 404
        ? 'Give the job permissions: issues: write, and keep github-token at its default.'
        : status
          ? 'GitHub failed; the next run keeps the issue.'
          : `Check that ${context.apiUrl || 'the GitHub API'} is reachable from the runner (HTTPS_PROXY, NO_PROXY).`
  const message = oneLine(error instanceof Error ? error.message : String(error))
  const line =
    `${context.subject}: could not keep the drift issue${status ? ` (HTTP ${status})` : ''}: ` +
    `${message}. ${advice}`
  return redact(line, context.secrets ?? [])
}

function oneLine(text: string): string {
  const first = text.split(/\r?\n/)[0] ?? ''
  return first.replace(/[.\s]+$/, '')
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***')
  }
  return out
}

/** Names, at most `max` of them, and how many more: a line stays readable with 500 producers. */
function someNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ')
  return names.length > max ? `${shown} and ${names.length - max} more` : shown
}

/** The step's one line when a file run's producers failed; undefined when none did. */
export function filesFailureLine(
  { producers, wrote }: Pick<Outcome, 'producers' | 'wrote'>,
  dryRun: boolean
): string | undefined {
  const failed = producers.filter(p => p.result === 'failed').map(p => p.desired.organization)
  if (failed.length === 0) return undefined
  const of = `${failed.length} of ${producers.length} producer${producers.length === 1 ? '' : 's'}`
  if (!wrote) {
    return (
      `${of} cannot be planned (${someNames(failed)}), so ${dryRun ? 'this dry run stops there' : 'nothing was written to any producer'}. ` +
      'See the annotations on the sharing files.'
    )
  }
  const changed = producers.filter(p => p.result === 'changed').length
  return (
    `${of} failed to be written (${someNames(failed)}); ${changed} other${changed === 1 ? ' was' : 's were'} changed. ` +
    'See the annotations; running again is safe.'
  )
}

/** fail-on-drift: TFE differs from what is asked, by the inputs or by the sharing files. */
export function driftLine(
  drifted: readonly string[],
  total: number,
  from: 'inputs' | 'files'
): string {
  return (
    `Drift: ${drifted.length} of ${total} producer${total === 1 ? '' : 's'} differ${drifted.length === 1 ? 's' : ''} from ` +
    `${from === 'files' ? 'the sharing files' : 'what is asked'} (${someNames(drifted)}). ` +
    (from === 'files'
      ? 'Run the apply to make TFE match the files, or, if TFE is right, export its sharing and review it into the files.'
      : 'Apply the change, or change the inputs to match TFE.')
  )
}

/**
 * fail-on-unmanaged: organizations share today what no sharing file manages. Given the entries
 * (not only their names), it says which kinds each one shares once provider sharing is in play:
 * some file states it (`providersManaged`), or an organization shares providers unmanaged. A
 * producer whose file states only providers may share modules that no file manages.
 */
export function unmanagedLine(
  unmanaged: readonly Unmanaged[],
  /** Whether the run looked for provider sharing too (registry-partnerships): then say kinds. */
  providersLooked: boolean
): string {
  const n = unmanaged.length
  if (providersLooked) {
    // Each entry shares at least one kind: that is what made it unmanaged.
    const kinds = ({ organization, modules, providers }: Unmanaged) =>
      `${organization} (${[modules ? 'modules' : '', providers ? 'providers' : ''].filter(Boolean).join(', ')})`
    return (
      `Unmanaged: ${n} organization${n === 1 ? ' shares' : 's share'} modules or providers ` +
      `that no sharing file manages (${someNames(unmanaged.map(kinds))}). ` +
      'Add that sharing to a sharing file (export writes their sharing today), or stop it in TFE.'
    )
  }
  return (
    `Unmanaged: ${n} organization${n === 1 ? ' shares' : 's share'} modules ` +
    `but ${n === 1 ? 'is' : 'are'} in no sharing file (${someNames(unmanaged.map(u => u.organization))}). ` +
    'Add them to a sharing file (export writes their sharing today), or stop their sharing in TFE.'
  )
}
