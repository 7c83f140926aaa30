// Reading and decoding TFE's answers: bounded bodies, JSON:API error lists, proxies' pages,
// and transport failures turned into one readable cause.
import type { IncomingMessage } from 'node:http'
import {
  type ApiErrorEntry,
  type BodyKind,
  type RequestInfo,
  TfeResponseError,
  TfeTransportError
} from './errors.js'

/** Reads the whole body, refusing one over maxBytes and giving up after timeoutMs. */
export async function readBody(
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
      if (error) {
        stream.destroy()
        reject(error)
      } else {
        resolve(text ?? '')
      }
    }
    const timer = setTimeout(
      () =>
        finish(
          new TfeTransportError(
            info,
            'ETIMEDOUT',
            `${label(info)}: the answer did not complete in time`
          )
        ),
      timeoutMs
    )
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        finish(
          new TfeResponseError(
            info,
            stream.statusCode ?? 0,
            `${label(info)} answered with more than ${formatBytes(maxBytes)}; refusing to read it`
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
          `${label(info)}: the connection closed mid-answer`
        )
      )
    )
    stream.on('error', (error: Error) => finish(transportError(info, error)))
    stream.on('close', () => {
      if (!stream.complete) {
        finish(
          new TfeTransportError(
            info,
            'ECONNRESET',
            `${label(info)}: the connection closed mid-answer`
          )
        )
      }
    })
  })
}

export interface DecodedErrorBody {
  errors: ApiErrorEntry[]
  kind: BodyKind
  excerpt: string
}

/** What a non-2xx body says: JSON:API errors, a proxy's HTML page, plain text or nothing. */
export function decodeErrorBody(text: string, contentType: string | undefined): DecodedErrorBody {
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
  const errors = decodeErrors(document)
  // JSON, but not an error list: still show what it was.
  return errors.length > 0
    ? { errors, kind: 'json', excerpt: '' }
    : { errors, kind: 'text', excerpt: oneLine(trimmed) }
}

/** JSON:API error objects, and old endpoints' plain strings; `status` may be a string or a number. */
export function decodeErrors(document: unknown): ApiErrorEntry[] {
  if (!isRecord(document) || !Array.isArray(document.errors)) return []
  return document.errors.map((entry): ApiErrorEntry => {
    if (!isRecord(entry)) {
      return {
        detail: oneLine(
          typeof entry === 'string' ? entry : (JSON.stringify(entry) ?? String(entry))
        )
      }
    }
    const source = isRecord(entry.source) ? entry.source : {}
    return {
      status: scalar(entry.status),
      title: scalar(entry.title),
      detail: scalar(entry.detail),
      pointer: scalar(source.pointer)
    }
  })
}

/** JSON of a 2xx answer; anything else is a clear error, never a crash deeper in. */
export function parseDocument(text: string, info: RequestInfo, status: number): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    const flat = oneLine(text, 80)
    throw new TfeResponseError(
      info,
      status,
      `${label(info)} answered HTTP ${status} with a body that is not JSON${flat ? ` ("${flat}")` : ''}`
    )
  }
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
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
  ERR_SSL_WRONG_VERSION_NUMBER:
    'the server answered without TLS (is it plain http:// on that port?)'
}

export function transportError(info: RequestInfo, error: unknown): TfeTransportError {
  if (error instanceof TfeTransportError) return error
  const err = error as { code?: unknown; message?: unknown }
  const message = typeof err?.message === 'string' ? err.message : String(error)
  let code = typeof err?.code === 'string' ? err.code : ''
  // OpenSSL's way of saying the other end does not speak TLS at all (plain http on that port).
  if (/wrong version number/i.test(message)) code = 'ERR_SSL_WRONG_VERSION_NUMBER'
  // http-client reports its socket timeout as a plain Error.
  if (!code && /timeout/i.test(message)) code = 'ETIMEDOUT'
  if (!code && /socket hang up/i.test(message)) code = 'ECONNRESET'
  // OpenSSL's own words name its source files, not the problem: keep only the code.
  const cause =
    TRANSPORT_CAUSES[code] ??
    (/^ERR_SSL_|^EPROTO$/.test(code) ? 'the TLS handshake failed' : oneLine(message, 120))
  return new TfeTransportError(
    info,
    code || 'EUNKNOWN',
    `${label(info)}: ${cause}${code ? ` (${code})` : ''}`
  )
}

export function label(info: RequestInfo): string {
  return `${info.method} ${info.path}`
}

export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\s\u0085]+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number')
    return oneLine(String(value)) || undefined
  return undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`
}
