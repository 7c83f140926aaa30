// Every input is read and validated here, once, into one typed Settings object.
// Nothing after readSettings() looks at an input again.
import * as core from '@actions/core'
import { X509Certificate } from 'node:crypto'
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import {
  NAME_CHARACTER,
  characterName,
  QUOTABLE_CHARACTER,
  describe,
  looksLikeToken,
  looksRandom
} from '../domain/describe-value.js'
import { InputError } from '../domain/errors.js'
import type { InputSource, Settings } from './settings.js'
import {
  APIS,
  type ConsumerRef,
  type Mode,
  MODES,
  isExternalId,
  isOrganizationName,
  looksLikeExternalId
} from '../domain/model.js'

export const actionInputs: InputSource = {
  input: name => core.getInput(name),
  env: name => process.env[name],
  mask: secret => core.setSecret(secret)
}

export { InputError }
export type { InputSource, Settings }

export function readSettings(source: InputSource = actionInputs): Settings {
  // The tokens are masked before anything else happens, so no later line can leak them.
  const token = source.input('token') || source.env('TFE_TOKEN')?.trim() || ''
  if (token) source.mask(token)
  const githubToken = source.input('github-token')
  if (githubToken) source.mask(githubToken)

  const workspace = parseWorkingDirectory(
    source.input('working-directory'),
    source.env('GITHUB_WORKSPACE')?.trim() || process.cwd()
  )
  const patterns = parsePatterns(source.input('config'))
  const exported = parseExport(source.input('export'), workspace)
  const exportTo = exported && {
    ...exported,
    // Set by the runner for `uses: owner/repo@ref`; empty for `uses: ./…`.
    schemaUrl: schemaUrlFor({
      repository: source.env('GITHUB_ACTION_REPOSITORY')?.trim(),
      ref: source.env('GITHUB_ACTION_REF')?.trim(),
      serverUrl: source.env('GITHUB_SERVER_URL')?.trim()
    })
  }
  const many = patterns !== '' || exportTo !== undefined
  if (patterns !== '' && exportTo !== undefined) {
    throw new InputError(
      'export',
      'export writes the sharing TFE holds today and config applies sharing files; give one of them per step'
    )
  }
  if (many) checkEmptyWithFiles(source, patterns !== '' ? 'config' : 'export')
  const organization = many ? '' : parseOrganization(source.input('organization'))
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
  const failOnDrift = parseBoolean('fail-on-drift', source.input('fail-on-drift'), false)
  const rateLimit = parseNumber('rate-limit', source.input('rate-limit'), 20, {
    min: 1,
    max: 1000
  })
  const failOnUnmanaged = parseBoolean(
    'fail-on-unmanaged',
    source.input('fail-on-unmanaged'),
    false
  )
  const driftIssue = parseBoolean('drift-issue', source.input('drift-issue'), false)
  validateToken(token)
  if (failOnUnmanaged && patterns === '') {
    throw new InputError(
      'fail-on-unmanaged',
      'fail-on-unmanaged looks for organizations that are in no sharing file, so it needs config'
    )
  }
  if (driftIssue && (patterns === '' || !failOnDrift)) {
    throw new InputError(
      'drift-issue',
      'drift-issue reports what a drift check finds, so it needs config, dry-run: true and fail-on-drift: true'
    )
  }
  if (driftIssue && !githubToken) {
    throw new InputError(
      'github-token',
      'drift-issue is true but github-token is empty; leave github-token at its default (${{ github.token }}) and grant issues: write'
    )
  }
  if (failOnDrift && !dryRun) {
    throw new InputError(
      'fail-on-drift',
      'fail-on-drift checks for drift without changing anything, so it needs dry-run: true'
    )
  }
  if (commentOnPr && !githubToken) {
    throw new InputError(
      'github-token',
      'comment-on-pr is true but github-token is empty; leave github-token at its default (${{ github.token }}) and grant pull-requests: write'
    )
  }

  if (!many) checkCombination(organization, consumers, mode, globalModuleSharing, allowEmpty)
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
    caCertificate,
    config: patterns !== '' ? { patterns, workspace } : undefined,
    exportTo,
    failOnDrift,
    failOnUnmanaged,
    driftIssue: driftIssue ? { githubToken } : undefined,
    rateLimit
  }
}

