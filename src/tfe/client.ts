// The one place that talks HTTP to TFE: base URL, auth, JSON:API decoding, errors, pagination.
// It knows nothing of GitHub Actions; it reports through the `log` callback it is given.
import { HttpClient } from '@actions/http-client'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import {
  type ApiErrorEntry,
  type BodyKind,
  type RequestInfo,
  TfeApiError,
  TfeResponseError,
  TfeTransportError
} from './errors.js'

export interface ClientOptions {
  /** `https://host[:port]`, validated by the caller. */
  baseUrl: string
  token: string
  userAgent?: string
  /** Limit for one attempt: connecting, waiting and reading the body. */
  timeoutMs?: number
  /** A larger body is refused rather than buffered: no TFE answer here comes near it. */
  maxBodyBytes?: number
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
/** The largest page TFE serves: fewest requests for a long list. */
export const PAGE_SIZE = 100

export class TfeClient {
  private readonly http: HttpClient
  private readonly timeoutMs: number
  private readonly maxBodyBytes: number

  constructor(private readonly options: ClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024
    this.http = new HttpClient(options.userAgent ?? 'tfe-module-sharing-action', [], {
      // Redirects are refused here rather than followed: http-client would carry the token to
      // another port of the same host. Retries are not http-client's either.
      allowRedirects: false,
      allowRetries: false,
      keepAlive: true,
      socketTimeout: this.timeoutMs
    })
  }

  get baseUrl(): string {
    return this.options.baseUrl
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

  async request(
    method: string,
    path: string,
    { query, body }: { query?: Query; body?: unknown } = {}
  ): Promise<TfeResponse> {
    const pathAndQuery = withQuery(`/api/v2${path}`, query)
    const info: RequestInfo = { method, path: pathAndQuery }
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: MEDIA_TYPE
    }
    let payload: string | null = null
    if (body !== undefined) {
      payload = JSON.stringify(body)
      headers['content-type'] = MEDIA_TYPE
    }

    let response
    try {
      response = await this.http.request(
        method,
        `${this.options.baseUrl}${pathAndQuery}`,
        payload,
        headers
      )
    } catch (error) {
      throw transportError(info, error)
    }
    const status = response.message.statusCode ?? 0
    const text = await readBody(response.message, info, this.maxBodyBytes, this.timeoutMs)

    if (status >= 300 && status < 400) {
      const location = response.message.headers.location
      throw new TfeApiError(
        info,
        status,
        [
          {
            title: 'redirected',
            detail: location
              ? `TFE redirected to ${location}; set hostname to the address TFE answers on`
              : 'TFE answered with a redirect and no location'
          }
        ],
        'empty'
      )
    }
    if (status < 200 || status >= 300) {
      const { errors, kind, excerpt } = decodeErrorBody(
        text,
        response.message.headers['content-type']
      )
      throw new TfeApiError(info, status, errors, kind, excerpt)
    }
    if (text.trim() === '')
      return { status, headers: response.message.headers, document: undefined }
    try {
      return { status, headers: response.message.headers, document: JSON.parse(text) }
    } catch {
      throw new TfeResponseError(
        info,
        status,
        `${method} ${pathAndQuery} answered HTTP ${status} with a body that is not JSON${excerptOf(text)}`
      )
    }
  }

  /** Closes kept-alive connections so the process can exit. */
  dispose(): void {
    this.http.dispose()
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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

async function readBody(
  stream: IncomingMessage,
  info: RequestInfo,
  maxBytes: number,
  timeoutMs: number
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    const finish = (error: Error | undefined, text?: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (error) reject(error)
      else resolve(text ?? '')
    }
    const timer = setTimeout(() => {
      stream.destroy()
      finish(
        new TfeTransportError(
          info,
          'ETIMEDOUT',
          `${info.method} ${info.path}: no complete answer within ${timeoutMs / 1000} s`
        )
      )
    }, timeoutMs)
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        stream.destroy()
        finish(
          new TfeResponseError(
            info,
            0,
            `${info.method} ${info.path} answered with more than ${Math.round(maxBytes / 1024 / 1024)} MB; refusing to read it`
          )
        )
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => finish(undefined, Buffer.concat(chunks).toString('utf8')))
    stream.on('aborted', () =>
      finish(
        new TfeTransportError(
          info,
          'ECONNRESET',
          `${info.method} ${info.path}: the connection closed mid-answer`
        )
      )
    )
    stream.on('error', (error: Error) => finish(transportError(info, error)))
  })
}

function decodeErrorBody(
  text: string,
  contentType: string | undefined
): { errors: ApiErrorEntry[]; kind: BodyKind; excerpt: string } {
  const trimmed = text.trim()
  if (!trimmed) return { errors: [], kind: 'empty', excerpt: '' }
  if (/html/i.test(contentType ?? '') || trimmed.startsWith('<')) {
    const title =
      /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed)
    return { errors: [], kind: 'html', excerpt: oneLine(title?.[1]?.replace(/<[^>]*>/g, '') ?? '') }
  }
  let document: unknown
  try {
    document = JSON.parse(trimmed)
  } catch {
    return { errors: [], kind: 'text', excerpt: oneLine(trimmed) }
  }
  return { errors: decodeErrors(document), kind: 'json', excerpt: '' }
}

/** JSON:API error objects, and old endpoints' plain strings; `status` may be a string or a number. */
export function decodeErrors(document: unknown): ApiErrorEntry[] {
  if (!isRecord(document) || !Array.isArray(document.errors)) return []
  return document.errors.map((entry): ApiErrorEntry => {
    if (!isRecord(entry)) return { detail: oneLine(String(entry)) }
    const source = isRecord(entry.source) ? entry.source : {}
    return {
      status: scalar(entry.status),
      title: scalar(entry.title),
      detail: scalar(entry.detail),
      pointer: scalar(source.pointer)
    }
  })
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number')
    return oneLine(String(value)) || undefined
  return undefined
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

function excerptOf(text: string): string {
  const flat = oneLine(text, 80)
  return flat ? ` ("${flat}")` : ''
}

const TRANSPORT_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain has an untrusted self-signed CA',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate is signed by an unknown CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS certificate is signed by an unknown CA',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name'
}

function transportError(info: RequestInfo, error: unknown): TfeTransportError {
  if (error instanceof TfeTransportError) return error
  const err = error as { code?: unknown; message?: unknown }
  const message = typeof err?.message === 'string' ? err.message : String(error)
  let code = typeof err?.code === 'string' ? err.code : ''
  // http-client reports its socket timeout as a plain Error.
  if (!code && /timeout/i.test(message)) code = 'ETIMEDOUT'
  const cause = TRANSPORT_CAUSES[code] ?? oneLine(message, 120)
  return new TfeTransportError(
    info,
    code || 'EUNKNOWN',
    `${info.method} ${info.path}: ${cause}${code ? ` (${code})` : ''}`
  )
}
