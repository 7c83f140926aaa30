// A sharing file, read into the desired sharing of its producers. Pure: text in, producers and
// every problem out, each problem at the line and column where the user wrote it. The format is
// strict (known keys only, exact types) so that a typo can never mean "share with nobody".
//
//   version: 1                # optional; 1 is the only version
//   producers:
//     platform-modules:       # a producing organization, by name
//       consumers:            # the whole list: names or org- external ids
//         - app-team-a
//       provider-consumers:   # providers too, if stated: the whole list, names or org- ids
//         - app-team-a
//     network-modules:
//       global-module-sharing: true   # or global-provider-sharing: true
//
// A producer states module sharing, provider sharing or both; a kind it does not state is not
// managed (left as TFE has it).
import {
  type Document,
  LineCounter,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument
} from 'yaml'
import {
  type ConsumerRef,
  isExternalId,
  isOrganizationName,
  looksLikeExternalId
} from '../domain/model.js'
import {
  NAME_CHARACTER,
  QUOTABLE_CHARACTER,
  describe,
  isQuotable,
  looksLikeToken,
  quoteOrDescribe,
  shown,
  tokenHint
} from './describe.js'
import type { FileProblem } from '../domain/problems.js'
import { yamlProblem } from './yaml-problems.js'

/** The only version of the format. */
export const SHARING_FILE_VERSION = 1

/** One producer's desired sharing, as a file states it: the whole desired state of each kind. */
export interface FileProducer {
  organization: string
  /**
   * False when the producer states no module sharing (neither consumers nor
   * global-module-sharing): its module sharing is then not managed, and `consumers`,
   * `consumerLines` and `globalModuleSharing` are empty and false, to be ignored.
   */
  managesModules: boolean
  /** Empty when `globalModuleSharing` is true, or when the file shares with nobody. */
  consumers: ConsumerRef[]
  /** The line of each consumer entry, in the order of `consumers`. */
  consumerLines: number[]
  globalModuleSharing: boolean
  /** Provider sharing, when the producer states it; absent: not managed. */
  providers?: FileProviders
  /** Where the producer's key is. */
  source: { file: string; line: number }
}

/** A producer's provider sharing, as a file states it (provider-consumers, global-provider-sharing). */
export interface FileProviders {
  /** Empty when `global` is true, or when the file shares providers with nobody. */
  consumers: ConsumerRef[]
  /** The line of each provider consumer entry, in the order of `consumers`. */
  consumerLines: number[]
  global: boolean
  /** Where provider sharing is stated: its first key in the file. */
  line: number
  column: number
}

export interface ParsedSharingFile {
  /** The producers without problems, in the order of the file. */
  producers: FileProducer[]
  /** Every problem found, in the order of the file. */
  errors: FileProblem[]
}

const TOP_KEYS = ['version', 'producers'] as const
const PRODUCER_KEYS = [
  'consumers',
  'global-module-sharing',
  'provider-consumers',
  'global-provider-sharing'
] as const
type ProducerKey = (typeof PRODUCER_KEYS)[number]

/** The keys of one kind of sharing, and the words its messages use. */
interface KindKeys {
  list: ProducerKey
  global: ProducerKey
  /** What one entry of the list is called: `consumer`, `provider consumer`. */
  entry: string
  /** What the producer shares of this kind, for the message on a producer listing itself. */
  shared: string
}

const MODULES: KindKeys = {
  list: 'consumers',
  global: 'global-module-sharing',
  entry: 'consumer',
  shared: 'modules'
}
const PROVIDERS: KindKeys = {
  list: 'provider-consumers',
  global: 'global-provider-sharing',
  entry: 'provider consumer',
  shared: 'providers'
}

/** What a producer states, as the messages that ask for it say it. */
const WHAT_A_PRODUCER_STATES =
  'consumers: or global-module-sharing: true for modules, ' +
  'provider-consumers: or global-provider-sharing: true for providers'
const ADD_SETTINGS =
  'add consumers: (modules) or provider-consumers: (providers) with the organizations to share ' +
  'with ([] for nobody), or global-module-sharing: true or global-provider-sharing: true'

type Node = ParsedNode | null | undefined

interface Context {
  file: string
  errors: FileProblem[]
  lines: LineCounter
}

/** Reads one sharing file. `file` is how problems name it (relative to the workspace). */
export function parseSharingFile(text: string, file: string): ParsedSharingFile {
  const lines = new LineCounter()
  const document = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false
  })
  const context: Context = { file, errors: [], lines }

  // Duplicate keys are found below, where the message can name both places.
  const syntax = [...document.errors, ...document.warnings].filter(e => e.code !== 'DUPLICATE_KEY')
  for (const error of syntax) report(context, error.pos[0], yamlProblem(error))
  if (syntax.length > 0) return { producers: [], errors: inOrder(context.errors) }

  const producers = readFile(context, document)
  return { producers, errors: inOrder(context.errors) }
}

