// Sharing files, read and checked together into the desired sharing of every producer they name.
// Reading is the only I/O here; combining the files is pure (`combineSharingFiles`).
import { readFile, stat } from 'node:fs/promises'
import { relative, sep } from 'node:path'
import type { Desired, ProvidersDesired } from '../domain/desired.js'
import { isQuotable } from './describe.js'
import type { FilePlace, FileProblem } from '../domain/problems.js'
import { type FileProducer, type ParsedSharingFile, parseSharingFile } from './parse.js'
import { type Api, byCodePoint } from '../domain/model.js'
import { providersNeedRegistryPartnerships } from '../domain/tfe-answers.js'

/**
 * One producer's desired sharing from a file: the whole desired state (mode `set`) of each kind it
 * states, global sharing stated either way, and no `allow-empty` (reviewing the file is the
 * confirmation); placed at the producer's key and each consumer's line. A kind the file does not
 * state is not managed: `managesModules: false` (the file states only providers), or no
 * `providers`.
 */
export interface DesiredFromFile extends Desired {
  mode: 'set'
  /** When `managesModules` is false: false, and ignored (module sharing is left as it is). */
  globalModuleSharing: boolean
  allowEmpty: true
  place: FilePlace
  consumerPlaces: FilePlace[]
  providers?: ProvidersFromFile
}

/** Provider sharing from a file: placed at its first key, and each provider consumer's line. */
export interface ProvidersFromFile extends ProvidersDesired {
  place: FilePlace
  consumerPlaces: FilePlace[]
}

export interface LoadedSharing {
  /** Sorted by producer name. */
  desired: DesiredFromFile[]
  /** Every problem of every file, by file and position; the run must not go ahead if any. */
  errors: FileProblem[]
}

/** A sharing file is a short list; anything larger was matched by mistake. */
export const MAX_SHARING_FILE_BYTES = 1024 * 1024

/**
 * Reads, parses and checks the files (absolute paths, e.g. from `findSharingFiles`). Problems name
 * files relative to the workspace, as annotations need them.
 */
export async function loadSharingFiles(
  paths: readonly string[],
  workspace: string
): Promise<LoadedSharing> {
  const parsed: ParsedSharingFile[] = []
  for (const path of paths) {
    const file = relative(workspace, path).split(sep).join('/')
    const text = await readText(path)
    parsed.push(
      typeof text === 'string'
        ? parseSharingFile(text, file)
        : { producers: [], errors: [{ file, line: 1, column: 1, message: text.problem }] }
    )
  }
  return combineSharingFiles(parsed)
}

/**
 * The producers of several parsed files as one desired state. A producer may be written in one
 * place only: each further place is an error that names both (file:line each).
 */
export function combineSharingFiles(files: readonly ParsedSharingFile[]): LoadedSharing {
  const errors = files.flatMap(file => file.errors)
  const first = new Map<string, FileProducer>()
  for (const producer of files.flatMap(file => file.producers)) {
    const earlier = first.get(producer.organization)
    if (earlier === undefined) {
      first.set(producer.organization, producer)
      continue
    }
    errors.push({
      file: producer.source.file,
      line: producer.source.line,
      column: 1,
      message:
        `${isQuotable(producer.organization) ? `producer ${producer.organization}` : 'this producer'} ` +
        'is set in two places: ' +
        `${place(earlier)} and ${place(producer)}; keep it in one file only`
    })
  }
  const desired = [...first.values()]
    .sort((a, b) => byCodePoint(a.organization, b.organization))
    .map(desiredFromFile)
  return { desired, errors: inFileOrder(errors) }
}

function desiredFromFile({
  organization,
  managesModules,
  consumers,
  consumerLines,
  globalModuleSharing,
  providers,
  source
}: FileProducer): DesiredFromFile {
  const at = (line: number): FilePlace => ({ file: source.file, line })
  const desired: DesiredFromFile = {
    organization,
    consumers,
    mode: 'set',
    globalModuleSharing,
    allowEmpty: true,
    place: source,
    consumerPlaces: consumerLines.map(at),
    managesModules
  }
  if (providers) {
    desired.providers = {
      consumers: providers.consumers,
      consumerPlaces: providers.consumerLines.map(at),
      global: providers.global,
      place: { file: source.file, line: providers.line, column: providers.column }
    }
  }
  return desired
}

/**
 * The problems of a run's files that come from the run's settings, not from the files alone:
 * provider sharing stated while the run's `api` cannot write it (only registry-partnerships
 * does). One problem per producer, where its provider sharing is stated; checked before any
 * request, as the files' own problems are.
 */
export function providerProblems(desired: readonly DesiredFromFile[], api: Api): FileProblem[] {
  if (api === 'registry-partnerships') return []
  return inFileOrder(
    desired.flatMap(({ providers }) =>
      providers ? [{ ...providers.place, message: providersNeedRegistryPartnerships(api) }] : []
    )
  )
}

/** Problems sorted by file, line and column, as annotations and the log show them. */
export function inFileOrder(problems: readonly FileProblem[]): FileProblem[] {
  return [...problems].sort(
    (a, b) => byCodePoint(a.file, b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0)
  )
}

function place({ source }: FileProducer): string {
  return `${source.file}:${source.line}`
}

/** The file's text, or what keeps it from being read (described; the path is in the annotation). */
async function readText(path: string): Promise<string | { problem: string }> {
  let bytes: Buffer
  try {
    const { size } = await stat(path)
    if (size > MAX_SHARING_FILE_BYTES) {
      return {
        problem: `the file is larger than 1 MiB (${size} bytes), too large for a sharing file; check the patterns that select sharing files`
      }
    }
    bytes = await readFile(path)
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error'
    return { problem: `the file cannot be read (${code}); check that it exists and is a file` }
  }
  if (bytes.includes(0)) {
    return { problem: 'the file is not text (it holds NUL bytes); a sharing file is YAML text' }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { problem: 'the file is not UTF-8 text; save it as UTF-8' }
  }
}
