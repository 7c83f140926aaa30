// What the user sees after a file run: the outputs of every producer, and one summary for the
// whole run, the most important first: totals, failed producers with their problems, one table
// row per changed producer (what it gains and loses, each kind labelled once the run manages
// provider sharing), each change with its external ids a click away, then unmanaged
// organizations, and unchanged producers last. It fits where it is shown, and counts what it
// leaves out.
import { capped } from '../domain/describe-value.js'
import type { Api, Consumer } from '../domain/model.js'
import type {
  Outcome,
  ProducerOutcome,
  ProducerResult,
  Unmanaged,
  UnmanagedSharing
} from '../domain/outcome.js'
import { listsUnknownNote } from '../domain/tfe-answers.js'
import type { Change, KindPlan, Plan } from '../domain/plan.js'
import { isFilePlace } from '../domain/problems.js'
import type { Sharer } from '../sharing/today.js'
import {
  MESSAGE_CHARACTERS,
  type Part,
  cell,
  codeSpan,
  fitParts,
  markdownText,
  onOff,
  plural,
  problemLine
} from './summary.js'

export { COMMENT_LIMIT, SUMMARY_LIMIT } from './summary.js'

export interface FilesReport extends Outcome {
  baseUrl: string
  api: Api
  dryRun: boolean
  /** A drift check (fail-on-drift): differences are drift, told by which way they go. */
  drift?: boolean
  /** The step's error line, when the run failed: shown first. */
  failure?: string
  /** The config input, to say which files were planned. */
  patterns: string
}

const RESULT_LABEL: Record<ProducerResult, string> = {
  unchanged: 'unchanged',
  'would-change': 'would change',
  changed: 'changed',
  failed: '❌ failed'
}

const CHANGE_LABEL: Record<Change, string> = {
  kept: 'kept',
  added: '➕ added',
  removed: '➖ removed'
}

/** In a drift check the files are right by definition: which way does TFE differ? */
const DRIFT_LABEL: Record<Change, string> = {
  kept: 'kept',
  added: '➕ in the files, not in TFE',
  removed: '➖ in TFE, in no file'
}

/** Names in a row of the overview; the rest are counted. */
const NAMES_IN_A_ROW = 10
/** Problems shown of one producer; the log has every one. */
const PROBLEMS_SHOWN = 20
/** Unmanaged organizations listed without a click. */
const UNMANAGED_OPEN = 10

/**
 * The run as markdown, at most `limit` bytes. What does not fit is counted, and `elsewhere` says
 * where the whole of it is. Parts are cut from the last: unchanged producers, unmanaged
 * organizations, each change's external ids, rows of the overview, and failed producers last.
 */
