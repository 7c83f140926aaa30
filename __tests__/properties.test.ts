// Property-based tests: the input parser and the decoders of TFE's answers, fed arbitrary
// strings and JSON. Whatever comes in, they either return something that keeps the invariants
// the rest of the action relies on, or throw the one typed error they document, with a message
// that fits on one line.
import fc from 'fast-check'
import { type IncomingHttpHeaders, validateHeaderValue } from 'node:http'
import { join } from 'node:path'
import { describeFailure } from '../src/failure.js'
import { type ConsumerRef, isExternalId } from '../src/model.js'
import {
  InputError,
  type InputSource,
  type Settings,
  parseBoolean,
  parseCaCertificate,
  parseChoice,
  parseConsumers,
  parseHostname,
  parseNumber,
  parseOrganization,
  readSettings
} from '../src/inputs.js'
import {
  type RequestInfo,
  TfeApiError,
  TfeResponseError,
  TfeTransportError
} from '../src/tfe/errors.js'
import { decodeOrganization } from '../src/tfe/organizations.js'
import { decodeErrorBody, decodeErrors, parseDocument } from '../src/tfe/response.js'
import { type BackoffOptions, requestedWaitMs, retryDelayMs } from '../src/tfe/retry.js'
import { type TestPki, createPki } from './support/certificates.js'
import { readActionDefaults } from './support/runner.mjs'

const RUNS = { numRuns: 500 }
const FEW_RUNS = { numRuns: 300 }

/** What breaks a workflow command or a log line. */
const CR_LF = /[\r\n]/
/** Unicode's mandatory line breaks (UAX #14 classes BK, CR, LF, NL): shown as a new line somewhere. */
const ANY_LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/

const INPUT_NAMES = Object.keys(readActionDefaults())
const ORGANIZATION_NAME = /^[A-Za-z0-9_-]+$/
const EXTERNAL_ID = /^org-[1-9A-HJ-NP-Za-km-z]{16}$/
const INFO: RequestInfo = { method: 'GET', path: '/api/v2/admin/organizations/my-org' }

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Pieces that matter to these parsers: separators, line breaks, URL and PEM syntax, keywords. */
const PIECES = [
  '\n',
  '\r',
  '\r\n',
  '\t',
  ' ',
  ',',
  '@',
  '/',
  '\\',
  ':',
  '?',
  '#',
  '%',
  '.',
  '-',
  '_',
  '\u0000',
  '\u001b',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\u2029',
  '\ufeff',
  'é',
  '😀',
  'org-',
  'org-939hp5K7kecppVmd',
  'https://',
  'http://',
  'localhost',
  '127.0.0.1',
  '[::1]',
  ':8443',
  'tfe.example.com',
  'true',
  'false',
  'TRUE',
  'set',
  'add',
  'remove',
  'relationships',
  '0',
  '1',
  '20',
  '600',
  '1.5',
  '-----BEGIN CERTIFICATE-----',
  '-----END CERTIFICATE-----',
  '<',
  '>',
  '<title>',
  '</title>',
  '<h1>',
  '{',
  '}',
  '[',
  ']',
  '"',
  'errors',
  'a',
  'Z',
  '9'
]

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 12 })
)

/** Text with one of the line breaks that are not CR or LF somewhere inside. */
const withLineSeparator = fc
  .tuple(text, fc.constantFrom('\u0085', '\u2028', '\u2029', '\v', '\f'), text)
  .map(([a, separator, b]) => `${a}x${separator}y${b}`)

const orgName = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/).filter(n => !isExternalId(n))
const externalId = fc.stringMatching(/^org-[1-9A-HJ-NP-Za-km-z]{16}$/)
const separator = fc.constantFrom(',', '\n', '\r\n', ', ', ' ,\n ', '\n\n', ',,', '\t,', '\r')

/** Consumer refs joined with separators (a leading and a trailing one too). */
function joined(values: readonly string[], seps: readonly string[]): string {
  let out = seps[0] ?? ''
  values.forEach((value, i) => {
    out += value + (seps[(i + 1) % seps.length] ?? ',')
  })
  return out
}

const consumersText = fc
  .tuple(
    fc.array(fc.oneof(orgName, externalId), { maxLength: 8 }),
    fc.array(separator, { minLength: 1, maxLength: 9 })
  )
  .map(([values, seps]) => joined(values, seps))

const tokenLike = fc.stringMatching(/^[A-Za-z0-9]{6,14}\.atlasv1\.[A-Za-z0-9]{10,30}$/)

