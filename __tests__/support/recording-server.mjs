// @ts-check
// What the fake TFE and the fake GitHub share: an HTTP server on 127.0.0.1 (random port) that
// records every request, lets a test take any request over before the fake's own routing
// (fault injection), and closes even with connections still open. It can also play a slower
// network (latency before each request is handled) and a server that drops idle keep-alive
// connections sooner or later (Node's server.keepAliveTimeout).
import { createServer } from 'node:http'

/** @typedef {import('./recording-server.mjs').RecordedRequest} RecordedRequest */
/** @typedef {import('./recording-server.mjs').Intercept} Intercept */
/** @typedef {import('./recording-server.mjs').RecordingServer} RecordingServer */
/** @typedef {import('./recording-server.mjs').RecordingServerOptions} RecordingServerOptions */
/** @typedef {import('./recording-server.mjs').Clock} Clock */

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
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
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
