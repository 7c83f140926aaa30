// Property-based tests of readSettings, the whole input parser: fed arbitrary strings, or mostly
// plausible inputs with a few wrong values of every kind, it either returns settings that keep
// every invariant the rest of the action relies on, or throws the one InputError it documents, on
// one line, with the token masked before anything and shown nowhere.
import fc from 'fast-check'
import { validateHeaderValue } from 'node:http'
import { join } from 'node:path'
import { isExternalId } from '../../src/domain/model.js'
import { InputError, type Settings, readSettings } from '../../src/settings/inputs.js'
import {
  INPUT_NAMES,
  ORGANIZATION_NAME,
  RUNS,
  consumersText,
  expectBaseUrlValid,
  expectInputErrorShape,
  expectRefsValid,
  inputResult,
  orgName,
  source,
  text,
  tokenLike,
  useTestCa
} from '../support/property-arbitraries.js'

const ca = useTestCa('properties-settings-')

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
      fc.constantFrom('', '', ca.pem, ca.pemPath, ca.pem + ca.pem, ca.pem.replace(/\n/g, '\r\n')),
      fc.constantFrom(garbledPem, join(ca.pki.dir, 'missing.pem'), ca.pki.dir)
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