function source(inputs: Record<string, string>, env: Record<string, string | undefined> = {}) {
  const masked: string[] = []
  const src: InputSource = {
    // As core.getInput reads them: trimmed.
    input: name => (inputs[name] ?? '').trim(),
    env: name => env[name],
    mask: secret => {
      masked.push(secret)
    }
  }
  return { src, masked }
}

/** Runs fn; returns its result, or the InputError it threw (anything else fails the property). */
function inputResult<T>(fn: () => T): T | InputError {
  try {
    return fn()
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw new Error(`threw ${String(error)} instead of an InputError`, { cause: error })
    }
    return error
  }
}

function expectInputErrorShape(error: InputError): void {
  expect(INPUT_NAMES).toContain(error.input)
  expect(error.message.length).toBeGreaterThan(0)
  expect(error.message).not.toMatch(CR_LF)
  // describeFailure, which writes the ::error:: line, keeps it on one line too.
  expect(describeFailure(error)).not.toMatch(CR_LF)
}

function expectRefsValid(refs: ConsumerRef[], producer: string): void {
  const keys = refs.map(r => (r.kind === 'id' ? r.id : r.name))
  expect(new Set(keys).size).toBe(keys.length)
  for (const ref of refs) {
    if (ref.kind === 'id') {
      expect(ref.id).toMatch(EXTERNAL_ID)
    } else {
      expect(ref.name).toMatch(ORGANIZATION_NAME)
      expect(isExternalId(ref.name)).toBe(false)
      expect(ref.name).not.toBe(producer)
    }
  }
}

function expectBaseUrlValid(baseUrl: string): void {
  const url = new URL(baseUrl)
  expect(url.origin).toBe(baseUrl)
  expect(url.username).toBe('')
  expect(url.password).toBe('')
  expect(['https:', 'http:']).toContain(url.protocol)
  if (url.protocol === 'http:') {
    expect(url.hostname).toMatch(/^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i)
  }
}

// ---------------------------------------------------------------------------------------------
// A private CA certificate, for inputs that must parse.

let pki: TestPki
let pem: string
let pemPath: string

beforeAll(() => {
  pki = createPki('properties-')
  pem = pki.makeCa('ca', 'Properties Test CA')
  pemPath = join(pki.dir, 'ca.pem')
})

afterAll(() => {
  pki.cleanup()
})

/** Usually one of the valid values, sometimes one of the wrong ones. */
function mostly<T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: wrong })
}

/** Mostly valid inputs, with a few wrong values of every kind, so runs often get through. */
function plausibleInputs() {
  const garbledPem = '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----'
  const bool = mostly(
    fc.constantFrom('', 'true', 'false', 'True', 'TRUE', 'False', 'FALSE'),
    fc.constantFrom('yes', 'on', '1')
  )
  return fc.record({
    organization: mostly(orgName, text),
    consumers: mostly(consumersText, text),
    token: mostly(tokenLike, text),
    hostname: mostly(
      fc.constantFrom(
        'tfe.example.com',
        'tfe.example.com:8443',
        'https://tfe.example.com',
        'https://tfe.example.com/',
        'HTTPS://TFE.Example.COM:443',
        'http://127.0.0.1:8080',
        'http://localhost',
        'http://[::1]:3000',
        'https://bücher.example',
        ''
      ),
      fc.oneof(
        fc.constantFrom(
          'http://tfe.example.com',
          'https://u:p@tfe.example.com',
          'https://tfe.example.com/path',
          'ftp://tfe.example.com',
          'tfe.example.com?x=1'
        ),
        text
      )
    ),
    'allow-empty': bool,
    mode: mostly(fc.constantFrom('', 'set', 'add', 'remove'), fc.constantFrom('Set', 'replace')),
    'dry-run': bool,
    'global-module-sharing': mostly(
      fc.constantFrom('', '', '', 'true', 'false'),
      fc.constantFrom('maybe', 'on')
    ),
    api: mostly(
      fc.constantFrom('', 'module-consumers', 'relationships', 'registry-partnerships'),
      fc.constantFrom('v2', 'Relationships')
    ),
    'github-token': fc.oneof(fc.constant(''), tokenLike, text),
    'comment-on-pr': bool,
    'max-retries': mostly(
      fc.constantFrom('', '0', '1', '5', '20', '05'),
      fc.constantFrom('21', '-1', '1.5', 'five', '1e1')
    ),
    'timeout-seconds': mostly(
      fc.constantFrom('', '1', '1.5', '30', '600', '0001'),
      fc.constantFrom('0.5', '600.1', '0', 'abc')
    ),
    'ca-certificate': mostly(
      fc.constantFrom('', '', pem, pemPath, pem + pem, pem.replace(/\n/g, '\r\n')),
      fc.constantFrom(garbledPem, join(pki.dir, 'missing.pem'), pki.dir)
    )
  })
}

