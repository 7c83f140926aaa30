// The one place that talks HTTP to TFE: base URL, auth, retries, pagination. It knows nothing
// of GitHub Actions; it reports through the `log` callback it is given. The API's conventions it
// follows: docs/tfe-api.md#json-api-documents-and-errors and #pagination.
import { HttpClient } from '@actions/http-client'
import type { RequestHandler } from '@actions/http-client/lib/interfaces'
import type { Agent, IncomingHttpHeaders } from 'node:http'
import type { RequestOptions as TlsRequestOptions } from 'node:https'
import { rootCertificates } from 'node:tls'
import { type RequestInfo, TfeApiError, TfeResponseError, TfeTransportError } from './errors.js'
import {
  decodeErrorBody,
  isRecord,
  label,
  parseDocument,
  readBody,
  transportError
} from './response.js'
import type { RateLimiter } from './rate-limit.js'
import { type BackoffOptions, DEFAULT_BACKOFF, requestedWaitMs, retryDelayMs } from './retry.js'

export interface ClientOptions {
  /** `https://host[:port]`, validated by the caller. */
  baseUrl: string
  token: string
  userAgent?: string
  /** Limit for one attempt: connecting, waiting and reading the body. */
  timeoutMs?: number
  /** Retries after the first attempt, for statuses and failures worth retrying. */
  maxRetries?: number
  /** No retry starts after this long since the first attempt of a request. */
  deadlineMs?: number
  /** A larger body is refused rather than buffered: no TFE answer here comes near it. */
  maxBodyBytes?: number
  /** PEM certificates trusted in addition to Node's own roots, for this client's requests only. */
  ca?: string
  /**
   * A kept-alive connection idle this long is closed rather than used again (sooner when the
   * server's Keep-Alive header says it closes sooner).
   */
  idleSocketMs?: number
  backoff?: BackoffOptions
  /** Shared by every client of a run: every attempt of every request waits for its slot. */
  limiter?: RateLimiter
  log?: (line: string) => void
}

export type Query = Record<string, string | number>

export interface Page {
  items: unknown[]
  /** The next page's number, or undefined on the last page. */
  next: number | undefined
  /** From `meta.pagination`, when TFE sends it. */
  totalPages: number | undefined
}

export interface TfeResponse {
  status: number
  headers: IncomingHttpHeaders
  /** Parsed JSON, or undefined for an empty body (204). */
  document: unknown
}

const MEDIA_TYPE = 'application/vnd.api+json'
/**
 * Below the 5 s that Node servers keep an idle connection, and far below load balancers' usual
 * minute: a request never goes out on a connection the other end has just dropped.
 */
const IDLE_SOCKET_MS = 4_000
/** The largest page TFE serves: fewest requests for a long list. */
export const PAGE_SIZE = 100

export class TfeClient {
  private readonly http: HttpClient
  private readonly timeoutMs: number
  private readonly maxRetries: number
  private readonly deadlineMs: number
  private readonly maxBodyBytes: number
  private readonly log: (line: string) => void
  /** Attempts sent so far (each retry counts): the progress lines of long runs show it. */
  sent = 0

  /** 429s the run's limiter has seen (0 without a limiter). */
  get rateLimited(): number {
    return this.options.limiter?.rateLimited ?? 0
  }

  constructor(private readonly options: ClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.maxRetries = options.maxRetries ?? 5
    this.deadlineMs = options.deadlineMs ?? 5 * 60_000
    this.maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024
    this.log = options.log ?? (() => {})
    this.http = new HttpClient(
      options.userAgent ?? 'tfe-module-sharing-action',
      [bareIpv6Host, ...(options.ca ? [trustHandler(options.ca)] : [])],
      {
        // Redirects are refused rather than followed: http-client would carry the token to
        // another port of the same host. Retries are this client's own, below.
        allowRedirects: false,
        allowRetries: false,
        keepAlive: true,
        socketTimeout: this.timeoutMs
      }
    )
    // Without a timeout of its own, Node's agent keeps an idle socket until the server closes
    // it (and ignores the server's Keep-Alive hint), so a request sent after a pause, such as a
    // retry's backoff, could meet a connection closed a moment before: ECONNRESET, no answer.
    const agent = this.http.getAgent(options.baseUrl) as Agent & { options?: { timeout?: number } }
    if (agent.options) agent.options.timeout = options.idleSocketMs ?? IDLE_SOCKET_MS
  }

