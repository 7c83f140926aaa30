// The run's one rate limiter, on a clock the test turns (nothing waits real time): slots in call
// order at the given rate, never more than that rate in any second (burst or not), TFE's wait
// after a 429 for every request still waiting, a slower pace (cut once per overload, never
// below the floor) that climbs back after quiet periods to the given rate and no further.
import { jest } from '@jest/globals'
import fc from 'fast-check'
import { RateLimiter, type RateLimiterOptions } from '../../src/tfe/rate-limit.js'

/** A limiter whose sleep moves the clock at once: for callers that go one after another. */
function limiter(perSecond: number, options: Partial<RateLimiterOptions> = {}) {
  let now = 0
  const sent: number[] = []
  const limit = new RateLimiter({
    perSecond,
    now: () => now,
    sleep: async ms => {
      now += ms
    },
    ...options
  })
  const send = async () => {
    await limit.acquire()
    sent.push(now)
  }
  return { limit, sent, send, advance: (ms: number) => (now += ms), at: (ms: number) => (now = ms) }
}

/**
 * A clock whose sleeps wait until the test moves it on (advance), as timers would: for callers
 * that wait at the same time, and for 429s that arrive while they wait.
 */
function manualClock() {
  let now = 0
  let timers: { at: number; wake: () => void }[] = []
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve()
  }
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>(wake => {
        timers.push({ at: now + ms, wake })
      }),
    /** Moves the clock to `now + ms`, waking each sleeper at its time, earliest first. */
    async advance(ms: number) {
      const end = now + ms
      await flush()
      for (;;) {
        const due = timers.filter(t => t.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!due) break
        timers = timers.filter(t => t !== due)
        now = Math.max(now, due.at)
        due.wake()
        await flush()
      }
      now = end
      await flush()
    }
  }
}

/**
 * The most send times in any window [t, t + windowMs). Times a whole window apart up to
 * floating point (fractional slots: 1000.333… and 2000.333…) are in different windows.
 */
function mostInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs - 1e-6) j++
    most = Math.max(most, i - j + 1)
  }
  return most
}

describe('pace', () => {
  it('spaces requests evenly at the given rate, in call order', async () => {
    const { sent, send } = limiter(20)
    for (let i = 0; i < 5; i++) await send()
    expect(sent).toEqual([0, 50, 100, 150, 200])
  })

  it('hands concurrent callers one slot each, in call order', async () => {
    const clock = manualClock()
    const limit = new RateLimiter({ perSecond: 10, now: clock.now, sleep: clock.sleep })
    const order: string[] = []
    const sent: number[] = []
    const all = ['a', 'b', 'c', 'd'].map(name =>
      limit.acquire().then(at => {
        order.push(name)
        sent.push(at)
      })
    )
    await clock.advance(1000)
    await Promise.all(all)
    expect(order).toEqual(['a', 'b', 'c', 'd'])
    expect(sent).toEqual([0, 100, 200, 300])
  })

  it('does not make an idle run wait', async () => {
    const { sent, send, advance } = limiter(2)
    await send()
    advance(5000)
    await send()
    expect(sent).toEqual([0, 5000])
  })

  it('refuses a rate that is not above zero, and a slow-down factor outside (0, 1)', () => {
    expect(() => new RateLimiter({ perSecond: 0 })).toThrow(RangeError)
    expect(() => new RateLimiter({ perSecond: 5, slowDownFactor: 1 })).toThrow(RangeError)
    expect(() => new RateLimiter({ perSecond: 5, slowDownFactor: 0 })).toThrow(RangeError)
  })

  it('lets a burst go at once after a pause, then keeps the pace', async () => {
    const { sent, send, advance } = limiter(20, { burst: 3 })
    for (let i = 0; i < 5; i++) await send()
    advance(5000)
    await send()
    await send()
    // Three at once, then one every 50 ms; after a pause, at once again.
    expect(sent).toEqual([0, 0, 0, 50, 100, 5100, 5100])
  })

  it('pays a burst back within the second: no more than the rate in any one-second window', async () => {
    const { sent, send } = limiter(20, { burst: 5 })
    for (let i = 0; i < 60; i++) await send()
    // Five at once, then the pace: the 21st waits until the first five are a second old.
    expect(sent.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 50])
    expect(sent[20]).toBe(1000)
    expect(mostInWindow(sent, 1000)).toBe(20)
  })
})