function plausibleEnv() {
  return fc.record({
    TFE_TOKEN: fc.option(mostly(tokenLike, text), { nil: undefined }),
    TFE_HOSTNAME: fc.option(
      mostly(fc.constant('tfe.example.com'), fc.constantFrom('http://localhost:1', ' ')),
      {
        nil: undefined
      }
    ),
    TFE_ADDRESS: fc.option(mostly(fc.constant('https://tfe.example.com:8443'), text), {
      nil: undefined
    })
  })
}

function arbitraryInputs() {
  return fc.record(Object.fromEntries(INPUT_NAMES.map(name => [name, text])))
}

function arbitraryEnv() {
  return fc.record({
    TFE_TOKEN: fc.option(text, { nil: undefined }),
    TFE_HOSTNAME: fc.option(text, { nil: undefined }),
    TFE_ADDRESS: fc.option(text, { nil: undefined })
  })
}

function checkSettings(settings: Settings, masked: string[]): void {
  expect(settings.organization).toMatch(ORGANIZATION_NAME)
  expect(isExternalId(settings.organization)).toBe(false)
  expectRefsValid(settings.consumers, settings.organization)
  expectBaseUrlValid(settings.baseUrl)
  // A token is required, and masked (whether it fits in a header is checked on its own below).
  expect(settings.token).not.toBe('')
  expect(masked).toContain(settings.token)
  expect(['set', 'add', 'remove']).toContain(settings.mode)
  expect(['module-consumers', 'relationships', 'registry-partnerships']).toContain(settings.api)
  expect(typeof settings.allowEmpty).toBe('boolean')
  expect(typeof settings.dryRun).toBe('boolean')
  expect([true, false, undefined]).toContain(settings.globalModuleSharing)
  expect(Number.isInteger(settings.maxRetries)).toBe(true)
  expect(settings.maxRetries).toBeGreaterThanOrEqual(0)
  expect(settings.maxRetries).toBeLessThanOrEqual(20)
  expect(Number.isInteger(settings.timeoutMs)).toBe(true)
  expect(settings.timeoutMs).toBeGreaterThanOrEqual(1000)
  expect(settings.timeoutMs).toBeLessThanOrEqual(600_000)
  if (settings.caCertificate !== undefined) {
    expect(settings.caCertificate).toMatch(
      /^(-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n)+$/
    )
  }
  if (settings.pullRequestComment) {
    expect(settings.pullRequestComment.githubToken).not.toBe('')
    expect(masked).toContain(settings.pullRequestComment.githubToken)
  }
  // What the inputs alone can rule out never gets through.
  if (settings.mode !== 'set') {
    expect(settings.consumers.length).toBeGreaterThan(0)
    expect(settings.globalModuleSharing).toBeUndefined()
  }
  if (settings.globalModuleSharing === true) expect(settings.consumers).toEqual([])
  if (settings.mode === 'set' && settings.globalModuleSharing !== true) {
    if (settings.consumers.length === 0) expect(settings.allowEmpty).toBe(true)
  }
}

// ---------------------------------------------------------------------------------------------