function readFile(context: Context, document: Document.Parsed): FileProducer[] {
  const top = document.contents
  if (top === null || (isScalar(top) && top.value === null)) {
    report(
      context,
      0,
      'the file holds no settings; write producers: with at least one producing organization, ' +
        `and under each what it shares: ${WHAT_A_PRODUCER_STATES}`
    )
    return []
  }
  if (!isMap(top)) {
    report(
      context,
      start(top),
      `a sharing file is a map with the keys version and producers, not ${kindOf(top)}; ` +
        'start with producers: and write each producing organization under it'
    )
    return []
  }
  const { keys, suggested } = readKeys(context, top, TOP_KEYS, {
    where: '',
    takes: 'a sharing file takes only version and producers'
  })
  const version = keys.get('version')
  if (version) readVersion(context, version.key, version.value)
  const producers = keys.get('producers')
  if (!producers) {
    if (!suggested.has('producers')) {
      report(
        context,
        start(top),
        'the file has no producers: key; add producers: with at least one producing organization'
      )
    }
    return []
  }
  return readProducers(context, producers.key, producers.value)
}

function readVersion(context: Context, key: Node, value: Node): void {
  if (isScalar(value) && value.value === SHARING_FILE_VERSION) return
  if (aliasReported(context, value)) return
  const written =
    isScalar(value) && value.value === String(SHARING_FILE_VERSION)
      ? `the string "1"; write version: 1 without quotes`
      : `${show(value)}; write version: 1, or leave version out`
  report(context, isEmpty(value) ? start(key) : start(value), `version must be 1, not ${written}`)
}

function readProducers(context: Context, key: Node, value: Node): FileProducer[] {
  if (aliasReported(context, value)) return []
  if (isEmpty(value) || (isMap(value) && value.items.length === 0)) {
    report(
      context,
      isEmpty(value) ? start(key) : start(value),
      `producers is empty; write at least one producing organization under it, ` +
        `as name: with what it shares under it (${WHAT_A_PRODUCER_STATES})`
    )
    return []
  }
  if (!isMap(value)) {
    report(
      context,
      start(value),
      `producers must be a map of producing organizations, not ${kindOf(value)}; ` +
        `write each organization as name: with what it shares under it (${WHAT_A_PRODUCER_STATES})`
    )
    return []
  }
  const producers: FileProducer[] = []
  const seen = new Map<string, number>()
  for (const pair of value.items) {
    const keyNode = pair.key as Node
    const offset = keyNode ? start(keyNode) : start(pair.value as Node, start(value))
    const line = lineOf(context, offset)
    const before = context.errors.length
    const organization = readProducerName(context, keyNode, offset)
    if (organization !== undefined) {
      const first = seen.get(organization)
      if (first === undefined) {
        seen.set(organization, line)
      } else {
        report(
          context,
          offset,
          `${isQuotable(organization) ? `producer ${organization}` : `the producer on line ${line}`} ` +
            'is set twice: ' +
            `${context.file}:${first} and ${context.file}:${line}; keep one of them`
        )
      }
    }
    const label =
      organization === undefined
        ? `the producer on line ${line}`
        : organizationLabel(organization, line)
    const settings = readProducer(context, pair.value as Node, offset, label, organization)
    if (organization !== undefined && settings && context.errors.length === before) {
      producers.push({ organization, ...settings, source: { file: context.file, line } })
    }
  }
  return producers
}

function readProducerName(context: Context, key: Node, offset: number): string | undefined {
  if (isEmpty(key) || (isScalar(key) && key.value === '')) {
    report(
      context,
      offset,
      "a producer has an empty name; write the producing organization's name before the colon"
    )
    return undefined
  }
  if (!isScalar(key) || isAlias(key)) {
    report(context, offset, `a producer must be named by an organization name, not ${kindOf(key)}`)
    return undefined
  }
  if (typeof key.value !== 'string') {
    report(context, offset, `producer ${readAsNonString(key)}`)
    return undefined
  }
  const name = key.value
  if (isExternalId(name)) {
    report(
      context,
      offset,
      `producer ${name} is an external id; write the producing organization by its name`
    )
    return undefined
  }
  if (!isOrganizationName(name) || looksLikeToken(name)) {
    report(
      context,
      offset,
      'this producer is not a valid organization name (letters, digits, - and _ only): ' +
        `${shown(name, NAME_CHARACTER)}${tokenHint(name)}`
    )
    return undefined
  }
  return name
}

