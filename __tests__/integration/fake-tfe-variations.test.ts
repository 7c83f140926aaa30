// Where real TFE instances differ, the fake can too (options of startFakeTfe), and each variation is
// pinned here through real HTTP requests: how pages say there is more, the per-user rate limit
// with its documented 429, the server's keep-alive timeout, and latency. Time is a manual clock
// (support/manual-clock.ts), and nothing here waits on a real timer: the keep-alive test reads
// the idle timeout the server set on its socket and fires it, rather than wait it out (Node adds
// a second to the keep-alive timeout).
import { type Socket, connect } from 'node:net'
import {
  type FakeTfe,
  type FakeTfeOptions,
  type PaginationShape,
  startFakeTfe
} from '../../test-kit/fake-tfe.mjs'
import { fake, replaceFakeTfe, useFakeTfe } from '../support/fake-tfe-per-test.js'
import { manualClock } from '../support/manual-clock.js'
import { type Reply, admin, callTfe, resources } from '../support/tfe-calls.js'

/** The body of a 429, word for word from the API docs (status a number, not a string). */
const TOO_MANY_REQUESTS = {
  errors: [
    {
      status: 429,
      title: 'Too many requests',
      detail: "You have exceeded the API's rate limit."
    }
  ]
}

useFakeTfe()

/** Starts a fake with `options` for one test, and closes it afterwards whatever happens. */
async function withFake(options: FakeTfeOptions, test: (tfe: FakeTfe) => Promise<void>) {
  const tfe = await startFakeTfe(options)
  try {
    await test(tfe)
  } finally {
    await tfe.close()
  }
}

/** Lets pending I/O and timers of this process run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise(resolve => setImmediate(resolve))
}

describe('pagination shapes', () => {
  /** A producer with `count` consumers, on a fake whose lists are paginated as `shape` says. */
  async function producerWith(count: number, shape: PaginationShape): Promise<string[]> {
    await replaceFakeTfe({ pagination: shape })
    const consumers = fake.addOrganizations(count, 'consumer').map(o => o.name)
    fake.addOrganization({ name: 'producer', moduleConsumers: consumers })
    return consumers
  }

  const CONSUMERS = admin('/producer/relationships/module-consumers')

  it('sends top-level links and meta.pagination by default', async () => {
    await producerWith(45, 'links-and-meta')
    expect(fake.pagination).toBe('links-and-meta')
    const first = await callTfe('GET', CONSUMERS)
    expect(first.doc.links?.next).toContain('page%5Bnumber%5D=2')
    expect(first.doc.meta?.pagination).toMatchObject({ 'next-page': 2, 'total-count': 45 })
  })

  it('with links only, has no meta, and links.next leads through every page', async () => {
    const consumers = await producerWith(45, 'links')
    const seen: string[] = []
    let next: string | null | undefined = CONSUMERS
    let pages = 0
    while (next) {
      const res: Reply = await callTfe('GET', next)
      expect(res.status).toBe(200)
      expect(res.doc.meta).toBeUndefined()
      expect(Object.keys(res.doc).sort()).toEqual(['data', 'links'])
      seen.push(...resources(res.doc).map(r => r.id))
      next = res.doc.links?.next
      pages++
    }
    expect(pages).toBe(3)
    expect(seen).toEqual(consumers)
  })

  it('with meta only, has no links, and meta.pagination counts the pages', async () => {
    const consumers = await producerWith(45, 'meta')
    const seen: string[] = []
    let page: number | null | undefined = 1
    while (page) {
      const res: Reply = await callTfe('GET', `${CONSUMERS}?page[number]=${page}`)
      expect(res.doc.links).toBeUndefined()
      expect(Object.keys(res.doc).sort()).toEqual(['data', 'meta'])
      expect(res.doc.meta?.pagination).toMatchObject({ 'total-pages': 3, 'total-count': 45 })
      seen.push(...resources(res.doc).map(r => r.id))
      page = res.doc.meta?.pagination['next-page']
    }
    expect(seen).toEqual(consumers)
  })

  it('with neither, only a page shorter than page[size] tells the end', async () => {
    const consumers = await producerWith(45, 'none')
    const sizes: number[] = []
    const seen: string[] = []
    for (let page = 1; sizes.at(-1) !== 0 && (sizes.at(-1) ?? 20) === 20; page++) {
      const res = await callTfe('GET', `${CONSUMERS}?page[number]=${page}&page[size]=20`)
      expect(Object.keys(res.doc)).toEqual(['data'])
      sizes.push(resources(res.doc).length)
      seen.push(...resources(res.doc).map(r => r.id))
    }
    expect(sizes).toEqual([20, 20, 5])
    expect(seen).toEqual(consumers)
  })

  it('with neither and a list of whole pages, answers the page after the last with none', async () => {
    await producerWith(40, 'none')
    const last = await callTfe('GET', `${CONSUMERS}?page[number]=2&page[size]=20`)
    expect(resources(last.doc)).toHaveLength(20)
    const after = await callTfe('GET', `${CONSUMERS}?page[number]=3&page[size]=20`)
    expect(after.doc).toEqual({ data: [] })
  })

  it.each<PaginationShape>(['links', 'meta', 'none'])(
    'shapes every paginated list the same way (%s)',
    async shape => {
      await replaceFakeTfe({ pagination: shape })
      fake.addOrganizations(3, 'team')
      fake.addOrganization({ name: 'producer', providerConsumers: ['team-0001'] })
      const lists = [
        admin(''),
        admin('/producer/relationships/module-consumers'),
        admin('/producer/relationships/provider-consumers')
      ]
      for (const path of lists) {
        const res = await callTfe('GET', path)
        expect(res.status).toBe(200)
        expect('links' in res.doc).toBe(shape === 'links')
        expect('meta' in res.doc).toBe(shape === 'meta')
      }
    }
  )

  it('refuses a shape it does not know', async () => {
    await expect(
      startFakeTfe({ pagination: 'cursor' as unknown as PaginationShape })
    ).rejects.toThrow(/pagination must be one of links-and-meta, links, meta, none/)
  })
})

