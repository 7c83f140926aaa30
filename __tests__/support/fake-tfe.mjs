// A fake of the TFE admin API surface this action touches, written from the project's API notes
// (/work/shared/tfe-api.md). It is as strict as real TFE where that matters (401 vs 404, 422s
// with pointers, global sharing wiping consumer lists) so that client bugs show up here rather
// than against a customer's instance. Plain ESM on Node built-ins: it runs before `npm ci`.
import { randomBytes } from 'node:crypto'
import { startRecordingServer } from './recording-server.mjs'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const ORG_NAME = /^[A-Za-z0-9_-]+$/
// Since v202103-1 TFE refuses names that look like external ids, so names and ids never collide.
const EXTERNAL_ID = /^org-[1-9A-HJ-NP-Za-km-z]{16}$/
const JSON_API = 'application/vnd.api+json'
const DEFAULT_PAGE_SIZE = 20
const MAX_PAGE_SIZE = 100
const API_PREFIX = '/api/v2/'

const DEFAULT_FEATURES = {
  moduleConsumersEndpoint: true,
  relationships: true,
  providerConsumers: true,
  registryPartnerships: true
}

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
  constructor(status, errors) {
    super(`HTTP ${status}`)
    this.status = status
    this.errors = errors
  }
}

const NOT_FOUND = { errors: [{ status: '404', title: 'not found' }] }
const UNAUTHORIZED = { errors: [{ status: '401', title: 'unauthorized' }] }

function notFound() {
  return new ApiError(404, NOT_FOUND.errors)
}

function unprocessableEntry(detail, pointer, title = 'invalid attribute') {
  return { status: '422', title, detail, source: { pointer } }
}

