// @ts-check
// A fake of the few GitHub REST endpoints a "sticky" pull request comment needs (list an issue's
// comments, create one, update one) and a drift issue needs (list a repository's issues, create
// one, get one, update or close one; GET /user, which a workflow's token may not call). It copies
// the parts of GitHub's behaviour a client can get wrong (Link-header pagination that points at
// /repositories/:id URLs, ids above 2^31, 401 vs 403 vs 404, the 65536-character body limit,
// pull requests listed among the issues and numbered in the same sequence) so those bugs surface
// here and not on a customer's repository.
// Plain ESM on Node built-ins: it runs before `npm ci`.
import { createHash, randomBytes } from 'node:crypto'
import { startRecordingServer } from './recording-server.mjs'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** @typedef {import('./recording-server.mjs').RecordedRequest} RecordedRequest */
/** @typedef {import('./recording-server.mjs').Intercept} Intercept */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * Return true (or a promise of true) when the hook has answered (or deliberately parked) the
 * request.
 * @typedef {Intercept} FakeGitHubIntercept
 */

/**
 * @typedef {object} FakeGitHubOptions
 * @property {string} [botLogin] Login of the author of comments created through the API
 *   (default 'github-actions[bot]').
 * @property {string} [serverUrl] Base of html_url (default 'https://github.com').
 * @property {number} [maxBodyLength] Longest accepted comment body, in characters (default
 *   65536, as on GitHub).
 * @property {() => number} [now] Clock for created_at / updated_at, in milliseconds (default
 *   Date.now).
 * @property {boolean} [requireUserAgent] Answer 403 (text/plain) to requests without a
 *   User-Agent, as GitHub does (default true).
 */

/**
 * A snapshot: changing it does not change the fake.
 * @typedef {object} FakeComment
 * @property {number} id
 * @property {string} body
 * @property {{ login: string }} user
 * @property {string} created_at ISO 8601 with whole seconds, e.g. '2025-01-31T12:00:00Z'.
 * @property {string} updated_at
 */

/**
 * A comment as the API returns it.
 * @typedef {object} GitHubCommentLinks
 * @property {string} url API URL of the comment on the fake.
 * @property {string} html_url `${serverUrl}/owner/repo/pull/N#issuecomment-ID`
 * @property {string} issue_url
 * @property {string} node_id
 * @property {{ login: string, id: number, type: 'Bot' | 'User' }} user
 */
/** @typedef {Omit<FakeComment, 'user'> & GitHubCommentLinks} GitHubComment */

/**
 * Why an issue is in its state: `completed`, `not_planned` or `duplicate` when closed,
 * `reopened` (or null) when open. Pull requests have null.
 * @typedef {'completed' | 'not_planned' | 'duplicate' | 'reopened'} StateReason
 */

/**
 * A snapshot of an issue or a pull request: changing it does not change the fake.
 * @typedef {object} FakeIssue
 * @property {number} number
 * @property {string} title
 * @property {string | null} body Null when it was created without one.
 * @property {'open' | 'closed'} state
 * @property {StateReason | null} state_reason
 * @property {string} login The author's login, e.g. 'github-actions[bot]' or 'alice'.
 * @property {string[]} labels Label names, in the order they were given.
 * @property {string} created_at ISO 8601 with whole seconds, e.g. '2025-01-31T12:00:00Z'.
 * @property {string} updated_at
 * @property {string | null} closed_at
 */

/**
 * What `addIssue` seeds. An issue seeded closed gets closed_at = its created_at.
 * @typedef {object} FakeIssueSeed
 * @property {string} title Non-blank.
 * @property {string | null} [body] At most maxBodyLength characters (default null).
 * @property {string} [login] The author (default 'someone-else'); one ending in '[bot]' is a Bot.
 * @property {'open' | 'closed'} [state] Default 'open'.
 * @property {StateReason | null} [state_reason] Default 'completed' when closed, null when open;
 *   `reopened` only when open, the others only when closed.
 * @property {string[]} [labels] Label names (default none).
 */

/**
 * What `addPullRequest` seeds.
 * @typedef {object} FakePullRequestSeed
 * @property {number} [number] Default: the repository's next number (issues and pull requests
 *   share one sequence). Throws if the number is taken.
 * @property {string} [title] Default 'Pull request #N'.
 * @property {string | null} [body] Default null.
 * @property {string} [login] The author (default 'someone-else').
 * @property {'open' | 'closed'} [state] Default 'open'.
 */

/**
 * A label on an issue as the API returns it. Labels named on an issue that the repository does
 * not have yet are created, with GitHub's default grey.
 * @typedef {object} GitHubLabel
 * @property {number} id
 * @property {string} node_id
 * @property {string} url
 * @property {string} name
 * @property {string} color
 * @property {boolean} default
 * @property {string | null} description
 */

/**
 * An issue, or a pull request seen through the Issues API, as the API returns it.
 * @typedef {object} GitHubIssue
 * @property {string} url API URL, `${url}/repos/owner/repo/issues/N`.
 * @property {string} repository_url
 * @property {string} labels_url
 * @property {string} comments_url
 * @property {string} events_url
 * @property {string} html_url `${serverUrl}/owner/repo/issues/N`, or `/pull/N` for a pull request.
 * @property {number} id Above 2^31, as real issue ids are.
 * @property {string} node_id
 * @property {number} number
 * @property {string} title
 * @property {{ login: string, id: number, type: 'Bot' | 'User' }} user
 * @property {GitHubLabel[]} labels
 * @property {'open' | 'closed'} state
 * @property {StateReason | null} state_reason
 * @property {boolean} locked Always false.
 * @property {null} assignee The fake has no assignees.
 * @property {never[]} assignees
 * @property {null} milestone The fake has no milestones.
 * @property {number} comments How many comments it has.
 * @property {string} created_at
 * @property {string} updated_at
 * @property {string | null} closed_at
 * @property {boolean} [draft] Only on a pull request (always false).
 * @property {{ url: string, html_url: string, diff_url: string, patch_url: string,
 *   merged_at: null }} [pull_request] Only on a pull request: how a client tells them apart.
 * @property {string | null} body
 */

