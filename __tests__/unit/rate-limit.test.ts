// The run's one rate limiter, on a clock the test turns: slots in call order at the given
// rate, and a lower rate (and a pause) after a 429.
import { RateLimiter } from '../../src/tfe/rate-limit.js'

function limiter(perSecond: number) {
  let now = 0
  const sent: number[] = []
  const limit = new RateLimiter({
    perSecond,
    now: () => now,
    sleep: async ms => {
      now += ms
    }
  })
  const send = async () => {
    await limit.acquire()
    sent.push(now)
  }
  return { limit, sent, send, advance: (ms: number) => (now += ms) }
}

it('spaces requests evenly at the given rate, in call order', async () => {
  const { sent, send } = limiter(20)
  for (let i = 0; i < 5; i++) await send()
  expect(sent).toEqual([0, 50, 100, 150, 200])
})

it('hands concurrent callers one slot each', async () => {
  const waits: number[] = []
  const limit = new RateLimiter({
    perSecond: 10,
    now: () => 0,
    sleep: async ms => {
      waits.push(ms)
    }
  })
  await Promise.all([limit.acquire(), limit.acquire(), limit.acquire(), limit.acquire()])
  // The first goes at once; each other waits for its own slot, 100 ms after the one before.
  expect(waits).toEqual([100, 200, 300])
})

it('does not make an idle run wait', async () => {
  const { sent, send, advance } = limiter(2)
  await send()
  advance(5000)
  await send()
  expect(sent).toEqual([0, 5000])
})

it('after a 429: nothing before the reset, then a lower rate', async () => {
  const { limit, sent, send } = limiter(20)
  await send()
  limit.rateLimitedFor(1500)
  await send()
  await send()
  expect(sent[1]).toBe(1500)
  expect((sent[2] ?? 0) - (sent[1] ?? 0)).toBeCloseTo(1000 / 15, 5)
  expect(limit.rateLimited).toBe(1)
})

it('never slows below the floor', () => {
  const limit = new RateLimiter({ perSecond: 4, minPerSecond: 2 })
  for (let i = 0; i < 10; i++) limit.rateLimitedFor(0)
  expect(limit.perSecond).toBe(2)
})

it('refuses a rate that is not above zero', () => {
  expect(() => new RateLimiter({ perSecond: 0 })).toThrow(RangeError)
})

it('lets a burst go at once after a pause, then keeps the pace', async () => {
  let now = 0
  const sent: number[] = []
  const limit = new RateLimiter({
    perSecond: 20,
    burst: 3,
    now: () => now,
    sleep: async ms => {
      now += ms
    }
  })
  const send = async () => {
    await limit.acquire()
    sent.push(now)
  }
  for (let i = 0; i < 5; i++) await send()
  now += 5000
  await send()
  await send()
  // Three at once, then one every 50 ms; after a pause, at once again.
  expect(sent).toEqual([0, 0, 0, 50, 100, 5100, 5100])
})