describe('the rate limit', () => {
  it('is off by default, while /ping still announces 30 a second', async () => {
    expect(fake.rateLimit).toBeUndefined()
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => callTfe('GET', '/api/v2/account/details'))
    )
    expect(replies.map(r => r.status)).toEqual(Array(40).fill(200))
    expect(fake.throttled).toBe(0)
    const ping = await callTfe('GET', '/api/v2/ping', { token: null })
    expect(ping.headers.get('x-ratelimit-limit')).toBe('30')
  })

  it('when on, lets 30 requests a second through and answers the next with the documented 429', async () => {
    const clock = manualClock()
    await withFake({ rateLimit: true, clock }, async tfe => {
      expect(tfe.rateLimit).toBe(30)
      for (let i = 0; i < 30; i++) {
        expect((await callTfe('GET', '/api/v2/account/details', { tfe })).status).toBe(200)
      }
      const limited = await callTfe('GET', '/api/v2/account/details', { tfe })
      expect(limited.status).toBe(429)
      expect(limited.headers.get('content-type')).toBe('application/vnd.api+json')
      expect(limited.doc).toEqual(TOO_MANY_REQUESTS)
      // No time has passed on the clock: the whole second is still to wait.
      expect(limited.headers.get('x-ratelimit-reset')).toBe('1')
      expect(tfe.throttled).toBe(1)
      const ping = await callTfe('GET', '/api/v2/ping', { tfe, token: null })
      expect(ping.status).toBe(204)
      expect(ping.headers.get('x-ratelimit-limit')).toBe('30')
    })
  })

  it('counts every token of a user together, and each user apart', async () => {
    await withFake({ rateLimit: { perSecond: 3 }, clock: manualClock() }, async tfe => {
      const second = tfe.issueToken('admin')
      expect(second).not.toBe(tfe.adminToken)
      const account = (token: string) => callTfe('GET', '/api/v2/account/details', { tfe, token })
      expect((await account(tfe.adminToken)).status).toBe(200)
      expect((await account(second)).status).toBe(200)
      expect((await account(tfe.adminToken)).status).toBe(200)
      expect((await account(second)).status).toBe(429)
      expect((await account(tfe.adminToken)).status).toBe(429)
      // The other user has a second of their own.
      const other = tfe.issueToken('user')
      expect((await account(tfe.userToken)).status).toBe(200)
      expect((await account(other)).status).toBe(200)
      expect((await account(tfe.userToken)).status).toBe(200)
      expect((await account(other)).status).toBe(429)
      expect(tfe.throttled).toBe(3)
      // The second token is the same user: same answers, admin routes included.
      const asSecond = await account(second)
      expect(asSecond.status).toBe(429)
    })
  })

  it('frees a slot once the oldest request is a second old, with a fractional X-RateLimit-Reset', async () => {
    const clock = manualClock()
    await withFake({ rateLimit: { perSecond: 2 }, clock }, async tfe => {
      const account = () => callTfe('GET', '/api/v2/account/details', { tfe })
      const reset = (reply: Reply) => reply.headers.get('x-ratelimit-reset')
      expect((await account()).status).toBe(200) // at 0 ms
      clock.advance(300)
      expect((await account()).status).toBe(200) // at 300 ms
      const third = await account()
      expect(third.status).toBe(429)
      expect(reset(third)).toBe('0.7')
      clock.advance(699)
      expect(reset(await account())).toBe('0.001')
      // Refused requests took no slot: at 1000 ms the first request has left the window.
      clock.advance(1)
      expect((await account()).status).toBe(200)
      const next = await account()
      expect(next.status).toBe(429)
      expect(reset(next)).toBe('0.3')
      expect(tfe.throttled).toBe(3)
    })
  })

  it('counts only what the fake itself answers to a known token', async () => {
    await withFake({ rateLimit: { perSecond: 1 }, clock: manualClock() }, async tfe => {
      let intercepted = 0
      tfe.intercept((_req, res, recorded) => {
        if (recorded.path !== '/api/v2/admin/organizations' || intercepted++ > 0) return false
        res.writeHead(503)
        res.end()
        return true
      })
      expect((await callTfe('GET', admin(''), { tfe })).status).toBe(503)
      expect((await callTfe('GET', '/api/v2/ping', { tfe, token: null })).status).toBe(204)
      expect((await callTfe('GET', admin(''), { tfe, token: 'tfe-admin.wrong' })).status).toBe(401)
      expect((await callTfe('GET', admin(''), { tfe })).status).toBe(200)
      expect((await callTfe('GET', admin(''), { tfe })).status).toBe(429)
      expect(tfe.throttled).toBe(1)
    })
  })

  it('refuses a limit that is not a whole number of at least 1', async () => {
    await expect(startFakeTfe({ rateLimit: { perSecond: 0 } })).rejects.toThrow(/perSecond/)
    await expect(startFakeTfe({ rateLimit: { perSecond: 2.5 } })).rejects.toThrow(/perSecond/)
  })
})

