// Every organization of the TFE, by name and by external id: read once for a whole file run, so
// that no producer or consumer needs a lookup of its own. Pure once built.
import type { Consumer, ConsumerRef } from './model.js'
import type { Organization } from './tfe/organizations.js'

export class OrganizationIndex {
  private readonly byName = new Map<string, Organization>()
  private readonly byId = new Map<string, Organization>()

  constructor(readonly organizations: readonly Organization[]) {
    for (const org of organizations) {
      this.byName.set(org.name, org)
      this.byId.set(org.externalId, org)
    }
  }

  named(name: string): Organization | undefined {
    return this.byName.get(name)
  }

  /**
   * The consumers the refs name, and the refs that name no organization (by their index in
   * `refs`, so the caller can point at the line each was written on).
   */
  resolve(refs: readonly ConsumerRef[]): { found: Consumer[]; missing: number[] } {
    const found: Consumer[] = []
    const missing: number[] = []
    refs.forEach((ref, i) => {
      const org = ref.kind === 'id' ? this.byId.get(ref.id) : this.byName.get(ref.name)
      if (org) found.push({ name: org.name, externalId: org.externalId })
      else missing.push(i)
    })
    return { found, missing }
  }
}