  async get(path: string, query?: Query): Promise<TfeResponse> {
    return this.request('GET', path, { query })
  }

  async patch(path: string, body: unknown): Promise<TfeResponse> {
    return this.request('PATCH', path, { body })
  }

  async put(path: string, body: unknown): Promise<TfeResponse> {
    return this.request('PUT', path, { body })
  }

  /**
   * One page of a paginated list. The next page comes from top-level `meta.pagination`, else
   * `links.next`; with neither (one docs sample nests them in the item), a short page is the last.
   */
  async getPage(path: string, page: number, query: Query = {}): Promise<Page> {
    const response = await this.get(path, {
      ...query,
      'page[number]': page,
      'page[size]': PAGE_SIZE
    })
    const document = response.document
    const data = isRecord(document) ? document.data : undefined
    if (!isRecord(document) || !Array.isArray(data)) {
      throw new TfeResponseError(
        { method: 'GET', path },
        response.status,
        `GET ${path} answered without a data array`
      )
    }
    const pagination = isRecord(document.meta) ? document.meta.pagination : undefined
    const totalPages = isRecord(pagination) ? Number(pagination['total-pages']) : NaN
    return {
      items: data,
      next: nextPage(document, page, data.length),
      totalPages: Number.isInteger(totalPages) && totalPages > 0 ? totalPages : undefined
    }
  }

  /** Every item of a paginated list, page by page. */
  async getAll(path: string, query: Query = {}): Promise<unknown[]> {
    const items: unknown[] = []
    for (let page: number | undefined = 1; page !== undefined;) {
      const result: Page = await this.getPage(path, page, query)
      items.push(...result.items)
      page = result.next
    }
    return items
  }

  /**
   * Sends a request, retrying the rate limit, gateway errors and dropped connections. Every
   * request this action makes is idempotent — a GET, or a PATCH/PUT of a whole list or one
   * flag — so trying a write again after a failure that may have hidden its success is safe.
   */
  async request(
    method: string,
    path: string,
    { query, body }: { query?: Query; body?: unknown } = {}
  ): Promise<TfeResponse> {
    const wire = withQuery(`/api/v2${path}`, query)
    // What a person reads in a log or an error line: page[number]=2, not page%5Bnumber%5D=2.
    const info: RequestInfo = { method, path: readable(wire) }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: MEDIA_TYPE
    }
    let payload: string | null = null
    if (body !== undefined) {
      payload = JSON.stringify(body)
      headers['content-type'] = MEDIA_TYPE
    }