describe('readSettings', () => {
  it('on arbitrary strings for every input, throws nothing but a one-line InputError', () => {
    fc.assert(
      fc.property(arbitraryInputs(), arbitraryEnv(), (inputs, env) => {
        const { src, masked } = source(inputs, env)
        const result = inputResult(() => readSettings(src))
        if (result instanceof InputError) expectInputErrorShape(result)
        else checkSettings(result, masked)
      }),
      RUNS
    )
  })

  it('on plausible inputs, returns settings that keep every invariant', () => {
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(plausibleInputs(), plausibleEnv(), (inputs, env) => {
        const { src, masked } = source(inputs, env)
        const result = inputResult(() => readSettings(src))
        if (result instanceof InputError) {
          refused++
          expectInputErrorShape(result)
        } else {
          accepted++
          checkSettings(result, masked)
        }
      }),
      { numRuns: 1000 }
    )
    // Both outcomes were exercised (about a fifth get through): the invariants were checked on
    // many real settings, not vacuously.
    expect(accepted).toBeGreaterThan(50)
    expect(refused).toBeGreaterThan(50)
  })

  it('masks the token before it can fail, whatever else is wrong', () => {
    fc.assert(
      fc.property(arbitraryInputs(), arbitraryEnv(), (inputs, env) => {
        const { src, masked } = source(inputs, env)
        inputResult(() => readSettings(src))
        const token = (inputs.token ?? '').trim() || env.TFE_TOKEN?.trim() || ''
        if (token) expect(masked[0]).toBe(token)
      }),
      RUNS
    )
  })

  it('never puts the token in an error message', () => {
    fc.assert(
      fc.property(plausibleInputs(), plausibleEnv(), tokenLike, (inputs, env, token) => {
        const others = [...Object.values(inputs), ...Object.values(env)]
        fc.pre(!others.some(value => value?.includes(token)))
        const { src } = source({ ...inputs, token }, env)
        const result = inputResult(() => readSettings(src))
        if (result instanceof InputError) expect(result.message).not.toContain(token)
      }),
      RUNS
    )
  })

  it('accepts only a token that fits in an Authorization header', () => {
    // A token pasted with an invisible character (zero-width space, U+200B) passes the white
    // space check, and then every request fails with ERR_INVALID_CHAR, reported as a network
    // problem. Node's own check says what an HTTP header can carry.
    const pasted = fc
      .tuple(tokenLike, fc.constantFrom('\u200b', '\u2060', '\u00ad', 'ł', '€', '\u{1f511}'))
      .map(([token, extra]) => token + extra)
    fc.assert(
      fc.property(fc.oneof(tokenLike, pasted, text), token => {
        const { src } = source({
          organization: 'my-org',
          consumers: 'other-org',
          hostname: 'tfe.example.com',
          token
        })
        const result = inputResult(() => readSettings(src))
        if (result instanceof InputError) {
          expectInputErrorShape(result)
        } else {
          expect(() => validateHeaderValue('authorization', `Bearer ${result.token}`)).not.toThrow()
        }
      }),
      RUNS
    )
  })
})

describe('the single-input parsers', () => {
  it('throw nothing but a one-line InputError, and return values in range', () => {
    fc.assert(
      fc.property(fc.oneof(text, orgName), raw => {
        const org = inputResult(() => parseOrganization(raw))
        if (org instanceof InputError) expectInputErrorShape(org)
        else {
          expect(org).toBe(raw.trim())
          expect(org).toMatch(ORGANIZATION_NAME)
          expect(isExternalId(org)).toBe(false)
        }

        const bool = inputResult(() => parseBoolean('dry-run', raw, false))
        if (bool instanceof InputError) expectInputErrorShape(bool)
        else expect(typeof bool).toBe('boolean')

        const mode = inputResult(() => parseChoice('mode', raw, ['set', 'add', 'remove'], 'set'))
        if (mode instanceof InputError) expectInputErrorShape(mode)
        else expect(['set', 'add', 'remove']).toContain(mode)

        const retries = inputResult(() =>
          parseNumber('max-retries', raw, 5, { min: 0, max: 20, integer: true })
        )
        if (retries instanceof InputError) expectInputErrorShape(retries)
        else {
          expect(Number.isInteger(retries)).toBe(true)
          expect(retries).toBeGreaterThanOrEqual(0)
          expect(retries).toBeLessThanOrEqual(20)
        }

        const timeout = inputResult(() =>
          parseNumber('timeout-seconds', raw, 30, { min: 1, max: 600 })
        )
        if (timeout instanceof InputError) expectInputErrorShape(timeout)
        else {
          expect(Number.isFinite(timeout)).toBe(true)
          expect(timeout).toBeGreaterThanOrEqual(1)
          expect(timeout).toBeLessThanOrEqual(600)
        }
      }),
      RUNS
    )
  })

  it('parseCaCertificate throws nothing but a one-line InputError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          text.map(t => `-----BEGIN CERTIFICATE-----\n${t}\n-----END CERTIFICATE-----`),
          text.map(t => `${pem}${t}`)
        ),
        raw => {
          const result = inputResult(() => parseCaCertificate(raw))
          if (result instanceof InputError) expectInputErrorShape(result)
          else if (result !== undefined) {
            expect(result).toMatch(
              /^(-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n)+$/
            )
          }
        }
      ),
      FEW_RUNS
    )
  })
})

