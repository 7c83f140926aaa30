// The module sharing TFE holds today, written as a sharing file: the start of sharing as code.
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

/** One producer as TFE holds it: a consumer list (by name), or global sharing. */
export type ExportEntry =
  | { organization: string; consumers: readonly string[] }
  | { organization: string; globalModuleSharing: true }

/**
 * The sharing file stating exactly `entries`: producers sorted, consumers sorted (and exact
 * duplicates dropped), global producers as `global-module-sharing: true`, `version: 1` first.
 * Throws on a producer given twice: the caller has two answers for one organization.
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
  const producers = new Map<string, { consumers: string[] } | { 'global-module-sharing': true }>()
  for (const entry of [...entries].sort((a, b) => byCodePoint(a.organization, b.organization))) {
    producers.set(
      entry.organization,
      'consumers' in entry
        ? { consumers: [...new Set(entry.consumers)].sort(byCodePoint) }
        : { 'global-module-sharing': true }
    )
  }
  const body = stringify(
    { version: SHARING_FILE_VERSION, producers },
    { lineWidth: 0, indent: 2, indentSeq: true }
  )
  const schema = schemaUrl ? `# yaml-language-server: $schema=${schemaUrl}\n` : ''
  return `${schema}${EXPORT_HEADER}\n${body}`
}
