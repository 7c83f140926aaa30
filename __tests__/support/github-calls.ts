// Requests straight to the fake GitHub API, for the suites that check the fake itself (fake-github,
// fake-github-listing): a fetch with the read-write token, and what the answers hold.
import type { GitHubComment, GitHubError } from '../../test-kit/fake-github.mjs'
import { github } from './fake-github-per-test.js'

export const JSON_TYPE = 'application/json; charset=utf-8'

export interface GitHubReply {
  status: number
  headers: Headers
  text: string
  /** The parsed body when it is JSON, else null. */
  json: unknown
}

/** One request to the current test's fake GitHub; `path` may also be an absolute URL. */
export async function callGitHub(
  method: string,
  path: string,
  options: {
    /** Default: the read-write token; null sends no Authorization header. */
    token?: string | null
    /** Default: 'Bearer'. */
    scheme?: string
    /** JSON-encoded unless a string. */
    body?: unknown
    headers?: Record<string, string>
  } = {}
): Promise<GitHubReply> {
  const token = options.token === undefined ? github.token : options.token
  const headers = new Headers(options.headers)
  if (token !== null) headers.set('Authorization', `${options.scheme ?? 'Bearer'} ${token}`)
  let body: string | undefined
  if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json')
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const url = path.startsWith('http') ? path : `${github.url}${path}`
  const res = await fetch(url, { method, headers, body })
  const text = await res.text()
  const isJson = res.headers.get('content-type') === JSON_TYPE && text !== ''
  return { status: res.status, headers: res.headers, text, json: isJson ? JSON.parse(text) : null }
}

/** An issue's comments, e.g. /repos/acme/infra/issues/7/comments. */
export const listPath = (n: number, repo = 'acme/infra'): string =>
  `/repos/${repo}/issues/${n}/comments`

/** One comment, e.g. /repos/acme/infra/issues/comments/2400000001. */
export const commentPath = (id: number, repo = 'acme/infra'): string =>
  `/repos/${repo}/issues/comments/${id}`

/** The error body of an answer. */
export function errorOf(reply: GitHubReply): GitHubError {
  return reply.json as GitHubError
}

/** The comments of a list answer. */
export function commentsOf(reply: GitHubReply): GitHubComment[] {
  return reply.json as GitHubComment[]
}

/** GitHub's Link header, `<url>; rel="next", <url>; rel="last"`, by rel. */
export function linksOf(reply: GitHubReply): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (reply.headers.get('link') ?? '').split(',')) {
    const m = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part)
    if (m?.[1] && m[2]) out[m[2]] = m[1]
  }
  return out
}

/** `count` comments by someone else on acme/infra's issue `n`. */
export function seedComments(count: number, n = 7): void {
  for (let i = 1; i <= count; i++) github.addComment('acme', 'infra', n, `unrelated comment ${i}`)
}
