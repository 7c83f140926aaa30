// Requests straight to a fake TFE, for the suites that check the fake itself against the API docs
// (fake-tfe, fake-tfe-sharing, fake-tfe-variations): a fetch with the site admin's token and
// JSON:API headers, and what the answers hold.
import type { FakeTfe } from '../../test-kit/fake-tfe.mjs'
import { fake } from './fake-tfe-per-test.js'

export const JSON_API = 'application/vnd.api+json'

export interface ApiErrorObject {
  status: string | number
  title?: string
  detail?: string
  source?: { pointer?: string }
}

export interface Resource {
  id: string
  type: string
  attributes: Record<string, unknown>
}

export interface Document {
  data?: unknown
  errors?: ApiErrorObject[]
  links?: Record<string, string | null>
  meta?: { pagination: Record<string, number | null> }
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  doc: Document
}

export interface CallOptions {
  /** Default: the site admin's token; null sends no Authorization header. */
  token?: string | null
  /** JSON-encoded unless a string. */
  body?: unknown
  headers?: Record<string, string>
  /** Default: the current test's fake (support/fake-tfe-per-test.ts). */
  tfe?: FakeTfe
}

/** One request to the fake TFE; `path` may also be an absolute URL (a `links.next`). */
export async function callTfe(
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Reply> {
  const tfe = options.tfe ?? fake
  const token = options.token === undefined ? tfe.adminToken : options.token
  const headers: Record<string, string> = { Accept: JSON_API, ...options.headers }
  if (token !== null) headers.Authorization = `Bearer ${token}`
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = JSON_API
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const res = await fetch(new URL(path, tfe.url), { method, headers, body })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, doc: text ? JSON.parse(text) : {} }
}

/** `/api/v2/admin/organizations` + path. */
export const admin = (path: string): string => `/api/v2/admin/organizations${path}`

export function resources(doc: Document): Resource[] {
  return doc.data as Resource[]
}

export function pointers(doc: Document): (string | undefined)[] {
  return (doc.errors ?? []).map(e => e.source?.pointer)
}

/** The body of PATCH module-consumers (the seed endpoint) with `ids` as they are. */
export function seedBody(ids: unknown): unknown {
  return {
    data: { type: 'module-partnerships', attributes: { 'module-consuming-organization-ids': ids } }
  }
}

/** consumer-a, -b and -c, and `producer`, which shares with consumer-c; their external ids. */
export function seedProducer(): { producer: string; a: string; b: string; c: string } {
  const a = fake.addOrganization({ name: 'consumer-a' }).externalId
  const b = fake.addOrganization({ name: 'consumer-b' }).externalId
  const c = fake.addOrganization({ name: 'consumer-c' }).externalId
  const producer = fake.addOrganization({ name: 'producer', moduleConsumers: ['consumer-c'] })
  return { producer: producer.externalId, a, b, c }
}
