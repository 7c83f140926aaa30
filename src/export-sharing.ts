// Today's module sharing of every organization that shares modules, read from TFE for `export`:
// the start of sharing as code. Reads only; the caller writes the file.
import type { ExportEntry } from './config/export.js'
import type { TfeClient } from './tfe/client.js'
import { mapConcurrently } from './tfe/concurrency.js'
import { listModuleConsumers } from './tfe/module-sharing.js'
import { listOrganizations } from './tfe/organizations.js'

/** Requests in flight at once; the client's rate limiter sets the pace. */
const IN_FLIGHT = 16

/**
 * Organizations sharing globally come from the full list's flags; those with a consumer list from
 * TFE's `filter[module_producer]`, each read to take its list (and confirm it is not empty: the
 * filter's exact meaning is undocumented).
 */
export async function readSharingToday(
  client: TfeClient,
  log: (line: string) => void
): Promise<ExportEntry[]> {
  const [all, sharing] = await Promise.all([
    listOrganizations(client),
    listOrganizations(client, { moduleProducer: true })
  ])
  const global = new Set(all.filter(org => org.globalModuleSharing).map(org => org.name))
  const candidates = sharing.filter(org => !global.has(org.name))
  log(
    `${all.length} organizations: ${global.size} share globally; reading the consumers of ${candidates.length} more`
  )
  const lists = await mapConcurrently(candidates, IN_FLIGHT, org =>
    listModuleConsumers(client, org.name)
  )
  const entries: ExportEntry[] = [...global].map(organization => ({
    organization,
    globalModuleSharing: true
  }))
  candidates.forEach((org, i) => {
    const consumers = lists[i] ?? []
    if (consumers.length > 0) {
      entries.push({ organization: org.name, consumers: consumers.map(c => c.name) })
    }
  })
  return entries
}