/**
 * The JSON body of every error the fake itself sends (except the missing User-Agent 403).
 * @typedef {object} GitHubError
 * @property {string} message
 * @property {string} documentation_url
 * @property {string} status The HTTP status as a string, as GitHub sends it.
 * @property {{ resource: string, code: string, field: string, message?: string }[]} [errors]
 *   Only on 422 'Validation Failed'.
 */

/**
 * @typedef {object} FakeGitHubState
 * @property {string} url http://127.0.0.1:PORT, for GITHUB_API_URL (routes sit at the root, as
 *   on api.github.com).
 * @property {string} token An installation-style token ('ghs_…') that may read and write. Like
 *   a workflow's GITHUB_TOKEN, it gets 403 from GET /user.
 * @property {string} readOnlyToken A valid token whose writes get 403 'Resource not accessible
 *   by integration'.
 * @property {RecordedRequest[]} requests Every request received, in order (set length = 0 to
 *   forget them).
 */
/**
 * @typedef {object} FakeGitHubMethods
 * @property {(owner: string, repo: string, issueNumber: number) => FakeComment[]} comments The
 *   comments on one issue or pull request, oldest first; owner and repo are case-insensitive.
 * @property {(owner: string, repo: string, issueNumber: number, body: string, login?: string)
 *   => FakeComment} addComment Adds a comment as if `login` had written it (default
 *   'someone-else'). Throws on an invalid owner, repo or number, or a body the API itself would
 *   refuse (blank or too long). A number the repository has not used yet becomes an open pull
 *   request by 'someone-else' (the fake hosts pull request conversations); on an issue's number
 *   the comment is on that issue.
 * @property {(owner: string, repo: string) => FakeIssue[]} issues The repository's issues, pull
 *   requests left out, by ascending number; owner and repo are case-insensitive.
 * @property {(owner: string, repo: string) => FakeIssue[]} pullRequests The pull requests the
 *   fake knows in the repository (seeded, or given a comment), by ascending number.
 * @property {(owner: string, repo: string, issue: FakeIssueSeed) => number} addIssue Adds an
 *   issue as if `issue.login` had opened it and returns its number, the repository's next.
 *   Throws on an invalid owner or repo, or an issue GitHub could not hold.
 * @property {(owner: string, repo: string, pullRequest?: FakePullRequestSeed) => number}
 *   addPullRequest Adds a pull request (seen only through the Issues API and its comments) and
 *   returns its number.
 * @property {() => RecordedRequest[]} writes The recorded requests whose method is not GET or
 *   HEAD.
 * @property {(fn: FakeGitHubIntercept) => () => void} intercept Hooks run in registration order
 *   before anything else; returns a function that removes this one.
 * @property {() => void} clearIntercepts
 * @property {() => Promise<void>} close Closes the server and destroys open sockets, including
 *   hung requests.
 */
/** @typedef {Readonly<FakeGitHubState> & FakeGitHubMethods} FakeGitHub */

/**
 * A minimal `pull_request` webhook payload, as found at GITHUB_EVENT_PATH.
 * @typedef {object} PullRequestEvent
 * @property {string} action
 * @property {number} number
 * @property {{ number: number, state: string, html_url: string,
 *   head: { ref: string, sha: string }, base: { ref: string } }} pull_request
 * @property {{ name: string, full_name: string, owner: { login: string } }} repository
 */
/**
 * A repository as the fake holds it: its issues and pull requests by number (one sequence),
 * their comments by number, its labels by lower-cased name.
 * @typedef {{ id: number, owner: string, name: string, issues: Map<number, Issue>,
 *   comments: Map<number, Comment[]>, labels: Map<string, Label>, lastNumber: number }} Repository
 */
/**
 * @typedef {{ id: number, repo: Repository, number: number, body: string, login: string,
 *   createdAt: string, updatedAt: string }} Comment
 */
/**
 * An issue or a pull request; `seq` orders those created within the same second.
 * @typedef {{ id: number, seq: number, repo: Repository, number: number, pullRequest: boolean,
 *   title: string, body: string | null, login: string, state: 'open' | 'closed',
 *   stateReason: StateReason | null, labels: string[], createdAt: string, updatedAt: string,
 *   closedAt: string | null }} Issue
 */
/** @typedef {{ id: number, name: string }} Label */
/** @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} Reply */
/** @typedef {Partial<Record<'owner' | 'repo', string> & Record<'number' | 'repositoryId' | 'commentId', number>>} Params */
/** @typedef {{ params: Params, query: Record<string, string>, body: string }} Context */
/** @typedef {Omit<NonNullable<GitHubError['errors']>[number], 'resource'>} ValidationError */

const JSON_TYPE = 'application/json; charset=utf-8'
const DOCS = 'https://docs.github.com/rest'
const DOCS_LIST = `${DOCS}/issues/comments#list-issue-comments`
const DOCS_CREATE = `${DOCS}/issues/comments#create-an-issue-comment`
const DOCS_UPDATE = `${DOCS}/issues/comments#update-an-issue-comment`
const DOCS_DELETE = `${DOCS}/issues/comments#delete-an-issue-comment`
const DOCS_ISSUES_LIST = `${DOCS}/issues/issues#list-repository-issues`
const DOCS_ISSUES_CREATE = `${DOCS}/issues/issues#create-an-issue`
const DOCS_ISSUES_GET = `${DOCS}/issues/issues#get-an-issue`
const DOCS_ISSUES_UPDATE = `${DOCS}/issues/issues#update-an-issue`
const DOCS_USER = `${DOCS}/users/users#get-the-authenticated-user`
const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100
const MAX_BODY_LENGTH = 65536
// Real comment ids passed 2^31 long ago: a client that squeezes them into 32 bits breaks here.
const FIRST_COMMENT_ID = 2400000001
const FIRST_ISSUE_ID = 2800000001
const FIRST_LABEL_ID = 6100000001
const FIRST_REPOSITORY_ID = 700000001
const FIRST_USER_ID = 5000001
// The real account behind GITHUB_TOKEN, so logins and ids match what a workflow sees.
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 }
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/
const REPO_NAME = /^[A-Za-z0-9._-]+$/
const ISSUE_NUMBER = /^[1-9][0-9]*$/
const DEFAULT_LOGIN = 'someone-else'
// The colour GitHub gives a label created by naming it on an issue.
const DEFAULT_LABEL_COLOR = 'ededed'
const ISSUE_STATES = ['open', 'closed']
const CLOSED_REASONS = ['completed', 'not_planned', 'duplicate']
const STATE_REASONS = [...CLOSED_REASONS, 'reopened']
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