    const started = Date.now()
    for (let attempt = 1; ; attempt++) {
      // When the limiter let this attempt go: a 429 to it tells the limiter which overload it was.
      let sentAt: number | undefined
      try {
        sentAt = await this.options.limiter?.acquire()
        this.sent++
        return await this.attempt(info, wire, payload, headers)
      } catch (error) {
        if (error instanceof TfeApiError && error.status === 429) {
          this.options.limiter?.rateLimitedFor(error.retryAfterMs ?? 1000, sentAt)
        }
        const wait = retryDelayMs(error, attempt, this.options.backoff ?? DEFAULT_BACKOFF)
        if (wait === undefined || attempt > this.maxRetries) throw error
        if (Date.now() + wait - started > this.deadlineMs) {
          this.log(
            `${label(info)}: ${reason(error)}; not retrying: waiting ${seconds(wait)} would pass the deadline`
          )
          throw error
        }
        this.log(
          `${label(info)}: ${reason(error)}; retry ${attempt} of ${this.maxRetries} in ${seconds(wait)}`
        )
        await sleep(wait)
      }
    }
  }

  private async attempt(
    info: RequestInfo,
    wire: string,
    payload: string | null,
    headers: Record<string, string>
  ): Promise<TfeResponse> {
    const started = Date.now()
    const response = await withTimeout(
      this.http.request(info.method, `${this.options.baseUrl}${wire}`, payload, headers),
      this.timeoutMs,
      () =>
        new TfeTransportError(
          info,
          'ETIMEDOUT',
          `${label(info)}: no answer within ${seconds(this.timeoutMs)}`
        )
    ).catch((error: unknown) => {
      throw transportError(info, error)
    })
    const status = response.message.statusCode ?? 0
    const remaining = Math.max(1, this.timeoutMs - (Date.now() - started))
    const text = await readBody(response.message, info, this.maxBodyBytes, remaining)
    const responseHeaders = response.message.headers

    if (status >= 300 && status < 400) {
      const location = responseHeaders.location
      throw new TfeApiError(
        info,
        status,
        [
          {
            detail: location
              ? `TFE redirected to ${location}; set hostname to the address TFE answers on`
              : 'TFE answered with a redirect and no location'
          }
        ],
        'empty'
      )
    }
    if (status < 200 || status >= 300) {
      const { errors, kind, excerpt } = decodeErrorBody(text, responseHeaders['content-type'])
      throw new TfeApiError(info, status, errors, kind, excerpt, requestedWaitMs(responseHeaders))
    }
    return { status, headers: responseHeaders, document: parseDocument(text, info, status) }
  }

  /** Closes kept-alive connections so the process can exit. */
  dispose(): void {
    this.http.dispose()
    this.options.limiter?.dispose()
  }
}

/** http-client passes `[::1]` with its brackets as the host to connect to, which no DNS knows. */
const bareIpv6Host: RequestHandler = {
  prepareRequest(options) {
    const host = options.host
    if (host?.startsWith('[') && host.endsWith(']')) options.host = host.slice(1, -1)
  },
  canHandleAuthentication: () => false,
  handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
}

/**
 * Trusts a private CA for this client's requests only, on top of Node's roots. The agent's
 * options are where both Node's https.Agent and the proxy tunnel agent read TLS settings from.
 */
function trustHandler(pem: string): RequestHandler {
  const ca = [...rootCertificates, pem]
  return {
    prepareRequest(options) {
      ;(options as TlsRequestOptions).ca = ca
      const agent = options.agent as { options?: Record<string, unknown> } | undefined
      if (agent?.options) agent.options.ca = ca
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not an authentication handler'))
  }
}

async function withTimeout<T extends { message: { destroy(): void } }>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  let timedOut = false
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      reject(onTimeout())
    }, ms)
  })
  // An answer that comes after we gave up is thrown away, so its socket is freed.
  promise.then(response => timedOut && response.message.destroy()).catch(() => {})
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The brackets of TFE's query parameters as written in its docs; nothing else is decoded. */
function readable(path: string): string {
  return path.replace(/%5B/gi, '[').replace(/%5D/gi, ']')
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query || Object.keys(query).length === 0) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) params.set(key, String(value))
  return `${path}?${params.toString()}`
}

function nextPage(
  document: Record<string, unknown>,
  page: number,
  count: number
): number | undefined {
  const meta = document.meta
  const pagination = isRecord(meta) ? meta.pagination : undefined
  if (isRecord(pagination)) {
    const next = Number(pagination['next-page'])
    // A next page that does not move forward would loop forever: treat it as the end.
    return Number.isInteger(next) && next > page ? next : undefined
  }
  if (isRecord(document.links)) {
    return typeof document.links.next === 'string' && document.links.next ? page + 1 : undefined
  }
  return count >= PAGE_SIZE ? page + 1 : undefined
}

function reason(error: unknown): string {
  if (error instanceof TfeApiError) return `HTTP ${error.status}`
  if (error instanceof TfeTransportError) return error.code
  return 'failed'
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
