// @ts-check
// A fake of the TFE admin API surface this action touches, written from the project's API notes
// (/work/shared/tfe-api.md). It is as strict as real TFE where that matters (401 vs 404, 422s
// with pointers, global sharing wiping consumer lists) so that client bugs show up here rather
// than against a customer's instance. It varies where real instances do, as options: the shape
// of pagination, the per-user rate limit, the keep-alive timeout and the network's latency.
// Plain ESM on Node built-ins: it runs before `npm ci`.
import { randomBytes } from 'node:crypto'
import { realClock, startRecordingServer } from './recording-server.mjs'

/** @typedef {import('./recording-server.mjs').RecordedRequest} RecordedRequest */
/** @typedef {import('./recording-server.mjs').Intercept} Intercept */
/** @typedef {import('./recording-server.mjs').Clock} Clock */
/** @typedef {import('./recording-server.mjs').NetworkOptions} NetworkOptions */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * Return true (or a promise of true) when the hook has answered (or deliberately parked) the
 * request.
 * @typedef {Intercept} FakeTfeIntercept
 */

/**
 * Endpoints that can be switched off (they then answer 404 like an unknown route).
 * @typedef {object} FakeTfeFeatures
 * @property {boolean} moduleConsumersEndpoint PATCH /admin/organizations/:name/module-consumers
 *   (the seed endpoint).
 * @property {boolean} relationships GET and PATCH
 *   /admin/organizations/:name/relationships/module-consumers.
 * @property {boolean} providerConsumers GET
 *   /admin/organizations/:name/relationships/provider-consumers.
 * @property {boolean} registryPartnerships PUT /admin/organizations/:name/registry-partnerships.
 */

/**
 * How a paginated list says there is more: top-level `links` (`next` …) and `meta.pagination`
 * (`next-page`, `total-pages` …) as documented, only one of them, or neither (as in the docs
 * sample that nests them in the item), when a client must stop at a page shorter than page[size].
 * @typedef {'links-and-meta' | 'links' | 'meta' | 'none'} PaginationShape
 */

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
 * @typedef {'lists-and-global' | 'lists-only' | 'ignored'} ModuleProducerFilter
 */

/**
 * How GET /admin/organizations answers `filter[provider_producer]=true|false`, documented beside
 * filter[module_producer] as listing the organizations "configured to share their providers" (or,
 * for false, those that are not). The docs are as silent on global provider sharing as on
 * global module sharing, hence the same three variants, on provider consumers and
 * global-provider-sharing:
 * - 'lists-and-global': true lists the organizations with at least one provider consumer or with
 *   global provider sharing on; false lists the others.
 * - 'lists-only': true lists the organizations with at least one provider consumer; false the
 *   others (global sharers among them).
 * - 'ignored': the parameter changes nothing.
 * Provider sharing came with v202301-1 (provider consumers, registry partnerships). A fake with
 * `providerConsumers` or `registryPartnerships` switched off plays a TFE from before it, and
 * there the filter is ignored whatever the variant. The docs say nothing of unknown query
 * parameters, but TFE passes over the ones it does not know (go-tfe issue #223: an
 * `enabled=true` that the admin Terraform versions list did not support "does not actually do
 * anything when added to the query string"), so an older TFE most likely answers with the whole
 * list, as if the filter were not there. Values other than true and false are ignored. Given
 * together with filter[module_producer], both apply (an organization is listed only if it passes
 * both: the docs do not say, but that is how filters of one list combine); either combines with
 * q, q[name] and pages.
 * @typedef {'lists-and-global' | 'lists-only' | 'ignored'} ProviderProducerFilter
 */

/**
 * @typedef {object} FakeTfeOwnOptions
 * @property {Partial<FakeTfeFeatures>} [features] Initial feature switches; all default to true.
 * @property {string} [tfeVersion] X-TFE-Version sent by /ping (default 'v202501-1').
 * @property {PaginationShape} [pagination] Of every paginated list (default 'links-and-meta').
 * @property {ModuleProducerFilter} [moduleProducerFilter] What filter[module_producer] does on
 *   the organizations list (default 'lists-and-global').
 * @property {ProviderProducerFilter} [providerProducerFilter] What filter[provider_producer]
 *   does on the organizations list of a TFE with provider sharing (default 'lists-and-global').
 * @property {boolean | { perSecond?: number }} [rateLimit] Off by default. On (true: 30, TFE's
 *   default): at most `perSecond` requests in any second per user, all tokens of a user together;
 *   one more gets 429 with the documented body and X-RateLimit-Reset (seconds, maybe fractional,
 *   until the oldest counted request is a second old). Counts authenticated requests that
 *   intercepts leave to the fake; refused ones do not count. Measured on `clock`.
 * @property {Clock} [clock] Time of the rate limit and of the latency (default: real time).
 */
/** @typedef {NetworkOptions & FakeTfeOwnOptions} FakeTfeOptions */