export function filesSummaryMarkdown(
  report: FilesReport,
  limit: number,
  elsewhere: string
): string {
  const { producers, unmanaged = [], dryRun } = report
  const drift = report.drift === true
  // Once a run manages provider sharing, every change says which kind it is about.
  const kinds = producers.some(managesProviders)
  const planned = dryRun || !report.wrote
  const count = (result: ProducerResult) => producers.filter(p => p.result === result).length
  // What TFE accepted, after writes; what the plan would do, before them. A producer whose write
  // failed counts in neither: its state is unknown.
  const counted = producers.filter(p => p.result === (report.wrote ? 'changed' : 'would-change'))
  const total = (of: (plan: Plan) => readonly unknown[] | undefined) =>
    counted.reduce((sum, p) => sum + (p.plan ? (of(p.plan)?.length ?? 0) : 0), 0)
  const added = total(plan => plan.added)
  const removed = total(plan => plan.removed)
  const to = (add: number, remove: number, kind = '') =>
    `${add} ${kind}partnership${plural(add)} ${planned ? 'to add' : 'added'}, ${remove} ${planned ? 'to remove' : 'removed'}`
  const partnerships = kinds
    ? `${to(added, removed, 'module ')} · ${to(
        total(plan => plan.providers?.added),
        total(plan => plan.providers?.removed),
        'provider '
      )}`
    : to(added, removed)
  const failed = count('failed')
  const changing = planned ? count('would-change') : count('changed')
  const verb = drift ? 'drifted' : planned ? 'would change' : 'changed'
  const what = drift ? ' drift check' : dryRun ? ' plan' : ''
  const patterns = report.patterns.split(/\r?\n/).filter(Boolean).join(', ')
  const head = [
    `### ${report.failure ? '❌ Failed: ' : ''}${kinds ? 'Module and provider sharing' : 'Module sharing'}${what}: ${producers.length} producer${plural(producers.length)}${dryRun ? ' (dry run)' : ''}`,
    ...(report.failure
      ? ['', `**Failed**: ${markdownText(capped(report.failure, MESSAGE_CHARACTERS))}`]
      : []),
    '',
    `TFE ${markdownText(capped(report.baseUrl))} · API ${codeSpan(report.api)} · files ${codeSpan(capped(patterns))}`,
    '',
    [
      `**${changing} ${verb}**`,
      `${count('unchanged')} unchanged`,
      failed ? `**${failed} failed**` : '',
      partnerships,
      `${unmanaged.length} unmanaged`
    ]
      .filter(Boolean)
      .join(' · ')
  ]
  if (failed && !report.wrote && !dryRun) {
    head.push('', 'A plan failed, so **nothing was written** to any producer.')
  }
  if (drift && changing > 0) {
    head.push(
      '',
      'Drift: TFE differs from the sharing files. ➕ a file grants access that TFE does not; ' +
        '➖ TFE grants access that no file does (the apply would remove it).' +
        (kinds ? ' Each difference says whether it is about modules or providers.' : '')
    )
  }

  const where = markdownText(elsewhere)
  const notShown = (what: string) => (left: number) => [
    '',
    `… and ${left} more ${what}${left === 1 ? '' : 's'} not shown here: ${where}`
  ]
  const parts: Part[] = []
  const failures = producers.filter(p => p.result === 'failed')
  if (failures.length > 0) {
    parts.push({
      before: [],
      units: failures.map(p => producerSection(p, drift, kinds).join('\n')),
      after: [],
      more: notShown('failed producer')
    })
  }
  const changed = producers.filter(p => p.result !== 'unchanged' && p.result !== 'failed')
  // Only the module-consumers API answers with partnership ids.
  const withPartnerships = changed.some(p => (p.applied?.partnerships.length ?? 0) > 0)
  if (changed.length > 0) {
    const [gains, loses] = drift
      ? [DRIFT_LABEL.added, DRIFT_LABEL.removed]
      : [CHANGE_LABEL.added, `${CHANGE_LABEL.removed} (${planned ? 'loses' : 'lost'} access)`]
    parts.push({
      before: [
        '',
        `#### ${drift ? 'Drifted' : planned ? 'What would change' : 'What changed'}`,
        '',
        `| Producer | ${gains} | ${loses} |`,
        '| --- | --- | --- |'
      ],
      units: changed.map(p => overviewRow(p, kinds)),
      after: [],
      more: notShown('producer')
    })
    parts.push({
      before: [
        '',
        `<details><summary>Each change with its external ids${withPartnerships ? ' and partnership ids' : ''}</summary>`
      ],
      units: changed.map(p => producerSection(p, drift, kinds).join('\n')),
      after: ['', '</details>'],
      more: notShown('producer'),
      none: () => ['', `Each change with its external ids: ${where}`]
    })
  }
  if (unmanaged.length > 0) {
    const n = unmanaged.length
    const open = n <= UNMANAGED_OPEN
    // Per kind once provider sharing is in play: a producer whose file states only providers
    // may share modules that no file manages.
    const perKind = kinds || unmanaged.some(u => u.providers !== undefined)
    const intro = [
      '',
      perKind
        ? `#### Unmanaged: ${n} organization${plural(n)} share${n === 1 ? 's' : ''} modules or providers that no file manages`
        : `#### Unmanaged: ${n} organization${plural(n)} share${n === 1 ? 's' : ''} modules but ${n === 1 ? 'is' : 'are'} in no file`,
      '',
      'Left as they are. Add them to a sharing file to manage them (`export` writes their sharing today).'
    ]
    parts.push({
      before: [
        ...intro,
        '',
        ...(open ? [] : [`<details><summary>${n} unmanaged organizations</summary>`, ''])
      ],
      units: unmanaged.map(u => unmanagedItem(u, perKind)),
      after: open ? [] : ['', '</details>'],
      more: notShown('unmanaged organization'),
      none: () => [...intro, '', `Not listed here: ${where}`]
    })
  }
  const unchanged = producers.filter(p => p.result === 'unchanged')
  if (unchanged.length > 0) {
    parts.push({
      before: [
        '',
        `<details><summary>${unchanged.length} unchanged producer${plural(unchanged.length)}</summary>`,
        ''
      ],
      units: unchanged.map(p => unchangedItem(p, kinds)),
      join: ', ',
      after: ['', '</details>'],
      more: notShown('unchanged producer'),
      none: left => ['', `${left} unchanged producer${plural(left)}, not listed here: ${where}`]
    })
  }
  return fitParts(head, parts, limit)
}

/** Does the producer's file state its provider sharing? */
function managesProviders({ desired, plan }: ProducerOutcome): boolean {
  return desired.providers !== undefined || plan?.providers !== undefined
}

