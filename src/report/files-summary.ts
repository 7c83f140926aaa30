// What the user sees after a file run: the outputs of every producer, and one summary for the
// whole run, the most important first: totals, failed producers with their problems, one table
// row per changed producer (what it gains and loses), each change with its external ids a click
// away, then unmanaged organizations, and unchanged producers last. It fits where it is shown, and counts what it leaves out.
import { capped } from '../domain/describe-value.js'
import type { Api, Consumer } from '../domain/model.js'
import type { Outcome, ProducerOutcome, ProducerResult } from '../domain/outcome.js'
import { listsUnknownNote } from '../domain/tfe-answers.js'
import type { Change } from '../domain/plan.js'
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
  const planned = dryRun || !report.wrote
  const count = (result: ProducerResult) => producers.filter(p => p.result === result).length
  // What TFE accepted, after writes; what the plan would do, before them. A producer whose write
  // failed counts in neither: its state is unknown.
  const counted = producers.filter(p => p.result === (report.wrote ? 'changed' : 'would-change'))
  const added = counted.reduce((sum, p) => sum + (p.plan?.added.length ?? 0), 0)
  const removed = counted.reduce((sum, p) => sum + (p.plan?.removed.length ?? 0), 0)
  const failed = count('failed')
  const changing = planned ? count('would-change') : count('changed')
  const verb = drift ? 'drifted' : planned ? 'would change' : 'changed'
  const what = drift ? ' drift check' : dryRun ? ' plan' : ''
  const patterns = report.patterns.split(/\r?\n/).filter(Boolean).join(', ')
  const head = [
    `### ${report.failure ? '❌ Failed: ' : ''}Module sharing${what}: ${producers.length} producer${plural(producers.length)}${dryRun ? ' (dry run)' : ''}`,
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
      `${added} partnership${plural(added)} ${planned ? 'to add' : 'added'}, ${removed} ${planned ? 'to remove' : 'removed'}`,
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
        '➖ TFE grants access that no file does (the apply would remove it).'
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
      units: failures.map(p => producerSection(p, drift).join('\n')),
      after: [],
      more: notShown('failed producer')
    })
  }
  const changed = producers.filter(p => p.result !== 'unchanged' && p.result !== 'failed')
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
      units: changed.map(overviewRow),
      after: [],
      more: notShown('producer')
    })
    parts.push({
      before: [
        '',
        `<details><summary>Each change with its external ids${report.wrote ? ' and partnership ids' : ''}</summary>`
      ],
      units: changed.map(p => producerSection(p, drift).join('\n')),
      after: ['', '</details>'],
      more: notShown('producer'),
      none: () => ['', `Each change with its external ids: ${where}`]
    })
  }
  if (unmanaged.length > 0) {
    const n = unmanaged.length
    const open = n <= UNMANAGED_OPEN
    const intro = [
      '',
      `#### Unmanaged: ${n} organization${plural(n)} share${n === 1 ? 's' : ''} modules but ${n === 1 ? 'is' : 'are'} in no file`,
      '',
      'Left as they are. Add them to a sharing file to manage them (`export` writes their sharing today).'
    ]
    parts.push({
      before: [
        ...intro,
        '',
        ...(open ? [] : [`<details><summary>${n} unmanaged organizations</summary>`, ''])
      ],
      units: unmanaged.map(unmanagedItem),
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
      units: unchanged.map(unchangedItem),
      join: ', ',
      after: ['', '</details>'],
      more: notShown('unchanged producer'),
      none: left => ['', `${left} unchanged producer${plural(left)}, not listed here: ${where}`]
    })
  }
  return fitParts(head, parts, limit)
}