/**
 * @typedef {object} FakeOrganizationInput
 * @property {string} name
 * @property {string} [externalId] Default: 'org-' + 16 random base58 characters.
 * @property {string} [email] Default: `${name}@example.com`.
 * @property {boolean} [globalModuleSharing]
 * @property {boolean} [globalProviderSharing]
 * @property {string[]} [moduleConsumers] Names of organizations that already exist.
 * @property {string[]} [providerConsumers]
 */

/**
 * A snapshot: changing it does not change the fake.
 * @typedef {object} FakeOrganization
 * @property {string} name
 * @property {string} externalId
 * @property {string} email
 * @property {boolean} globalModuleSharing
 * @property {boolean} globalProviderSharing
 * @property {string[]} moduleConsumers Consumer names, sorted.
 * @property {string[]} providerConsumers
 */

/**
 * @typedef {object} FakeTfeState
 * @property {string} url http://127.0.0.1:PORT
 * @property {string} adminToken A site administrator's token.
 * @property {string} userToken A valid token of a user who is not a site administrator.
 * @property {FakeTfeFeatures} features Mutable switches, read on every request.
 * @property {PaginationShape} pagination
 * @property {ModuleProducerFilter} moduleProducerFilter What filter[module_producer] does on the
 *   organizations list.
 * @property {ProviderProducerFilter} providerProducerFilter What filter[provider_producer] does
 *   on the organizations list while `features.providerConsumers` and
 *   `features.registryPartnerships` are on (with either off, it is ignored).
 * @property {number | undefined} rateLimit Requests a second per user, or undefined when there
 *   is no rate limit.
 * @property {number} keepAliveTimeoutMs The server's keep-alive timeout in effect (Node's default
 *   is 5000).
 * @property {number} throttled How many requests the rate limit has answered with 429.
 * @property {RecordedRequest[]} requests Every request received, in order (set length = 0 to
 *   forget them).
 */
/**
 * @typedef {object} FakeTfeMethods
 * @property {(kind?: 'admin' | 'user') => string} issueToken Another token of the site
 *   administrator (default) or of the regular user.
 * @property {(input: FakeOrganizationInput) => FakeOrganization} addOrganization Throws on a
 *   duplicate or invalid name, an unknown consumer, or consumers plus global sharing.
 * @property {(count: number, prefix?: string) => FakeOrganization[]} addOrganizations Creates
 *   `${prefix}-0001` … in one go.
 * @property {(name: string) => FakeOrganization | undefined} org
 * @property {() => RecordedRequest[]} writes The recorded requests whose method is not GET or
 *   HEAD.
 * @property {(fn: FakeTfeIntercept) => () => void} intercept Hooks run in registration order
 *   before routing; returns a function that removes this one.
 * @property {() => void} clearIntercepts
 * @property {() => Promise<void>} close Closes the server and destroys open sockets, including
 *   hung requests.
 */
/** @typedef {Readonly<FakeTfeState> & FakeTfeMethods} FakeTfe */
/** @typedef {Record<string, unknown>} JsonObject */

/**
 * An organization as the fake holds it; consumers are kept by identity.
 * @typedef {{ name: string, externalId: string, email: string, createdAt: string,
 *   globalModuleSharing: boolean, globalProviderSharing: boolean,
 *   moduleConsumers: Set<Organization>, providerConsumers: Set<Organization>, seq: number }} Organization
 */
/** @typedef {{ id: string, username: string, admin: boolean }} User */
/**
 * One entry of a JSON:API error list.
 * @typedef {{ status: string | number, title: string, detail?: string,
 *   source?: { pointer: string } }} ErrorEntry
 */
/** @typedef {{ status: number, body?: unknown, headers?: Record<string, string> }} Reply */
/**
 * What a route's handler gets; `org` is the producer of routes with `:name`.
 * @typedef {{ user: User, org: Organization | undefined, query: Record<string, string>,
 *   path: string, body: string }} Context
 */

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const ORG_NAME = /^[A-Za-z0-9_-]+$/
// Since v202103-1 TFE refuses names that look like external ids, so names and ids never collide.
const EXTERNAL_ID = /^org-[1-9A-HJ-NP-Za-km-z]{16}$/
const JSON_API = 'application/vnd.api+json'
const DEFAULT_PAGE_SIZE = 20
const MAX_PAGE_SIZE = 100
const API_PREFIX = '/api/v2/'
/** TFE's documented default: 30 requests a second per user. */
const DEFAULT_RATE_LIMIT = 30
const RATE_WINDOW_MS = 1000
/** The rate limit's answer, word for word from the API docs (status is a number there). */
const TOO_MANY_REQUESTS = {
  status: 429,
  title: 'Too many requests',
  detail: "You have exceeded the API's rate limit."
}
/** @type {PaginationShape[]} */
const PAGINATION_SHAPES = ['links-and-meta', 'links', 'meta', 'none']
/** @type {ModuleProducerFilter[] & ProviderProducerFilter[]} */
const PRODUCER_FILTERS = ['lists-and-global', 'lists-only', 'ignored']