describe('after a 429', () => {
  it('sends nothing before the reset, then goes on at a lower pace', async () => {
    const { limit, sent, send } = limiter(20)
    await send()
    limit.rateLimitedFor(1500)
    await send()
    await send()
    expect(sent[1]).toBe(1500)
    expect((sent[2] ?? 0) - (sent[1] ?? 0)).toBeCloseTo(1000 / 17, 5)
    expect(limit.rateLimited).toBe(1)
  })

  it('makes every request already waiting wait the reset too', async () => {
    const clock = manualClock()
    const limit = new RateLimiter({ perSecond: 10, now: clock.now, sleep: clock.sleep })
    const sent: number[] = []
    const all = Array.from({ length: 5 }, () => limit.acquire().then(at => sent.push(at)))
    await clock.advance(50)
    expect(sent).toEqual([0])
    // The first request's answer: 429, the next accepted in 1 s. The other four had slots at
    // 100, 200, 300 and 400 ms; none of them may go before 1,050 ms.
    limit.rateLimitedFor(1000, sent[0])
    await clock.advance(999)
    expect(sent).toEqual([0])
    await clock.advance(5000)
    await Promise.all(all)
    const interval = 1000 / 8.5
    expect(sent).toHaveLength(5)
    sent.slice(1).forEach((at, i) => expect(at).toBeCloseTo(1050 + i * interval, 6))
  })

  it('honours the longest wait when several 429s say different things', async () => {
    const { limit, sent, send } = limiter(20)
    await send()
    limit.rateLimitedFor(3000, 0)
    limit.rateLimitedFor(500, 0)
    await send()
    expect(sent[1]).toBe(3000)
  })

  it('cuts the pace once per overload: 429s of requests sent before the cut do not cut it again', () => {
    const { limit, at } = limiter(20)
    // Ten requests sent at 0–9 ms all meet the same full bucket; their answers come at 10 ms.
    at(10)
    for (let i = 0; i < 10; i++) limit.rateLimitedFor(200, i)
    expect(limit.perSecond).toBe(17)
    expect(limit.rateLimited).toBe(10)
  })

  it('cuts again for a request sent after the last cut', async () => {
    const { limit, at } = limiter(20)
    at(10)
    limit.rateLimitedFor(100, 5)
    expect(limit.perSecond).toBe(17)
    const sentAt = await limit.acquire()
    expect(sentAt).toBe(110)
    at(150)
    limit.rateLimitedFor(100, sentAt)
    expect(limit.perSecond).toBeCloseTo(14.45, 10)
  })

  it('never slows below the floor, however many 429s come in a row', () => {
    const limit = new RateLimiter({ perSecond: 4, minPerSecond: 2 })
    for (let i = 0; i < 10; i++) limit.rateLimitedFor(0)
    expect(limit.perSecond).toBe(2)
  })

  it('keeps going at 1 a second (the default floor) after a hundred 429s, and recovers from there', async () => {
    const { limit, sent, send, advance } = limiter(20)
    for (let i = 0; i < 100; i++) {
      await send()
      limit.rateLimitedFor(10, sent[sent.length - 1])
    }
    expect(limit.perSecond).toBe(1)
    const before = sent.length
    const start = sent[before - 1] as number
    for (let i = 0; i < 3; i++) await send()
    // Still sending, a second apart; a quiet period after the last 429's 10 ms wait, 3 a second.
    const after = sent.slice(before).map(t => t - start)
    expect(after[0]).toBe(1000)
    expect(after[1]).toBe(2000)
    expect(after[2]).toBeCloseTo(2000 + 1000 / 3, 6)
    advance(60_000)
    expect(limit.perSecond).toBe(20)
  })
})

