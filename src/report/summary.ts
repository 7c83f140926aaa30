// The job summary and pull request comment of a run of the step's inputs: the one producer's plan
// as a table, what changes first and what is kept collapsed. Runs of sharing files:
// files-summary.ts. Also the markdown both are written with: text and code that render as
// written, problems with their place, and a budget of bytes for GitHub's limits.
import * as core from '@actions/core'
import { capped } from '../domain/describe-value.js'
import type { Api } from '../domain/model.js'
import type { ProducerOutcome } from '../domain/outcome.js'
import { listsUnknownNote } from '../domain/tfe-answers.js'
import type { Change, Plan } from '../domain/plan.js'

/** GitHub's limits: 65,536 characters a comment; 1 MiB a job summary step. */
export const COMMENT_LIMIT = 65_536 - 512
export const SUMMARY_LIMIT = 1024 * 1024 - 4096

/** How much of a message (a problem, the step's line) a summary shows. */
export const MESSAGE_CHARACTERS = 1_000

/** One producer's outcome, and where and how it was reached. */
export interface Report extends Pick<ProducerOutcome, 'applied'> {
  plan: Plan
  baseUrl: string
  api: Api
  dryRun: boolean
}

const CHANGE_LABEL: Record<Change, string> = {
  kept: 'kept',
  added: '➕ added',
  removed: '➖ removed'
}

/**
 * The producer's plan, at most `limit` bytes (the same text is the summary and the comment):
 * the changes, then the kept consumers collapsed; rows that do not fit are counted.
 */
export function summaryMarkdown(
  { baseUrl, api, dryRun, plan, applied }: Report,
  limit = COMMENT_LIMIT
): string {
  const org = markdownText(capped(plan.organization))
  const lines = [
    dryRun ? `### Module sharing plan for ${org} (dry run)` : `### Module sharing: ${org}`,
    '',
    `TFE ${markdownText(capped(baseUrl))} · mode ${codeSpan(plan.mode)} · API ${codeSpan(api)}`,
    '',
    outcomeLine(plan, dryRun, applied !== undefined)
  ]
  const { before, after } = plan.global
  lines.push(
    '',
    `Global module sharing: ${before === after ? `${onOff(after)} (unchanged)` : `${onOff(before)} → **${onOff(after)}**`}`
  )
  if (plan.previous === undefined) {
    lines.push('', `> ${listsUnknownNote}`)
  }

  const partnershipIds = new Map(
    (applied?.partnerships ?? []).map(p => [p.consumer.externalId, p.id] as const)
  )
  const names = new Map((applied?.consumers ?? []).map(c => [c.externalId, c.name] as const))
  const withIds = partnershipIds.size > 0
  const header = [
    `| Consumer | External id | Change |${withIds ? ' Partnership id |' : ''}`,
    `| --- | --- | --- |${withIds ? ' --- |' : ''}`
  ]
  const row = ({ consumer, change }: Plan['rows'][number]) => {
    const name = consumer.name ?? names.get(consumer.externalId) ?? '—'
    const partnership = withIds ? ` ${cell(partnershipIds.get(consumer.externalId) ?? '')} |` : ''
    return `| ${cell(name)} | ${cell(consumer.externalId)} | ${CHANGE_LABEL[change]} |${partnership}`
  }
  const changes = plan.rows.filter(r => r.change !== 'kept')
  const kept = plan.rows.filter(r => r.change === 'kept')
  const more = (left: number) => [
    '',
    `… and ${left} more not shown here: the step's outputs list every consumer.`
  ]
  const parts: Part[] = []
  if (changes.length > 0) {
    const lost =
      plan.removed.length > 0 && !after
        ? [
            '',
            `➖ removed: ${dryRun ? 'would lose' : 'lost'} access to this producer's private modules.`
          ]
        : []
    parts.push({ before: ['', ...header], units: changes.map(row), after: lost, more })
  }
  if (kept.length > 0) {
    parts.push({
      before: [
        '',
        `<details><summary>${kept.length} consumer${plural(kept.length)} kept</summary>`,
        '',
        ...header
      ],
      units: kept.map(row),
      after: ['', '</details>'],
      more
    })
  }
  return fitParts(lines, parts, limit)
}

function outcomeLine(plan: Plan, dryRun: boolean, written: boolean): string {
  const counts = `${plan.added.length} added, ${plan.removed.length} removed, ${plan.next.length - plan.added.length} kept`
  if (plan.previous === undefined) {
    return dryRun
      ? '**Would set** the list shown.'
      : `**Set** to ${plan.next.length} consumer${plural(plan.next.length)}.`
  }
  if (!plan.changed)
    return `**No change**: ${plan.next.length} consumer${plural(plan.next.length)}; nothing was written.`
  if (dryRun) return `**Would change** (${counts}); nothing was written.`
  return written ? `**Changed** (${counts}).` : '**Changed**.'
}

export function onOff(value: boolean): string {
  return value ? 'on' : 'off'
}

export function plural(count: number): string {
  return count === 1 ? '' : 's'
}