// GitHub refuses requests without one; @actions/http-client and fetch both send one, a raw
// http.request does not.
const NO_USER_AGENT =
  'Request forbidden by administrative rules. Please make sure your request has a User-Agent ' +
  'header (https://docs.github.com/rest/overview/resources-in-the-rest-api#user-agent-required).'

function installationToken() {
  let out = 'ghs_'
  while (out.length < 40) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 * 62: dropping the bytes above it keeps every character equally likely
      if (byte < 248) out += ALPHANUMERIC[byte % 62]
      if (out.length === 40) break
    }
  }
  return out
}

class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {{ errors?: GitHubError['errors'] }} [extra]
   */
  constructor(status, message, documentationUrl = DOCS, extra = {}) {
    super(`HTTP ${status}: ${message}`)
    this.status = status
    /** @type {GitHubError} */
    this.body = { message, ...extra, documentation_url: documentationUrl, status: String(status) }
  }
}

function notFound(documentationUrl = DOCS) {
  return new HttpError(404, 'Not Found', documentationUrl)
}

/**
 * @param {ValidationError} error
 * @param {string} documentationUrl
 * @param {'IssueComment' | 'Issue'} [resource]
 */
function validationFailed(error, documentationUrl, resource = 'IssueComment') {
  return new HttpError(422, 'Validation Failed', documentationUrl, {
    errors: [{ resource, ...error }]
  })
}

/**
 * A 422 about one field of an issue (a request body's or a list's query parameter).
 * @param {string} code
 * @param {string} field
 * @param {string} documentationUrl
 * @param {string} [message]
 */
function issueInvalid(code, field, documentationUrl, message) {
  return validationFailed(
    message === undefined ? { code, field } : { code, field, message },
    documentationUrl,
    'Issue'
  )
}

/**
 * @param {unknown} value
 * @param {readonly string[]} allowed
 * @returns {value is string}
 */
function oneOf(value, allowed) {
  return typeof value === 'string' && allowed.includes(value)
}

/**
 * GitHub timestamps have whole seconds and no milliseconds.
 * @param {number} ms
 */
function timestamp(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  if (status === 204) {
    // No Content: no body, and no type for one.
    res.writeHead(status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(text),
    ...headers
  })
  res.end(text)
}

/**
 * @template {number | undefined} F
 * @param {string | undefined} raw
 * @param {F} fallback
 * @returns {number | F}
 */
function positiveInteger(raw, fallback) {
  const n = /^[0-9]+$/.test(raw ?? '') ? Number(raw) : NaN
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback
}

/**
 * @param {unknown} owner
 * @param {unknown} repo
 */
function checkRepoNames(owner, repo) {
  if (typeof owner !== 'string' || !OWNER_NAME.test(owner)) {
    throw new Error(`fake GitHub: invalid owner ${JSON.stringify(owner)}`)
  }
  if (typeof repo !== 'string' || !REPO_NAME.test(repo)) {
    throw new Error(`fake GitHub: invalid repository name ${JSON.stringify(repo)}`)
  }
}

/** @param {unknown} number */
function checkIssueNumber(number) {
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    throw new Error(`fake GitHub: invalid issue number ${JSON.stringify(number)}`)
  }
}

/**
 * @param {FakeGitHubOptions} [options]
 * @returns {Promise<FakeGitHub>}
 */
