// What the user sees after a file run: the outputs of every producer, and one summary for the
// whole run (totals first, a table per changed producer, unchanged ones collapsed), shortened to
// fit where it is shown.
import type { Api } from '../domain/model.js'
import type { Outcome, ProducerOutcome, ProducerResult } from '../domain/outcome.js'
import { listsUnknownNote } from '../domain/tfe-answers.js'
import type { Change } from '../domain/plan.js'
import { isFilePlace } from '../domain/problems.js'
import type { Sharer } from '../sharing/today.js'
import { escapeHtml } from './summary.js'

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

/** GitHub's limits: 65,536 characters a comment; 1 MiB a job summary step. */
export const COMMENT_LIMIT = 65_536 - 512
export const SUMMARY_LIMIT = 1024 * 1024 - 4096

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

/**
 * The run as markdown, at most `limit` bytes: when the producers' tables do not all fit, the
 * rest are counted and `elsewhere` says where the whole of it is.
 */
export function filesSummaryMarkdown(
  report: FilesReport,
  limit: number,
  elsewhere: string
): string {
  const { producers, unmanaged = [], dryRun } = report
  const count = (result: ProducerResult) => producers.filter(p => p.result === result).length
  // Failed producers first: what needs a person's attention must not be cut.
  const shown = [
    ...producers.filter(p => p.result === 'failed'),
    ...producers.filter(p => p.result !== 'unchanged' && p.result !== 'failed')
  ]
  // What TFE accepted, after writes; what the plan would do, before them. A producer whose write
  // failed counts in neither: its state is unknown.
  const counted = producers.filter(p => p.result === (report.wrote ? 'changed' : 'would-change'))
  const added = counted.reduce((sum, p) => sum + (p.plan?.added.length ?? 0), 0)
  const removed = counted.reduce((sum, p) => sum + (p.plan?.removed.length ?? 0), 0)
  const failed = count('failed')
  const changing = dryRun || !report.wrote ? count('would-change') : count('changed')
  const verb = report.drift ? 'drifted' : dryRun || !report.wrote ? 'would change' : 'changed'
  const what = report.drift ? ' drift check' : dryRun ? ' plan' : ''
  const head = [
    `### ${report.failure ? '❌ Failed: ' : ''}Module sharing${what}: ${producers.length} producer${plural(producers.length)}${dryRun ? ' (dry run)' : ''}`,
    ...(report.failure ? ['', `**Failed**: ${escapeHtml(report.failure)}`] : []),
    '',
    `TFE ${escapeHtml(report.baseUrl)} · API \`${report.api}\` · files \`${cell(report.patterns.split(/\r?\n/).filter(Boolean).join(', '))}\``,
    '',
    [
      `**${changing} ${verb}**`,
      `${count('unchanged')} unchanged`,
      failed ? `**${failed} failed**` : '',
      `${added} partnership${plural(added)} ${dryRun || !report.wrote ? 'to add' : 'added'}, ${removed} ${dryRun || !report.wrote ? 'to remove' : 'removed'}`,
      `${unmanaged.length} unmanaged`
    ]
      .filter(Boolean)
      .join(' · ')
  ]
  if (failed && !report.wrote && !dryRun) {
    head.push('', 'A plan failed, so **nothing was written** to any producer.')
  }
  if (report.drift && changing > 0) {
    head.push(
      '',
      'Drift: TFE differs from the sharing files. ➕ a file grants access that TFE does not; ' +
        '➖ TFE grants access that no file does (the apply would remove it).'
    )
  }
  const tail = [...unchangedSection(producers), ...unmanagedSection(report)]
  const sections = shown.map(p => producerSection(p, report.drift === true))

  const bytes = (lines: string[]) => Buffer.byteLength(lines.join('\n') + '\n')
  const pointer = (left: number) => [
    '',
    `… and ${left} more producer${plural(left)} not shown here: ${elsewhere}`
  ]
  let body = [...head]
  let used = bytes([...head, ...tail]) + bytes(pointer(shown.length))
  let included = 0
  for (const section of sections) {
    const size = bytes(section)
    if (used + size > limit) break
    body = body.concat(section)
    used += size
    included++
  }
  if (included < sections.length) body = body.concat(pointer(sections.length - included))
  const all = [...body, ...tail]
  // Only a huge list of unchanged or unmanaged names could still be too long: cut it.
  let text = all.join('\n') + '\n'
  if (Buffer.byteLength(text) > limit) text = cutTo(text, limit, elsewhere)
  return text
}