type Settings = Omit<FileProducer, 'organization' | 'source'>

/** One kind of sharing as a producer states it; `stated: false` when it states neither key. */
type KindSettings =
  | { stated: false }
  | {
      stated: true
      consumers: ConsumerRef[]
      consumerLines: number[]
      global: boolean
      /** Where the kind is stated: the offset of its first key. */
      offset: number
    }

function readProducer(
  context: Context,
  value: Node,
  keyOffset: number,
  label: string,
  organization: string | undefined
): Settings | undefined {
  if (aliasReported(context, value)) return undefined
  if (isEmpty(value)) {
    report(context, keyOffset, `${label} has no settings; ${ADD_SETTINGS}`)
    return undefined
  }
  if (!isMap(value)) {
    const hint = isSeq(value)
      ? '; write consumers: (or provider-consumers:) above the list, indented under the name'
      : ''
    report(
      context,
      start(value),
      `${label} must be a map with consumers:, global-module-sharing:, provider-consumers: or ` +
        `global-provider-sharing:, not ${kindOf(value)}${hint}`
    )
    return undefined
  }
  const { keys, suggested } = readKeys(context, value, PRODUCER_KEYS, {
    where: ` in ${label}`,
    takes:
      'a producer takes only consumers, global-module-sharing, provider-consumers and ' +
      'global-provider-sharing'
  })
  // Both kinds are read, so that every problem of the producer is reported at once.
  const modules = readKind(context, keys, MODULES, label, organization)
  const providers = readKind(context, keys, PROVIDERS, label, organization)
  if (modules === undefined || providers === undefined) return undefined
  if (!modules.stated && !providers.stated) {
    // A key taken for a typo of one of them is reported already, with the key it was meant as.
    if (suggested.size === 0) {
      report(
        context,
        keyOffset,
        `${label} states neither module nor provider sharing; ${ADD_SETTINGS}`
      )
    }
    return undefined
  }
  const settings: Settings = modules.stated
    ? {
        managesModules: true,
        consumers: modules.consumers,
        consumerLines: modules.consumerLines,
        globalModuleSharing: modules.global
      }
    : // Not managed: left as TFE has it; the empty list and false are placeholders, never planned.
      { managesModules: false, consumers: [], consumerLines: [], globalModuleSharing: false }
  if (providers.stated) {
    const { line, col } = context.lines.linePos(providers.offset)
    settings.providers = {
      consumers: providers.consumers,
      consumerLines: providers.consumerLines,
      global: providers.global,
      line: Math.max(1, line),
      column: Math.max(1, col)
    }
  }
  return settings
}

/**
 * One kind of sharing of a producer: its list, or global sharing, checked against each other.
 * undefined when it has a problem (reported).
 */
function readKind(
  context: Context,
  keys: Map<ProducerKey, Keyed>,
  kind: KindKeys,
  label: string,
  organization: string | undefined
): KindSettings | undefined {
  const listPair = keys.get(kind.list)
  const globalPair = keys.get(kind.global)
  if (!listPair && !globalPair) return { stated: false }
  const list = listPair
    ? readConsumers(context, listPair.key, listPair.value, label, organization, kind)
    : undefined
  const global = globalPair
    ? readGlobal(context, globalPair.key, globalPair.value, label, kind)
    : undefined

  if (global === true && isSeq(listPair?.value) && listPair.value.items.length > 0) {
    const count = listPair.value.items.length
    report(
      context,
      start(globalPair?.key),
      `${label} has ${kind.global}: true and ${count} ${kind.entry}${count === 1 ? '' : 's'}; ` +
        'global sharing shares with every organization and clears the list: ' +
        `remove the ${kind.entry}s, or set ${kind.global}: false`
    )
    return undefined
  }
  if (global === false && !listPair) {
    report(
      context,
      start(globalPair?.key),
      `${label} has ${kind.global}: false but no ${kind.list}; add ${kind.list}: with the ` +
        `organizations to share with (${kind.list}: [] for nobody)`
    )
    return undefined
  }
  if (globalPair && global === undefined) return undefined
  const offset = Math.min(
    ...[listPair?.key, globalPair?.key].filter(key => key !== undefined).map(key => start(key))
  )
  if (global === true) return { stated: true, consumers: [], consumerLines: [], global, offset }
  if (list === undefined) return undefined
  return { stated: true, ...list, global: false, offset }
}

