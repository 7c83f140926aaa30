import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

export interface RecordedRequest {
  method: string
  /** Path without the query string, as sent (not percent-decoded). */
  path: string
  /** Decoded query parameters, e.g. { 'page[number]': '2' }. */
  query: Record<string, string>
  /** Node's lower-cased request headers. */
  headers: IncomingHttpHeaders
  body: string
  /** Date.now() when the request had been read. */
  time: number
}

/** Return true (or a promise of true) when the hook has answered (or deliberately parked) the request. */
export type Intercept = (
  req: IncomingMessage,
  res: ServerResponse,
  recorded: RecordedRequest
) => boolean | void | Promise<boolean | void>

/** The fakes' time: real by default; a test passes a manual one so that nothing waits. */
export interface Clock {
  /** Milliseconds, like Date.now(). */
  now(): number
  /** Resolves once `ms` have passed on this clock. */
  sleep(ms: number): Promise<void>
}

/** Date.now() and setTimeout. */
export declare const realClock: Clock

/** How the network and the server's connection handling behave (all optional). */
export interface NetworkOptions {
  /**
   * Node's server.keepAliveTimeout: how long an idle keep-alive connection stays open before
   * the server closes it (Node's default: 5000; Node 20 waits a second more before it closes).
   * Also sent as `Keep-Alive: timeout=<whole seconds>`.
   */
  keepAliveTimeoutMs?: number
  /** Waited before each request is handled, intercepts included (default 0: none). */
  latencyMs?: number
  /** Whose time latency (and a fake's rate limit) is measured in (default: realClock). */
  clock?: Clock
}

export interface RecordingServerOptions extends NetworkOptions {
  /** Names the fake in the messages of a failed handler. */
  label: string
  /** Routes a request no intercept took over. */
  respond: (recorded: RecordedRequest, res: ServerResponse) => void | Promise<void>
  /** Answers when an intercept or respond threw before sending anything. */
  crashed: (res: ServerResponse, error: unknown) => void
}

export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** Every request received, in order (set length = 0 to forget them). */
  readonly requests: RecordedRequest[]
  /** The server's keep-alive timeout in effect, in milliseconds. */
  readonly keepAliveTimeoutMs: number
  /** The requests that are not GET or HEAD. */
  writes(): RecordedRequest[]
  /** Runs before the fake's routing; returns a function that removes it. */
  intercept(fn: Intercept): () => void
  clearIntercepts(): void
  close(): Promise<void>
}

export declare function startRecordingServer(fake: RecordingServerOptions): Promise<RecordingServer>
