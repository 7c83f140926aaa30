// @ts-check
// A fake of the few GitHub REST endpoints a "sticky" pull request comment needs: list an issue's
// comments, create one, update one. It copies the parts of GitHub's behaviour a client can get
// wrong (Link-header pagination that points at /repositories/:id URLs, ids above 2^31, 401 vs 403
// vs 404, the 65536-character body limit) so those bugs surface here and not on a customer's PR.
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
 * @property {string} token An installation-style token ('ghs_…') that may read and write.
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
 *   refuse (blank or too long).
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
 * A repository as the fake holds it: its comments by issue number.
 * @typedef {{ id: number, owner: string, name: string, issues: Map<number, Comment[]> }} Repository
 */
/**
 * @typedef {{ id: number, repo: Repository, number: number, body: string, login: string,
 *   createdAt: string, updatedAt: string }} Comment
 */
/** @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} Reply */
/** @typedef {Partial<Record<'owner' | 'repo', string> & Record<'number' | 'repositoryId' | 'commentId', number>>} Params */
/** @typedef {{ params: Params, query: Record<string, string>, body: string }} Context */
/** @typedef {Omit<NonNullable<GitHubError['errors']>[number], 'resource'>} ValidationError */

const JSON_TYPE = 'application/json; charset=utf-8'
const DOCS = 'https://docs.github.com/rest'
const DOCS_LIST = `${DOCS}/issues/comments#list-issue-comments`
const DOCS_CREATE = `${DOCS}/issues/comments#create-an-issue-comment`
const DOCS_UPDATE = `${DOCS}/issues/comments#update-an-issue-comment`
const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100
const MAX_BODY_LENGTH = 65536
// Real comment ids passed 2^31 long ago: a client that squeezes them into 32 bits breaks here.
const FIRST_COMMENT_ID = 2400000001
const FIRST_REPOSITORY_ID = 700000001
const FIRST_USER_ID = 5000001
// The real account behind GITHUB_TOKEN, so logins and ids match what a workflow sees.
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 }
const OWNER_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/
const REPO_NAME = /^[A-Za-z0-9._-]+$/
const ISSUE_NUMBER = /^[1-9][0-9]*$/
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
 */
function validationFailed(error, documentationUrl) {
  return new HttpError(422, 'Validation Failed', documentationUrl, {
    errors: [{ resource: 'IssueComment', ...error }]
  })
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
  let baseUrl = ''

  /**
   * @param {string} owner
   * @param {string} name
   */
  function repository(owner, name) {
    const key = `${owner}/${name}`.toLowerCase()
    let repo = repos.get(key)
    if (!repo) {
      repo = { id: FIRST_REPOSITORY_ID + repos.size, owner, name, issues: new Map() }
      repos.set(key, repo)
      reposById.set(repo.id, repo)
    }
    return repo
  }

  /**
   * @param {Repository} repo
   * @param {number} number
   */
  function issueComments(repo, number) {
    let list = repo.issues.get(number)
    if (!list) {
      list = []
      repo.issues.set(number, list)
    }
    return list
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
   * @param {Comment} comment
   * @returns {GitHubComment}
   */
  function commentResource(comment) {
    const { owner, name } = comment.repo
    return {
      url: commentUrl(comment),
      // The fake only hosts pull request conversations, and GitHub links those under /pull/.
      html_url: `${serverUrl}/${owner}/${name}/pull/${comment.number}#issuecomment-${comment.id}`,
      issue_url: `${baseUrl}/repos/${owner}/${name}/issues/${comment.number}`,
      id: comment.id,
      node_id: 'IC_kwDO' + Buffer.from(`IssueComment:${comment.id}`).toString('base64url'),
      user: {
        login: comment.login,
        id: userId(comment.login),
        type: comment.login.endsWith('[bot]') ? 'Bot' : 'User'
      },
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      body: comment.body
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

  // Like GitHub, the links keep the caller's other parameters but point at the repository's
  // numeric id, so a client has to follow them rather than rebuild /repos/... URLs itself.
  /**
   * @param {Repository} repo
   * @param {number} number
   * @param {Record<string, string>} query
   * @param {number} page
   * @param {number} lastPage
   */
  function linkHeader(repo, number, query, page, lastPage) {
    /**
     * @param {number} n
     * @param {string} rel
     */
    const link = (n, rel) => {
      const url = new URL(`/repositories/${repo.id}/issues/${number}/comments`, baseUrl)
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
    const all = repo.issues.get(number) ?? []
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const link = linkHeader(repo, number, query, page, lastPage)
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage).map(commentResource),
      headers: link ? { Link: link } : {}
    }
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
    }
  }

  const REPO = 'repos/:owner/:repo'
  /** @type {[string, string, string, string, string?][]} */
  const table = [
    ['GET', `${REPO}/issues/:number/comments`, 'listByName', DOCS_LIST],
    ['GET', 'repositories/:repositoryId/issues/:number/comments', 'listById', DOCS_LIST],
    ['POST', `${REPO}/issues/:number/comments`, 'create', DOCS_CREATE, 'write'],
    ['PATCH', `${REPO}/issues/comments/:commentId`, 'update', DOCS_UPDATE, 'write']
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
      const found = repos.get(`${owner}/${repo}`.toLowerCase())
      return (found?.issues.get(issueNumber) ?? []).map(snapshot)
    },

    // Seeding goes through the API's own limits so a test can't start from a state GitHub
    // could never be in.
    addComment(owner, repo, issueNumber, body, login = 'someone-else') {
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
