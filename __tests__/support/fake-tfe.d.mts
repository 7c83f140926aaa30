import type { Clock, Intercept, NetworkOptions, RecordedRequest } from './recording-server.mjs'

/** Endpoints that can be switched off (they then answer 404 like an unknown route). */
export interface FakeTfeFeatures {
  /** PATCH /admin/organizations/:name/module-consumers (the seed endpoint). */
  moduleConsumersEndpoint: boolean
  /** GET and PATCH /admin/organizations/:name/relationships/module-consumers. */
  relationships: boolean
  /** GET /admin/organizations/:name/relationships/provider-consumers. */
  providerConsumers: boolean
  /** PUT /admin/organizations/:name/registry-partnerships. */
  registryPartnerships: boolean
}

/**
 * How a paginated list says there is more: top-level `links` (`next` …) and `meta.pagination`
 * (`next-page`, `total-pages` …) as documented, only one of them, or neither (as in the docs
 * sample that nests them in the item), when a client must stop at a page shorter than page[size].
 */
export type PaginationShape = 'links-and-meta' | 'links' | 'meta' | 'none'

/**
 * How GET /admin/organizations answers `filter[module_producer]=true|false` (TFE v202103-1+:
 * "true returns organizations that are configured to share their modules, false those that are
 * not"). Whether global module sharing counts is undocumented, hence the variants:
 * - 'lists-and-global': true lists the organizations with at least one module consumer or with
 *   global module sharing on; false lists the others.
 * - 'lists-only': true lists the organizations with at least one module consumer; false the others
 *   (global sharers among them).
 * - 'ignored': the parameter changes nothing, as on a TFE older than the filter.
 * Values other than true and false are ignored. The filter combines with q, q[name] and pages.
 */
export type ModuleProducerFilter = 'lists-and-global' | 'lists-only' | 'ignored'

export interface FakeTfeOptions extends NetworkOptions {
  /** Initial feature switches; all default to true. */
  features?: Partial<FakeTfeFeatures>
  /** X-TFE-Version sent by /ping (default 'v202501-1'). */
  tfeVersion?: string
  /** Of every paginated list (default 'links-and-meta'). */
  pagination?: PaginationShape
  /** What filter[module_producer] does on the organizations list (default 'lists-and-global'). */
  moduleProducerFilter?: ModuleProducerFilter
  /**
   * Off by default. On (true: 30, TFE's default): at most `perSecond` requests in any second per
   * user, all tokens of a user together; one more gets 429 with the documented body and
   * X-RateLimit-Reset (seconds, maybe fractional, until the oldest counted request is a second
   * old). Counts authenticated requests that intercepts leave to the fake; refused ones do not
   * count. Measured on `clock`.
   */
  rateLimit?: boolean | { perSecond?: number }
  /** Time of the rate limit and of the latency (default: real time). */
  clock?: Clock
}

export interface FakeOrganizationInput {
  name: string
  /** Default: 'org-' + 16 random base58 characters. */
  externalId?: string
  /** Default: `${name}@example.com`. */
  email?: string
  globalModuleSharing?: boolean
  globalProviderSharing?: boolean
  /** Names of organizations that already exist. */
  moduleConsumers?: string[]
  providerConsumers?: string[]
}

/** A snapshot: changing it does not change the fake. */
export interface FakeOrganization {
  name: string
  externalId: string
  email: string
  globalModuleSharing: boolean
  globalProviderSharing: boolean
  /** Consumer names, sorted. */
  moduleConsumers: string[]
  providerConsumers: string[]
}

export type { RecordedRequest } from './recording-server.mjs'

/** Return true (or a promise of true) when the hook has answered (or deliberately parked) the request. */
export type FakeTfeIntercept = Intercept

export interface FakeTfe {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** A site administrator's token. */
  readonly adminToken: string
  /** A valid token of a user who is not a site administrator. */
  readonly userToken: string
  /** Mutable switches, read on every request. */
  readonly features: FakeTfeFeatures
  readonly pagination: PaginationShape
  /** What filter[module_producer] does on the organizations list. */
  readonly moduleProducerFilter: ModuleProducerFilter
  /** Requests a second per user, or undefined when there is no rate limit. */
  readonly rateLimit: number | undefined
  /** The server's keep-alive timeout in effect (Node's default is 5000). */
  readonly keepAliveTimeoutMs: number
  /** How many requests the rate limit has answered with 429. */
  readonly throttled: number
  /** Another token of the site administrator (default) or of the regular user. */
  issueToken(kind?: 'admin' | 'user'): string
  /** Every request received, in order (set length = 0 to forget them). */
  readonly requests: RecordedRequest[]
  /** Throws on a duplicate or invalid name, an unknown consumer, or consumers plus global sharing. */
  addOrganization(input: FakeOrganizationInput): FakeOrganization
  /** Creates `${prefix}-0001` … in one go. */
  addOrganizations(count: number, prefix?: string): FakeOrganization[]
  org(name: string): FakeOrganization | undefined
  /** The recorded requests whose method is not GET or HEAD. */
  writes(): RecordedRequest[]
  /** Hooks run in registration order before routing; returns a function that removes this one. */
  intercept(fn: FakeTfeIntercept): () => void
  clearIntercepts(): void
  /** Closes the server and destroys open sockets, including hung requests. */
  close(): Promise<void>
}

export declare function startFakeTfe(options?: FakeTfeOptions): Promise<FakeTfe>
