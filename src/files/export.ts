// The sharing TFE holds today, written as a sharing file: the start of sharing as code.
// Pure and deterministic (sorted producers and consumers, no dates), so exporting twice gives the
// same text and a diff shows only what changed.
import { stringify } from 'yaml'
import { SHARING_FILE_VERSION } from './parse.js'
import { byCodePoint } from '../domain/model.js'

/** The schema's own `$id`: a placeholder for the repository the action is installed from. */
export const SCHEMA_URL =
  'https://raw.githubusercontent.com/your-org/tfe-module-sharing-action/v1/module-sharing.schema.json'

export const EXPORT_HEADER =
  '# Exported from TFE by tfe-module-sharing-action; review before committing.'

/**
 * One producer as TFE holds it: its module sharing (a consumer list by name, or global sharing),
 * its provider sharing (the same), or both. A kind left out is written as nothing: a file that
 * does not state it leaves it as TFE has it.
 */
export type ExportEntry = { organization: string } & ExportedModules & ExportedProviders

type ExportedModules =
  | { consumers: readonly string[]; globalModuleSharing?: never }
  | { consumers?: never; globalModuleSharing: true }
  | { consumers?: never; globalModuleSharing?: never }

type ExportedProviders =
  | { providerConsumers: readonly string[]; globalProviderSharing?: never }
  | { providerConsumers?: never; globalProviderSharing: true }
  | { providerConsumers?: never; globalProviderSharing?: never }

/** A producer's keys, in the order the file has them: module sharing first. */
interface ProducerKeys {
  consumers?: string[]
  'global-module-sharing'?: true
  'provider-consumers'?: string[]
  'global-provider-sharing'?: true
}

/**
 * The sharing file stating exactly `entries`: producers sorted, consumers sorted (and exact
 * duplicates dropped), global producers as `global-module-sharing: true`, provider sharing after
 * module sharing (`provider-consumers:` or `global-provider-sharing: true`), `version: 1` first.
 * Throws on a producer given twice (the caller has two answers for one organization) or with
 * neither kind (a file cannot state that).
 */
export function sharingFileText(
  entries: readonly ExportEntry[],
  /** The action's schema, or undefined for no schema line (see settings' schemaUrlFor). */
  schemaUrl: string | undefined
): string {
  const seen = new Set<string>()
  for (const { organization } of entries) {
    if (seen.has(organization)) {
      throw new Error(`sharingFileText: ${organization} is given twice; give each producer once`)
    }
    seen.add(organization)
  }
  // A Map, not an object: `__proto__` is a valid organization name.
  const producers = new Map<string, ProducerKeys>()
  for (const entry of [...entries].sort((a, b) => byCodePoint(a.organization, b.organization))) {
    const keys: ProducerKeys = {}
    if (entry.consumers) keys.consumers = sorted(entry.consumers)
    else if (entry.globalModuleSharing) keys['global-module-sharing'] = true
    if (entry.providerConsumers) keys['provider-consumers'] = sorted(entry.providerConsumers)
    else if (entry.globalProviderSharing) keys['global-provider-sharing'] = true
    if (Object.keys(keys).length === 0) {
      throw new Error(
        `sharingFileText: ${entry.organization} has neither module nor provider sharing; give one`
      )
    }
    producers.set(entry.organization, keys)
  }
  const body = stringify(
    { version: SHARING_FILE_VERSION, producers },
    { lineWidth: 0, indent: 2, indentSeq: true }
  )
  const schema = schemaUrl ? `# yaml-language-server: $schema=${schemaUrl}\n` : ''
  return `${schema}${EXPORT_HEADER}\n${body}`
}

/** Sorted by code point, exact duplicates dropped. */
function sorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort(byCodePoint)
}