function producerSection(
  { desired, result, plan, applied, problems }: ProducerOutcome,
  drift: boolean
): string[] {
  const org = escapeHtml(desired.organization)
  const label = drift && result === 'would-change' ? 'drifted' : RESULT_LABEL[result]
  const lines = ['', `#### ${org}: ${label}`]
  if (problems.length > 0) {
    lines.push('')
    for (const p of problems) {
      const where = isFilePlace(p) ? `${p.file}:${p.line}` : p.input
      lines.push(`- \`${cell(where)}\`: ${escapeHtml(p.message)}`)
    }
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

function unchangedSection(producers: readonly ProducerOutcome[]): string[] {
  const unchanged = producers.filter(p => p.result === 'unchanged')
  if (unchanged.length === 0) return []
  const items = unchanged.map(({ desired, plan }) => {
    const what = plan?.global.after
      ? 'global'
      : `${plan?.next.length ?? 0} consumer${plural(plan?.next.length ?? 0)}`
    return `${escapeHtml(desired.organization)} (${what})`
  })
  return [
    '',
    `<details><summary>${unchanged.length} unchanged producer${plural(unchanged.length)}</summary>`,
    '',
    items.join(', '),
    '',
    '</details>'
  ]
}

function unmanagedSection({ unmanaged = [] }: Pick<FilesReport, 'unmanaged'>): string[] {
  if (unmanaged.length === 0) return []
  const items = unmanaged.map(u => {
    const what = u.global
      ? 'shares with every organization'
      : u.consumers === undefined
        ? 'shares modules'
        : `${u.consumers} consumer${plural(u.consumers)}`
    return `- ${escapeHtml(u.organization)}: ${what}`
  })
  return [
    '',
    `#### Unmanaged: ${unmanaged.length} organization${plural(unmanaged.length)} share${unmanaged.length === 1 ? 's' : ''} modules but ${unmanaged.length === 1 ? 'is' : 'are'} in no file`,
    '',
    'Left as they are. Add them to a sharing file to manage them (`export` writes their sharing today).',
    '',
    ...items
  ]
}

function cutTo(text: string, limit: number, elsewhere: string): string {
  const note = `\n\n… cut here to fit: ${elsewhere}\n`
  let cut = text.slice(0, Math.max(0, limit - Buffer.byteLength(note)))
  while (Buffer.byteLength(cut) + Buffer.byteLength(note) > limit) cut = cut.slice(0, -1)
  return cut.slice(0, cut.lastIndexOf('\n') + 1) + note
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off'
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')
}

function plural(count: number): string {
  return count === 1 ? '' : 's'
}

/** What an export wrote, for the job summary. */
export function exportMarkdown(entries: readonly Sharer[], file: string, baseUrl: string): string {
  if (entries.length === 0) {
    return [
      '### Module sharing: nothing to export',
      '',
      `No organization on TFE ${escapeHtml(baseUrl)} shares its modules, so \`${cell(file)}\` was not written. Nothing in TFE was changed.`,
      ''
    ].join('\n')
  }
  const global = entries.filter(e => e.global).length
  return [
    `### Module sharing exported: ${entries.length} producer${plural(entries.length)}`,
    '',
    `TFE ${escapeHtml(baseUrl)} → \`${cell(file)}\`: ${entries.length - global} with a consumer list, ${global} sharing with every organization. Nothing in TFE was changed.`,
    ''
  ].join('\n')
}
