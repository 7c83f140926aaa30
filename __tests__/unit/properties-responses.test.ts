// Property-based tests of how TFE's answers are read: the decoders of error bodies, documents and
// organizations, fed arbitrary text and JSON, return one-line fields or throw the one typed error
// they document; and the waits before a retry are never negative, endless, or shorter than TFE
// asked.
import fc from 'fast-check'
import type { IncomingHttpHeaders } from 'node:http'
import { describeFailure } from '../../src/report/failure.js'
import { TfeApiError, TfeResponseError, TfeTransportError } from '../../src/tfe/errors.js'
import { decodeOrganization } from '../../src/tfe/organizations.js'
import { decodeErrorBody, decodeErrors, parseDocument } from '../../src/tfe/response.js'
import { type BackoffOptions, requestedWaitMs, retryDelayMs } from '../../src/tfe/retry.js'
import {
  ANY_LINE_BREAK,
  CR_LF,
  FEW_RUNS,
  INFO,
  RUNS,
  externalId,
  orgName,
  text,
  withLineSeparator
} from '../support/property-arbitraries.js'

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
      .oneof(
        fc.constantFrom('ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'EUNKNOWN'),
        text
      )
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

  it('never waits less than the server asked, nor a negative or endless time', () => {
    fc.assert(
      fc.property(error, fc.integer({ min: -3, max: 5000 }), backoff, (err, attempt, options) => {
        const wait = retryDelayMs(err, attempt, options)
        expectWait(wait)
        if (wait !== undefined && err instanceof TfeApiError && err.retryAfterMs !== undefined) {
          // Coming back sooner than TFE said only earns another 429.
          expect(wait).toBeGreaterThanOrEqual(err.retryAfterMs)
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