/** A file states every producer's whole sharing, so a step's inputs for one producer make no sense. */
function checkEmptyWithFiles(source: InputSource, using: 'config' | 'export'): void {
  const given = ['organization', 'consumers', 'mode', 'global-module-sharing'].filter(
    name => source.input(name).trim() !== ''
  )
  if (given.length === 0) return
  throw new InputError(
    given[0] ?? 'organization',
    using === 'config'
      ? `with config, the sharing files state every producer's sharing; leave ${given.join(', ')} empty ` +
          '(write the producer into a sharing file instead)'
      : `export writes the sharing of every organization; leave ${given.join(', ')} empty`
  )
}

/**
 * What a failed run's report needs, read leniently after readSettings failed: whatever does not
 * parse is left out, so that a wrong input still reaches the job summary and, when the run can
 * tell which comment is its own, the pull request.
 */
export function readForFailure(source: InputSource): Pick<
  Settings,
  'dryRun' | 'pullRequestComment' | 'organization' | 'token'
> & {
  config: Pick<NonNullable<Settings['config']>, 'patterns'> | undefined
} {
  const lenient = <T>(read: () => T, fallback: T): T => {
    try {
      return read()
    } catch {
      return fallback
    }
  }
  const patterns = lenient(() => parsePatterns(source.input('config')), '')
  const githubToken = source.input('github-token')
  const comment = lenient(
    () => parseBoolean('comment-on-pr', source.input('comment-on-pr'), false),
    false
  )
  return {
    dryRun: lenient(() => parseBoolean('dry-run', source.input('dry-run'), false), false),
    pullRequestComment: comment && githubToken ? { githubToken } : undefined,
    organization: patterns
      ? ''
      : lenient(() => parseOrganization(source.input('organization')), ''),
    token: source.input('token') || source.env('TFE_TOKEN')?.trim() || '',
    config: patterns ? { patterns } : undefined
  }
}

/**
 * The sharing file patterns, checked here only for a pasted token (they are matched against the
 * workspace later, still before any request): the patterns are quoted in later errors.
 */
export function parsePatterns(raw: string): string {
  const lines = raw.split(/\r\n|\r|\n/)
  lines.forEach((line, i) => {
    const value = line.trim().replace(/^!/, '')
    if (looksLikeToken(value) || looksRandom(value)) {
      throw new InputError(
        'config',
        `config ${lines.length > 1 ? `line ${i + 1} ` : ''}is not a path or pattern: ${describe(value, QUOTABLE_CHARACTER)}${tokenHint(value) || '; it looks like a key or random text'}`
      )
    }
  })
  return raw.trim()
}

/**
 * The folder that sharing files and the export are relative to: the workspace, or a folder in it
 * (e.g. a pull request's files, checked out apart in a workflow that holds the token). Checked
 * through links, so that nothing is read or written outside it.
 */
export function parseWorkingDirectory(raw: string, workspace: string): string {
  const value = raw.trim()
  if (value === '') return workspace
  if (looksLikeToken(value) || looksRandom(value)) {
    throw new InputError(
      'working-directory',
      `working-directory is not a folder path: ${describe(value, QUOTABLE_CHARACTER)}${tokenHint(value) || '; it looks like a key or random text'}`
    )
  }
  const shown =
    /^[A-Za-z0-9_./-]{1,200}$/.test(value) && !looksLikeToken(value) && !looksRandom(value)
  const what = shown ? `"${value}"` : `a value of ${describe(value, QUOTABLE_CHARACTER)}`
  const path = resolve(workspace, value)
  const inside = (from: string, to: string) => {
    const rel = relative(from, to)
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
  }
  if (isAbsolute(value) || /^[A-Za-z]:/.test(value) || !inside(workspace, path)) {
    throw new InputError(
      'working-directory',
      `working-directory must be a folder inside the workspace, relative to it: ${what}${tokenHint(value)}`
    )
  }
  let real: string
  try {
    real = realpathSync(path)
    if (!statSync(real).isDirectory()) throw new Error('not a folder')
  } catch {
    throw new InputError(
      'working-directory',
      `working-directory ${what} is not a folder of the workspace; check out the files there first`
    )
  }
  if (!inside(realpathSync(workspace), real)) {
    throw new InputError(
      'working-directory',
      `working-directory ${what} is a link that leads outside the workspace; give a folder of the workspace`
    )
  }
  return path
}