describe('parseConsumers', () => {
  const producer = 'producer-org'
  const refs = fc
    .array(fc.oneof(orgName, externalId), { maxLength: 12 })
    .map(values => values.filter(v => v !== producer))

  it('round-trips names and ids joined by any separators, deduplicated in order', () => {
    fc.assert(
      fc.property(
        refs,
        fc.array(separator, { minLength: 1, maxLength: 13 }),
        fc.array(fc.constantFrom('', ' ', '\t', '  '), { minLength: 2, maxLength: 2 }),
        fc.nat({ max: 12 }),
        (values, seps, [before, after], repeat) => {
          // Some entries twice, padded with blanks that the parser must ignore.
          const listed = [...values, ...values.slice(0, repeat)]
          const raw = joined(
            listed.map(v => `${before}${v}${after}`),
            seps
          )
          const parsed = parseConsumers(raw, producer)
          const expected = [...new Set(values)].map((v): ConsumerRef =>
            isExternalId(v) ? { kind: 'id', id: v } : { kind: 'name', name: v }
          )
          expect(parsed).toEqual(expected)
          // And what it returns reads back as itself.
          const again = parseConsumers(
            parsed.map(r => (r.kind === 'id' ? r.id : r.name)).join('\n'),
            producer
          )
          expect(again).toEqual(parsed)
        }
      ),
      RUNS
    )
  })

  it('on arbitrary text, throws a one-line InputError or returns valid, unique refs', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          consumersText,
          consumersText.map(c => `${c},${producer}`)
        ),
        raw => {
          const result = inputResult(() => parseConsumers(raw, producer))
          if (result instanceof InputError) {
            expectInputErrorShape(result)
            expect(result.input).toBe('consumers')
          } else {
            expectRefsValid(result, producer)
          }
        }
      ),
      RUNS
    )
  })
})

describe('parseHostname', () => {
  const hostLike = fc.oneof(
    text,
    fc
      .tuple(
        fc.constantFrom('', 'https://', 'http://', 'HTTPS://', 'ftp://', '//'),
        fc.constantFrom('', 'user@', 'user:pass@', 'a@b:c@', ':@'),
        fc.constantFrom('tfe.example.com', 'localhost', '127.0.0.1', '[::1]', 'bücher.example', ''),
        fc.constantFrom('', ':8443', ':0', ':99999', ':'),
        fc.constantFrom('', '/', '/api', '?q', '#f', '/..', '\\x')
      )
      .map(parts => parts.join(''))
  )

  it('returns only scheme://host[:port], never with credentials', () => {
    fc.assert(
      fc.property(hostLike, hostLike, (hostname, address) => {
        const result = inputResult(() => parseHostname(hostname, address))
        if (result instanceof InputError) {
          expectInputErrorShape(result)
          expect(result.input).toBe('hostname')
        } else {
          expectBaseUrlValid(result)
        }
      }),
      RUNS
    )
  })

  it('never shows a password pasted into the hostname', () => {
    // Upper-case so it cannot occur in the (lower-case) rest of the value.
    const secret = fc.stringMatching(/^PW[A-Z0-9]{8,12}$/)
    const user = fc.oneof(
      fc.stringMatching(/^[a-z]{1,8}$/),
      // An e-mail address as user name, as many single sign-on accounts are.
      fc
        .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z]{1,8}\.com$/))
        .map(([name, domain]) => `${name}@${domain}`)
    )
    const password = fc.oneof(
      secret.map(s => [s, s] as const),
      // A password with an '@' in it, not percent-encoded.
      fc
        .tuple(fc.stringMatching(/^[a-z0-9]{1,6}$/), secret)
        .map(([a, s]) => [`${a}@${s}`, s] as const)
    )
    fc.assert(
      fc.property(
        fc.constantFrom('', 'https://', 'http://'),
        user,
        password,
        fc.constantFrom('tfe.example.com', 'tfe.example.com:8443', 'localhost'),
        fc.constantFrom('', '/', '/api/v2'),
        (scheme, name, [pass, hidden], host, path) => {
          const raw = `${scheme}${name}:${pass}@${host}${path}`
          const result = inputResult(() => parseHostname(raw, ''))
          expect(result).toBeInstanceOf(InputError)
          expect((result as InputError).message).not.toContain(hidden)
        }
      ),
      FEW_RUNS
    )
  })
})