describe('latency', () => {
  it('waits latencyMs on its clock before it handles each request', async () => {
    const clock = manualClock()
    await withFake({ latencyMs: 250, clock }, async tfe => {
      let answered: Reply | undefined
      const pending = callTfe('GET', '/api/v2/account/details', { tfe }).then(reply => {
        answered = reply
        return reply
      })
      while (clock.pending().length === 0) await settle()
      // Received and recorded, not yet answered.
      expect(tfe.requests).toHaveLength(1)
      expect(clock.pending()).toEqual([250])
      clock.advance(249)
      await settle()
      expect(answered).toBeUndefined()
      expect(clock.pending()).toEqual([1])
      clock.advance(1)
      expect((await pending).status).toBe(200)
      expect(clock.pending()).toEqual([])
    })
  })

  it('delays intercepted requests too, like a slow network would', async () => {
    const clock = manualClock()
    await withFake({ latencyMs: 40, clock }, async tfe => {
      let hooked = 0
      tfe.intercept(() => {
        hooked++
        return false
      })
      const pending = callTfe('GET', '/api/v2/ping', { tfe, token: null })
      while (clock.pending().length === 0) await settle()
      expect(hooked).toBe(0)
      clock.advance(40)
      expect((await pending).status).toBe(204)
      expect(hooked).toBe(1)
    })
  })

  it('adds none by default', async () => {
    const clock = manualClock()
    await withFake({ clock }, async tfe => {
      expect((await callTfe('GET', '/api/v2/ping', { tfe, token: null })).status).toBe(204)
      expect(clock.pending()).toEqual([])
    })
  })
})