export async function startFakeGitHub(options = {}) {
  const token = installationToken()
  const readOnlyToken = installationToken()
  const permissions = new Map([
    [token, { write: true }],
    [readOnlyToken, { write: false }]
  ])
  const botLogin = options.botLogin ?? ACTIONS_BOT.login
  const serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
  const maxBodyLength = options.maxBodyLength ?? MAX_BODY_LENGTH
  const now = options.now ?? Date.now
  const requireUserAgent = options.requireUserAgent ?? true

  // GitHub names are case-insensitive; the spelling first seen is the one reported back.
  /** @type {Map<string, Repository>} */
  const repos = new Map()
  /** @type {Map<number, Repository>} */
  const reposById = new Map()
  /** @type {Map<number, Comment>} */
  const commentsById = new Map()
  /** @type {Map<string, number>} */
  const userIds = new Map([[ACTIONS_BOT.login, ACTIONS_BOT.id]])
  let nextCommentId = FIRST_COMMENT_ID
  let nextIssueId = FIRST_ISSUE_ID
  let nextLabelId = FIRST_LABEL_ID
  let nextSeq = 1
  let baseUrl = ''

  /**
   * @param {string} owner
   * @param {string} name
   */
  function repository(owner, name) {
    const key = `${owner}/${name}`.toLowerCase()
    let repo = repos.get(key)
    if (!repo) {
      repo = {
        id: FIRST_REPOSITORY_ID + repos.size,
        owner,
        name,
        issues: new Map(),
        comments: new Map(),
        labels: new Map(),
        lastNumber: 0
      }
      repos.set(key, repo)
      reposById.set(repo.id, repo)
    }
    return repo
  }

  /**
   * A repository the fake already holds, or undefined (reads do not create one).
   * @param {string} owner
   * @param {string} name
   */
  function knownRepository(owner, name) {
    return repos.get(`${owner}/${name}`.toLowerCase())
  }

  /**
   * @param {Repository} repo
   * @param {number} number
   */
  function issueComments(repo, number) {
    let list = repo.comments.get(number)
    if (!list) {
      list = []
      repo.comments.set(number, list)
    }
    return list
  }

  /**
   * Files an issue or a pull request under `number` (default: the repository's next one).
   * @param {Repository} repo
   * @param {{ pullRequest: boolean, title: string, body: string | null, login: string,
   *   labels?: string[], number?: number }} fields
   * @returns {Issue}
   */
  function createIssue(repo, { number = repo.lastNumber + 1, ...fields }) {
    const time = timestamp(now())
    /** @type {Issue} */
    const issue = {
      id: nextIssueId++,
      seq: nextSeq++,
      repo,
      number,
      pullRequest: fields.pullRequest,
      title: fields.title,
      body: fields.body,
      login: fields.login,
      state: 'open',
      stateReason: null,
      labels: labelNames(repo, fields.labels ?? []),
      createdAt: time,
      updatedAt: time,
      closedAt: null
    }
    repo.issues.set(number, issue)
    repo.lastNumber = Math.max(repo.lastNumber, number)
    return issue
  }

  /**
   * Moves an issue to `state` (a no-op when it is there already), as PATCH does.
   * @param {Issue} issue
   * @param {'open' | 'closed'} state
   * @param {StateReason | null | undefined} reason
   * @param {string} time
   */
  function setState(issue, state, reason, time) {
    if (issue.state === state) return false
    issue.state = state
    if (state === 'closed') {
      issue.closedAt = time
      issue.stateReason = oneOf(reason, CLOSED_REASONS) ? reason : 'completed'
    } else {
      issue.closedAt = null
      issue.stateReason = 'reopened'
    }
    if (issue.pullRequest) issue.stateReason = null
    return true
  }

  /**
   * The names as the repository spells them, creating the labels it lacks; duplicates (case
   * aside) dropped.
   * @param {Repository} repo
   * @param {string[]} names
   */
  function labelNames(repo, names) {
    /** @type {string[]} */
    const out = []
    for (const name of names) {
      const key = name.toLowerCase()
      let label = repo.labels.get(key)
      if (!label) {
        label = { id: nextLabelId++, name }
        repo.labels.set(key, label)
      }
      if (!out.includes(label.name)) out.push(label.name)
    }
    return out
  }

  /** @param {string} login */
  function userId(login) {
    let id = userIds.get(login)
    if (id === undefined) {
      id = FIRST_USER_ID + userIds.size
      userIds.set(login, id)
    }
    return id
  }

  /**
   * @param {Repository} repo
   * @param {number} number
   * @param {string} body
   * @param {string} login
   */
  function createComment(repo, number, body, login) {
    const time = timestamp(now())
    /** @type {Comment} */
    const comment = {
      id: nextCommentId++,
      repo,
      number,
      body,
      login,
      createdAt: time,
      updatedAt: time
    }
    // A conversation the fake has not heard of is a pull request's: the fake hosts those.
    const issue =
      repo.issues.get(number) ??
      createIssue(repo, {
        number,
        pullRequest: true,
        title: `Pull request #${number}`,
        body: null,
        login: DEFAULT_LOGIN
      })
    issue.updatedAt = time
    issueComments(repo, number).push(comment)
    commentsById.set(comment.id, comment)
    return comment
  }

  /**
   * @param {Comment} comment
   * @returns {FakeComment}
   */
  function snapshot(comment) {
    return {
      id: comment.id,
      body: comment.body,
      user: { login: comment.login },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt
    }
  }

  /** @param {Comment} comment */
  function commentUrl(comment) {
    return `${baseUrl}/repos/${comment.repo.owner}/${comment.repo.name}/issues/comments/${comment.id}`
  }

  /**
   * @param {string} login
   * @returns {{ login: string, id: number, type: 'Bot' | 'User' }}
   */
  function userResource(login) {
    return { login, id: userId(login), type: login.endsWith('[bot]') ? 'Bot' : 'User' }
  }

  /**
   * @param {Comment} comment
   * @returns {GitHubComment}
   */
  function commentResource(comment) {
    const { owner, name } = comment.repo
    // GitHub links a pull request's conversation under /pull/, an issue's under /issues/.
    const kind = comment.repo.issues.get(comment.number)?.pullRequest === false ? 'issues' : 'pull'
    return {
      url: commentUrl(comment),
      html_url: `${serverUrl}/${owner}/${name}/${kind}/${comment.number}#issuecomment-${comment.id}`,
      issue_url: `${baseUrl}/repos/${owner}/${name}/issues/${comment.number}`,
      id: comment.id,
      node_id: 'IC_kwDO' + Buffer.from(`IssueComment:${comment.id}`).toString('base64url'),
      user: userResource(comment.login),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      body: comment.body
    }
  }

  /**
   * @param {Issue} issue
   * @returns {FakeIssue}
   */
  function issueSnapshot(issue) {
    return {
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      login: issue.login,
      labels: [...issue.labels],
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt
    }
  }

  /**
   * @param {Issue} issue
   * @returns {GitHubIssue}
   */
  function issueResource(issue) {
    const { owner, name } = issue.repo
    const repoApi = `${baseUrl}/repos/${owner}/${name}`
    const url = `${repoApi}/issues/${issue.number}`
    const pullHtml = `${serverUrl}/${owner}/${name}/pull/${issue.number}`
    const kind = issue.pullRequest ? 'PullRequest' : 'Issue'
    return {
      url,
      repository_url: repoApi,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: issue.pullRequest
        ? pullHtml
        : `${serverUrl}/${owner}/${name}/issues/${issue.number}`,
      id: issue.id,
      node_id:
        (issue.pullRequest ? 'PR_kwDO' : 'I_kwDO') +
        Buffer.from(`${kind}:${issue.id}`).toString('base64url'),
      number: issue.number,
      title: issue.title,
      user: userResource(issue.login),
      labels: issue.labels.map(labelName => {
        const label = issue.repo.labels.get(labelName.toLowerCase())
        const id = label?.id ?? 0
        return {
          id,
          node_id: 'LA_kwDO' + Buffer.from(`Label:${id}`).toString('base64url'),
          url: `${repoApi}/labels/${encodeURIComponent(labelName)}`,
          name: labelName,
          color: DEFAULT_LABEL_COLOR,
          default: false,
          description: null
        }
      }),
      state: issue.state,
      state_reason: issue.stateReason,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: issue.repo.comments.get(issue.number)?.length ?? 0,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      ...(issue.pullRequest
        ? {
            draft: false,
            pull_request: {
              url: `${repoApi}/pulls/${issue.number}`,
              html_url: pullHtml,
              diff_url: `${pullHtml}.diff`,
              patch_url: `${pullHtml}.patch`,
              merged_at: null
            }
          }
        : {}),
      body: issue.body
    }
  }

  /**
   * @param {string} raw
   * @param {string} documentationUrl
   */
  function readBody(raw, documentationUrl) {
    /** @type {unknown} */
    let doc
    try {
      doc = JSON.parse(raw)
    } catch {
      throw new HttpError(400, 'Problems parsing JSON', documentationUrl)
    }
    const body =
      doc !== null && typeof doc === 'object' && !Array.isArray(doc)
        ? /** @type {{ body?: unknown }} */ (doc).body
        : null
    if (body === undefined || body === null) {
      throw validationFailed({ code: 'missing_field', field: 'body' }, documentationUrl)
    }
    if (typeof body !== 'string') {
      throw validationFailed({ code: 'invalid', field: 'body' }, documentationUrl)
    }
    if (body.trim() === '') {
      throw validationFailed(
        { code: 'custom', field: 'body', message: "body can't be blank" },
        documentationUrl
      )
    }
    // Counted in characters (code points), as GitHub does, not UTF-16 units.
    if ([...body].length > maxBodyLength) {
      throw validationFailed(
        {
          code: 'unprocessable',
          field: 'data',
          message: `Body is too long (maximum is ${maxBodyLength} characters)`
        },
        documentationUrl
      )
    }
    return body
  }

  /**
   * An issue request's JSON object: 400 for anything else, as GitHub answers.
   * @param {string} raw
   * @param {string} documentationUrl
   * @returns {Record<string, unknown>}
   */
  function readObject(raw, documentationUrl) {
    /** @type {unknown} */
    let doc
    try {
      doc = JSON.parse(raw)
    } catch {
      throw new HttpError(400, 'Problems parsing JSON', documentationUrl)
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new HttpError(400, 'Body should be a JSON object', documentationUrl)
    }
    return /** @type {Record<string, unknown>} */ (doc)
  }

  /**
   * A title may be a string or an integer (kept as its text); it must not be blank.
   * @param {unknown} value
   * @param {string} documentationUrl
   */
  function readTitle(value, documentationUrl) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value)
    if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
      throw issueInvalid('missing_field', 'title', documentationUrl)
    }
    if (typeof value !== 'string') throw issueInvalid('invalid', 'title', documentationUrl)
    return value
  }

  /**
   * An issue's body may be absent or null (no body), or a string up to maxBodyLength.
   * @param {unknown} value
   * @param {string} documentationUrl
   * @returns {string | null}
   */
  function readIssueBody(value, documentationUrl) {
    if (value === undefined || value === null) return null
    if (typeof value !== 'string') throw issueInvalid('invalid', 'body', documentationUrl)
    if ([...value].length > maxBodyLength) {
      throw issueInvalid(
        'unprocessable',
        'data',
        documentationUrl,
        `Body is too long (maximum is ${maxBodyLength} characters)`
      )
    }
    return value
  }

  /**
   * Labels: an array of names, or of objects with a name.
   * @param {unknown} value
   * @param {string} documentationUrl
   */
  function readLabels(value, documentationUrl) {
    if (!Array.isArray(value)) throw issueInvalid('invalid', 'labels', documentationUrl)
    return value.map(item => {
      const name =
        typeof item === 'string'
          ? item
          : item !== null && typeof item === 'object'
            ? /** @type {{ name?: unknown }} */ (item).name
            : undefined
      if (typeof name !== 'string' || !name.trim()) {
        throw issueInvalid('invalid', 'labels', documentationUrl)
      }
      return name
    })
  }

  // Like GitHub, the links keep the caller's other parameters but point at the repository's
  // numeric id, so a client has to follow them rather than rebuild /repos/... URLs itself.
  /**
   * @param {string} path Under /repositories/:id, e.g. 'issues' or 'issues/7/comments'.
   * @param {Repository} repo
   * @param {Record<string, string>} query
   * @param {number} page
   * @param {number} lastPage
   */
  function linkHeader(path, repo, query, page, lastPage) {
    /**
     * @param {number} n
     * @param {string} rel
     */
    const link = (n, rel) => {
      const url = new URL(`/repositories/${repo.id}/${path}`, baseUrl)
      for (const [key, value] of Object.entries(query)) {
        if (key !== 'page') url.searchParams.set(key, value)
      }
      url.searchParams.set('page', String(n))
      return `<${url.href}>; rel="${rel}"`
    }
    const parts = []
    if (page > 1) parts.push(link(page - 1, 'prev'))
    if (page < lastPage) parts.push(link(page + 1, 'next'), link(lastPage, 'last'))
    if (page > 1) parts.push(link(1, 'first'))
    return parts.join(', ')
  }

  /**
   * @param {Repository} repo
   * @param {number} number
   * @param {Record<string, string>} query
   * @returns {Reply}
   */
  function listComments(repo, number, query) {
    const perPage = Math.min(positiveInteger(query.per_page, DEFAULT_PER_PAGE), MAX_PER_PAGE)
    const page = positiveInteger(query.page, 1)
    const all = repo.comments.get(number) ?? []
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const link = linkHeader(`issues/${number}/comments`, repo, query, page, lastPage)
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage).map(commentResource),
      headers: link ? { Link: link } : {}
    }
  }

  // The list's filters: state, creator, labels, since; and sort, direction, per_page, page.
  // milestone, assignee, mentioned and type are ignored (the fake has no milestones, assignees,
  // mentions or issue types). A value outside a documented list is refused with a 422.
  /**
   * @param {Repository | undefined} repo
   * @param {Record<string, string>} query
   * @returns {Reply}
   */
  function listIssues(repo, query) {
    const state = query.state ?? 'open'
    if (!oneOf(state, [...ISSUE_STATES, 'all'])) {
      throw issueInvalid('invalid', 'state', DOCS_ISSUES_LIST)
    }
    const sort = query.sort ?? 'created'
    if (!oneOf(sort, ['created', 'updated', 'comments'])) {
      throw issueInvalid('invalid', 'sort', DOCS_ISSUES_LIST)
    }
    const direction = query.direction ?? 'desc'
    if (!oneOf(direction, ['asc', 'desc'])) {
      throw issueInvalid('invalid', 'direction', DOCS_ISSUES_LIST)
    }
    const since = query.since === undefined ? undefined : Date.parse(query.since)
    if (Number.isNaN(since)) throw issueInvalid('invalid', 'since', DOCS_ISSUES_LIST)
    const creator = query.creator?.toLowerCase()
    const labels = (query.labels ?? '')
      .split(',')
      .map(label => label.trim().toLowerCase())
      .filter(label => label !== '')
    const perPage = Math.min(positiveInteger(query.per_page, DEFAULT_PER_PAGE), MAX_PER_PAGE)
    const page = positiveInteger(query.page, 1)

    /** @param {Issue} issue */
    const sortKey = issue =>
      sort === 'created'
        ? issue.createdAt
        : sort === 'updated'
          ? issue.updatedAt
          : (issue.repo.comments.get(issue.number)?.length ?? 0)
    const all = [...(repo?.issues.values() ?? [])]
      .filter(
        issue =>
          (state === 'all' || issue.state === state) &&
          (creator === undefined || issue.login.toLowerCase() === creator) &&
          labels.every(label => issue.labels.some(name => name.toLowerCase() === label)) &&
          (since === undefined || Date.parse(issue.updatedAt) >= since)
      )
      .sort((a, b) => {
        const [x, y] = [sortKey(a), sortKey(b)]
        const order = x < y ? -1 : x > y ? 1 : a.seq - b.seq
        return direction === 'asc' ? order : -order
      })
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const link = repo ? linkHeader('issues', repo, query, page, lastPage) : ''
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage).map(issueResource),
      headers: link ? { Link: link } : {}
    }
  }

  /**
   * The issue (or pull request) a route names, or a 404.
   * @param {Params} params
   * @param {string} documentationUrl
   */
  function issueAt(params, documentationUrl) {
    const repo = knownRepository(param(params, 'owner'), param(params, 'repo'))
    const issue = repo?.issues.get(param(params, 'number'))
    if (!issue) throw notFound(documentationUrl)
    return issue
  }

  /**
   * A parameter its route always has (match() has checked it).
   * @template {keyof Params} K
   * @param {Params} params
   * @param {K} name
   * @returns {NonNullable<Params[K]>}
   */
  function param(params, name) {
    const value = params[name]
    if (value === undefined) throw notFound()
    return /** @type {NonNullable<Params[K]>} */ (value)
  }

  /** @type {Record<string, (ctx: Context) => Reply>} */
  const handlers = {
    listByName: ({ params, query }) =>
      listComments(
        repository(param(params, 'owner'), param(params, 'repo')),
        param(params, 'number'),
        query
      ),

    listById: ({ params, query }) => {
      const repo = reposById.get(param(params, 'repositoryId'))
      if (!repo) throw notFound(DOCS_LIST)
      return listComments(repo, param(params, 'number'), query)
    },

    create: ({ params, body }) => {
      const text = readBody(body, DOCS_CREATE)
      const comment = createComment(
        repository(param(params, 'owner'), param(params, 'repo')),
        param(params, 'number'),
        text,
        botLogin
      )
      return {
        status: 201,
        body: commentResource(comment),
        headers: { Location: commentUrl(comment) }
      }
    },

    update: ({ params, body }) => {
      const comment = commentsById.get(param(params, 'commentId'))
      const repo = repos.get(`${param(params, 'owner')}/${param(params, 'repo')}`.toLowerCase())
      // An id from another repository is as unknown here as one that never existed.
      if (!comment || comment.repo !== repo) throw notFound(DOCS_UPDATE)
      comment.body = readBody(body, DOCS_UPDATE)
      comment.updatedAt = timestamp(now())
      return { status: 200, body: commentResource(comment) }
    },

    remove: ({ params }) => {
      const comment = commentsById.get(param(params, 'commentId'))
      const repo = repos.get(`${param(params, 'owner')}/${param(params, 'repo')}`.toLowerCase())
      if (!comment || comment.repo !== repo) throw notFound(DOCS_DELETE)
      commentsById.delete(comment.id)
      const list = comment.repo.comments.get(comment.number)
      if (list) list.splice(list.indexOf(comment), 1)
      return { status: 204, body: undefined }
    },

    listIssuesByName: ({ params, query }) =>
      listIssues(knownRepository(param(params, 'owner'), param(params, 'repo')), query),

    listIssuesById: ({ params, query }) => {
      const repo = reposById.get(param(params, 'repositoryId'))
      if (!repo) throw notFound(DOCS_ISSUES_LIST)
      return listIssues(repo, query)
    },

    createIssue: ({ params, body }) => {
      const doc = readObject(body, DOCS_ISSUES_CREATE)
      const title = readTitle(doc.title, DOCS_ISSUES_CREATE)
      const text = readIssueBody(doc.body, DOCS_ISSUES_CREATE)
      const labels = doc.labels === undefined ? [] : readLabels(doc.labels, DOCS_ISSUES_CREATE)
      const repo = repository(param(params, 'owner'), param(params, 'repo'))
      const issue = createIssue(repo, {
        pullRequest: false,
        title,
        body: text,
        login: botLogin,
        labels
      })
      const resource = issueResource(issue)
      return { status: 201, body: resource, headers: { Location: resource.url } }
    },

    getIssue: ({ params }) => ({
      status: 200,
      body: issueResource(issueAt(params, DOCS_ISSUES_GET))
    }),

    // Everything is checked before anything changes. state_reason is "ignored unless state is
    // changed"; closing without one (or with 'reopened') closes as 'completed', reopening always
    // gives 'reopened'.
    updateIssue: ({ params, body }) => {
      const issue = issueAt(params, DOCS_ISSUES_UPDATE)
      const doc = readObject(body, DOCS_ISSUES_UPDATE)
      const title = 'title' in doc ? readTitle(doc.title, DOCS_ISSUES_UPDATE) : undefined
      const text = 'body' in doc ? readIssueBody(doc.body, DOCS_ISSUES_UPDATE) : undefined
      const labels = 'labels' in doc ? readLabels(doc.labels, DOCS_ISSUES_UPDATE) : undefined
      const state = doc.state
      if (state !== undefined && !oneOf(state, ISSUE_STATES)) {
        throw issueInvalid('invalid', 'state', DOCS_ISSUES_UPDATE)
      }
      const reason = doc.state_reason
      if (reason !== undefined && reason !== null && !oneOf(reason, STATE_REASONS)) {
        throw issueInvalid('invalid', 'state_reason', DOCS_ISSUES_UPDATE)
      }
      const time = timestamp(now())
      let changed = false
      if (title !== undefined && title !== issue.title) {
        issue.title = title
        changed = true
      }
      if (text !== undefined && text !== issue.body) {
        issue.body = text
        changed = true
      }
      if (labels !== undefined) {
        const names = labelNames(issue.repo, labels)
        if (names.join('\n') !== issue.labels.join('\n')) {
          issue.labels = names
          changed = true
        }
      }
      if (state !== undefined) {
        const stateReason = /** @type {StateReason | null | undefined} */ (reason)
        if (setState(issue, /** @type {'open' | 'closed'} */ (state), stateReason, time)) {
          changed = true
        }
      }
      if (changed) issue.updatedAt = time
      return { status: 200, body: issueResource(issue) }
    },

    // GitHub answers this to a workflow's GITHUB_TOKEN and to app installation tokens, which
    // are the only kinds of token the fake hands out.
    authenticatedUser: () => {
      throw new HttpError(403, 'Resource not accessible by integration', DOCS_USER)
    }
  }

  const REPO = 'repos/:owner/:repo'
  /** @type {[string, string, string, string, string?][]} */
  const table = [
    ['GET', `${REPO}/issues/:number/comments`, 'listByName', DOCS_LIST],
    ['GET', 'repositories/:repositoryId/issues/:number/comments', 'listById', DOCS_LIST],
    ['POST', `${REPO}/issues/:number/comments`, 'create', DOCS_CREATE, 'write'],
    ['PATCH', `${REPO}/issues/comments/:commentId`, 'update', DOCS_UPDATE, 'write'],
    ['DELETE', `${REPO}/issues/comments/:commentId`, 'remove', DOCS_DELETE, 'write'],
    ['GET', `${REPO}/issues`, 'listIssuesByName', DOCS_ISSUES_LIST],
    ['GET', 'repositories/:repositoryId/issues', 'listIssuesById', DOCS_ISSUES_LIST],
    ['POST', `${REPO}/issues`, 'createIssue', DOCS_ISSUES_CREATE, 'write'],
    ['GET', `${REPO}/issues/:number`, 'getIssue', DOCS_ISSUES_GET],
    ['PATCH', `${REPO}/issues/:number`, 'updateIssue', DOCS_ISSUES_UPDATE, 'write'],
    ['GET', 'user', 'authenticatedUser', DOCS_USER]
  ]
  const routes = table.map(([method, pattern, handler, docs, access]) => ({
    method,
    segments: pattern.split('/'),
    handler,
    docs,
    write: access === 'write'
  }))

  /** @param {string} value */
  const id = value => (ISSUE_NUMBER.test(value) ? positiveInteger(value, undefined) : undefined)
  /** @type {{ [K in keyof Params]-?: (value: string) => Params[K] }} */
  const PARAMS = {
    owner: value => (OWNER_NAME.test(value) ? value : undefined),
    repo: value => (REPO_NAME.test(value) ? value : undefined),
    number: id,
    repositoryId: id,
    commentId: id
  }

  /**
   * @param {string} name
   * @returns {name is keyof Params}
   */
  function isParam(name) {
    return Object.hasOwn(PARAMS, name)
  }

  /**
   * @param {string} method
   * @param {string[]} segments
   */
  function match(method, segments) {
    for (const route of routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue
      /** @type {Record<string, string | number>} */
      const params = {}
      const ok = route.segments.every((part, i) => {
        const segment = segments[i] ?? ''
        if (!part.startsWith(':')) return part === segment
        const name = part.slice(1)
        if (!isParam(name)) throw new Error(`fake GitHub: unknown parameter ${part}`)
        const value = PARAMS[name](segment)
        if (value === undefined) return false
        params[name] = value
        return true
      })
      if (ok) return { route, params: /** @type {Params} */ (params) }
    }
    return undefined
  }

  /** @param {string | undefined} header */
  function permissionsFor(header) {
    const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '')
    return m?.[1] ? permissions.get(m[1]) : undefined
  }

  /**
   * @param {RecordedRequest} recorded
   * @returns {Reply}
   */
  function route(recorded) {
    const caller = permissionsFor(recorded.headers.authorization)
    if (!caller) throw new HttpError(401, 'Bad credentials')
    /** @type {string[]} */
    let segments
    try {
      segments = recorded.path.slice(1).split('/').map(decodeURIComponent)
    } catch {
      throw notFound()
    }
    const method = recorded.method === 'HEAD' ? 'GET' : recorded.method
    const found = match(method, segments)
    if (!found) throw notFound()
    if (found.route.write && !caller.write) {
      throw new HttpError(403, 'Resource not accessible by integration', found.route.docs)
    }
    const handler = handlers[found.route.handler]
    if (!handler) throw new Error(`fake GitHub: no handler ${found.route.handler}`)
    return handler({
      params: found.params,
      query: recorded.query,
      body: recorded.body
    })
  }

  /**
   * What addIssue and addPullRequest check alike.
   * @param {unknown} body
   * @param {unknown} login
   * @param {unknown} state
   */
  function checkSeed(body, login, state) {
    if (body !== null && typeof body !== 'string') {
      throw new Error('fake GitHub: a body must be a string or null')
    }
    if (body !== null && [...body].length > maxBodyLength) {
      throw new Error(`fake GitHub: a body is at most ${maxBodyLength} characters`)
    }
    if (typeof login !== 'string' || login === '') {
      throw new Error(`fake GitHub: invalid login ${JSON.stringify(login)}`)
    }
    if (!oneOf(state, ISSUE_STATES)) {
      throw new Error(`fake GitHub: a state is 'open' or 'closed', not ${JSON.stringify(state)}`)
    }
  }

  const server = await startRecordingServer({
    label: 'fake GitHub',
    respond(recorded, res) {
      if (requireUserAgent && !recorded.headers['user-agent']?.trim()) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end(NO_USER_AGENT + '\n')
        return
      }

      try {
        const result = route(recorded)
        send(res, result.status, result.body, result.headers)
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        send(res, error.status, error.body)
      }
    },
    crashed(res, error) {
      send(res, 500, { message: `fake GitHub failure: ${String(error)}` })
    }
  })
  baseUrl = server.url

  return {
    url: baseUrl,
    token,
    readOnlyToken,
    requests: server.requests,

    comments(owner, repo, issueNumber) {
      const found = knownRepository(owner, repo)
      return (found?.comments.get(issueNumber) ?? []).map(snapshot)
    },

    // Seeding goes through the API's own limits so a test can't start from a state GitHub
    // could never be in.
    addComment(owner, repo, issueNumber, body, login = DEFAULT_LOGIN) {
      checkRepoNames(owner, repo)
      checkIssueNumber(issueNumber)
      if (typeof body !== 'string' || body.trim() === '') {
        throw new Error('fake GitHub: a comment body must be a non-blank string')
      }
      if ([...body].length > maxBodyLength) {
        throw new Error(`fake GitHub: a comment body is at most ${maxBodyLength} characters`)
      }
      if (typeof login !== 'string' || login === '') {
        throw new Error(`fake GitHub: invalid login ${JSON.stringify(login)}`)
      }
      return snapshot(createComment(repository(owner, repo), issueNumber, body, login))
    },

    issues(owner, repo) {
      return [...(knownRepository(owner, repo)?.issues.values() ?? [])]
        .filter(issue => !issue.pullRequest)
        .sort((a, b) => a.number - b.number)
        .map(issueSnapshot)
    },

    pullRequests(owner, repo) {
      return [...(knownRepository(owner, repo)?.issues.values() ?? [])]
        .filter(issue => issue.pullRequest)
        .sort((a, b) => a.number - b.number)
        .map(issueSnapshot)
    },

    addIssue(owner, repo, seed) {
      checkRepoNames(owner, repo)
      if (seed === null || typeof seed !== 'object') {
        throw new Error('fake GitHub: addIssue takes { title, body?, login?, state?, ... }')
      }
      const { title, body = null, login = DEFAULT_LOGIN, state = 'open', labels = [] } = seed
      if (typeof title !== 'string' || title.trim() === '') {
        throw new Error('fake GitHub: an issue title must be a non-blank string')
      }
      checkSeed(body, login, state)
      const reason = seed.state_reason === undefined ? null : seed.state_reason
      const allowed = state === 'closed' ? CLOSED_REASONS : ['reopened']
      if (reason !== null && !oneOf(reason, allowed)) {
        throw new Error(
          `fake GitHub: state_reason ${JSON.stringify(reason)} does not fit an issue that is ${state}`
        )
      }
      if (!Array.isArray(labels) || !labels.every(l => typeof l === 'string' && l.trim())) {
        throw new Error('fake GitHub: labels must be non-blank names')
      }
      const issue = createIssue(repository(owner, repo), {
        pullRequest: false,
        title,
        body,
        login,
        labels
      })
      if (state === 'closed') {
        issue.state = 'closed'
        issue.closedAt = issue.createdAt
        issue.stateReason = reason ?? 'completed'
      } else {
        issue.stateReason = reason
      }
      return issue.number
    },

    addPullRequest(owner, repo, seed = {}) {
      checkRepoNames(owner, repo)
      const found = repository(owner, repo)
      const { number = found.lastNumber + 1, body = null, login = DEFAULT_LOGIN } = seed
      const { state = 'open', title = `Pull request #${number}` } = seed
      checkIssueNumber(number)
      if (found.issues.has(number)) {
        throw new Error(`fake GitHub: ${owner}/${repo} already has #${number}`)
      }
      if (typeof title !== 'string' || title.trim() === '') {
        throw new Error('fake GitHub: a pull request title must be a non-blank string')
      }
      checkSeed(body, login, state)
      const pull = createIssue(found, { number, pullRequest: true, title, body, login })
      if (state === 'closed') {
        pull.state = 'closed'
        pull.closedAt = pull.createdAt
      }
      return pull.number
    },

    writes: server.writes,
    intercept: server.intercept,
    clearIntercepts: server.clearIntercepts,
    close: server.close
  }
}

/**
 * Writes `${dir}/event.json` (creating dir if needed) and returns its path.
 * @param {string} dir
 * @param {unknown} payload
 * @returns {string}
 */
export function writeEvent(dir, payload) {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(payload, null, 2) + '\n')
  return file
}

/**
 * action 'opened', head 'feature/pr-N' at a sha derived from the arguments, base 'main'.
 * @param {number} number
 * @param {{ owner?: string, repo?: string }} [options]
 * @returns {PullRequestEvent}
 */
export function pullRequestEvent(number, { owner = 'acme', repo = 'infra' } = {}) {
  checkRepoNames(owner, repo)
  checkIssueNumber(number)
  // Derived from the inputs so the same call always describes the same commit.
  const sha = createHash('sha1').update(`${owner}/${repo}#${number}`).digest('hex')
  return {
    action: 'opened',
    number,
    pull_request: {
      number,
      state: 'open',
      html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
      head: { ref: `feature/pr-${number}`, sha },
      base: { ref: 'main' }
    },
    repository: { name: repo, full_name: `${owner}/${repo}`, owner: { login: owner } }
  }
}