describe('InputError messages', () => {
  it('contain no Unicode line separator either (U+0085, U+2028, U+2029, VT, FF)', () => {
    // Stricter than CR/LF: these too start a new line in some viewers and editors.
    fc.assert(
      fc.property(fc.oneof(withLineSeparator, text), raw => {
        const attempts: (() => unknown)[] = [
          () => parseOrganization(raw),
          () => parseConsumers(raw, 'producer-org'),
          () => parseHostname(raw, ''),
          () => parseBoolean('dry-run', raw, false),
          () => parseChoice('api', raw, ['module-consumers'], 'module-consumers'),
          () => parseNumber('max-retries', raw, 5, { min: 0, max: 20, integer: true })
        ]
        for (const attempt of attempts) {
          const result = inputResult(attempt)
          if (result instanceof InputError) expect(result.message).not.toMatch(ANY_LINE_BREAK)
        }
      }),
      RUNS
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Decoders of TFE's answers

const json = fc.jsonValue({ maxDepth: 4 })
const scalarish = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), json)

const errorEntry = fc.oneof(
  fc.record(
    {
      status: fc.oneof(fc.constantFrom('422', '404', 429, 503), scalarish),
      title: scalarish,
      detail: scalarish,
      source: fc.oneof(fc.record({ pointer: scalarish }, { requiredKeys: [] }), json)
    },
    { requiredKeys: [] }
  ),
  text,
  json
)

const errorDocument = fc.oneof(
  fc.record({ errors: fc.array(errorEntry, { maxLength: 5 }) }),
  fc.record({ errors: json }),
  json
)

const htmlPage = fc
  .tuple(text, text, fc.constantFrom('', '<!DOCTYPE html>\n', '  \r\n'))
  .map(
    ([title, body, prefix]) =>
      `${prefix}<html><head><title>${title}</title></head><body><h1>${body}</h1></body></html>`
  )

const bodyText = fc.oneof(
  text,
  fc.json({ maxDepth: 4 }),
  errorDocument.map(doc => JSON.stringify(doc)),
  errorDocument.map(doc => `\n  ${JSON.stringify(doc, null, 2)}\n`),
  htmlPage,
  fc.constantFrom('', '   ', '\r\n', '{', '{"errors":', '<', '<html', 'null', '[]', '"x"')
)

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/vnd.api+json',
      'application/json; charset=utf-8',
      'text/html',
      'text/HTML; charset=iso-8859-1',
      'text/plain',
      ''
    ),
    text
  ),
  { nil: undefined }
)

function expectField(value: string | undefined): void {
  if (value === undefined) return
  expect(typeof value).toBe('string')
  expect(value).not.toMatch(CR_LF)
  expect(value.length).toBeLessThanOrEqual(200)
}

/** Runs fn; returns its result, or the TfeResponseError it threw (anything else fails). */
function responseResult<T>(fn: () => T): T | TfeResponseError {
  try {
    return fn()
  } catch (error) {
    if (!(error instanceof TfeResponseError)) {
      throw new Error(`threw ${String(error)} instead of a TfeResponseError`, { cause: error })
    }
    return error
  }
}

describe('decodeErrorBody and decodeErrors', () => {
  it('decode any body into one-line fields, never throwing', () => {
    fc.assert(
      fc.property(
        bodyText,
        contentType,
        fc.integer({ min: 300, max: 599 }),
        (body, type, status) => {
          const decoded = decodeErrorBody(body, type)
          expect(['json', 'html', 'text', 'empty']).toContain(decoded.kind)
          expect(decoded.excerpt).not.toMatch(CR_LF)
          expect(decoded.excerpt.length).toBeLessThanOrEqual(200)
          if (body.trim() === '') expect(decoded.kind).toBe('empty')
          if (decoded.kind === 'json') expect(decoded.errors.length).toBeGreaterThan(0)
          else expect(decoded.errors).toEqual([])
          for (const entry of decoded.errors) {
            expectField(entry.status)
            expectField(entry.title)
            expectField(entry.detail)
            expectField(entry.pointer)
          }
          // What the user finally reads stays on one line.
          const error = new TfeApiError(INFO, status, decoded.errors, decoded.kind, decoded.excerpt)
          expect(error.message).not.toMatch(CR_LF)
          expect(
            describeFailure(error, { organization: 'my-org', baseUrl: 'https://tfe.example.com' })
          ).not.toMatch(CR_LF)
        }
      ),
      RUNS
    )
  })

  it('decodeErrors keeps one entry per error of any JSON document', () => {
    fc.assert(
      fc.property(errorDocument, document => {
        const entries = decodeErrors(document)
        const errors =
          typeof document === 'object' && document !== null && !Array.isArray(document)
            ? (document as { errors?: unknown }).errors
            : undefined
        expect(entries).toHaveLength(Array.isArray(errors) ? errors.length : 0)
        for (const entry of entries) {
          expectField(entry.status)
          expectField(entry.title)
          expectField(entry.detail)
          expectField(entry.pointer)
        }
      }),
      RUNS
    )
  })

  it('decoded excerpts contain no Unicode line separator either (U+0085, U+2028, U+2029)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          withLineSeparator,
          withLineSeparator.map(t => `<html><title>${t}</title></html>`),
          withLineSeparator.map(t => JSON.stringify({ errors: [{ title: 'x', detail: t }] })),
          withLineSeparator.map(t => JSON.stringify({ errors: [t] })),
          bodyText
        ),
        contentType,
        (body, type) => {
          const decoded = decodeErrorBody(body, type)
          expect(decoded.excerpt).not.toMatch(ANY_LINE_BREAK)
          for (const entry of decoded.errors) {
            for (const field of [entry.status, entry.title, entry.detail, entry.pointer]) {
              if (field !== undefined) expect(field).not.toMatch(ANY_LINE_BREAK)
            }
          }
        }
      ),
      RUNS
    )
  })
})