/** One kind's change as the overview shows it; the module one with its table rows. */
type KindChange = Pick<KindPlan, 'rows' | 'global'>

/** The module part of a plan; undefined when the run leaves module sharing as it is. */
function moduleChange(plan: Plan): KindChange | undefined {
  return plan.managesModules ? plan : undefined
}

/**
 * One row of the overview: what the producer gains and loses, a few names and a count. Once the
 * run manages providers, each cell says which kind: `modules: … · providers: …`.
 */
function overviewRow({ desired, plan }: ProducerOutcome, kinds: boolean): string {
  const name = cell(desired.organization)
  if (!plan) return `| ${name} | — | — |`
  const unknown =
    plan.managesModules && plan.previous === undefined
      ? ` (today's ${kinds ? 'module ' : ''}list unknown: the whole list is set)`
      : ''
  if (!kinds) {
    const { gains, loses } = gainsAndLoses(plan, 'global module sharing')
    return `| ${name}${unknown} | ${gains || '—'} | ${loses || '—'} |`
  }
  const parts = [
    { label: 'modules', change: moduleChange(plan) },
    { label: 'providers', change: plan.providers }
  ].map(({ label, change }) => ({
    label,
    ...(change ? gainsAndLoses(change, 'global sharing') : { gains: '', loses: '' })
  }))
  const join = (side: 'gains' | 'loses') =>
    parts
      .filter(part => part[side] !== '')
      .map(part => `*${part.label}:* ${part[side]}`)
      .join(' · ') || '—'
  return `| ${name}${unknown} | ${join('gains')} | ${join('loses')} |`
}

/** What one kind gains and loses, as the overview's cells say it; empty when nothing. */
function gainsAndLoses(
  { rows, global: { before, after } }: KindChange,
  globalName: string
): { gains: string; loses: string } {
  if (after && !before) {
    // Global sharing grants every organization: no listed consumer loses anything.
    return { gains: `**every organization** (${globalName} on)`, loses: '' }
  }
  const gains = names(rows.filter(r => r.change === 'added').map(r => r.consumer))
  const loses = names(rows.filter(r => r.change === 'removed').map(r => r.consumer))
  const everyOther = before && !after ? `**every organization not listed** (${globalName} off)` : ''
  return { gains, loses: [everyOther, loses].filter(Boolean).join(', ') }
}

/** A few names of consumers, each capped, and how many more; empty for none. */
function names(consumers: readonly Consumer[]): string {
  if (consumers.length === 0) return ''
  const shown = consumers.slice(0, NAMES_IN_A_ROW).map(c => cell(c.name ?? c.externalId))
  const more = consumers.length - shown.length
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}

/**
 * A producer in full: its problems, then each kind it manages: global sharing, its changes with
 * their ids, kept counted.
 */
function producerSection(
  { desired, result, plan, applied, problems }: ProducerOutcome,
  drift: boolean,
  kinds: boolean
): string[] {
  const org = markdownText(capped(desired.organization))
  const label = drift && result === 'would-change' ? 'drifted' : RESULT_LABEL[result]
  const lines = ['', `#### ${org}: ${label}`]
  if (problems.length > 0) {
    lines.push('')
    for (const p of problems.slice(0, PROBLEMS_SHOWN)) {
      lines.push(problemLine(isFilePlace(p) ? `${p.file}:${p.line}` : p.input, p.message))
    }
    const more = problems.length - PROBLEMS_SHOWN
    if (more > 0) lines.push(`- … and ${more} more: the step's log lists every one.`)
  }
  if (!plan) return lines
  const labels = drift ? DRIFT_LABEL : CHANGE_LABEL
  if (plan.managesModules) {
    const partnership = new Map(
      (applied?.partnerships ?? []).map(p => [p.consumer.externalId, p.id] as const)
    )
    lines.push(
      ...kindSection(plan, {
        kind: 'module',
        labelled: kinds,
        unknown: plan.previous === undefined,
        partnership,
        labels
      })
    )
  }
  if (plan.providers) {
    lines.push(
      ...kindSection(plan.providers, {
        kind: 'provider',
        labelled: true,
        unknown: false,
        partnership: new Map(),
        labels
      })
    )
  }
  return lines
}

