// The TFE client's connections: kept-alive sockets that the other end has dropped are never
// used again, and IPv6 literal hosts are reached. Plain node:http servers on loopback.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { TfeClient } from '../../src/tfe/client.js'

const servers: Server[] = []
const clients: TfeClient[] = []

afterEach(async () => {
  clients.splice(0).forEach(c => c.dispose())
  await Promise.all(
    servers.splice(0).map(
      s =>
        new Promise(resolve => {
          s.close(resolve)
          s.closeAllConnections()
        })
    )
  )
})

async function serve(
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void
): Promise<{ port: number; connections: Socket[] }> {
  const server = createServer(handler)
  const connections: Socket[] = []
  server.on('connection', socket => connections.push(socket))
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  return { port: (server.address() as AddressInfo).port, connections }
}

function answer(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/vnd.api+json' })
  res.end('{"data":{"id":"ok"}}')
}

function client(baseUrl: string, idleSocketMs?: number): TfeClient {
  const c = new TfeClient({ baseUrl, token: 't', maxRetries: 0, timeoutMs: 5000, idleSocketMs })
  clients.push(c)
  return c
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

describe('kept-alive connections', () => {
  it('are not used again after sitting idle, so a dropped one never fails a request', async () => {
    // Like a load balancer that forgets idle connections without a word: a request that
    // arrives on a connection idle for longer than 60 ms is reset, not answered. The client
    // closes connections idle for 20 ms; the test idles 120 ms (the socket's idle timer was set
    // before the test's, so it fires first however late timers run on a busy machine).
    const lastAnswer = new WeakMap<Socket, number>()
    const { port, connections } = await serve('127.0.0.1', (req, res) => {
      const last = lastAnswer.get(req.socket)
      if (last !== undefined && Date.now() - last > 60) {
        req.socket.destroy()
        return
      }
      res.on('finish', () => lastAnswer.set(req.socket, Date.now()))
      answer(res)
    })
    const tfe = client(`http://127.0.0.1:${port}`, 20)

    await tfe.get('/first')
    await sleep(120)
    const second = await tfe.get('/second')

    expect(second.status).toBe(200)
    expect(connections).toHaveLength(2)
  })

  it('are used again while busy, so a run does not open a connection per request', async () => {
    const { port, connections } = await serve('127.0.0.1', (_req, res) => answer(res))
    const tfe = client(`http://127.0.0.1:${port}`)

    for (let i = 0; i < 5; i++) await tfe.get(`/request-${i}`)

    expect(connections).toHaveLength(1)
  })
})

describe('IPv6 literal hosts', () => {
  it('reaches http://[::1]:port, with the Host header in brackets', async () => {
    const hosts: (string | undefined)[] = []
    const { port } = await serve('::1', (req, res) => {
      hosts.push(req.headers.host)
      answer(res)
    })
    const response = await client(`http://[::1]:${port}`).get('/ping')

    expect(response.status).toBe(200)
    expect(hosts).toEqual([`[::1]:${port}`])
  })
})