describe('parseDocument', () => {
  it('returns the JSON of any JSON text', () => {
    fc.assert(
      fc.property(
        fc.json({ maxDepth: 4 }),
        fc.constantFrom('', ' ', '\n', '\r\n\t'),
        (doc, pad) => {
          expect(parseDocument(`${pad}${doc}${pad}`, INFO, 200)).toEqual(JSON.parse(doc))
        }
      ),
      RUNS
    )
  })

  it('on any text, returns JSON, undefined for a blank body, or a one-line TfeResponseError', () => {
    fc.assert(
      fc.property(bodyText, fc.integer({ min: 200, max: 299 }), (body, status) => {
        const result = responseResult(() => parseDocument(body, INFO, status))
        if (result instanceof TfeResponseError) {
          expect(result.status).toBe(status)
          expect(result.request).toEqual(INFO)
          expect(result.message).toContain(`GET ${INFO.path} answered HTTP ${status}`)
          expect(result.message).not.toMatch(CR_LF)
          expect(result.message.length).toBeLessThanOrEqual(300)
          expect(describeFailure(result, { organization: 'my-org' })).not.toMatch(CR_LF)
        } else if (body.trim() === '') {
          expect(result).toBeUndefined()
        } else {
          expect(result).toEqual(JSON.parse(body))
        }
      }),
      RUNS
    )
  })
})

describe('decodeOrganization', () => {
  const attributes = fc.record(
    {
      name: fc.oneof(orgName, scalarish),
      'external-id': fc.oneof(externalId, scalarish),
      'global-module-sharing': fc.oneof(fc.boolean(), scalarish),
      'global-provider-sharing': fc.oneof(fc.boolean(), scalarish)
    },
    { requiredKeys: [] }
  )
  const resource = fc.oneof(
    json,
    fc.record(
      {
        id: fc.oneof(orgName, scalarish),
        type: fc.constantFrom('organizations', 'users'),
        attributes: fc.oneof({ weight: 4, arbitrary: attributes }, { weight: 1, arbitrary: json })
      },
      { requiredKeys: [] }
    )
  )

  it('returns string name and id and boolean flags, or throws a one-line TfeResponseError', () => {
    const where = 'GET /api/v2/admin/organizations/my-org'
    fc.assert(
      fc.property(resource, value => {
        const result = responseResult(() => decodeOrganization(value, where))
        if (result instanceof TfeResponseError) {
          expect(result.status).toBe(200)
          expect(result.request).toEqual({
            method: 'GET',
            path: '/api/v2/admin/organizations/my-org'
          })
          expect(result.message).not.toMatch(CR_LF)
          return
        }
        const record = value as { id?: unknown; attributes?: Record<string, unknown> }
        const attrs = record.attributes ?? {}
        expect(typeof result.name).toBe('string')
        expect(typeof result.externalId).toBe('string')
        expect(result.name).toBe(attrs.name ?? record.id)
        expect(result.externalId).toBe(attrs['external-id'])
        expect(result.globalModuleSharing).toBe(attrs['global-module-sharing'] === true)
        expect(result.globalProviderSharing).toBe(attrs['global-provider-sharing'] === true)
      }),
      RUNS
    )
  })
})

// ---------------------------------------------------------------------------------------------
// How long to wait before a retry

const headerValue = fc.oneof(
  fc.double().map(String),
  fc.double({ min: 0, max: 1e6, noNaN: true }).map(String),
  fc.nat().map(String),
  fc.stringMatching(/^\d{1,400}(\.\d{1,6})?$/),
  fc.date({ noInvalidDate: true }).map(d => d.toUTCString()),
  fc.constantFrom('0', '0.05', '1', ' 2 ', '', '-1', 'Infinity', 'NaN', '1e3', '0x10', '1e306'),
  fc.constant('9'.repeat(400)),
  text
)
const headerField = fc.option(
  fc.oneof(
    { weight: 4, arbitrary: headerValue },
    { weight: 1, arbitrary: fc.array(headerValue, { maxLength: 3 }) }
  ),
  { nil: undefined }
)
const NOW = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) })

function headersOf(
  reset: string | string[] | undefined,
  retryAfter: string | string[] | undefined
) {
  // Node types Retry-After as one string; a proxy may still send it twice.
  const headers: Record<string, string | string[]> = {}
  if (reset !== undefined) headers['x-ratelimit-reset'] = reset
  if (retryAfter !== undefined) headers['retry-after'] = retryAfter
  return headers as IncomingHttpHeaders
}