/** One kind of a producer's section: its global sharing, a table of its changes, kept counted. */
function kindSection(
  { rows: all, global: { before, after } }: KindChange,
  options: {
    kind: 'module' | 'provider'
    /** Say the kind in the table and the count (a run that manages providers). */
    labelled: boolean
    /** Today's list unknown: every row is shown, the whole list is set. */
    unknown: boolean
    partnership: ReadonlyMap<string, string>
    labels: Record<Change, string>
  }
): string[] {
  const { kind, labelled, unknown, partnership, labels } = options
  const lines: string[] = []
  if (before !== after)
    lines.push('', `Global ${kind} sharing: ${onOff(before)} → **${onOff(after)}**`)
  if (unknown) lines.push('', `> ${listsUnknownNote}`)
  const rows = all.filter(row => row.change !== 'kept' || unknown)
  const kept = all.length - rows.length
  const consumer = labelled ? `${kind} consumer` : 'consumer'
  if (rows.length > 0) {
    const withIds = partnership.size > 0
    const title = labelled ? `${kind === 'module' ? 'Module' : 'Provider'} consumer` : 'Consumer'
    lines.push(
      '',
      `| ${title} | External id | Change |${withIds ? ' Partnership id |' : ''}`,
      `| --- | --- | --- |${withIds ? ' --- |' : ''}`
    )
    for (const { consumer, change } of rows) {
      const id = withIds ? ` ${cell(partnership.get(consumer.externalId) ?? '')} |` : ''
      lines.push(
        `| ${cell(consumer.name ?? '—')} | ${cell(consumer.externalId)} | ${labels[change]} |${id}`
      )
    }
  }
  if (kept > 0) lines.push('', `${kept} ${consumer}${plural(kept)} kept.`)
  return lines
}

/** An unchanged producer and what it shares: `quiet (1 consumer)`, each kind said if managed. */
function unchangedItem({ desired, plan }: ProducerOutcome, kinds: boolean): string {
  const org = markdownText(capped(desired.organization))
  const what = ({ global, next }: { global: { after: boolean }; next: readonly Consumer[] }) =>
    global.after ? 'global' : `${next.length} consumer${plural(next.length)}`
  if (!plan) return `${org} (0 consumers)`
  if (!kinds) return `${org} (${what(plan)})`
  const parts = [
    plan.managesModules ? `modules: ${what(plan)}` : '',
    plan.providers ? `providers: ${what(plan.providers)}` : ''
  ]
  return `${org} (${parts.filter(Boolean).join('; ')})`
}

/**
 * An unmanaged organization and what it shares that no file manages. Per kind once the run
 * looked for providers (`modules with 4 consumers, providers with every organization`);
 * otherwise as for modules alone (`4 consumers`).
 */
function unmanagedItem(u: Unmanaged, perKind: boolean): string {
  const org = markdownText(capped(u.organization))
  if (!perKind) {
    const modules = u.modules
    const what = !modules
      ? 'shares modules'
      : modules.global
        ? 'shares with every organization'
        : modules.consumers === undefined
          ? 'shares modules'
          : `${modules.consumers} consumer${plural(modules.consumers)}`
    return `- ${org}: ${what}`
  }
  const withWhom = (kind: string, sharing: UnmanagedSharing | undefined) =>
    !sharing
      ? ''
      : sharing.global
        ? `${kind} with every organization`
        : sharing.consumers === undefined
          ? kind
          : `${kind} with ${sharing.consumers} consumer${plural(sharing.consumers)}`
  const kinds = [withWhom('modules', u.modules), withWhom('providers', u.providers)]
  return `- ${org}: shares ${kinds.filter(Boolean).join(', ')}`
}

/** What an export wrote, for the job summary. */
export function exportMarkdown(
  entries: readonly Sharer[],
  file: string,
  baseUrl: string,
  /** Who shares providers; undefined when export left provider sharing out (another api). */
  providers?: readonly Sharer[]
): string {
  const tfe = markdownText(capped(baseUrl))
  const what = providers ? 'Module and provider sharing' : 'Module sharing'
  const leftOut = providers
    ? []
    : [
        'Provider sharing was left out: it is written only through registry-partnerships (TFE v202301-1 or later). Export with `api: registry-partnerships` to include it.',
        ''
      ]
  const producers = new Set([...entries, ...(providers ?? [])].map(e => e.organization)).size
  if (producers === 0) {
    return [
      `### ${what}: nothing to export`,
      '',
      `No organization on TFE ${tfe} shares its ${providers ? 'modules or providers' : 'modules'}, so ${codeSpan(capped(file))} was not written. Nothing in TFE was changed.`,
      '',
      ...leftOut
    ].join('\n')
  }
  const counts = (list: readonly Sharer[]) => {
    const global = list.filter(e => e.global).length
    return `${list.length - global} with a consumer list, ${global} sharing with every organization`
  }
  const sharing = providers
    ? `modules: ${counts(entries)}; providers: ${counts(providers)}`
    : counts(entries)
  return [
    `### ${what} exported: ${producers} producer${plural(producers)}`,
    '',
    `TFE ${tfe} → ${codeSpan(capped(file))}: ${sharing}. Nothing in TFE was changed.`,
    '',
    ...leftOut
  ].join('\n')
}
