// Every input is read and validated here, once, into one typed Settings object.
// Nothing after readSettings() looks at an input again.
import * as core from '@actions/core'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  APIS,
  type Api,
  type ConsumerRef,
  MODES,
  type Mode,
  isExternalId,
  isOrganizationName
} from './model.js'

export interface Settings {
  organization: string
  consumers: ConsumerRef[]
  token: string
  /** `https://host[:port]`, or `http://` for a loopback host; no trailing slash. */
  baseUrl: string
  allowEmpty: boolean
  mode: Mode
  dryRun: boolean
  /** undefined: leave global module sharing as the consumer list implies. */
  globalModuleSharing: boolean | undefined
  api: Api
  /** Only to comment on pull requests; undefined when no comment is wanted. */
  pullRequestComment: { githubToken: string } | undefined
  maxRetries: number
  timeoutMs: number
  /** PEM of a private CA to trust, in addition to the usual roots. */
  caCertificate: string | undefined
}

/** A value the user gave is unusable. Carries the input's name so the message can point at it. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
    this.name = 'InputError'
  }
}

/** Where inputs come from: the runner's INPUT_* variables in production, a plain object in tests. */
export interface InputSource {
  input(name: string): string
  env(name: string): string | undefined
  /** Registers a secret so the runner masks it in every later log line. */
  mask(secret: string): void
}

export const actionInputs: InputSource = {
  input: name => core.getInput(name),
  env: name => process.env[name],
  mask: secret => core.setSecret(secret)
}

export function readSettings(source: InputSource = actionInputs): Settings {
  // The tokens are masked before anything else happens, so no later line can leak them.
  const token = source.input('token') || source.env('TFE_TOKEN')?.trim() || ''
  if (token) source.mask(token)
  const githubToken = source.input('github-token')
  if (githubToken) source.mask(githubToken)

  const organization = parseOrganization(source.input('organization'))
  const consumers = parseConsumers(source.input('consumers'), organization)
  const allowEmpty = parseBoolean('allow-empty', source.input('allow-empty'), false)
  const baseUrl = parseHostname(
    source.input('hostname') || source.env('TFE_HOSTNAME')?.trim() || '',
    source.env('TFE_ADDRESS')?.trim() || ''
  )
  const mode = parseChoice('mode', source.input('mode'), MODES, 'set')
  const dryRun = parseBoolean('dry-run', source.input('dry-run'), false)
  const globalInput = source.input('global-module-sharing')
  const globalModuleSharing =
    globalInput === '' ? undefined : parseBoolean('global-module-sharing', globalInput, false)
  const api = parseChoice('api', source.input('api'), APIS, 'module-consumers')
  const commentOnPr = parseBoolean('comment-on-pr', source.input('comment-on-pr'), false)
  const maxRetries = parseNumber('max-retries', source.input('max-retries'), 5, {
    min: 0,
    max: 20,
    integer: true
  })
  const timeoutSeconds = parseNumber('timeout-seconds', source.input('timeout-seconds'), 30, {
    min: 1,
    max: 600
  })
  const caCertificate = parseCaCertificate(source.input('ca-certificate'))
  validateToken(token)
  if (commentOnPr && !githubToken) {
    throw new InputError(
      'github-token',
      'comment-on-pr is true but github-token is empty; leave github-token at its default (${{ github.token }}) and grant pull-requests: write'
    )
  }

  checkCombination(organization, consumers, mode, globalModuleSharing, allowEmpty)
  return {
    organization,
    consumers,
    token,
    baseUrl,
    allowEmpty,
    mode,
    dryRun,
    globalModuleSharing,
    api,
    pullRequestComment: commentOnPr ? { githubToken } : undefined,
    maxRetries,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    caCertificate
  }
}

/**
 * Conflicts that the inputs alone reveal. Those that depend on what TFE holds today (wiping
 * existing consumers, an empty result of `remove`) are the plan's to find, still before any write.
 */
function checkCombination(
  organization: string,
  consumers: readonly ConsumerRef[],
  mode: Mode,
  global: boolean | undefined,
  allowEmpty: boolean
): void {
  if (mode !== 'set' && global !== undefined) {
    throw new InputError(
      'global-module-sharing',
      `global-module-sharing cannot be combined with mode: ${mode}; use mode: set (the default) to change global sharing`
    )
  }
  if (mode !== 'set' && consumers.length === 0) {
    throw new InputError(
      'consumers',
      `mode: ${mode} needs at least one organization in consumers to ${mode === 'add' ? 'add' : 'remove'}`
    )
  }
  if (global === true && consumers.length > 0) {
    throw new InputError(
      'consumers',
      'global-module-sharing: true shares with every organization and clears the consumer list; leave consumers empty'
    )
  }
  if (mode === 'set' && global !== true && consumers.length === 0 && !allowEmpty) {
    throw new InputError(
      'consumers',
      `consumers is empty, which would remove every module consumer of ${organization}; ` +
        `list the consuming organizations, or set allow-empty: true to really remove them all`
    )
  }
}

export function parseChoice<T extends string>(
  name: string,
  raw: string,
  choices: readonly T[],
  fallback: T
): T {
  const value = raw.trim()
  if (value === '') return fallback
  if ((choices as readonly string[]).includes(value)) return value as T
  throw new InputError(
    name,
    `${name} must be one of ${choices.join(', ')}, not "${printable(value)}"`
  )
}