function expectWait(ms: number | undefined): void {
  if (ms === undefined) return
  expect(typeof ms).toBe('number')
  expect(Number.isFinite(ms)).toBe(true)
  expect(ms).toBeGreaterThanOrEqual(0)
}

describe('requestedWaitMs', () => {
  it('is undefined or a finite, non-negative number of milliseconds', () => {
    fc.assert(
      fc.property(headerField, headerField, NOW, (reset, retryAfter, now) => {
        expectWait(requestedWaitMs(headersOf(reset, retryAfter), now))
      }),
      { numRuns: 1000 }
    )
  })

  it('reads X-RateLimit-Reset seconds (up to an hour), fractions included, rounded up to a millisecond', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3600, noNaN: true }),
        headerField,
        NOW,
        (seconds, retryAfter, now) => {
          expect(requestedWaitMs(headersOf(String(seconds), retryAfter), now)).toBe(
            Math.ceil(seconds * 1000)
          )
        }
      ),
      RUNS
    )
  })

  it('reads a Retry-After HTTP date as the time left, never negative', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)) }),
        NOW,
        (date, now) => {
          const value = date.toUTCString()
          expect(requestedWaitMs(headersOf(undefined, value), now)).toBe(
            Math.max(0, Date.parse(value) - now)
          )
        }
      ),
      RUNS
    )
  })
})

describe('retryDelayMs', () => {
  // What requestedWaitMs promises (checked above): undefined or finite and non-negative.
  const requested = fc.option(
    fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e15, noNaN: true }).map(Math.ceil)),
    { nil: undefined }
  )
  const RETRY_STATUSES = [429, 502, 503, 504]
  const RETRY_CODES = [
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'ECONNABORTED',
    'EAI_AGAIN'
  ]
  const error = fc.oneof(
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(301, 307, 400, 401, 404, 422, 429, 500, 502, 503, 504),
          fc.integer({ min: 0, max: 999 })
        ),
        requested
      )
      .map(([status, wait]) => new TfeApiError(INFO, status, [], 'empty', '', wait)),
    fc
      .oneof(fc.constantFrom(...RETRY_CODES, 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'EUNKNOWN'), text)
      .map(code => new TfeTransportError(INFO, code, `${INFO.path}: failed`)),
    fc.constant(new TfeResponseError(INFO, 200, 'not JSON')),
    fc.anything()
  )
  const backoff = fc
    .record({
      baseMs: fc.constantFrom(500, 1, 250, 1000),
      maxMs: fc.constantFrom(8000, 500, 60_000),
      r: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
    })
    .map(({ baseMs, maxMs, r }): BackoffOptions => ({ baseMs, maxMs, random: () => r }))

  it('is undefined for final errors, else a finite, non-negative wait as documented', () => {
    fc.assert(
      fc.property(error, fc.integer({ min: -3, max: 5000 }), backoff, (err, attempt, options) => {
        const wait = retryDelayMs(err, attempt, options)
        expectWait(wait)
        const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1))
        if (err instanceof TfeApiError) {
          if (!RETRY_STATUSES.includes(err.status)) {
            expect(wait).toBeUndefined()
          } else if (err.retryAfterMs !== undefined) {
            // The server's wait plus up to 300 ms of jitter.
            // (As a difference: beside a huge wait, the jitter vanishes in rounding.)
            expect((wait as number) - err.retryAfterMs).toBeGreaterThanOrEqual(0)
            expect((wait as number) - err.retryAfterMs).toBeLessThan(300)
          } else {
            expect(wait).toBeGreaterThanOrEqual(Math.floor(ceiling / 2))
            expect(wait).toBeLessThanOrEqual(Math.ceil(ceiling))
          }
        } else if (err instanceof TfeTransportError && RETRY_CODES.includes(err.code)) {
          expect(wait).toBeGreaterThanOrEqual(Math.floor(ceiling / 2))
          expect(wait).toBeLessThanOrEqual(Math.ceil(ceiling))
        } else {
          expect(wait).toBeUndefined()
        }
      }),
      { numRuns: 1000 }
    )
  })

  it('never retries 400, 401, 404 or 422, whatever the server asks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(400, 401, 404, 422),
        requested,
        fc.nat(),
        (status, wait, attempt) => {
          expect(
            retryDelayMs(new TfeApiError(INFO, status, [], 'json', '', wait), attempt)
          ).toBeUndefined()
        }
      ),
      FEW_RUNS
    )
  })
})
