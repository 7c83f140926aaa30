// What the property suites (properties-settings, properties-input-parsers,
// properties-responses) share: run counts, the arbitraries of input text, and how a result of the
// input parser is told apart from the one error it may throw.
import fc from 'fast-check'
import { join } from 'node:path'
import { describeFailure } from '../../src/report/failure.js'
import { type ConsumerRef, isExternalId } from '../../src/domain/model.js'
import { InputError, type InputSource } from '../../src/settings/inputs.js'
import type { RequestInfo } from '../../src/tfe/errors.js'
import { type TestPki, createPki } from './certificates.js'
import { readActionDefaults } from '../../test-kit/runner.mjs'

export const RUNS = { numRuns: 500 }
export const FEW_RUNS = { numRuns: 300 }

/** What breaks a workflow command or a log line. */
export const CR_LF = /[\r\n]/
/** Unicode's mandatory line breaks (UAX #14 classes BK, CR, LF, NL): shown as a new line somewhere. */
export const ANY_LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/

export const INPUT_NAMES = Object.keys(readActionDefaults())
export const ORGANIZATION_NAME = /^[A-Za-z0-9_-]+$/
export const EXTERNAL_ID = /^org-[1-9A-HJ-NP-Za-km-z]{16}$/
export const INFO: RequestInfo = { method: 'GET', path: '/api/v2/admin/organizations/my-org' }
// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Pieces that matter to these parsers: separators, line breaks, URL and PEM syntax, keywords. */
export const PIECES = [
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

export const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 12 })
)

/** Text with one of the line breaks that are not CR or LF somewhere inside. */
export const withLineSeparator = fc
  .tuple(text, fc.constantFrom('\u0085', '\u2028', '\u2029', '\v', '\f'), text)
  .map(([a, separator, b]) => `${a}x${separator}y${b}`)

export const orgName = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/).filter(n => !isExternalId(n))
export const externalId = fc.stringMatching(/^org-[1-9A-HJ-NP-Za-km-z]{16}$/)
export const separator = fc.constantFrom(
  ',',
  '\n',
  '\r\n',
  ', ',
  ' ,\n ',
  '\n\n',
  ',,',
  '\t,',
  '\r'
)

/** Consumer refs joined with separators (a leading and a trailing one too). */
export function joined(values: readonly string[], seps: readonly string[]): string {
  let out = seps[0] ?? ''
  values.forEach((value, i) => {
    out += value + (seps[(i + 1) % seps.length] ?? ',')
  })
  return out
}

export const consumersText = fc
  .tuple(
    fc.array(fc.oneof(orgName, externalId), { maxLength: 8 }),
    fc.array(separator, { minLength: 1, maxLength: 9 })
  )
  .map(([values, seps]) => joined(values, seps))

export const tokenLike = fc.stringMatching(/^[A-Za-z0-9]{6,14}\.atlasv1\.[A-Za-z0-9]{10,30}$/)

export function source(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {}
) {
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
export function inputResult<T>(fn: () => T): T | InputError {
  try {
    return fn()
  } catch (error) {
    if (!(error instanceof InputError)) {
      throw new Error(`threw ${String(error)} instead of an InputError`, { cause: error })
    }
    return error
  }
}

export function expectInputErrorShape(error: InputError): void {
  expect(INPUT_NAMES).toContain(error.input)
  expect(error.message.length).toBeGreaterThan(0)
  expect(error.message).not.toMatch(CR_LF)
  // describeFailure, which writes the ::error:: line, keeps it on one line too.
  expect(describeFailure(error)).not.toMatch(CR_LF)
}

export function expectRefsValid(refs: ConsumerRef[], producer: string): void {
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

export function expectBaseUrlValid(baseUrl: string): void {
  const url = new URL(baseUrl)
  expect(url.origin).toBe(baseUrl)
  expect(url.username).toBe('')
  expect(url.password).toBe('')
  expect(['https:', 'http:']).toContain(url.protocol)
  if (url.protocol === 'http:') {
    expect(url.hostname).toMatch(/^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i)
  }
}

/** A private CA made for the file's tests (before all, removed after all). */
export interface TestCa {
  pki: TestPki
  /** The CA certificate, PEM. */
  pem: string
  /** The file it is in. */
  pemPath: string
}

/** A private CA certificate, for inputs that must parse; its fields are set before all tests. */
export function useTestCa(prefix: string): TestCa {
  const ca = {} as TestCa
  beforeAll(() => {
    ca.pki = createPki(prefix)
    ca.pem = ca.pki.makeCa('ca', 'Properties Test CA')
    ca.pemPath = join(ca.pki.dir, 'ca.pem')
  })
  afterAll(() => {
    ca.pki.cleanup()
  })
  return ca
}