function unprocessable(detail, pointer, title) {
  return new ApiError(422, [unprocessableEntry(detail, pointer, title)])
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseDocument(body) {
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
  return doc
}

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

function pageNumber(raw, fallback) {
  const n = Number.parseInt(raw ?? '', 10)
  return Number.isInteger(n) && n >= 1 ? n : fallback
}

export async function startFakeTfe(options = {}) {
  const adminToken = 'tfe-admin.' + randomBytes(24).toString('hex')
  const userToken = 'tfe-user.' + randomBytes(24).toString('hex')
  const users = new Map([
    [adminToken, { id: 'user-' + randomBase58(16), username: 'site-admin', admin: true }],
    [userToken, { id: 'user-' + randomBase58(16), username: 'regular-user', admin: false }]
  ])
  const tfeVersion = options.tfeVersion ?? 'v202501-1'
  const features = { ...DEFAULT_FEATURES, ...options.features }

  // Records are kept by object identity; names never change here, so name keys are safe too.
  const orgsByName = new Map()
  const orgsByExternalId = new Map()
  const orgList = []
  const partnershipIds = new Map()
  let baseUrl = ''

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
  function consumerSet(producer, names = [], global) {
    if (global && names.length > 0) {
      throw new Error(`fake TFE: ${producer.name} cannot have both global sharing and consumers`)
    }
    const set = new Set()
    for (const name of names) {
      const consumer = orgsByName.get(name)
      if (!consumer) throw new Error(`fake TFE: unknown consumer ${name}; add it first`)
      if (name === producer.name) throw new Error(`fake TFE: ${name} cannot consume itself`)
      set.add(consumer)
    }
    return set
  }

  function snapshot(org) {
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

  function partnershipId(producer, consumer) {
    const key = `${producer.externalId}/${consumer.externalId}`
    let id = partnershipIds.get(key)
    if (!id) {
      id = 'mp-' + randomBase58(16)
      partnershipIds.set(key, id)
    }
    return id
  }

  function paginate(items, query, path) {
    const size = Math.min(pageNumber(query['page[size]'], DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    const number = pageNumber(query['page[number]'], 1)
    const totalPages = Math.max(1, Math.ceil(items.length / size))
    const prev = number > 1 ? number - 1 : null
    const next = number < totalPages ? number + 1 : null
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
    return {
      data: items.slice((number - 1) * size, number * size).map(orgResource),
      links: {
        self: link(number),
        first: link(1),
        prev: link(prev),
        next: link(next),
        last: link(totalPages)
      },
      meta: {
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
  }

  function bySeq(set) {
    return [...set].sort((a, b) => a.seq - b.seq)
  }

  // Resolves a list of consumer references for one producer; every problem becomes its own
  // JSON:API error so a client can report them all at once, as Rails validations do.
  function resolveConsumers(producer, values, pointer, lookup, describe) {
    const errors = []
    const consumers = []
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

  function setModuleConsumers(producer, consumers) {
    producer.moduleConsumers = new Set(consumers)
    producer.globalModuleSharing = false
  }

  function setProviderConsumers(producer, consumers) {
    producer.providerConsumers = new Set(consumers)
    // Only a non-empty list conflicts with global provider sharing (see the report); sending
    // back an empty list must not silently turn it off.
    if (consumers.length > 0) producer.globalProviderSharing = false
  }

  const handlers = {
    ping: () => ({
      status: 204,
      headers: { 'X-RateLimit-Limit': '30', 'X-TFE-Version': tfeVersion }
    }),

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
        .filter(v => typeof v === 'string' && v !== '')
        .map(v => v.toLowerCase())
      const matches = orgList.filter(o => needles.every(n => o.name.toLowerCase().includes(n)))
      return { status: 200, body: paginate(matches, query, path) }
    },

    showOrganization: ({ org }) => ({ status: 200, body: { data: orgResource(org) } }),

    updateOrganization: ({ org, body }) => {
      const { data } = parseDocument(body)
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
      const changes = {}
      for (const key of ['global-module-sharing', 'global-provider-sharing']) {
        if (!(key in attributes)) continue
        if (typeof attributes[key] !== 'boolean') {
          throw unprocessable(
            `${key} must be true or false, got ${JSON.stringify(attributes[key])}.`,
            `/data/attributes/${key}`
          )
        }
        changes[key] = attributes[key]
      }
      // The documented data loss: turning global sharing on drops every partnership.
      if ('global-module-sharing' in changes) {
        org.globalModuleSharing = changes['global-module-sharing']
        if (org.globalModuleSharing) org.moduleConsumers = new Set()
      }
      if ('global-provider-sharing' in changes) {
        org.globalProviderSharing = changes['global-provider-sharing']
        if (org.globalProviderSharing) org.providerConsumers = new Set()
      }
      return { status: 200, body: { data: orgResource(org) } }
    },

    seedModuleConsumers: ({ org, body }) => {
      const { data } = parseDocument(body)
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

    listModuleConsumers: ({ org, query, path }) => ({
      status: 200,
      body: paginate(bySeq(org.moduleConsumers), query, path)
    }),

    listProviderConsumers: ({ org, query, path }) => ({
      status: 200,
      body: paginate(bySeq(org.providerConsumers), query, path)
    }),

    replaceModuleConsumers: ({ org, body }) => {
      const { data } = parseDocument(body)
      if (!Array.isArray(data)) {
        throw unprocessable(
          'data must be an array of {"type":"organizations","id":"<name>"} identifiers.',
          '/data'
        )
      }
      const errors = []
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

    putRegistryPartnerships: ({ org, body }) => {
      const { data } = parseDocument(body)
      if (!isObject(data)) throw unprocessable('data must be an object.', '/data')
      if (data.type !== 'registry-partnerships') {
        throw unprocessable(
          `type must be "registry-partnerships", got ${JSON.stringify(data.type)}.`,
          '/data/type'
        )
      }
      if (!isObject(data.attributes)) {
        throw unprocessable('attributes must be an object.', '/data/attributes')
      }
      const errors = []
      const lists = {}
      for (const [kebab, snake] of [
        ['module-consumers', 'module_consumers'],
        ['provider-consumers', 'provider_consumers']
      ]) {
        // The docs' table and sample disagree on the spelling; either is accepted, but the
        // key itself is required so a client can't clear a list by leaving it out.
        const key = kebab in data.attributes || !(snake in data.attributes) ? kebab : snake
        const pointer = `/data/attributes/${key}`
        const value = data.attributes[key]
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
      setModuleConsumers(org, lists['module-consumers'])
      setProviderConsumers(org, lists['provider-consumers'])
      return { status: 204 }
    }
  }

  // Paths are relative to /api/v2/; ':name' is the producing organization, which must exist.
  const ORG = 'admin/organizations/:name'
  const routes = [
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
  ].map(([method, pattern, handler, feature]) => ({
    method,
    segments: pattern.split('/'),
    handler,
    feature
  }))

  function match(method, segments) {
    for (const route of routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue
      const params = {}
      const ok = route.segments.every((part, i) => {
        if (part.startsWith(':')) params[part.slice(1)] = segments[i]
        return part.startsWith(':') || part === segments[i]
      })
      if (ok) return { route, params }
    }
    return undefined
  }

  function authenticate(header) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
    return m ? users.get(m[1]) : undefined
  }

  function route(recorded) {
    if (!recorded.path.startsWith(API_PREFIX)) throw notFound()
    let segments
    try {
      segments = recorded.path.slice(API_PREFIX.length).split('/').map(decodeURIComponent)
    } catch {
      throw notFound()
    }
    const method = recorded.method === 'HEAD' ? 'GET' : recorded.method
    const found = match(method, segments)
    if (found?.route.handler === 'ping') return handlers.ping()

    const user = authenticate(recorded.headers.authorization)
    if (!user) throw new ApiError(401, UNAUTHORIZED.errors)
    // TFE hides the admin API from non-admins behind the same 404 as a missing resource.
    if (segments[0] === 'admin' && !user.admin) throw notFound()
    if (!found || (found.route.feature && !features[found.route.feature])) throw notFound()

    let org
    if (found.params.name !== undefined) {
      org = orgsByName.get(found.params.name)
      if (!org) throw notFound()
    }
    return handlers[found.route.handler]({
      user,
      org,
      query: recorded.query,
      path: recorded.path,
      body: recorded.body
    })
  }

  const server = await startRecordingServer({
    label: 'fake TFE',
    respond(recorded, res) {
      try {
        const result = route(recorded)
        send(res, result.status, result.body, result.headers)
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        send(res, error.status, { errors: error.errors })
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
    requests: server.requests,

    addOrganization(input) {
      return snapshot(createOrganization(input))
    },

    addOrganizations(count, prefix = 'org') {
      const width = Math.max(4, String(count).length)
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
