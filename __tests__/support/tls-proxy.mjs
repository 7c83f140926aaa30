// A TLS-terminating proxy for tests: an HTTPS server on 127.0.0.1 that forwards every request,
// unchanged, to a plain-HTTP target (the fake TFE) and streams the answer back. It stands for an
// on-prem TFE whose certificate a private CA signed. It also records the handshakes that failed,
// so a test can tell "refused at TLS" from "never connected". Plain ESM on Node built-ins.
import { request as httpRequest } from 'node:http'
import { createServer } from 'node:https'

export async function startTlsProxy({ target, key, cert }) {
  const targetUrl = new URL(target)
  const requests = []
  const tlsErrors = []
  const server = createServer({ key, cert }, (req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers } })
    const upstream = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host }
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on('error', () => res.destroy())
      }
    )
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' })
        res.end('tls proxy: the target did not answer')
      } else {
        res.destroy()
      }
    })
    req.pipe(upstream)
  })
  server.on('tlsClientError', error => {
    tlsErrors.push(String(error?.code ?? error?.message ?? error))
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = server.address().port

  let closing
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    tlsErrors,
    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      return closing
    }
  }
}