describe('the keep-alive timeout', () => {
  interface KeptAlive {
    /** The Keep-Alive header of the answer. */
    keepAlive: string | undefined
    /** Whether the server has ended the connection yet. */
    ended(): boolean
    /** Resolves when the server ends the connection. */
    end: Promise<void>
    socket: Socket
  }

  /** One GET /ping over a raw HTTP/1.1 connection that the client leaves open afterwards. */
  function pingKeptAlive(tfe: FakeTfe): Promise<KeptAlive> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(new URL(tfe.url).port), '127.0.0.1')
      let ended = false
      const end = new Promise<void>(done =>
        socket.once('end', () => {
          ended = true
          done()
        })
      )
      let received = ''
      socket.setEncoding('utf8')
      socket.on('error', reject)
      socket.on('data', (chunk: string) => {
        received += chunk
        const head = received.indexOf('\r\n\r\n')
        if (head < 0) return
        const keepAlive = /^keep-alive: *(.*)$/im.exec(received.slice(0, head))?.[1]?.trim()
        resolve({ keepAlive, ended: () => ended, end, socket })
      })
      socket.write('GET /api/v2/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n')
    })
  }

  it('is announced in Keep-Alive, from the option or Node’s default of 5 s', async () => {
    expect(fake.keepAliveTimeoutMs).toBe(5000)
    const byDefault = await pingKeptAlive(fake)
    expect(byDefault.keepAlive).toBe('timeout=5')
    byDefault.socket.destroy()
    await withFake({ keepAliveTimeoutMs: 3000 }, async tfe => {
      expect(tfe.keepAliveTimeoutMs).toBe(3000)
      const set = await pingKeptAlive(tfe)
      expect(set.keepAlive).toBe('timeout=3')
      set.socket.destroy()
    })
  })

  it('closes an idle kept-alive connection when it runs out, and not before', async () => {
    /** The server's end of the connection of the next request to `tfe`. */
    function serverSocket(tfe: FakeTfe): () => Socket | undefined {
      let socket: Socket | undefined
      tfe.intercept(req => {
        socket ??= req.socket
        return false
      })
      return () => socket
    }
    /** The idle timeout the server sets once it has answered: pending until then. */
    async function idleTimeout(socket: () => Socket | undefined): Promise<number> {
      for (let i = 0; i < 100 && socket()?.timeout === undefined; i++) await settle()
      return socket()?.timeout ?? Number.NaN
    }

    await withFake({ keepAliveTimeoutMs: 50 }, async short => {
      const quickEnd = serverSocket(short)
      const patientEnd = serverSocket(fake)
      const quick = await pingKeptAlive(short)
      const patient = await pingKeptAlive(fake)
      try {
        // Each server gives its idle connection its own keep-alive timeout (plus Node's margin).
        const quickMs = await idleTimeout(quickEnd)
        const patientMs = await idleTimeout(patientEnd)
        expect(quickMs).toBeGreaterThanOrEqual(50)
        expect(patientMs).toBeGreaterThanOrEqual(5000)
        expect(patientMs - quickMs).toBe(5000 - 50)
        // When the short one runs out, the server ends the connection; the client never would.
        quickEnd()?.emit('timeout')
        await quick.end
        expect(patient.ended()).toBe(false)
      } finally {
        quick.socket.destroy()
        patient.socket.destroy()
      }
    })
  })
})
