// One issue in the repository about drift, kept by the scheduled drift check: opened when TFE
// differs from the sharing files (or the check could not run), updated by later runs, closed when
// TFE matches again. Found again by a hidden marker and a bot author: GET /user answers 403 to a
// workflow's token, and a person's issue that happens to carry the marker is never touched.
// @actions/github (Octokit) is loaded on demand, as for the pull request comment.
import { HttpClient } from '@actions/http-client'
import { CommentError, fetchThrough, markerKey } from './comment.js'

/** What the check found, and the issue's text for it. */
export type DriftState =
  | { kind: 'drift'; markdown: string }
  | { kind: 'could-not-check'; markdown: string }
  | { kind: 'clean'; markdown: string }

export interface DriftIssueResult {
  action: 'opened' | 'updated' | 'closed' | 'none'
  number: number | undefined
  url: string | undefined
}

export function driftMarker(subject: string): string {
  return `<!-- tfe-module-sharing-action drift: ${markerKey(subject)} -->`
}

export function driftTitle(subject: string): string {
  return `TFE module sharing drift: ${markerKey(subject)}`
}

interface Found {
  number: number
  state: string
}

/** Opens, updates or closes this check's issue; sends nothing when clean and none is open. */
export async function keepDriftIssue(
  token: string,
  subject: string,
  state: DriftState
): Promise<DriftIssueResult> {
  const github = await import('@actions/github')
  const { context } = github
  const http = new HttpClient('tfe-module-sharing-action', [], {
    allowRedirects: false,
    socketTimeout: 30_000
  })
  try {
    const octokit = github.getOctokit(token, {
      baseUrl: context.apiUrl,
      request: { fetch: fetchThrough(http) }
    })
    const marker = driftMarker(subject)
    const body = `${marker}\n${state.markdown}`
    let existing: Found | undefined
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      ...context.repo,
      state: 'open',
      per_page: 100
    })
    for await (const page of pages) {
      const own = page.data.find(
        issue => !issue.pull_request && issue.user?.type === 'Bot' && issue.body?.startsWith(marker)
      )
      if (own) {
        existing = { number: own.number, state: own.state }
        break
      }
    }
    if (state.kind === 'clean') {
      if (!existing) return { action: 'none', number: undefined, url: undefined }
      const { data } = await octokit.rest.issues.update({
        ...context.repo,
        issue_number: existing.number,
        body,
        state: 'closed',
        state_reason: 'completed'
      })
      return { action: 'closed', number: data.number, url: data.html_url }
    }
    if (existing) {
      const { data } = await octokit.rest.issues.update({
        ...context.repo,
        issue_number: existing.number,
        body
      })
      return { action: 'updated', number: data.number, url: data.html_url }
    }
    const { data } = await octokit.rest.issues.create({
      ...context.repo,
      title: driftTitle(subject),
      body
    })
    return { action: 'opened', number: data.number, url: data.html_url }
  } catch (error) {
    const status = (error as { response?: { status?: unknown } }).response?.status
    const message = error instanceof Error ? error.message : String(error)
    throw new CommentError(message, undefined, typeof status === 'number' ? status : undefined)
  } finally {
    http.dispose()
  }
}
