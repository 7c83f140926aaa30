import type { IncomingHttpHeaders } from 'node:http'

export interface TlsProxyOptions {
  /** Plain-HTTP base URL every request is forwarded to, e.g. the fake TFE's url. */
  target: string
  /** PEM private key of the server certificate. */
  key: string | Buffer
  /** PEM server certificate (and any intermediates) the proxy presents. */
  cert: string | Buffer
}

export interface TlsProxyRequest {
  method: string
  /** Path and query, as sent. */
  url: string
  headers: IncomingHttpHeaders
}

export interface TlsProxy {
  /** https://127.0.0.1:PORT */
  readonly url: string
  readonly port: number
  /** Requests that completed a TLS handshake and reached the proxy, in order. */
  readonly requests: TlsProxyRequest[]
  /** Error codes of handshakes that failed (e.g. a client that does not trust the certificate). */
  readonly tlsErrors: string[]
  /** Closes the server and destroys open connections. */
  close(): Promise<void>
}

export declare function startTlsProxy(options: TlsProxyOptions): Promise<TlsProxy>