/** @type {FakeTfeFeatures} */
const DEFAULT_FEATURES = {
  moduleConsumersEndpoint: true,
  relationships: true,
  providerConsumers: true,
  registryPartnerships: true
}

/** @param {number} length */
function randomBase58(length) {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 232 = 4 * 58: dropping the bytes above it keeps every character equally likely
      if (byte < 232) out += BASE58[byte % 58]
      if (out.length === length) break
    }
  }
  return out
}

class ApiError extends Error {
  /**
   * @param {number} status
   * @param {ErrorEntry[]} errors
   * @param {Record<string, string>} [headers]
   */
  constructor(status, errors, headers = {}) {
    super(`HTTP ${status}`)
    this.status = status
    this.errors = errors
    this.headers = headers
  }
}

/** @type {{ errors: ErrorEntry[] }} */
const NOT_FOUND = { errors: [{ status: '404', title: 'not found' }] }
/** @type {{ errors: ErrorEntry[] }} */
const UNAUTHORIZED = { errors: [{ status: '401', title: 'unauthorized' }] }

function notFound() {
  return new ApiError(404, NOT_FOUND.errors)
}

/**
 * @param {string} detail
 * @param {string} pointer
 * @returns {ErrorEntry}
 */
function unprocessableEntry(detail, pointer, title = 'invalid attribute') {
  return { status: '422', title, detail, source: { pointer } }
}

/**
 * @param {string} detail
 * @param {string} pointer
 * @param {string} [title]
 */
function unprocessable(detail, pointer, title) {
  return new ApiError(422, [unprocessableEntry(detail, pointer, title)])
}

/**
 * @param {unknown} value
 * @returns {value is JsonObject}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * @param {string} body
 * @returns {{ data: unknown }}
 */
function parseDocument(body) {
  /** @type {unknown} */
  let doc
  try {
    doc = JSON.parse(body)
  } catch {
    throw unprocessable('The request body is not valid JSON.', '/data', 'invalid JSON')
  }
  if (!isObject(doc) || !('data' in doc)) {
    throw unprocessable(
      'The request body must be a JSON:API document with a top-level "data" member.',
      '/data',
      'invalid document'
    )
  }
  return { data: doc.data }
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} doc
 * @param {Record<string, string>} [headers]
 */
