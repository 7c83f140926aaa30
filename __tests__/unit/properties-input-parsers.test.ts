// Property-based tests of the parsers of single inputs: organization, booleans, choices, numbers,
// the CA certificate, the consumers list and the hostname. Whatever text comes in, each returns a
// value in range or throws a one-line InputError that names its input and shows no secret.
import fc from 'fast-check'
import { type ConsumerRef, isExternalId } from '../../src/domain/model.js'
import {
  InputError,
  parseBoolean,
  parseCaCertificate,
  parseChoice,
  parseConsumers,
  parseHostname,
  parseNumber,
  parseOrganization
} from '../../src/settings/inputs.js'
import {
  ANY_LINE_BREAK,
  FEW_RUNS,
  ORGANIZATION_NAME,
  RUNS,
  consumersText,
  expectBaseUrlValid,
  expectInputErrorShape,
  expectRefsValid,
  externalId,
  inputResult,
  joined,
  orgName,
  separator,
  text,
  useTestCa,
  withLineSeparator
} from '../support/property-arbitraries.js'

const ca = useTestCa('properties-parsers-')

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
          text.map(t => `${ca.pem}${t}`)
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
