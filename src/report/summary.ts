// The job summary and pull request comment of a run of the step's inputs: the one producer's plan
// as a table. Runs of sharing files: files-summary.ts.
import * as core from '@actions/core'
import type { Api } from '../domain/model.js'
import type { ProducerOutcome } from '../domain/outcome.js'
import { listsUnknownNote } from '../domain/tfe-answers.js'
import type { Change, Plan } from '../domain/plan.js'

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

export function summaryMarkdown({ baseUrl, api, dryRun, plan, applied }: Report): string {
  const org = escapeHtml(plan.organization)
  const lines = [
    dryRun ? `### Module sharing plan for ${org} (dry run)` : `### Module sharing: ${org}`,
    '',
    `TFE ${escapeHtml(baseUrl)} · mode \`${plan.mode}\` · API \`${api}\``,
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
  if (plan.rows.length > 0) {
    const withIds = partnershipIds.size > 0
    lines.push(
      '',
      `| Consumer | External id | Change |${withIds ? ' Partnership id |' : ''}`,
      `| --- | --- | --- |${withIds ? ' --- |' : ''}`
    )
    for (const { consumer, change } of plan.rows) {
      const name = consumer.name ?? names.get(consumer.externalId) ?? '—'
      const partnership = withIds ? ` ${cell(partnershipIds.get(consumer.externalId) ?? '')} |` : ''
      lines.push(
        `| ${cell(name)} | ${cell(consumer.externalId)} | ${CHANGE_LABEL[change]} |${partnership}`
      )
    }
  }
  return lines.join('\n') + '\n'
}

function outcomeLine(plan: Plan, dryRun: boolean, written: boolean): string {
  const counts = `${plan.added.length} added, ${plan.removed.length} removed, ${plan.next.length - plan.added.length} kept`
  if (plan.previous === undefined) {
    return dryRun
      ? '**Would set** the list shown.'
      : `**Set** to ${plan.next.length} consumer${plan.next.length === 1 ? '' : 's'}.`
  }
  if (!plan.changed)
    return `**No change**: ${plan.next.length} consumer${plan.next.length === 1 ? '' : 's'}; nothing was written.`
  if (dryRun) return `**Would change** (${counts}); nothing was written.`
  return written ? `**Changed** (${counts}).` : '**Changed**.'
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off'
}

/** What the summary and the pull request show when a run fails: the one error line. */
export function failureMarkdown(
  subject: string,
  line: string,
  dryRun: boolean,
  /** The step input the failure is about, when a wrong input is what failed. */
  input?: string
): string {
  const org = escapeHtml(subject)
  // A wrong input may leave nothing to name the run by.
  const heading = !org
    ? `### Module sharing${dryRun ? ' plan (dry run)' : ''}`
    : dryRun
      ? `### Module sharing plan for ${org} (dry run)`
      : `### Module sharing: ${org}`
  const where = input ? ` (input \`${input}\`)` : ''
  return [heading, '', `**Failed**${where}: ${escapeHtml(line)}`, ''].join('\n')
}

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (a local run) there is no summary file to write to.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown).write()
}

/** Anything from the server is escaped: summaries and comments render HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, c => `&#${c.charCodeAt(0)};`)
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')
}
