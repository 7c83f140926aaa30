import type { Intercept, RecordedRequest } from './recording-server.mjs'

export interface FakeGitHubOptions {
  /** Login of the author of comments created through the API (default 'github-actions[bot]'). */
  botLogin?: string
  /** Base of html_url (default 'https://github.com'). */
  serverUrl?: string
  /** Longest accepted comment body, in characters (default 65536, as on GitHub). */
  maxBodyLength?: number
  /** Clock for created_at / updated_at, in milliseconds (default Date.now). */
  now?: () => number
  /** Answer 403 (text/plain) to requests without a User-Agent, as GitHub does (default true). */
  requireUserAgent?: boolean
}

/** A snapshot: changing it does not change the fake. */
export interface FakeComment {
  id: number
  body: string
  user: { login: string }
  /** ISO 8601 with whole seconds, e.g. '2025-01-31T12:00:00Z'. */
  created_at: string
  updated_at: string
}

/** A comment as the API returns it. */
export interface GitHubComment extends FakeComment {
  /** API URL of the comment on the fake. */
  url: string
  /** `${serverUrl}/owner/repo/pull/N#issuecomment-ID` */
  html_url: string
  issue_url: string
  node_id: string
  user: { login: string; id: number; type: 'Bot' | 'User' }
}

/** The JSON body of every error the fake itself sends (except the missing User-Agent 403). */
export interface GitHubError {
  message: string
  documentation_url: string
  /** The HTTP status as a string, as GitHub sends it. */
  status: string
  /** Only on 422 'Validation Failed'. */
  errors?: { resource: string; code: string; field: string; message?: string }[]
}

export type { RecordedRequest } from './recording-server.mjs'

/** Return true (or a promise of true) when the hook has answered (or deliberately parked) the request. */
export type FakeGitHubIntercept = Intercept

export interface FakeGitHub {
  /** http://127.0.0.1:PORT, for GITHUB_API_URL (routes sit at the root, as on api.github.com). */
  readonly url: string
  /** An installation-style token ('ghs_…') that may read and write. */
  readonly token: string
  /** A valid token whose writes get 403 'Resource not accessible by integration'. */
  readonly readOnlyToken: string
  /** Every request received, in order (set length = 0 to forget them). */
  readonly requests: RecordedRequest[]
  /** The comments on one issue or pull request, oldest first; owner and repo are case-insensitive. */
  comments(owner: string, repo: string, issueNumber: number): FakeComment[]
  /**
   * Adds a comment as if `login` had written it (default 'someone-else'). Throws on an invalid
   * owner, repo or number, or a body the API itself would refuse (blank or too long).
   */
  addComment(
    owner: string,
    repo: string,
    issueNumber: number,
    body: string,
    login?: string
  ): FakeComment
  /** The recorded requests whose method is not GET or HEAD. */
  writes(): RecordedRequest[]
  /** Hooks run in registration order before anything else; returns a function that removes this one. */
  intercept(fn: FakeGitHubIntercept): () => void
  clearIntercepts(): void
  /** Closes the server and destroys open sockets, including hung requests. */
  close(): Promise<void>
}

export declare function startFakeGitHub(options?: FakeGitHubOptions): Promise<FakeGitHub>

/** A minimal `pull_request` webhook payload, as found at GITHUB_EVENT_PATH. */
export interface PullRequestEvent {
  action: string
  number: number
  pull_request: {
    number: number
    state: string
    html_url: string
    head: { ref: string; sha: string }
    base: { ref: string }
  }
  repository: { name: string; full_name: string; owner: { login: string } }
}

/** Writes `${dir}/event.json` (creating dir if needed) and returns its path. */
export declare function writeEvent(dir: string, payload: unknown): string

/** action 'opened', head 'feature/pr-N' at a sha derived from the arguments, base 'main'. */
export declare function pullRequestEvent(
  number: number,
  options?: { owner?: string; repo?: string }
): PullRequestEvent
