// Organizations by name and by external id, for the whole run: each is asked of TFE at most once,
// and by the cheaper way (docs/tfe-api.md#organization-names-and-external-ids): a lookup each when few names
// are asked, the admin organizations list when many are, or when ids are (TFE has no lookup by
// id). A file of one producer on a TFE of 10,000 organizations thus costs a few lookups, and a
// file of 500 producers one walk of the list.
import { ActionError } from '../domain/errors.js'
import type { Consumer, ConsumerRef } from '../domain/model.js'
import { adminApiNotFound, notSiteAdmin } from '../domain/tfe-answers.js'
import type { TfeClient } from '../tfe/client.js'
import { type NotFoundCause, whoCannotSee } from '../tfe/account.js'
import { isNotFound } from '../tfe/errors.js'
import { type Organization, findOrganizations, listOrganizations } from '../tfe/organizations.js'

export class OrganizationDirectory {
  private readonly byName = new Map<string, Organization>()
  private readonly byId = new Map<string, Organization>()
  /** Every organization of the TFE has been seen: one that is not here does not exist. */
  private complete = false
  private cause: Promise<NotFoundCause> | undefined
  /** The whole list's read while it runs: callers at the same time share it. */
  private reading: Promise<void> | undefined

  constructor(private readonly client: TfeClient) {}

  /** Asks TFE for the names and ids not seen yet. */
  async find(names: Iterable<string>, ids: Iterable<string> = []): Promise<void> {
    if (this.complete) return
    // findOrganizations asks nothing of TFE when nothing is wanted.
    const wanted = {
      names: [...names].filter(name => !this.byName.has(name)),
      ids: [...ids].filter(id => !this.byId.has(id))
    }
    const found = await this.admin(() =>
      findOrganizations(this.client, wanted, org => this.add(org))
    )
    found.organizations.forEach(org => this.add(org))
    if (found.complete) this.complete = true
  }

  /** Every organization of this TFE: the whole list, read once. */
  async all(): Promise<Organization[]> {
    if (!this.complete) {
      this.reading ??= this.admin(() => listOrganizations(this.client)).then(all => {
        all.forEach(org => this.add(org))
        this.complete = true
      })
      await this.reading
    }
    return [...this.byName.values()]
  }

  /** Whether the whole list has been read, so that its global flags are certain. */
  get listed(): boolean {
    return this.complete
  }

  named(name: string): Organization | undefined {
    return this.byName.get(name)
  }

  /** The organization a consumer reference names, if seen. */
  resolve(ref: ConsumerRef): Consumer | undefined {
    const org = ref.kind === 'id' ? this.byId.get(ref.id) : this.byName.get(ref.name)
    return org && { name: org.name, externalId: org.externalId }
  }

  /**
   * Why something asked for was not found: after a complete list, it does not exist; after a
   * lookup's 404, a second look tells a missing organization from a token that may not see it.
   */
  async whyMissing(): Promise<NotFoundCause> {
    if (this.complete) return 'organization-missing'
    this.cause ??= whoCannotSee(this.client)
    return this.cause
  }

  /** An organization from a list page or a lookup: a full record. */
  add(org: Organization): void {
    this.byName.set(org.name, org)
    this.byId.set(org.externalId, org)
  }

  /** An organization from a consumer list: a name and an id, and no word on its global flags. */
  addConsumer({ name, externalId }: Consumer & { name: string }): void {
    if (this.byName.has(name)) return
    this.add({ name, externalId, globalModuleSharing: false, globalProviderSharing: false })
  }

  /** The admin list answers 404 only to a token that may not read it, or to what is not TFE. */
  private async admin<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read()
    } catch (error) {
      if (!isNotFound(error)) throw error
      const cause = await whoCannotSee(this.client)
      throw new ActionError(cause === 'not-site-admin' ? notSiteAdmin() : adminApiNotFound())
    }
  }
}