function readConsumers(
  context: Context,
  key: Node,
  value: Node,
  label: string,
  organization: string | undefined,
  kind: KindKeys
): Pick<FileProducer, 'consumers' | 'consumerLines'> | undefined {
  if (aliasReported(context, value)) return undefined
  if (isEmpty(value)) {
    report(
      context,
      start(key),
      `${kind.list} of ${label} is empty; write ${kind.list}: [] to share with nobody, ` +
        'or list the organizations under it, one - name a line'
    )
    return undefined
  }
  if (!isSeq(value)) {
    const how = isMap(value)
      ? 'write each organization as - name, with no colon after it'
      : `write each organization on its own line under ${kind.list}:, as - name`
    report(
      context,
      start(value),
      `${kind.list} of ${label} must be a list, not ${kindOf(value)}; ${how}`
    )
    return undefined
  }
  const consumers: ConsumerRef[] = []
  const consumerLines: number[] = []
  const seen = new Map<string, number>()
  let valid = true
  for (const item of (value as YAMLSeq.Parsed).items) {
    const offset = start(item)
    const line = lineOf(context, offset)
    const problem = consumerProblem(item, organization, kind)
    if (typeof problem === 'string') {
      report(context, offset, problem)
      valid = false
      continue
    }
    const text = problem.kind === 'id' ? problem.id : problem.name
    const first = seen.get(text)
    if (first !== undefined) {
      report(
        context,
        offset,
        `${isQuotable(text) ? text : `this ${kind.entry}`} is listed twice in the ${kind.list} of ` +
          `${label} (first on line ${first}); remove this entry`
      )
      valid = false
      continue
    }
    seen.set(text, line)
    consumers.push(problem)
    consumerLines.push(line)
  }
  return valid ? { consumers, consumerLines } : undefined
}

/** The consumer an entry names, or what is wrong with it. Classified as the step input does. */
function consumerProblem(
  item: Node,
  producer: string | undefined,
  kind: KindKeys
): ConsumerRef | string {
  if (isEmpty(item)) {
    return (
      `a ${kind.entry} entry is empty (a - with nothing after it); write an organization name ` +
      'or external id, or remove the line'
    )
  }
  if (isAlias(item)) return ALIAS
  if (!isScalar(item)) {
    const hint = isMap(item) ? ' (is there a colon after a name?)' : ''
    return `a ${kind.entry} must be an organization name or external id, not ${kindOf(item)}${hint}`
  }
  if (typeof item.value !== 'string') return `${kind.entry} ${readAsNonString(item)}`
  const value = item.value
  if (isExternalId(value)) return { kind: 'id', id: value }
  if (isOrganizationName(value) && !looksLikeToken(value)) {
    if (value === producer) {
      const who = isQuotable(producer) ? producer : 'the producer'
      return (
        `${who} lists itself as a ${kind.entry}; an organization always uses its own ` +
        `${kind.shared}: remove this entry`
      )
    }
    return looksLikeExternalId(value)
      ? { kind: 'name', name: value, looksLikeId: true }
      : { kind: 'name', name: value }
  }
  const hint = /\s-\s/.test(value)
    ? '; is a - entry indented more than the one above it?'
    : tokenHint(value)
  return (
    `this ${kind.entry} is neither an organization name (letters, digits, - and _) nor an ` +
    `external id (org- and 16 base58 characters): ${shown(value, NAME_CHARACTER)}${hint}`
  )
}

function readGlobal(
  context: Context,
  key: Node,
  value: Node,
  label: string,
  kind: KindKeys
): boolean | undefined {
  if (isScalar(value) && typeof value.value === 'boolean') return value.value
  if (aliasReported(context, value)) return undefined
  report(
    context,
    isEmpty(value) ? start(key) : start(value),
    `${kind.global} of ${label} must be true or false, not ${show(value)}`
  )
  return undefined
}

interface Keyed {
  key: Node
  value: Node
}

/**
 * The known keys of a map, first occurrence each; every unknown or repeated key is reported.
 * `suggested` holds the known keys that an unknown key was taken for (a typo), so that the
 * missing key is not reported a second time.
 */
function readKeys<K extends string>(
  context: Context,
  map: YAMLMap.Parsed,
  known: readonly K[],
  { where, takes }: { where: string; takes: string }
): { keys: Map<K, Keyed>; suggested: Set<K> } {
  const keys = new Map<K, Keyed>()
  const suggested = new Set<K>()
  const lines = new Map<string, number>()
  for (const pair of map.items) {
    const key = pair.key as Node
    const value = pair.value as Node
    const offset = key ? start(key) : start(value, start(map))
    const name = isScalar(key) && typeof key.value === 'string' ? key.value : undefined
    if (name === undefined || !(known as readonly string[]).includes(name)) {
      const guesses = name === undefined ? [] : closest(name, known)
      for (const guess of guesses) suggested.add(guess)
      const meant = guesses.length > 0 ? `; did you mean ${guesses.join(' or ')}?` : ''
      report(context, offset, `unknown key ${keyLabel(key)}${where}: ${takes}${meant}`)
      continue
    }
    const first = lines.get(name)
    if (first !== undefined) {
      report(
        context,
        offset,
        `${name} is written twice${where} (first on line ${first}); write each key once`
      )
      continue
    }
    lines.set(name, lineOf(context, offset))
    keys.set(name as K, { key, value })
  }
  return { keys, suggested }
}