/** What the summary and the pull request show when a run fails: the one error line. */
export function failureMarkdown(
  subject: string,
  line: string,
  dryRun: boolean,
  /** The step input the failure is about, when a wrong input is what failed. */
  input?: string
): string {
  const org = markdownText(capped(subject))
  // A wrong input may leave nothing to name the run by.
  const heading = !org
    ? `### Module sharing${dryRun ? ' plan (dry run)' : ''}`
    : dryRun
      ? `### Module sharing plan for ${org} (dry run)`
      : `### Module sharing: ${org}`
  const where = input ? ` (input ${codeSpan(input)})` : ''
  return [
    heading,
    '',
    `**Failed**${where}: ${markdownText(capped(line, MESSAGE_CHARACTERS))}`,
    ''
  ].join('\n')
}

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (a local run) there is no summary file to write to.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown).write()
}

// ---------------------------------------------------------------------------------------------
// Markdown that renders as written. Anything from outside (a name, a path, a server's message)
// goes through markdownText where markdown is read, and codeSpan in code. Inside an HTML element
// (a <summary>) markdown is not read at all: only counts and words of ours go there.

const ENTITY: Record<string, string> = { '&': '&#38;', '<': '&#60;', '>': '&#62;', '|': '&#124;' }
const ALPHANUMERIC = /^[\p{L}\p{N}]$/u

/**
 * Text that renders as itself wherever markdown puts it inline: a paragraph, a heading, a list
 * item, a table cell. Markdown's specials are backslashed (`_` only where it could emphasise:
 * not between two letters or digits); `<`, `>` and `&` become entities, and so does `|`, which
 * ends a table cell; what could start a block at the start (`#`, `-`, `+`, `=`, `1.`) or close a
 * heading at the end (`#`) is backslashed too; line breaks become spaces (flatText), and spaces
 * at either end entities, which no renderer trims.
 */
export function markdownText(text: string): string {
  const characters = Array.from(flatText(text))
  const last = characters.length - 1
  const escaped = characters.map((c, i) => {
    const entity = ENTITY[c]
    if (entity) return entity
    if ('\\`*[]~$'.includes(c)) return `\\${c}`
    if (c === '_') {
      const [before, after] = [characters[i - 1] ?? '', characters[i + 1] ?? '']
      return ALPHANUMERIC.test(before) && ALPHANUMERIC.test(after) ? c : '\\_'
    }
    if ((i === 0 && '#-+='.includes(c)) || (i === last && c === '#')) return `\\${c}`
    return c
  })
  return escaped
    .join('')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^\s+|\s+$/g, space => Array.from(space, c => `&#${c.codePointAt(0)};`).join(''))
}

/** One line of visible text: line breaks become spaces, other control characters U+FFFD. */
export function flatText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[^\P{Cc}\t]/gu, '\uFFFD')
}

/**
 * Text as code: a code span that shows it exactly, entities and all (nothing is decoded inside
 * code). Its fence is one backtick longer than any run of backticks inside; line breaks become
 * spaces. Not for a table cell, where a `|` would still end the cell.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ')
  if (flat === '') return ''
  const longest = (flat.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0)
  const fence = '`'.repeat(longest + 1)
  // A renderer strips one space at each end when both have one, and a backtick at either end
  // would join the fence: a space each side keeps the text as it is.
  const pad = /^`|`$/.test(flat) || (/^ [^]* $/.test(flat) && /[^ ]/.test(flat)) ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/** A table cell of a value from outside: capped, and escaped so it stays in its cell. */
export function cell(text: string): string {
  return markdownText(capped(text))
}

/** A problem as a list item: its place in code, then its message. */
export function problemLine(where: string, message: string): string {
  return `- ${codeSpan(where)}: ${markdownText(capped(message, MESSAGE_CHARACTERS))}`
}

// ---------------------------------------------------------------------------------------------
// A budget of bytes: what is shown first gets its room first, and what does not fit is counted.

/**
 * A part of a summary: lines always shown (`before`, `after`), and units (a table row, a
 * producer's section, a list item) shown while they fit, the rest counted by `more`. Units are
 * lines, or with `join: ', '` items of one line.
 */
export interface Part {
  before: string[]
  units: string[]
  after: string[]
  more: (left: number) => string[]
  join?: '\n' | ', '
  /** What stands for the whole part when not one unit fits (a pointer, no empty block). */
  none?: (left: number) => string[]
}

/**
 * `head`, then each part in turn, within `limit` bytes: every part's own lines and the line
 * that could count its rest are set aside first, so that each part shows, closed, whatever the
 * parts before it took; then units are taken in order while they fit.
 */
export function fitParts(head: readonly string[], parts: readonly Part[], limit: number): string {
  const size = (lines: readonly string[]) =>
    lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
  const frame = (p: Part) =>
    Math.max(
      size([...p.before, ...p.after, ...p.more(p.units.length)]),
      size(p.none?.(p.units.length) ?? [])
    )
  let room = limit - size(head) - parts.reduce((sum, p) => sum + frame(p), 0)
  const lines = [...head]
  for (const part of parts) {
    const join = part.join ?? '\n'
    const taken: string[] = []
    for (const unit of part.units) {
      const cost = Buffer.byteLength(unit) + join.length
      if (cost > room) break
      room -= cost
      taken.push(unit)
    }
    const left = part.units.length - taken.length
    if (taken.length === 0 && part.none) {
      lines.push(...part.none(left))
      continue
    }
    lines.push(
      ...part.before,
      ...(taken.length > 0 ? [taken.join(join)] : []),
      ...(left > 0 ? part.more(left) : []),
      ...part.after
    )
  }
  return lines.join('\n') + '\n'
}
