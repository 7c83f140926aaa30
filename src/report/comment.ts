// One comment per producer on the pull request that triggered the run, created once and then
// updated in place: it is found again by a hidden marker, so re-runs never pile up comments.
// @actions/github (Octokit) is loaded here, on demand, so runs that don't comment never load it.
import { HttpClient } from '@actions/http-client'
import { createHash } from 'node:crypto'

export interface CommentResult {
  action: 'created' | 'updated'
  number: number
  url: string | undefined
}

/** The comment could not be written; `status` is GitHub's answer, if one came. */
export class CommentError extends Error {
  constructor(
    message: string,
    readonly number: number | undefined,
    readonly status: number | undefined
  ) {
    super(message)
    this.name = 'CommentError'
  }
}

/**
 * The hidden line that finds a run's comment again. A subject longer than a line (the patterns
 * of a long config) is named by its hash instead, so that the marker stays short and the
 * comment's whole budget goes to the plan.
 */
export function commentMarker(subject: string): string {
  return `<!-- tfe-module-sharing-action: ${markerKey(subject)} -->`
}

export function markerKey(subject: string): string {
  if (subject.length <= MARKER_KEY_MAX) return subject
  const hash = createHash('sha256').update(subject).digest('hex').slice(0, 16)
  return `${subject.slice(0, MARKER_KEY_MAX - 24)}… #${hash}`
}

const MARKER_KEY_MAX = 120

/**
 * Creates or updates this producer's comment on the run's pull request. Returns undefined when
 * the run is not for a pull request (nothing is sent).
 */
export async function commentOnPullRequest(
  token: string,
  organization: string,
  markdown: string
): Promise<CommentResult | undefined> {
  const github = await import('@actions/github')
  const { context } = github
  if (!['pull_request', 'pull_request_target'].includes(context.eventName)) return undefined
  const number = context.payload.pull_request?.number ?? context.payload.number
  if (typeof number !== 'number') {
    throw new CommentError(
      `the ${context.eventName} event payload (GITHUB_EVENT_PATH) names no pull request`,
      undefined,
      undefined
    )
  }

  const http = new HttpClient('tfe-module-sharing-action', [], {
    allowRedirects: false,
    socketTimeout: 30_000
  })
  try {
    const octokit = github.getOctokit(token, {
      // Read here, not when @actions/github was loaded: GitHub Enterprise Server sets its own.
      baseUrl: context.apiUrl,
      request: { fetch: fetchThrough(http) }
    })
    const where = { ...context.repo, issue_number: number }
    const marker = commentMarker(organization)
    const body = `${marker}\n${markdown}`

    // Ours: the marker, written by a bot (GET /user answers 403 to a workflow's token, so the
    // action cannot ask who it is). A person's comment that starts with the marker is theirs.
    const own: number[] = []
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
      ...where,
      per_page: 100
    })
    for await (const page of pages) {
      for (const c of page.data) {
        if (c.user?.type === 'Bot' && c.body?.startsWith(marker)) own.push(c.id)
      }
    }
    const [existing, ...duplicates] = own
    // Two runs at once can each have created one: keep the first, so the plan shows once.
    for (const comment_id of duplicates) {
      await octokit.rest.issues.deleteComment({ ...context.repo, comment_id })
    }
    if (existing !== undefined) {
      const { data } = await octokit.rest.issues.updateComment({
        ...context.repo,
        comment_id: existing,
        body
      })
      return { action: 'updated', number, url: data.html_url }
    }
    const { data } = await octokit.rest.issues.createComment({ ...where, body })
    return { action: 'created', number, url: data.html_url }
  } catch (error) {
    // Octokit gives a failure to connect status 500 too, but no response: that one is no answer.
    const status = (error as { response?: { status?: unknown } }).response?.status
    const message = error instanceof Error ? error.message : String(error)
    throw new CommentError(message, number, typeof status === 'number' ? status : undefined)
  } finally {
    http.dispose()
  }
}

/**
 * A fetch for Octokit over @actions/http-client, which honours HTTPS_PROXY and NO_PROXY the same
 * way for GitHub as for TFE. (@actions/github's own fetch needs undici, which the bundle leaves
 * out: see scripts/bundle-stubs/undici.ts.)
 */
export function fetchThrough(http: HttpClient): typeof fetch {
  return async (input, init = {}) => {
    const url = input instanceof Request ? input.url : String(input)
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const body = typeof init.body === 'string' ? init.body : null
    const response = await http.request(init.method ?? 'GET', url, body, headers)
    const text = await response.readBody()
    const status = response.message.statusCode ?? 0
    const out = new Headers()
    for (const [name, value] of Object.entries(response.message.headers)) {
      for (const one of [value ?? []].flat()) out.append(name, one)
    }
    // A Response may not carry a body with these statuses.
    const empty = [101, 204, 205, 304].includes(status)
    return new Response(empty ? null : text, { status, headers: out })
  }
}
