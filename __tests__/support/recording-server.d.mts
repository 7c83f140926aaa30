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

export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  readonly url: string
  /** Every request received, in order (set length = 0 to forget them). */
  readonly requests: RecordedRequest[]
  /** The requests that are not GET or HEAD. */
  writes(): RecordedRequest[]
  /** Runs before the fake's routing; returns a function that removes it. */
  intercept(fn: Intercept): () => void
  clearIntercepts(): void
  close(): Promise<void>
}

export function startRecordingServer(fake: {
  label: string
  respond: (recorded: RecordedRequest, res: ServerResponse) => void
  crashed: (res: ServerResponse, error: unknown) => void
}): Promise<RecordingServer>
