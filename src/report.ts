// What the user sees after a run: step outputs and the job summary.
import * as core from '@actions/core'
import type { Partnership } from './tfe/module-sharing.js'

export interface SharingResult {
  organization: string
  baseUrl: string
  partnerships: Partnership[]
}

export function writeOutputs(result: SharingResult): void {
  const { partnerships } = result
  core.setOutput('partnership-ids', JSON.stringify(partnerships.map(p => p.id)))
  core.setOutput(
    'consumer-ids',
    JSON.stringify(partnerships.map(p => p['consuming-organization-id']))
  )
  core.setOutput(
    'consumer-names',
    JSON.stringify(partnerships.map(p => p['consuming-organization-name']))
  )
  core.setOutput('partnerships', JSON.stringify(partnerships))
}

export function summaryMarkdown(result: SharingResult): string {
  const lines = [
    `### Module sharing: ${escapeHtml(result.organization)}`,
    '',
    `Producer **${escapeHtml(result.organization)}** on ${escapeHtml(result.baseUrl)} now shares its private module registry with ` +
      (result.partnerships.length === 0
        ? 'no other organization.'
        : `${result.partnerships.length} organization${result.partnerships.length === 1 ? '' : 's'}:`)
  ]
  if (result.partnerships.length > 0) {
    lines.push('', '| Consumer | External id | Partnership id |', '| --- | --- | --- |')
    for (const p of result.partnerships) {
      lines.push(
        `| ${cell(p['consuming-organization-name'])} | ${cell(p['consuming-organization-id'])} | ${cell(p.id)} |`
      )
    }
  }
  return lines.join('\n') + '\n'
}

export async function writeSummary(markdown: string): Promise<void> {
  // Outside a runner (a local run) there is no summary file to write to.
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown).write()
}

/** Anything from the server is escaped: the summary renders HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, c => `&#${c.charCodeAt(0)};`)
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '&#124;').replace(/\r?\n/g, ' ')
}