describe('recovery', () => {
  it('climbs back to the configured rate after quiet periods without a 429', () => {
    // Fails on a limiter that slows down for good after a 429.
    const { limit, advance } = limiter(20)
    limit.rateLimitedFor(0)
    expect(limit.perSecond).toBe(17)
    advance(10_000)
    expect(limit.perSecond).toBe(20)
  })

  it('recovers additively, a step per quiet period, starting a quiet period after the wait', () => {
    const { limit, at } = limiter(20, { slowDownFactor: 0.75, quietMs: 1000, recoverPerSecond: 1 })
    limit.rateLimitedFor(500)
    const paces: number[] = []
    for (const t of [0, 1000, 1499, 1500, 2499, 2500, 3500, 4500, 5500, 6500, 60_000]) {
      at(t)
      paces.push(limit.perSecond)
    }
    expect(paces).toEqual([15, 15, 15, 16, 16, 17, 18, 19, 20, 20, 20])
  })

  it('starts the quiet period over at every 429', () => {
    const { limit, at } = limiter(20, { slowDownFactor: 0.75, quietMs: 1000, recoverPerSecond: 1 })
    limit.rateLimitedFor(0)
    at(2000)
    expect(limit.perSecond).toBe(17)
    limit.rateLimitedFor(0, -1) // a request sent before the cut: no new cut, but not quiet
    at(2999)
    expect(limit.perSecond).toBe(17)
    at(3000)
    expect(limit.perSecond).toBe(18)
  })

  it('by default cuts by 15% and steps back by a tenth of the configured rate (at least 1) a quiet second', () => {
    const fast = limiter(200)
    fast.limit.rateLimitedFor(0)
    expect(fast.limit.perSecond).toBe(170)
    fast.at(999)
    expect(fast.limit.perSecond).toBe(170)
    fast.at(1000)
    expect(fast.limit.perSecond).toBe(190)
    const slow = limiter(4)
    slow.limit.rateLimitedFor(0)
    expect(slow.limit.perSecond).toBeCloseTo(3.4, 10)
    slow.at(1000)
    expect(slow.limit.perSecond).toBe(4)
  })

  it('sends at the recovered pace, and bursts again only once fully recovered', async () => {
    const { limit, sent, send, at } = limiter(20, { burst: 3, recoverPerSecond: 1 })
    limit.rateLimitedFor(0)
    at(2000) // 19 a second: no burst
    await send()
    await send()
    expect((sent[1] as number) - (sent[0] as number)).toBeCloseTo(1000 / 19, 6)
    at(20_000) // recovered: three at once again
    await send()
    await send()
    await send()
    expect(sent.slice(2)).toEqual([20_000, 20_000, 20_000])
  })
})

describe('never above the configured rate', () => {
  type Step =
    { kind: 'send'; n: number } | { kind: '429'; waitMs: number } | { kind: 'idle'; ms: number }
  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('send' as const),
        n: fc.integer({ min: 1, max: 40 })
      })
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('429' as const),
        waitMs: fc.integer({ min: 0, max: 2000 })
      })
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('idle' as const),
        ms: fc.integer({ min: 0, max: 4000 })
      })
    }
  )

  it('in any one-second window, whatever the 429s, pauses and bursts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(step, { maxLength: 30 }),
        async (perSecond, burst, steps) => {
          const { limit, sent, send, advance } = limiter(perSecond, { burst })
          for (const s of steps) {
            if (s.kind === 'send') for (let i = 0; i < s.n; i++) await send()
            else if (s.kind === 'idle') advance(s.ms)
            else limit.rateLimitedFor(s.waitMs, sent[sent.length - 1])
            expect(limit.perSecond).toBeLessThanOrEqual(perSecond)
            expect(limit.perSecond).toBeGreaterThanOrEqual(1)
          }
          expect(mostInWindow(sent, 1000)).toBeLessThanOrEqual(perSecond)
          // And over longer windows, no more than the rate on average (a second's worth of slack).
          expect(mostInWindow(sent, 5000)).toBeLessThanOrEqual(5 * perSecond)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('with callers waiting together and 429s arriving while they wait', async () => {
    const clock = manualClock()
    const limit = new RateLimiter({ perSecond: 20, burst: 5, now: clock.now, sleep: clock.sleep })
    const sent: number[] = []
    const all = Array.from({ length: 150 }, () => limit.acquire().then(at => sent.push(at)))
    for (let i = 0; i < 40; i++) {
      await clock.advance(250)
      if (i % 7 === 3) limit.rateLimitedFor(300, sent[sent.length - 1])
    }
    await clock.advance(60_000)
    await Promise.all(all)
    expect(sent).toHaveLength(150)
    expect(mostInWindow(sent, 1000)).toBeLessThanOrEqual(20)
    expect(limit.perSecond).toBe(20)
  })
})

describe('dispose', () => {
  afterEach(() => {
    jest.useRealTimers()
  })

  it('leaves no timer for requests still waiting when the run is over, and lets none of them go', async () => {
    jest.useFakeTimers()
    const limit = new RateLimiter({ perSecond: 1 })
    const sent: number[] = []
    await limit.acquire()
    // After a 429 that asks for an hour, the next request would wait that long.
    limit.rateLimitedFor(3_600_000)
    void limit.acquire().then(at => sent.push(at))
    await Promise.resolve()
    expect(jest.getTimerCount()).toBe(1)
    limit.dispose()
    expect(jest.getTimerCount()).toBe(0)
    void limit.acquire().then(at => sent.push(at))
    await jest.advanceTimersByTimeAsync(4_000_000)
    expect(sent).toEqual([])
    expect(jest.getTimerCount()).toBe(0)
  })
})
