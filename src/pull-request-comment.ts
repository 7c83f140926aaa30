// One comment per producer on the pull request that triggered the run, created once and then
// updated in place: it is found again by a hidden marker, so re-runs never pile up comments.
// Three REST calls do not justify octokit, which would more than double dist/.
import { HttpClient } from '@actions/http-client'
import { readFileSync } from 'node:fs'

export interface CommentTarget {
  apiUrl: string
  owner: string
  repo: string
  number: number
}

export interface CommentResult {
  action: 'created' | 'updated'
  url: string | undefined
}

/** The pull request this run is for, or undefined for any other event. */
export function pullRequestTarget(env: NodeJS.ProcessEnv = process.env): CommentTarget | undefined {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (!['pull_request', 'pull_request_target'].includes(event) || !env.GITHUB_EVENT_PATH)
    return undefined
  const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
    number?: number
    pull_request?: { number?: number }
  }
  const number = payload.pull_request?.number ?? payload.number
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!number || !owner || !repo) return undefined
  return {
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    owner,
    repo,
    number
  }
}

export function commentMarker(organization: string): string {
  return `<!-- tfe-module-sharing-action: ${organization} -->`
}

export async function upsertComment(
  target: CommentTarget,
  token: string,
  organization: string,
  markdown: string
): Promise<CommentResult> {
  const http = new HttpClient('tfe-module-sharing-action', [], {
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28'
    },
    allowRetries: false
  })
  try {
    const marker = commentMarker(organization)
    const body = `${marker}\n${markdown}`
    const base = `${target.apiUrl}/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`
    const existing = await findComment(http, `${base}/issues/${target.number}/comments`, marker)
    if (existing !== undefined) {
      const response = await http.patchJson<{ html_url?: string }>(
        `${base}/issues/comments/${existing}`,
        { body }
      )
      return { action: 'updated', url: response.result?.html_url }
    }
    const response = await http.postJson<{ html_url?: string }>(
      `${base}/issues/${target.number}/comments`,
      { body }
    )
    return { action: 'created', url: response.result?.html_url }
  } finally {
    http.dispose()
  }
}

async function findComment(
  http: HttpClient,
  url: string,
  marker: string
): Promise<number | undefined> {
  for (let page = 1; ; page++) {
    const response = await http.getJson<{ id: number; body?: string }[]>(
      `${url}?per_page=100&page=${page}`
    )
    const comments = response.result ?? []
    const mine = comments.find(c => c.body?.startsWith(marker))
    if (mine) return mine.id
    if (comments.length < 100) return undefined
  }
}