function send(res, status, doc, headers = {}) {
  if (doc === undefined) {
    res.writeHead(status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(doc)
  res.writeHead(status, {
    'Content-Type': JSON_API,
    'Content-Length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

/**
 * @param {string | undefined} raw
 * @param {number} fallback
 */
function pageNumber(raw, fallback) {
  const n = Number.parseInt(raw ?? '', 10)
  return Number.isInteger(n) && n >= 1 ? n : fallback
}

/** @param {'admin' | 'user'} kind */
function newToken(kind) {
  return `tfe-${kind}.` + randomBytes(24).toString('hex')
}

/**
 * @param {FakeTfeOptions['rateLimit']} option
 * @returns {number | undefined} requests a second per user, or undefined when off
 */
function rateLimitOf(option) {
  if (option === undefined || option === false) return undefined
  const perSecond = option === true ? DEFAULT_RATE_LIMIT : (option.perSecond ?? DEFAULT_RATE_LIMIT)
  if (!Number.isInteger(perSecond) || perSecond < 1) {
    throw new Error(`fake TFE: rateLimit.perSecond must be a whole number ≥ 1, not ${perSecond}`)
  }
  return perSecond
}

/**
 * @param {FakeTfeOptions} [options]
 * @returns {Promise<FakeTfe>}
 */
export async function startFakeTfe(options = {}) {
  /** @type {Record<'admin' | 'user', User>} */
  const accounts = {
    admin: { id: 'user-' + randomBase58(16), username: 'site-admin', admin: true },
    user: { id: 'user-' + randomBase58(16), username: 'regular-user', admin: false }
  }
  const adminToken = newToken('admin')
  const userToken = newToken('user')
  /** @type {Map<string, User>} */
  const users = new Map([
    [adminToken, accounts.admin],
    [userToken, accounts.user]
  ])
  const tfeVersion = options.tfeVersion ?? 'v202501-1'
  const features = { ...DEFAULT_FEATURES, ...options.features }
  const pagination = options.pagination ?? 'links-and-meta'
  if (!PAGINATION_SHAPES.includes(pagination)) {
    throw new Error(`fake TFE: pagination must be one of ${PAGINATION_SHAPES.join(', ')}`)
  }
  const moduleProducerFilter = options.moduleProducerFilter ?? 'lists-and-global'
  if (!PRODUCER_FILTERS.includes(moduleProducerFilter)) {
    throw new Error(`fake TFE: moduleProducerFilter must be one of ${PRODUCER_FILTERS.join(', ')}`)
  }
  const providerProducerFilter = options.providerProducerFilter ?? 'lists-and-global'
  if (!PRODUCER_FILTERS.includes(providerProducerFilter)) {
    throw new Error(
      `fake TFE: providerProducerFilter must be one of ${PRODUCER_FILTERS.join(', ')}`
    )
  }
  const clock = options.clock ?? realClock
  const rateLimit = rateLimitOf(options.rateLimit)
  /** Per user id: when the requests the rate limit let through in the last second came. */
  /** @type {Map<string, number[]>} */
  const recentRequests = new Map()
  let throttled = 0

  // Records are kept by object identity; names never change here, so name keys are safe too.
  /** @type {Map<string, Organization>} */
  const orgsByName = new Map()
  /** @type {Map<string, Organization>} */
  const orgsByExternalId = new Map()
  /** @type {Organization[]} */
  const orgList = []
  /** @type {Map<string, string>} */
  const partnershipIds = new Map()
  let baseUrl = ''

  /** @param {FakeOrganizationInput} input */
  function createOrganization(input) {
    const name = input.name
    if (typeof name !== 'string' || !ORG_NAME.test(name) || EXTERNAL_ID.test(name)) {
      throw new Error(`fake TFE: invalid organization name ${JSON.stringify(name)}`)
    }
    if (orgsByName.has(name)) throw new Error(`fake TFE: organization ${name} already exists`)
    const externalId = input.externalId ?? 'org-' + randomBase58(16)
    if (orgsByExternalId.has(externalId)) {
      throw new Error(`fake TFE: external id ${externalId} is already used`)
    }
    /** @type {Organization} */
    const org = {
      name,
      externalId,
      email: input.email ?? `${name}@example.com`,
      createdAt: new Date().toISOString(),
      globalModuleSharing: input.globalModuleSharing ?? false,
      globalProviderSharing: input.globalProviderSharing ?? false,
      moduleConsumers: new Set(),
      providerConsumers: new Set(),
      seq: orgList.length
    }
    org.moduleConsumers = consumerSet(org, input.moduleConsumers, org.globalModuleSharing)
    org.providerConsumers = consumerSet(org, input.providerConsumers, org.globalProviderSharing)
    orgsByName.set(name, org)
    orgsByExternalId.set(externalId, org)
    orgList.push(org)
    return org
  }

  // Seeding goes through the same invariants as the API so a test can't start from a state
  // real TFE could never be in.
  /**
   * @param {Organization} producer
   * @param {string[] | undefined} names
   * @param {boolean} global
   */
  function consumerSet(producer, names = [], global) {
    if (global && names.length > 0) {
      throw new Error(`fake TFE: ${producer.name} cannot have both global sharing and consumers`)
    }
    /** @type {Set<Organization>} */
    const set = new Set()
    for (const name of names) {
      const consumer = orgsByName.get(name)
      if (!consumer) throw new Error(`fake TFE: unknown consumer ${name}; add it first`)
      if (name === producer.name) throw new Error(`fake TFE: ${name} cannot consume itself`)
      set.add(consumer)
    }
    return set
  }

  /**
   * @param {Organization} org
   * @returns {FakeOrganization}
   */
  function snapshot(org) {
    /** @param {Set<Organization>} set */
    const names = set => [...set].map(o => o.name).sort()
    return {
      name: org.name,
      externalId: org.externalId,
      email: org.email,
      globalModuleSharing: org.globalModuleSharing,
      globalProviderSharing: org.globalProviderSharing,
      moduleConsumers: names(org.moduleConsumers),
      providerConsumers: names(org.providerConsumers)
    }
  }

  /** @param {Organization} org */
  function orgResource(org) {
    return {
      id: org.name,
      type: 'organizations',
      attributes: {
        name: org.name,
        email: org.email,
        'external-id': org.externalId,
        'created-at': org.createdAt,
        'global-module-sharing': org.globalModuleSharing,
        'global-provider-sharing': org.globalProviderSharing,
        'is-disabled': false
      },
      links: { self: `/api/v2/admin/organizations/${encodeURIComponent(org.name)}` }
    }
  }

  /**
   * @param {Organization} producer
   * @param {Organization} consumer
   */
  function partnershipId(producer, consumer) {
    const key = `${producer.externalId}/${consumer.externalId}`
    let id = partnershipIds.get(key)
    if (!id) {
      id = 'mp-' + randomBase58(16)
      partnershipIds.set(key, id)
    }
    return id
  }

  /**
   * One page of `items`, with top-level `links` and/or `meta.pagination` as `pagination` says
   * (with neither, a client can only stop at a page shorter than page[size]).
   * @param {Organization[]} items
   * @param {Record<string, string>} query
   * @param {string} path
   */
  function paginate(items, query, path) {
    const size = Math.min(pageNumber(query['page[size]'], DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    const number = pageNumber(query['page[number]'], 1)
    const totalPages = Math.max(1, Math.ceil(items.length / size))
    const prev = number > 1 ? number - 1 : null
    const next = number < totalPages ? number + 1 : null
    /** @param {number | null} n */
    const link = n => {
      if (n === null) return null
      const url = new URL(path, baseUrl)
      for (const [key, value] of Object.entries(query)) {
        if (key !== 'page[number]' && key !== 'page[size]') url.searchParams.set(key, value)
      }
      url.searchParams.set('page[number]', String(n))
      url.searchParams.set('page[size]', String(size))
      return url.href
    }
    /** @type {JsonObject} */
    const page = { data: items.slice((number - 1) * size, number * size).map(orgResource) }
    if (pagination === 'links-and-meta' || pagination === 'links') {
      page.links = {
        self: link(number),
        first: link(1),
        prev: link(prev),
        next: link(next),
        last: link(totalPages)
      }
    }
    if (pagination === 'links-and-meta' || pagination === 'meta') {
      page.meta = {
        pagination: {
          'current-page': number,
          'page-size': size,
          'prev-page': prev,
          'next-page': next,
          'total-pages': totalPages,
          'total-count': items.length
        }
      }
    }
    return page
  }

  /** @param {Set<Organization>} set */
  function bySeq(set) {
    return [...set].sort((a, b) => a.seq - b.seq)
  }

  // Resolves a list of consumer references for one producer; every problem becomes its own
  // JSON:API error so a client can report them all at once, as Rails validations do.
  /**
   * @param {Organization} producer
   * @param {unknown[]} values
   * @param {string} pointer
   * @param {(value: string) => Organization | undefined} lookup
   * @param {string} describe
   */
  function resolveConsumers(producer, values, pointer, lookup, describe) {
    /** @type {ErrorEntry[]} */
    const errors = []
    /** @type {Organization[]} */
    const consumers = []
    /** @type {Set<Organization>} */
    const seen = new Set()
    values.forEach((value, i) => {
      if (typeof value !== 'string') {
        errors.push(
          unprocessableEntry(`Entry ${i} must be a string, got ${JSON.stringify(value)}.`, pointer)
        )
        return
      }
      const consumer = lookup(value)
      if (!consumer) {
        errors.push(unprocessableEntry(`${describe} "${value}" was not found.`, pointer))
      } else if (consumer === producer) {
        errors.push(
          unprocessableEntry(
            `"${value}" is the producing organization; it cannot consume its own registry.`,
            pointer
          )
        )
      } else if (!seen.has(consumer)) {
        seen.add(consumer)
        consumers.push(consumer)
      }
    })
    return { errors, consumers }
  }

  /**
   * What a producer filter asks for: true or false, or undefined when this TFE does not filter.
   * The docs name only true and false and say nothing of other values; the fake ignores them
   * rather than inventing an error TFE may not send.
   * @param {string | undefined} raw
   * @param {ModuleProducerFilter | ProviderProducerFilter} variant
   */
  function producerFilter(raw, variant) {
    if (variant === 'ignored') return undefined
    if (raw === 'true') return true
    if (raw === 'false') return false
    return undefined
  }

  /**
   * Whether filter[module_producer]=true lists `org`. The docs say "configured to share their
   * modules" without saying whether global sharing counts, so the fake can answer either way.
   * @param {Organization} org
   */
  function isModuleProducer(org) {
    if (org.moduleConsumers.size > 0) return true
    return moduleProducerFilter === 'lists-and-global' && org.globalModuleSharing
  }

  /**
   * Whether filter[provider_producer]=true lists `org`: the same reading for providers.
   * @param {Organization} org
   */
  function isProviderProducer(org) {
    if (org.providerConsumers.size > 0) return true
    return providerProducerFilter === 'lists-and-global' && org.globalProviderSharing
  }

  /** Whether this TFE knows filter[provider_producer]: only with provider sharing (v202301-1). */
  function hasProviderSharing() {
    return features.providerConsumers && features.registryPartnerships
  }

  /**
   * @param {Organization} producer
   * @param {Organization[]} consumers
   */
  function setModuleConsumers(producer, consumers) {
    producer.moduleConsumers = new Set(consumers)
    // Every module list write (the three endpoints, [] included) turns global module sharing
    // off: docs/tfe-api.md#global-module-sharing.
    producer.globalModuleSharing = false
  }

  /**
   * @param {Organization} producer
   * @param {Organization[]} consumers
   */
  function setProviderConsumers(producer, consumers) {
    producer.providerConsumers = new Set(consumers)
    // Writing a provider list turns global provider sharing off, an empty list included. The
    // Admin Registry Sharing page says that choosing one way of sharing turns the other off, for
    // modules and providers alike, with no exception for an empty list; for modules, every list
    // write turns global sharing off, [] too, and provider sharing is documented only by analogy
    // with modules (docs/tfe-api.md#provider-sharing). registry-partnerships always writes a
    // provider list (the key is required), so every PUT turns it off, even one that sends today's
    // empty list back: exactly what a client managing only modules must not do to a producer
    // that shares its providers with everyone, which this makes visible. (The fake used to turn
    // it off only for a non-empty list, a reading with no source.)
    producer.globalProviderSharing = false
  }

  /**
   * The producer of a route with `:name` (route() has checked that it exists).
   * @param {Context} ctx
   */
  function producerOf(ctx) {
    if (!ctx.org) throw notFound()
    return ctx.org
  }

  /**
   * Counts a request of `user` against the per-user rate limit, or refuses it with the
   * documented 429 and X-RateLimit-Reset: the seconds until the oldest request counted leaves
   * the one-second window. Refused requests do not count.
   * @param {User} user
   */
  function admit(user) {
    if (rateLimit === undefined) return
    const now = clock.now()
    const recent = (recentRequests.get(user.id) ?? []).filter(t => now - t < RATE_WINDOW_MS)
    recentRequests.set(user.id, recent)
    const oldest = recent[recent.length - rateLimit]
    if (oldest !== undefined) {
      throttled++
      const resetSeconds = (oldest + RATE_WINDOW_MS - now) / 1000
      throw new ApiError(429, [TOO_MANY_REQUESTS], { 'X-RateLimit-Reset': String(resetSeconds) })
    }
    recent.push(now)
  }

  /**
   * GET /ping needs no token (and is not rate limited).
   * @returns {Reply}
   */
  function ping() {
    return {
      status: 204,
      headers: {
        'X-RateLimit-Limit': String(rateLimit ?? DEFAULT_RATE_LIMIT),
        'X-TFE-Version': tfeVersion
      }
    }
  }

  /** @type {Record<string, (ctx: Context) => Reply>} */
  const handlers = {
    account: ({ user }) => ({
      status: 200,
      body: {
        data: {
          id: user.id,
          type: 'users',
          attributes: {
            username: user.username,
            email: `${user.username}@example.com`,
            'is-site-admin': user.admin
          }
        }
      }
    }),

    listOrganizations: ({ query, path }) => {
      const needles = [query.q, query['q[name]']]
        .filter(/** @returns {v is string} */ v => typeof v === 'string' && v !== '')
        .map(v => v.toLowerCase())
      const modules = producerFilter(query['filter[module_producer]'], moduleProducerFilter)
      // An older TFE passes over the provider filter (see ProviderProducerFilter).
      const providers = hasProviderSharing()
        ? producerFilter(query['filter[provider_producer]'], providerProducerFilter)
        : undefined
      const matches = orgList.filter(
        o =>
          needles.every(n => o.name.toLowerCase().includes(n)) &&
          (modules === undefined || isModuleProducer(o) === modules) &&
          (providers === undefined || isProviderProducer(o) === providers)
      )
      return { status: 200, body: paginate(matches, query, path) }
    },

    showOrganization: ctx => ({ status: 200, body: { data: orgResource(producerOf(ctx)) } }),

    updateOrganization: ctx => {
      const org = producerOf(ctx)
      const { data } = parseDocument(ctx.body)
      if (!isObject(data)) throw unprocessable('data must be an object.', '/data')
      if (data.type !== 'organizations') {
        throw unprocessable(
          `type must be "organizations", got ${JSON.stringify(data.type)}.`,
          '/data/type'
        )
      }
      const attributes = data.attributes ?? {}
      if (!isObject(attributes)) {
        throw unprocessable('attributes must be an object.', '/data/attributes')
      }
      /** @type {Record<string, boolean>} */
      const changes = {}
      for (const key of ['global-module-sharing', 'global-provider-sharing']) {
        if (!(key in attributes)) continue
        if (typeof attributes[key] !== 'boolean') {
          throw unprocessable(
            `${key} must be true or false, got ${JSON.stringify(attributes[key])}.`,
            `/data/attributes/${key}`
          )
        }
        changes[key] = /** @type {boolean} */ (attributes[key])
      }
      // The documented data loss: turning global sharing on drops every partnership.
      const moduleSharing = changes['global-module-sharing']
      if (moduleSharing !== undefined) {
        org.globalModuleSharing = moduleSharing
        if (moduleSharing) org.moduleConsumers = new Set()
      }
      const providerSharing = changes['global-provider-sharing']
      if (providerSharing !== undefined) {
        org.globalProviderSharing = providerSharing
        if (providerSharing) org.providerConsumers = new Set()
      }
      return { status: 200, body: { data: orgResource(org) } }
    },

    seedModuleConsumers: ctx => {
      const org = producerOf(ctx)
      const { data } = parseDocument(ctx.body)
      if (!isObject(data)) throw unprocessable('data must be an object.', '/data')
      if (data.type !== 'module-partnerships') {
        throw unprocessable(
          `type must be "module-partnerships", got ${JSON.stringify(data.type)}.`,
          '/data/type'
        )
      }
      const pointer = '/data/attributes/module-consuming-organization-ids'
      const ids = isObject(data.attributes)
        ? data.attributes['module-consuming-organization-ids']
        : undefined
      if (ids === undefined) {
        throw unprocessable('module-consuming-organization-ids is required.', pointer)
      }
      if (!Array.isArray(ids)) {
        throw unprocessable(
          'module-consuming-organization-ids must be an array of organization external ids.',
          pointer
        )
      }
      const { errors, consumers } = resolveConsumers(
        org,
        ids,
        pointer,
        id => orgsByExternalId.get(id),
        'Organization with external id'
      )
      if (errors.length > 0) throw new ApiError(422, errors)
      setModuleConsumers(org, consumers)
      const data200 = consumers.map(consumer => ({
        id: partnershipId(org, consumer),
        type: 'module-partnerships',
        attributes: {
          'consuming-organization-id': consumer.externalId,
          'consuming-organization-name': consumer.name,
          'producing-organization-id': org.externalId,
          'producing-organization-name': org.name
        }
      }))
      return { status: 200, body: { data: data200 } }
    },

    listModuleConsumers: ctx => ({
      status: 200,
      body: paginate(bySeq(producerOf(ctx).moduleConsumers), ctx.query, ctx.path)
    }),

    listProviderConsumers: ctx => ({
      status: 200,
      body: paginate(bySeq(producerOf(ctx).providerConsumers), ctx.query, ctx.path)
    }),

    replaceModuleConsumers: ctx => {
      const org = producerOf(ctx)
      const { data } = parseDocument(ctx.body)
      if (!Array.isArray(data)) {
        throw unprocessable(
          'data must be an array of {"type":"organizations","id":"<name>"} identifiers.',
          '/data'
        )
      }
      /** @type {ErrorEntry[]} */
      const errors = []
      /** @type {{ name: string, i: number }[]} */
      const names = []
      data.forEach((item, i) => {
        if (!isObject(item)) {
          errors.push(unprocessableEntry(`Entry ${i} must be an object.`, `/data/${i}`))
        } else if (item.type !== 'organizations') {
          errors.push(
            unprocessableEntry(
              `type must be "organizations", got ${JSON.stringify(item.type)}.`,
              `/data/${i}/type`
            )
          )
        } else if (typeof item.id !== 'string') {
          errors.push(unprocessableEntry('id must be an organization name.', `/data/${i}/id`))
        } else {
          names.push({ name: item.id, i })
        }
      })
      const resolved = names.map(({ name, i }) =>
        resolveConsumers(org, [name], `/data/${i}/id`, n => orgsByName.get(n), 'Organization')
      )
      errors.push(...resolved.flatMap(r => r.errors))
      if (errors.length > 0) throw new ApiError(422, errors)
      setModuleConsumers(org, [...new Set(resolved.flatMap(r => r.consumers))])
      return { status: 204 }
    },

    putRegistryPartnerships: ctx => {
      const org = producerOf(ctx)
      const { data } = parseDocument(ctx.body)
      if (!isObject(data)) throw unprocessable('data must be an object.', '/data')
      if (data.type !== 'registry-partnerships') {
        throw unprocessable(
          `type must be "registry-partnerships", got ${JSON.stringify(data.type)}.`,
          '/data/type'
        )
      }
      const attributes = data.attributes
      if (!isObject(attributes)) {
        throw unprocessable('attributes must be an object.', '/data/attributes')
      }
      /** @type {ErrorEntry[]} */
      const errors = []
      /** @type {Record<string, Organization[]>} */
      const lists = {}
      /** @type {[string, string][]} */
      const spellings = [
        ['module-consumers', 'module_consumers'],
        ['provider-consumers', 'provider_consumers']
      ]
      for (const [kebab, snake] of spellings) {
        // The docs' table and sample disagree on the spelling; either is accepted, but the
        // key itself is required so a client can't clear a list by leaving it out.
        const key = kebab in attributes || !(snake in attributes) ? kebab : snake
        const pointer = `/data/attributes/${key}`
        const value = attributes[key]
        if (value === undefined) {
          errors.push(unprocessableEntry(`${kebab} is required (send [] to clear it).`, pointer))
        } else if (!Array.isArray(value)) {
          errors.push(unprocessableEntry(`${key} must be an array of organization names.`, pointer))
        } else {
          const r = resolveConsumers(org, value, pointer, n => orgsByName.get(n), 'Organization')
          errors.push(...r.errors)
          lists[kebab] = r.consumers
        }
      }
      if (errors.length > 0) throw new ApiError(422, errors)
      setModuleConsumers(org, lists['module-consumers'] ?? [])
      setProviderConsumers(org, lists['provider-consumers'] ?? [])
      return { status: 204 }
    }
  }

  // Paths are relative to /api/v2/; ':name' is the producing organization, which must exist.
  const ORG = 'admin/organizations/:name'
  /** @type {[string, string, string, (keyof FakeTfeFeatures)?][]} */
  const table = [
    ['GET', 'ping', 'ping'],
    ['GET', 'account/details', 'account'],
    ['GET', 'admin/organizations', 'listOrganizations'],
    ['GET', ORG, 'showOrganization'],
    ['PATCH', ORG, 'updateOrganization'],
    ['PATCH', `${ORG}/module-consumers`, 'seedModuleConsumers', 'moduleConsumersEndpoint'],
    ['GET', `${ORG}/relationships/module-consumers`, 'listModuleConsumers', 'relationships'],
    ['PATCH', `${ORG}/relationships/module-consumers`, 'replaceModuleConsumers', 'relationships'],
    [
      'GET',
      `${ORG}/relationships/provider-consumers`,
      'listProviderConsumers',
      'providerConsumers'
    ],
    ['PUT', `${ORG}/registry-partnerships`, 'putRegistryPartnerships', 'registryPartnerships']
  ]
  const routes = table.map(([method, pattern, handler, feature]) => ({
    method,
    segments: pattern.split('/'),
    handler,
    feature
  }))

  /**
   * @param {string} method
   * @param {string[]} segments
   */
  function match(method, segments) {
    for (const route of routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue
      /** @type {Record<string, string>} */
      const params = {}
      const ok = route.segments.every((part, i) => {
        const segment = segments[i] ?? ''
        if (part.startsWith(':')) params[part.slice(1)] = segment
        return part.startsWith(':') || part === segment
      })
      if (ok) return { route, params }
    }
    return undefined
  }

  /** @param {string | undefined} header */
  function authenticate(header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
    return m?.[1] ? users.get(m[1]) : undefined
  }

  /**
   * @param {RecordedRequest} recorded
   * @returns {Reply}
   */
  function route(recorded) {
    if (!recorded.path.startsWith(API_PREFIX)) throw notFound()
    /** @type {string[]} */
    let segments
    try {
      segments = recorded.path.slice(API_PREFIX.length).split('/').map(decodeURIComponent)
    } catch {
      throw notFound()
    }
    const method = recorded.method === 'HEAD' ? 'GET' : recorded.method
    const found = match(method, segments)
    if (found?.route.handler === 'ping') return ping()

    const user = authenticate(recorded.headers.authorization)
    if (!user) throw new ApiError(401, UNAUTHORIZED.errors)
    admit(user)
    // TFE hides the admin API from non-admins behind the same 404 as a missing resource.
    if (segments[0] === 'admin' && !user.admin) throw notFound()
    if (!found || (found.route.feature && !features[found.route.feature])) throw notFound()

    /** @type {Organization | undefined} */
    let org
    if (found.params.name !== undefined) {
      org = orgsByName.get(found.params.name)
      if (!org) throw notFound()
    }
    const handler = handlers[found.route.handler]
    if (!handler) throw new Error(`fake TFE: no handler ${found.route.handler}`)
    return handler({
      user,
      org,
      query: recorded.query,
      path: recorded.path,
      body: recorded.body
    })
  }

  const server = await startRecordingServer({
    label: 'fake TFE',
    keepAliveTimeoutMs: options.keepAliveTimeoutMs,
    latencyMs: options.latencyMs,
    clock,
    respond(recorded, res) {
      try {
        const result = route(recorded)
        send(res, result.status, result.body, result.headers)
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        send(res, error.status, { errors: error.errors }, error.headers)
      }
    },
    crashed(res, error) {
      send(res, 500, {
        errors: [{ status: '500', title: 'fake TFE failure', detail: String(error) }]
      })
    }
  })
  baseUrl = server.url

  return {
    url: baseUrl,
    adminToken,
    userToken,
    features,
    pagination,
    moduleProducerFilter,
    providerProducerFilter,
    rateLimit,
    keepAliveTimeoutMs: server.keepAliveTimeoutMs,
    requests: server.requests,

    get throttled() {
      return throttled
    },

    issueToken(kind = 'admin') {
      const token = newToken(kind)
      users.set(token, accounts[kind])
      return token
    },

    addOrganization(input) {
      return snapshot(createOrganization(input))
    },

    addOrganizations(count, prefix = 'org') {
      const width = Math.max(4, String(count).length)
      /** @type {Organization[]} */
      const created = []
      for (let i = 1; i <= count; i++) {
        created.push(createOrganization({ name: `${prefix}-${String(i).padStart(width, '0')}` }))
      }
      return created.map(snapshot)
    },

    org(name) {
      const org = orgsByName.get(name)
      return org ? snapshot(org) : undefined
    },

    writes: server.writes,
    intercept: server.intercept,
    clearIntercepts: server.clearIntercepts,
    close: server.close
  }
}