/** One row of the overview: what the producer gains and loses, a few names and a count. */
function overviewRow({ desired, plan }: ProducerOutcome): string {
  const name = cell(desired.organization)
  if (!plan) return `| ${name} | — | — |`
  const { before, after } = plan.global
  const gains = names(plan.rows.filter(r => r.change === 'added').map(r => r.consumer))
  const loses = names(plan.rows.filter(r => r.change === 'removed').map(r => r.consumer))
  const unknown =
    plan.previous === undefined ? " (today's list unknown: the whole list is set)" : ''
  if (after && !before) {
    // Global sharing grants every organization: no listed consumer loses anything.
    return `| ${name}${unknown} | **every organization** (global module sharing on) | — |`
  }
  const everyOther =
    before && !after ? '**every organization not listed** (global module sharing off)' : ''
  return `| ${name}${unknown} | ${gains} | ${[everyOther, loses === '—' ? '' : loses].filter(Boolean).join(', ') || '—'} |`
}

/** A few names of consumers, each capped, and how many more. */
function names(consumers: readonly Consumer[]): string {
  if (consumers.length === 0) return '—'
  const shown = consumers.slice(0, NAMES_IN_A_ROW).map(c => cell(c.name ?? c.externalId))
  const more = consumers.length - shown.length
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}

/** A producer in full: its problems, global sharing, its changes with their ids, kept counted. */
function producerSection(
  { desired, result, plan, applied, problems }: ProducerOutcome,
  drift: boolean
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
  const { before, after } = plan.global
  if (before !== after)
    lines.push('', `Global module sharing: ${onOff(before)} → **${onOff(after)}**`)
  if (plan.previous === undefined) {
    lines.push('', `> ${listsUnknownNote}`)
  }
  const partnership = new Map(
    (applied?.partnerships ?? []).map(p => [p.consumer.externalId, p.id] as const)
  )
  const rows = plan.rows.filter(row => row.change !== 'kept' || plan.previous === undefined)
  const kept = plan.rows.length - rows.length
  if (rows.length > 0) {
    const withIds = partnership.size > 0
    lines.push(
      '',
      `| Consumer | External id | Change |${withIds ? ' Partnership id |' : ''}`,
      `| --- | --- | --- |${withIds ? ' --- |' : ''}`
    )
    for (const { consumer, change } of rows) {
      const id = withIds ? ` ${cell(partnership.get(consumer.externalId) ?? '')} |` : ''
      lines.push(
        `| ${cell(consumer.name ?? '—')} | ${cell(consumer.externalId)} | ${(drift ? DRIFT_LABEL : CHANGE_LABEL)[change]} |${id}`
      )
    }
  }
  if (kept > 0) lines.push('', `${kept} consumer${plural(kept)} kept.`)
  return lines
}

function unchangedItem({ desired, plan }: ProducerOutcome): string {
  const what = plan?.global.after
    ? 'global'
    : `${plan?.next.length ?? 0} consumer${plural(plan?.next.length ?? 0)}`
  return `${markdownText(capped(desired.organization))} (${what})`
}

function unmanagedItem(u: NonNullable<FilesReport['unmanaged']>[number]): string {
  const what = u.global
    ? 'shares with every organization'
    : u.consumers === undefined
      ? 'shares modules'
      : `${u.consumers} consumer${plural(u.consumers)}`
  return `- ${markdownText(capped(u.organization))}: ${what}`
}

/** What an export wrote, for the job summary. */
export function exportMarkdown(entries: readonly Sharer[], file: string, baseUrl: string): string {
  const tfe = markdownText(capped(baseUrl))
  if (entries.length === 0) {
    return [
      '### Module sharing: nothing to export',
      '',
      `No organization on TFE ${tfe} shares its modules, so ${codeSpan(capped(file))} was not written. Nothing in TFE was changed.`,
      ''
    ].join('\n')
  }
  const global = entries.filter(e => e.global).length
  return [
    `### Module sharing exported: ${entries.length} producer${plural(entries.length)}`,
    '',
    `TFE ${tfe} → ${codeSpan(capped(file))}: ${entries.length - global} with a consumer list, ${global} sharing with every organization. Nothing in TFE was changed.`,
    ''
  ].join('\n')
}
