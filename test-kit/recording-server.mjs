// @ts-check
// What the fake TFE and the fake GitHub share: an HTTP server on 127.0.0.1 (random port) that
// records every request, lets a test take any request over before the fake's own routing
// (fault injection), and closes even with connections still open. It can also play a slower
// network (latency before each request is handled) and a server that drops idle keep-alive
// connections sooner or later (Node's server.keepAliveTimeout).
import { createServer } from 'node:http'

/** @typedef {import('node:http').IncomingHttpHeaders} IncomingHttpHeaders */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * One request as the server received it.
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path Path without the query string, as sent (not percent-decoded).
 * @property {Record<string, string>} query Decoded query parameters, e.g. { 'page[number]': '2' }.
 * @property {IncomingHttpHeaders} headers Node's lower-cased request headers.
 * @property {string} body
 * @property {number} time Date.now() when the request had been read.
 */

/**
 * Return true (or a promise of true) when the hook has answered (or deliberately parked) the
 * request.
 * @typedef {(req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) =>
 *   boolean | void | Promise<boolean | void>} Intercept
 */

/**
 * The fakes' time: real by default; a test passes a manual one so that nothing waits.
 * @typedef {object} Clock
 * @property {() => number} now Milliseconds, like Date.now().
 * @property {(ms: number) => Promise<void>} sleep Resolves once `ms` have passed on this clock.
 */

/**
 * How the network and the server's connection handling behave (all optional).
 * @typedef {object} NetworkOptions
 * @property {number} [keepAliveTimeoutMs] Node's server.keepAliveTimeout: how long an idle
 *   keep-alive connection stays open before the server closes it (Node's default: 5000; Node 20
 *   waits a second more before it closes). Also sent as `Keep-Alive: timeout=<whole seconds>`.
 * @property {number} [latencyMs] Waited before each request is handled, intercepts included
 *   (default 0: none).
 * @property {Clock} [clock] Whose time latency (and a fake's rate limit) is measured in
 *   (default: realClock).
 */

/**
 * What a fake built on the recording server supplies.
 * @typedef {object} RecordingServerHandlers
 * @property {string} label Names the fake in the messages of a failed handler.
 * @property {(recorded: RecordedRequest, res: ServerResponse) => void | Promise<void>} respond
 *   Routes a request no intercept took over.
 * @property {(res: ServerResponse, error: unknown) => void} crashed Answers when an intercept or
 *   respond threw before sending anything.
 */
/** @typedef {NetworkOptions & RecordingServerHandlers} RecordingServerOptions */

/**
 * @typedef {object} RecordingServerState
 * @property {string} url http://127.0.0.1:PORT
 * @property {RecordedRequest[]} requests Every request received, in order (set length = 0 to
 *   forget them).
 * @property {number} keepAliveTimeoutMs The server's keep-alive timeout in effect, in
 *   milliseconds.
 */
/**
 * @typedef {object} RecordingServerMethods
 * @property {() => RecordedRequest[]} writes The requests that are not GET or HEAD.
 * @property {(fn: Intercept) => () => void} intercept Runs before the fake's routing; returns a
 *   function that removes it.
 * @property {() => void} clearIntercepts
 * @property {() => Promise<void>} close Closes the server and destroys open sockets, including
 *   hung requests.
 */
/** @typedef {Readonly<RecordingServerState> & RecordingServerMethods} RecordingServer */

/**
 * Real time: what the fakes use unless a test hands them a manual clock.
 * @type {Clock}
 */
export const realClock = {
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}

/**
 * @param {RecordingServerOptions} fake
 * @returns {Promise<RecordingServer>}
 */
export async function startRecordingServer({
  label,
  respond,
  crashed,
  keepAliveTimeoutMs,
  latencyMs = 0,
  clock = realClock
}) {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new Error(`${label}: latencyMs must be a finite number ≥ 0, not ${latencyMs}`)
  }
  /** @type {RecordedRequest[]} */
  const requests = []
  /** @type {Intercept[]} */
  const intercepts = []
  let url = ''

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   */
  async function handle(req, res) {
    /** @type {Buffer[]} */
    const chunks = []
    try {
      for await (const chunk of req) chunks.push(chunk)
    } catch {
      return // the client went away mid-body: nobody is left to answer
    }
    const parsed = new URL(req.url ?? '/', url)
    /** @type {RecordedRequest} */
    const recorded = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: { ...req.headers },
      body: Buffer.concat(chunks).toString('utf8'),
      time: Date.now()
    }
    requests.push(recorded)
    if (latencyMs > 0) await clock.sleep(latencyMs)
    for (const fn of [...intercepts]) {
      if ((await fn(req, res, recorded)) === true) return
    }
    await respond(recorded, res)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      // A broken intercept or handler is a test bug: make it loud, and still answer.
      console.error(`${label}: request handler failed`, error)
      if (!res.headersSent) crashed(res, error)
      else res.destroy()
    })
  })
  if (keepAliveTimeoutMs !== undefined) {
    if (!Number.isFinite(keepAliveTimeoutMs) || keepAliveTimeoutMs < 0) {
      throw new Error(`${label}: keepAliveTimeoutMs must be a finite number ≥ 0`)
    }
    server.keepAliveTimeout = keepAliveTimeoutMs
  }
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error(`${label}: not listening on a TCP port`)
  }
  url = `http://127.0.0.1:${address.port}`

  /** @type {Promise<void> | undefined} */
  let closing
  return {
    url,
    requests,
    keepAliveTimeoutMs: server.keepAliveTimeout,

    writes() {
      return requests.filter(r => r.method !== 'GET' && r.method !== 'HEAD')
    },

    intercept(fn) {
      intercepts.push(fn)
      return () => {
        const i = intercepts.indexOf(fn)
        if (i >= 0) intercepts.splice(i, 1)
      }
    },

    clearIntercepts() {
      intercepts.length = 0
    },

    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        // Keep-alive sockets and requests parked by a "hang" intercept would hold close() open.
        server.closeAllConnections()
      })
      return closing
    }
  }
}