/**
 * Where editors find the schema (`# yaml-language-server: $schema=...`): the action's own
 * repository at the ref a step runs it by, when it runs as `owner/repo@ref` on github.com; else
 * undefined, and the file has no schema line rather than one that leads nowhere.
 */
export function schemaUrlFor(env: {
  repository?: string
  ref?: string
  serverUrl?: string
}): string | undefined {
  const { repository, ref, serverUrl } = env
  if (!repository || !ref || (serverUrl && serverUrl !== 'https://github.com')) return undefined
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository) || !/^[\w./-]+$/.test(ref)) return undefined
  return `https://raw.githubusercontent.com/${repository}/${ref}/module-sharing.schema.json`
}

/**
 * The export file: relative to the workspace and inside it, so a step can only write where the
 * workflow's checkout is.
 */
export function parseExport(raw: string, workspace: string): Settings['exportTo'] {
  const value = raw.trim()
  if (value === '') return undefined
  if (looksLikeToken(value) || looksRandom(value)) {
    throw new InputError(
      'export',
      `export is not a file path: ${describe(value, QUOTABLE_CHARACTER)}${tokenHint(value) || '; it looks like a key or random text'}`
    )
  }
  const shown = looksLikePath(value) || /^[A-Za-z0-9_./-]{1,200}$/.test(value)
  const what = shown ? `"${value}"` : `a value of ${describe(value, QUOTABLE_CHARACTER)}`
  if (isAbsolute(value) || /^[A-Za-z]:/.test(value)) {
    throw new InputError(
      'export',
      `export must be a path relative to the workspace, not an absolute one: ${what}`
    )
  }
  const path = resolve(workspace, value)
  const file = relative(workspace, path)
  if (file === '' || file.startsWith('..') || isAbsolute(file) || /[\r\n]/.test(value)) {
    throw new InputError(
      'export',
      `export must name a file inside the workspace: ${what}${tokenHint(value)}`
    )
  }
  return { path, file: file.split(sep).join('/'), root: workspace, schemaUrl: undefined }
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
    `${name} must be one of ${choices.join(', ')}, not ${quoteOrDescribe(value)}${tokenHint(value)}`
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
  if (!isOrganizationName(value) || looksLikeToken(value)) {
    throw new InputError(
      'organization',
      `organization is not a valid organization name: ${describe(value, NAME_CHARACTER)} ` +
        `(letters, digits, - and _ only)${tokenHint(value)}`
    )
  }
  return value
}

/**
 * One entry per line or between commas; blanks and comments are dropped: a `#` that starts a
 * line or an entry, or follows white space, comments out the rest of its line (names hold
 * neither). Each entry is classified and exact duplicates collapse. A name and the id of the
 * same organization collapse later, once names are resolved.
 */
