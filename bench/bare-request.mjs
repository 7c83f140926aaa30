// @ts-check
// The cold-start baseline: a Node process that replays requests recorded from an action run
// (same method, path, query, headers including Authorization, and body) with nothing but
// node:http, reads each answer to its end, and exits. The requests come in waves: the requests
// of a wave are sent side by side (each on its own connection, as the action's concurrent reads
// are), and a wave starts once every answer of the one before has been read. The action's time
// over this one is what its bundle, its inputs and its planning cost.
import { Agent, request } from 'node:http'

/**
 * One recorded request, replayed as it was sent.
 * @typedef {{ method: string, path: string, headers: Record<string, string>, body: string }} Recorded
 */
/** @typedef {{ url: string, waves?: Recorded[][], tls?: boolean }} Replay */

// { url, waves: [[{ method, path, headers, body }, ...], ...], tls }, set by bench/cold-start.mjs.
const { url, waves, tls } = /** @type {Replay} */ (
  JSON.parse(process.env.BENCH_BARE_REQUESTS ?? '{}')
)
// Any client of a real TFE speaks HTTPS, so it loads TLS and crypto even before its first
// request; this variant loads them too (the fake itself is plain http on loopback).
if (tls) await Promise.all([import('node:https'), import('node:crypto')])

// Kept alive like the action's client, so a request after a wave reuses a connection as its do.
const agent = new Agent({ keepAlive: true })
// A fake that stops answering must not hang the bench: give up after 10 s.
setTimeout(() => {
  console.error('bare-request: no answer within 10 s')
  process.exit(1)
}, 10_000).unref()

/**
 * @param {Recorded} recorded
 * @returns {Promise<number>} The answer's status.
 */
function send({ method, path, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, headers, agent }, res => {
      res.on('data', () => {})
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body || undefined)
  })
}

/** @param {Recorded} recorded */
async function replay(recorded) {
  const status = await send(recorded)
  if (status < 200 || status >= 300) {
    console.error(`bare-request: ${recorded.method} ${recorded.path} answered HTTP ${status}`)
    process.exitCode = 1
  }
}

for (const wave of waves ?? []) await Promise.all(wave.map(replay))
agent.destroy()