/**
 * The known keys an unknown one was probably meant as: a near miss, a different spelling, the
 * start of one (`provider`, `providers`) or one with a word before it (`module-consumers`). The
 * nearest; both when two are about as near (`global`), since a guess would then be a coin toss.
 */
function closest<K extends string>(name: string, known: readonly K[]): K[] {
  const normal = name.toLowerCase().replace(/[_ ]/g, '-')
  const stem = normal.replace(/s$/, '')
  const near = known
    .filter(
      key =>
        distance(normal, key) <= 3 ||
        (stem.length >= 4 &&
          (key.startsWith(stem) || normal.startsWith(key) || normal.endsWith(`-${key}`)))
    )
    .map(key => ({ key, distance: distance(normal, key) }))
    .sort((a, b) => a.distance - b.distance)
  const best = near[0]?.distance ?? 0
  return near
    .filter(guess => guess.distance <= best + 2)
    .slice(0, 2)
    .map(guess => guess.key)
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost))
    }
    row = next
  }
  return row[b.length] ?? 0
}

const ALIAS = 'aliases (*name) are not supported in sharing files; write the value out here'

/** An alias where a value belongs is reported as such: what it stands for is not read. */
function aliasReported(context: Context, node: Node): boolean {
  if (!isAlias(node)) return false
  report(context, start(node), ALIAS)
  return true
}

/** A key as a message may show it. */
function keyLabel(key: Node): string {
  if (isEmpty(key)) return '(empty)'
  if (isScalar(key)) {
    const text = sourceText(key)
    return isQuotable(text) ? `"${text}"` : `(${describe(text, QUOTABLE_CHARACTER)})`
  }
  return `(${kindOf(key)})`
}

/** A value as a message may show it: quoted only when short and plain. */
function show(value: Node): string {
  if (isEmpty(value)) return 'empty'
  if (isScalar(value)) {
    const text = sourceText(value)
    // A string is quoted; a number or boolean is shown as written.
    if (typeof value.value === 'string' || !isQuotable(text)) return quoteOrDescribe(text)
    return text
  }
  return kindOf(value)
}

/** `123 is read by YAML as a number; ...`, for a name YAML reads as something else. */
function readAsNonString(node: Scalar): string {
  const text = sourceText(node)
  const written = quoteOrDescribe(text)
  const quoted = isQuotable(text) ? ` ("${text}")` : ''
  return (
    `${written} is read by YAML as ${typeOf(node)}; write it in quotes${quoted} ` +
    "if it is an organization's name"
  )
}

function typeOf(node: Scalar): string {
  const value = node.value
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number'
  if (typeof value === 'boolean') return 'a boolean'
  if (value === null) return 'empty'
  return 'a tagged value'
}

/** How the user wrote a scalar (`0x1F`, not 31). */
function sourceText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value)
}

function kindOf(node: Node): string {
  if (isAlias(node)) return 'an alias (*name)'
  if (isMap(node)) return 'a map'
  if (isSeq(node)) return 'a list'
  if (isEmpty(node)) return 'empty'
  return 'a single value'
}

function isEmpty(node: Node): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null)
}

function start(node: Node, fallback = 0): number {
  return node?.range[0] ?? fallback
}

function lineOf(context: Context, offset: number): number {
  return Math.max(1, context.lines.linePos(offset).line)
}

function report(context: Context, offset: number, message: string): void {
  const { line, col } = context.lines.linePos(offset)
  context.errors.push({
    file: context.file,
    line: Math.max(1, line),
    column: Math.max(1, col),
    message
  })
}

/** A valid producer name as a message may show it. */
function organizationLabel(organization: string, line: number): string {
  return isQuotable(organization) ? organization : `the producer on line ${line}`
}

function inOrder(errors: FileProblem[]): FileProblem[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort(
      (a, b) =>
        a.error.line - b.error.line ||
        (a.error.column ?? 0) - (b.error.column ?? 0) ||
        a.index - b.index
    )
    .map(({ error }) => error)
}