export function parseConsumers(raw: string, producer: string): ConsumerRef[] {
  const refs: ConsumerRef[] = []
  const seen = new Set<string>()
  const invalid: { where: string; value: string }[] = []
  const lines = raw.split(/\r\n|\r|\n/)
  lines.forEach((line, lineIndex) => {
    const entries = line
      .replace(/(^|[\s,])#.*$/s, '$1')
      .split(',')
      .map(entry => entry.trim())
      .filter(entry => entry !== '')
    entries.forEach((value, entryIndex) => {
      if (seen.has(value)) return
      seen.add(value)
      if (isExternalId(value)) {
        refs.push({ kind: 'id', id: value })
      } else if (isOrganizationName(value) && !looksLikeToken(value)) {
        if (value === producer) {
          throw new InputError(
            'consumers',
            `consumers lists ${producer} itself; an organization always uses its own modules, remove it from the list`
          )
        }
        refs.push(
          looksLikeExternalId(value)
            ? { kind: 'name', name: value, looksLikeId: true }
            : { kind: 'name', name: value }
        )
      } else {
        const where = [
          lines.length > 1 ? `line ${lineIndex + 1}` : '',
          entries.length > 1 ? `entry ${entryIndex + 1}` : ''
        ]
        invalid.push({ where: where.filter(Boolean).join(', '), value })
      }
    })
  })
  if (invalid.length > 0) {
    // Described, never quoted: a token pasted here must not show in the log.
    const shown = invalid
      .slice(0, 5)
      .map(({ where, value }) => {
        const what = describe(value, NAME_CHARACTER)
        return where ? `${where} (${what})` : what
      })
      .join('; ')
    const more = invalid.length > 5 ? `; and ${invalid.length - 5} more` : ''
    const values = invalid.map(entry => entry.value)
    const hashHint = values.some(value => /^[A-Za-z0-9_-]+#/.test(value))
      ? '; a comment starts with # at the start of a line or after a space'
      : ''
    throw new InputError(
      'consumers',
      `consumers has ${invalid.length === 1 ? 'an entry that is' : `${invalid.length} entries that are`} ` +
        'neither an organization name (letters, digits, - and _) nor an external id ' +
        `(org- and 16 base58 characters): ${shown}${more}${hashHint}${tokenHint(...values)}`
    )
  }
  return refs
}

/**
 * Plain http:// is only for these: the token never crosses a network unencrypted. URL() writes
 * IPv6 in brackets and compressed, and ::ffff:127.0.0.1 as [::ffff:7f00:1].
 */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/i

/** What a host name is written with: letters (any script: IDNA makes them ASCII), digits, - and dots. */
const HOST_CHARACTER = /^[A-Za-z0-9.-]$|^[^\p{ASCII}]$/u
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/
/** Top-level domains are letters, or IDNA's xn-- form; never digits. */
const TOP_LEVEL = /^([a-z]+|xn--[a-z0-9-]+)$/

/**
 * Accepts `tfe.example.com`, `tfe.example.com:8443`, `https://tfe.example.com`, an IPv4 address
 * or an IPv6 one in brackets (`[2001:db8::1]`); `http://` only for a loopback host, so a token
 * never crosses a network in clear text. The value is never shown back (a token or password may
 * have been pasted into it); errors say what is wrong with it instead.
 */
export function parseHostname(hostname: string, address: string): string {
  const raw = (hostname || address).trim()
  if (!raw) {
    throw new InputError(
      'hostname',
      'no TFE hostname: set the hostname input (e.g. tfe.example.com) or the TFE_HOSTNAME or TFE_ADDRESS environment variable'
    )
  }
  const host = splitHost(raw)
  if (typeof host === 'string') throw new InputError('hostname', `hostname ${host}`)
  let url: URL
  try {
    url = new URL(`${host.scheme}://${host.authority}`)
  } catch {
    throw new InputError(
      'hostname',
      host.authority.startsWith('[')
        ? 'hostname has an IPv6 address in brackets that is not valid, e.g. [2001:db8::1]'
        : `hostname is not a host name or URL: ${Array.from(raw).length} characters; give a host ${HOST_EXAMPLE}`
    )
  }
  const problem = hostProblem(url.hostname)
  if (problem) throw new InputError('hostname', `hostname is not a valid host name: ${problem}`)
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new InputError(
      'hostname',
      'hostname uses plain http://, which would send the token unencrypted; use https:// ' +
        '(http:// is only for localhost, 127.0.0.1 and [::1])'
    )
  }
  return `${url.protocol}//${url.host}`
}

const HOST_EXAMPLE = 'like tfe.example.com or https://tfe.example.com:8443'

/**
 * The scheme and `host[:port]` of what the user wrote, or what is wrong with it (without
 * quoting it): only the parts URL() would quietly accept or mend are checked here.
 */
function splitHost(raw: string): { scheme: string; authority: string } | string {
  if (looksLikeToken(raw) || looksRandom(raw)) {
    return (
      `looks like an API token or key (${Array.from(raw).length} characters), not a host name; ` +
      'tokens belong only in the token input, from a secret'
    )
  }
  // scheme://, then the authority up to the first / ? # or \ (which URL() reads as /).
  const [, scheme, authority = '', rest = ''] =
    /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#\\]*)(.*)$/is.exec(raw) ?? []
  if (scheme !== undefined && !/^https?$/i.test(scheme)) {
    return `must use https://${/^[a-z]{1,10}$/i.test(scheme) ? ` (not ${scheme.toLowerCase()}://)` : ''}`
  }
  if (authority.includes('@')) {
    return `must be only a host (and port), ${HOST_EXAMPLE}; it holds a user name or password (before an @), which is never needed`
  }
  if (rest !== '' && rest !== '/') {
    return `must be only a host (and port), ${HOST_EXAMPLE}; it has a path, query or fragment after the host`
  }
  const [, name, port] = /^(\[[^\]]*\]|[^:]*)(?::([^:]*))?$/s.exec(authority) ?? []
  if (name === undefined) {
    return 'is not a host name or URL: it has more than one :, and an IPv6 address must be in brackets, like [2001:db8::1]'
  }
  if (port && !(/^\d{1,5}$/.test(port) && +port >= 1 && +port <= 65535)) {
    return 'is not a host name or URL: its port is not a number from 1 to 65535'
  }
  if (name === '') return `is not a host name or URL: it has no host; give one ${HOST_EXAMPLE}`
  const characters = Array.from(name)
  const bad = name.startsWith('[') ? -1 : characters.findIndex(c => !HOST_CHARACTER.test(c))
  if (bad >= 0) {
    const position = (scheme === undefined ? 0 : scheme.length + 3) + bad + 1
    return (
      `is not a host name or URL: ${Array.from(raw).length} characters, the first that is not allowed ` +
      `is ${characterName(characters[bad] ?? '')} at position ${position} ` +
      `(a host name has letters, digits, - and dots; ${HOST_EXAMPLE})`
    )
  }
  return { scheme: scheme?.toLowerCase() ?? 'https', authority }
}

/** Why URL()'s (lower-case, ASCII) host name is no DNS name or IP address; '' when it is one. */
function hostProblem(hostname: string): string {
  if (hostname.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(hostname)) return ''
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname
  if (name.length > 253) return 'it is longer than 253 characters'
  const labels = name.split('.')
  if (labels.some(label => label === '')) return 'it has an empty part between dots'
  if (labels.some(label => label.length > 63)) {
    return 'a part between dots is longer than 63 characters'
  }
  if (labels.some(label => !DNS_LABEL.test(label))) {
    return 'a part between dots starts or ends with -, or holds a character other than letters, digits and -'
  }
  if (labels.length > 1 && !TOP_LEVEL.test(labels[labels.length - 1] ?? '')) {
    return 'its last part is not a top-level domain (letters only, like .com or .internal)'
  }
  return ''
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
      `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, ` +
        `not ${quoteOrDescribe(value)}${tokenHint(value)}`
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
      const shown = looksLikePath(value)
        ? `"${value}"`
        : `a value of ${Array.from(value).length} characters`
      throw new InputError(
        'ca-certificate',
        `ca-certificate is neither PEM text nor a readable file: ${shown} (${code})${tokenHint(value)}`
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
  throw new InputError(
    name,
    `${name} must be true or false, not ${quoteOrDescribe(value)}${tokenHint(value)}`
  )
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

// A value that is not what its input expects may be anything, a token pasted into the wrong
// input included; the runner masks the token only where it appears whole. So such a value is
// quoted only when it is short and plain, and otherwise described: its length and the first
// character that does not belong.

/** Short and plain enough to show back, for a choice, boolean or number input. */
const QUOTABLE = /^[A-Za-z0-9_.-]{1,12}$/

function quoteOrDescribe(value: string): string {
  return QUOTABLE.test(value) ? `"${value}"` : `a value of ${describe(value, QUOTABLE_CHARACTER)}`
}

/** Added to an error about a value shaped like an API token: say where a token belongs. */
function tokenHint(...values: string[]): string {
  return values.some(looksLikeToken)
    ? '; it looks like an API token, and tokens belong only in the token input, from a secret'
    : ''
}

/**
 * A file path, safe to show: plain characters, a directory or a certificate's extension, and no
 * long or random-looking run of letters and digits.
 */
function looksLikePath(value: string): boolean {
  return (
    /^[A-Za-z0-9_.~/\\: -]{1,200}$/.test(value) &&
    /[/\\]|\.(pem|crt|cer|ca-bundle)$/i.test(value) &&
    !/[A-Za-z0-9]{28}/.test(value) &&
    !looksRandom(value) &&
    !looksLikeToken(value)
  )
}
