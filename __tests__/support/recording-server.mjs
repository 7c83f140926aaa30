// What the fake TFE and the fake GitHub share: an HTTP server on 127.0.0.1 (random port) that
// records every request, lets a test take any request over before the fake's own routing
// (fault injection), and closes even with connections still open.
import { createServer } from 'node:http'

/**
 * @param {{ label: string,
 *   respond: (recorded: object, res: import('node:http').ServerResponse) => void,
 *   crashed: (res: import('node:http').ServerResponse, error: unknown) => void }} fake
 */
export async function startRecordingServer({ label, respond, crashed }) {
  const requests = []
  const intercepts = []
  let url = ''

  async function handle(req, res) {
    const chunks = []
    try {
      for await (const chunk of req) chunks.push(chunk)
    } catch {
      return // the client went away mid-body: nobody is left to answer
    }
    const parsed = new URL(req.url ?? '/', url)
    const recorded = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: { ...req.headers },
      body: Buffer.concat(chunks).toString('utf8'),
      time: Date.now()
    }
    requests.push(recorded)
    for (const fn of [...intercepts]) {
      if ((await fn(req, res, recorded)) === true) return
    }
    respond(recorded, res)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      // A broken intercept or handler is a test bug: make it loud, and still answer.
      console.error(`${label}: request handler failed`, error)
      if (!res.headersSent) crashed(res, error)
      else res.destroy()
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  url = `http://127.0.0.1:${server.address().port}`

  let closing
  return {
    url,
    requests,

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
