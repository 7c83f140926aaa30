// What the user sees after a run: step outputs, and the plan as a table (job summary, PR comment).
import * as core from '@actions/core'
import { type Api, type Consumer, byCodePoint } from './model.js'
import type { Change, Plan } from './plan.js'
import type { Outcome } from './sharing.js'
import type { Partnership } from './tfe/module-sharing.js'

/** One producer's outcome, and where and how it was reached. */
export interface Report extends Pick<Outcome, 'plan' | 'applied'> {
  baseUrl: string
  api: Api
  dryRun: boolean
}

export type ProducerResult = 'unchanged' | 'would-change' | 'changed' | 'failed'

/**
 * One producer in the `producers` output. After a failure TFE may hold the old list, the new one
 * or part of the way, so its consumers and global sharing are unknown (null).
 */
export function producerOutput(
  organization: string,
  result: ProducerResult,
  plan: Plan | undefined,
  applied: Outcome['applied']
): Record<string, unknown> {
  const known = result !== 'failed'
  const names = (list: readonly Consumer[]) =>
    list.map(c => c.name ?? c.externalId).sort(byCodePoint)
  return {
    organization,
    result,
    added: names(plan?.added ?? []),
    removed: names(plan?.removed ?? []),
    consumers: known ? names(applied?.consumers ?? plan?.next ?? []) : null,
    'global-module-sharing': known ? (applied?.globalAfter ?? plan?.global.after ?? null) : null
  }
}

export function writeOutputs({ plan, applied }: Pick<Outcome, 'plan' | 'applied'>): void {
  // A dry run reports what the run would leave behind.
  const consumers = applied?.consumers ?? plan.next
  const partnerships = applied?.partnerships ?? []
  const ids = (list: readonly Consumer[]) => JSON.stringify(list.map(c => c.externalId))
  core.setOutput('partnership-ids', JSON.stringify(partnerships.map(p => p.id)))
  core.setOutput('consumer-ids', ids(consumers))
  core.setOutput('consumer-names', JSON.stringify(consumers.map(c => c.name ?? null)))
  core.setOutput('partnerships', JSON.stringify(partnerships.map(partnershipOutput)))
  core.setOutput('changed', String(plan.changed))
  // null, not [], when this TFE could not show today's list: [] would claim it was empty, or
  // that nothing was added or removed.
  const known = (list: readonly Consumer[]) => (plan.previous ? ids(list) : 'null')
  core.setOutput('added', known(plan.added))
  core.setOutput('removed', known(plan.removed))
  core.setOutput('previous-consumer-ids', known(plan.previous ?? []))
  core.setOutput('global-module-sharing', String(applied?.globalAfter ?? plan.global.after))
  const result = applied ? 'changed' : plan.changed ? 'would-change' : 'unchanged'
  core.setOutput(
    'producers',
    JSON.stringify([producerOutput(plan.organization, result, plan, applied)])
  )
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
    lines.push(
      '',
      '> This TFE does not list module consumers, so the list before this run is unknown.'
    )
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
export function failureMarkdown(organization: string, line: string, dryRun: boolean): string {
  const org = escapeHtml(organization)
  return [
    dryRun ? `### Module sharing plan for ${org} (dry run)` : `### Module sharing: ${org}`,
    '',
    `**Failed**: ${escapeHtml(line)}`,
    ''
  ].join('\n')
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

/** The `partnerships` output keeps the API's own attribute names: workflows already read them. */
export function partnershipOutput(p: Partnership): Record<string, string> {
  return {
    id: p.id,
    'consuming-organization-id': p.consumer.externalId,
    'consuming-organization-name': p.consumer.name,
    'producing-organization-id': p.producer.externalId,
    'producing-organization-name': p.producer.name
  }
}
