// @ts-check
// A TLS-terminating proxy for tests: an HTTPS server on 127.0.0.1 that forwards every request,
// unchanged, to a plain-HTTP target (the fake TFE) and streams the answer back. It stands for an
// on-prem TFE whose certificate a private CA signed. It also records the handshakes that failed,
// so a test can tell "refused at TLS" from "never connected". Plain ESM on Node built-ins.
import { request as httpRequest } from 'node:http'
import { createServer } from 'node:https'

/**
 * @typedef {object} TlsProxyOptions
 * @property {string} target Plain-HTTP base URL every request is forwarded to, e.g. the fake
 *   TFE's url.
 * @property {string | Buffer} key PEM private key of the server certificate.
 * @property {string | Buffer} cert PEM server certificate (and any intermediates) the proxy
 *   presents.
 */

/**
 * @typedef {object} TlsProxyRequest
 * @property {string} method
 * @property {string} url Path and query, as sent.
 * @property {import('node:http').IncomingHttpHeaders} headers
 */

/**
 * @typedef {object} TlsProxyState
 * @property {string} url https://127.0.0.1:PORT
 * @property {number} port
 * @property {TlsProxyRequest[]} requests Requests that completed a TLS handshake and reached the
 *   proxy, in order.
 * @property {string[]} tlsErrors Error codes of handshakes that failed (e.g. a client that does
 *   not trust the certificate).
 */
/**
 * @typedef {object} TlsProxyMethods
 * @property {() => Promise<void>} close Closes the server and destroys open connections.
 */
/** @typedef {Readonly<TlsProxyState> & TlsProxyMethods} TlsProxy */

/**
 * @param {TlsProxyOptions} options
 * @returns {Promise<TlsProxy>}
 */
export async function startTlsProxy({ target, key, cert }) {
  const targetUrl = new URL(target)
  /** @type {TlsProxyRequest[]} */
  const requests = []
  /** @type {string[]} */
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
    const code = /** @type {NodeJS.ErrnoException} */ (error).code
    tlsErrors.push(String(code ?? error.message))
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('tls proxy: not listening on a TCP port')
  }
  const port = address.port

  /** @type {Promise<void> | undefined} */
  let closing
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    tlsErrors,
    close() {
      closing ??= new Promise((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve(undefined)))
        server.closeAllConnections()
      })
      return closing
    }
  }
}
