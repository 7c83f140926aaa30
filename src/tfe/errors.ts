// Errors as data: callers decide by status and error list, never by matching message text.

/** One entry of a JSON:API `errors` array, or an old endpoint's plain string. */
export interface ApiErrorEntry {
  status?: string
  title?: string
  detail?: string
  pointer?: string
}

export interface RequestInfo {
  method: string
  /** Path and query, without host: safe to show. */
  path: string
}

/** What came back instead of JSON, so a proxy's page still gives a readable cause. */
export type BodyKind = 'json' | 'html' | 'text' | 'empty'

/** TFE (or something in front of it) answered with a non-2xx status. */
export class TfeApiError extends Error {
  constructor(
    readonly request: RequestInfo,
    readonly status: number,
    readonly errors: ApiErrorEntry[],
    readonly bodyKind: BodyKind,
    /** A short, single-line excerpt of a non-JSON body (an HTML page's title). */
    readonly excerpt: string = '',
    /** How long the server asked us to wait (429, 503): X-RateLimit-Reset or Retry-After. */
    readonly retryAfterMs?: number
  ) {
    super(
      `${request.method} ${request.path} answered HTTP ${status}${describeBody(errors, bodyKind, excerpt)}`
    )
    this.name = 'TfeApiError'
  }

  /** The server's own words, e.g. `invalid attribute: Consumer not found (at /data/attributes/x)`. */
  get details(): string {
    return describeEntries(this.errors)
  }
}

/** No usable HTTP answer: refused, reset, timed out, DNS or TLS failure. */
export class TfeTransportError extends Error {
  constructor(
    readonly request: RequestInfo,
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'TfeTransportError'
  }
}

/** A 2xx answer whose body is not what the API documents (not JSON, wrong shape, too large). */
export class TfeResponseError extends Error {
  constructor(
    readonly request: RequestInfo,
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = 'TfeResponseError'
  }
}

export function describeEntries(entries: ApiErrorEntry[]): string {
  return entries
    .map(e => {
      const text = [e.title, e.detail].filter(Boolean).join(': ') || 'no detail'
      return e.pointer ? `${text} (at ${e.pointer})` : text
    })
    .join('; ')
}

function describeBody(entries: ApiErrorEntry[], kind: BodyKind, excerpt: string): string {
  if (entries.length > 0) return `: ${describeEntries(entries)}`
  switch (kind) {
    case 'html':
      return excerpt
        ? ` with an HTML page ("${excerpt}"), not TFE's JSON`
        : " with an HTML page, not TFE's JSON"
    case 'empty':
      return ' with an empty body'
    case 'text':
      return excerpt ? `: "${excerpt}"` : ''
    default:
      return ''
  }
}

/** TFE's 404: a missing thing, a token that may not see it, or an endpoint this TFE lacks. */
export function isNotFound(error: unknown): error is TfeApiError {
  return error instanceof TfeApiError && error.status === 404
}