export function parseOrganization(raw: string): string {
  const value = raw.trim()
  if (!value) {
    throw new InputError(
      'organization',
      'organization is required: the name of the producing organization'
    )
  }
  if (isExternalId(value)) {
    throw new InputError(
      'organization',
      `organization takes the producing organization's name, not its external id (${value})`
    )
  }
  if (!isOrganizationName(value)) {
    throw new InputError(
      'organization',
      `organization "${printable(value)}" is not a valid organization name (letters, digits, - and _ only)`
    )
  }
  return value
}

/**
 * Splits on newlines and commas, drops blanks, classifies each entry and collapses exact
 * duplicates. A name and the id of the same organization collapse later, once names are resolved.
 */
export function parseConsumers(raw: string, producer: string): ConsumerRef[] {
  const refs: ConsumerRef[] = []
  const seen = new Set<string>()
  const invalid: string[] = []
  for (const entry of raw.split(/[\r\n,]+/)) {
    const value = entry.trim()
    if (!value || seen.has(value)) continue
    seen.add(value)
    if (isExternalId(value)) {
      refs.push({ kind: 'id', id: value })
    } else if (isOrganizationName(value)) {
      if (value === producer) {
        throw new InputError(
          'consumers',
          `consumers lists ${producer} itself; an organization always uses its own modules, remove it from the list`
        )
      }
      refs.push({ kind: 'name', name: value })
    } else {
      invalid.push(value)
    }
  }
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 5).map(v => `"${printable(v)}"`)
    if (invalid.length > 5) shown.push(`and ${invalid.length - 5} more`)
    throw new InputError(
      'consumers',
      `consumers has ${invalid.length === 1 ? 'an entry that is' : 'entries that are'} neither an external id ` +
        `(org- and 16 characters) nor an organization name: ${shown.join(', ')}`
    )
  }
  return refs
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

/**
 * Accepts `tfe.example.com`, `tfe.example.com:8443` or `https://tfe.example.com`; `http://` only for
 * a loopback host, so a token never crosses a network in clear text.
 */
export function parseHostname(hostname: string, address: string): string {
  const raw = (hostname || address).trim()
  if (!raw) {
    throw new InputError(
      'hostname',
      'no TFE hostname: set the hostname input (e.g. tfe.example.com) or the TFE_HOSTNAME or TFE_ADDRESS environment variable'
    )
  }
  // Whatever is shown of the value leaves out credentials someone may have pasted into it.
  // Up to the last @ before the path: a password may itself contain @.
  const shown = printable(raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#\\]*@/i, '$1***@'))
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)
  let url: URL
  try {
    url = new URL(hasScheme ? raw : `https://${raw}`)
  } catch {
    throw new InputError('hostname', `hostname "${shown}" is not a host name or URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('hostname', `hostname "${shown}" must use https://`)
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new InputError(
      'hostname',
      `hostname "${shown}" uses plain http://, which would send the token unencrypted; use https://`
    )
  }
  if (url.username || url.password || url.search || url.hash || !/^\/?$/.test(url.pathname)) {
    throw new InputError(
      'hostname',
      `hostname "${shown}" must be only a host (and port), like tfe.example.com or https://tfe.example.com:8443`
    )
  }
  return `${url.protocol}//${url.host}`
}

export function parseNumber(
  name: string,
  raw: string,
  fallback: number,
  { min, max, integer = false }: { min: number; max: number; integer?: boolean }
): number {
  const value = raw.trim()
  if (value === '') return fallback
  const number = Number(value)
  if (
    !/^\d+(\.\d+)?$/.test(value) ||
    (integer && !Number.isInteger(number)) ||
    number < min ||
    number > max
  ) {
    throw new InputError(
      name,
      `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${printable(value)}"`
    )
  }
  return number
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** PEM text, or the path of a PEM file; every certificate in it must parse. */
export function parseCaCertificate(raw: string): string | undefined {
  const value = raw.trim()
  if (value === '') return undefined
  let pem = value
  if (!value.includes('-----BEGIN')) {
    try {
      pem = readFileSync(value, 'utf8')
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'unreadable'
      throw new InputError(
        'ca-certificate',
        `ca-certificate is neither PEM text nor a readable file: "${printable(value)}" (${code})`
      )
    }
  }
  const blocks = pem.match(PEM_BLOCK) ?? []
  if (blocks.length === 0) {
    throw new InputError(
      'ca-certificate',
      'ca-certificate holds no PEM certificate (-----BEGIN CERTIFICATE-----)'
    )
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block)
    } catch {
      throw new InputError(
        'ca-certificate',
        `ca-certificate: certificate ${i + 1} of ${blocks.length} is not valid PEM`
      )
    }
  })
  return blocks.join('\n') + '\n'
}

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** YAML 1.2 core-schema booleans, as core.getBooleanInput reads them, but with a one-line error. */
export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw new InputError(name, `${name} must be true or false, not "${printable(value)}"`)
}

function validateToken(token: string): void {
  if (!token) {
    throw new InputError(
      'token',
      "no TFE token: pass a site administrator's API token in the token input (e.g. ${{ secrets.TFE_TOKEN }}) or the TFE_TOKEN environment variable"
    )
  }
  // Only visible ASCII fits in an Authorization header; anything else (a zero-width space
  // pasted along with it) would fail every request with a misleading network error.
  if (/[^\x21-\x7e]/.test(token)) {
    throw new InputError(
      'token',
      'the token contains white space or invisible characters; copy it again without them'
    )
  }
}

/** Shows a user's value on one line, shortened: control characters would break annotations. */
function printable(value: string): string {
  const flat = value.replace(/[\p{Cc}\u2028\u2029]/gu, '\uFFFD')
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat
}
