import type { Intercept, RecordedRequest } from './recording-server.mjs'

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

export interface FakeTfeOptions {
  /** Initial feature switches; all default to true. */
  features?: Partial<FakeTfeFeatures>
  /** X-TFE-Version sent by /ping (default 'v202501-1'). */
  tfeVersion?: string
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
