// One limiter for every request of a run. TFE allows 30 requests per second per user, shared by
// every token, run and automation of that user (docs/tfe-api.md#rate-limiting). A run spaces its
// requests evenly at the rate it was given and never sends more than that rate in any second.
// A 429 says someone else spends the same budget: every request then waits what TFE said, the
// pace drops (multiplicatively, once per overload), and after quiet periods without a 429 it
// climbs back (additively) to the rate given, never above it. No I/O: the clock and the sleep
// are injected, so tests turn a manual clock instead of waiting.

export interface RateLimiterOptions {
  /** Requests per second this run may send: the pace it starts at and never goes above. */
  perSecond: number
  /**
   * Requests that may go at once after a pause (default 1): a short run's few independent reads
   * then cost one round trip, not one each. Within any second no more than perSecond go (whole
   * requests: at most floor(perSecond)), burst or not. Off while the pace is below perSecond.
   */
  burst?: number
  /** At a 429, the pace is multiplied by this (0 < factor < 1; default 0.85), down to minPerSecond. */
  slowDownFactor?: number
  /** The slowest pace 429s can drive the run to (default 1 a second, or perSecond if lower). */
  minPerSecond?: number
  /** How long without a 429 before the pace goes up a step, and between steps (default 1000 ms). */
  quietMs?: number
  /** Requests per second each quiet period adds back (default perSecond / 10, at least 1). */
  recoverPerSecond?: number
  now?: () => number
  /** Default: a timer that dispose() clears. */
  sleep?: (ms: number) => Promise<void>
}

// The defaults (a cut of 15%, a tenth of the rate back each quiet second) keep two or four runs
// that share TFE's 30 a second within about 1.1× of the shortest time they could take together
// (npm run bench -- --only shared-limit); deeper cuts or a slower climb leave more of the budget
// unused after each 429, shallower ones or a faster climb meet more 429s.
export class RateLimiter {
  private readonly maxPerSecond: number
  private readonly minPerSecond: number
  private readonly factor: number
  private readonly quietMs: number
  private readonly step: number
  private readonly burstMs: number
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>

  /** The pace set by the last 429, and when it starts to recover (undefined: never slowed). */
  private slowed: { perSecond: number; quietFrom: number } | undefined
  /** Nobody sends before this: the end of the longest wait TFE asked for. */
  private resumeAt = -Infinity
  /** When the pace was last cut: a 429 of a request sent before that is the same overload. */
  private lastCutAt = -Infinity
  /** Counts 429s, so a waiting head of the queue knows its slot was computed before one. */
  private generation = 0
  /** When the next request would go at an even pace (a burst may go that much earlier). */
  private next = -Infinity
  /** When the last floor(maxPerSecond) requests went, oldest at `oldest`: the one-second cap. */
  private readonly sentTimes: number[]
  private oldest = 0
  private readonly waiting: ((sentAt: number) => void)[] = []
  private pumping = false
  private disposed = false
  /** The default sleep's timer, cleared by dispose(). */
  private timer: ReturnType<typeof setTimeout> | undefined
  /** 429s seen, for the progress lines of long runs. */
  rateLimited = 0

  constructor(options: RateLimiterOptions) {
    if (!(options.perSecond > 0)) throw new RangeError('perSecond must be above 0')
    const factor = options.slowDownFactor ?? 0.85
    if (!(factor > 0 && factor < 1)) throw new RangeError('slowDownFactor must be between 0 and 1')
    this.maxPerSecond = options.perSecond
    this.minPerSecond = Math.min(Math.max(options.minPerSecond ?? 1, 1e-3), options.perSecond)
    this.factor = factor
    this.quietMs = Math.max(1, options.quietMs ?? 1000)
    this.step = Math.max(1e-3, options.recoverPerSecond ?? Math.max(1, options.perSecond / 10))
    this.burstMs = (Math.max(1, Math.floor(options.burst ?? 1)) - 1) * (1000 / options.perSecond)
    this.sentTimes = new Array<number>(Math.max(1, Math.floor(options.perSecond))).fill(-Infinity)
    this.now = options.now ?? Date.now
    this.sleep =
      options.sleep ??
      (ms =>
        new Promise(resolve => {
          this.timer = setTimeout(() => {
            this.timer = undefined
            resolve()
          }, ms)
        }))
  }

  /** The pace now: the rate given, or a slower one after a 429 and on its way back up. */
  get perSecond(): number {
    return this.paceAt(this.now())
  }

  private paceAt(now: number): number {
    if (!this.slowed) return this.maxPerSecond
    const { perSecond, quietFrom } = this.slowed
    const steps = now > quietFrom ? Math.floor((now - quietFrom) / this.quietMs) : 0
    return Math.min(this.maxPerSecond, perSecond + steps * this.step)
  }

  /**
   * Resolves with the time the caller may send its request (pass it to rateLimitedFor if TFE
   * answers 429). Callers go one at a time in call order.
   */
  acquire(): Promise<number> {
    return new Promise(resolve => {
      if (this.disposed) return
      this.waiting.push(resolve)
      void this.pump()
    })
  }

  /**
   * The run is over: requests still waiting (for a long X-RateLimit-Reset, say, after the run
   * failed) never go, and no timer keeps the process alive for them.
   */
  dispose(): void {
    this.disposed = true
    this.waiting.length = 0
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /**
   * The earliest a request may go: not before the even pace (less a burst at full pace), the end
   * of TFE's wait, or a second after the request that would make more than perSecond in one.
   */
  private slotAt(now: number): number {
    const pace = this.paceAt(now)
    const burstMs = pace >= this.maxPerSecond ? this.burstMs : 0
    return Math.max(
      now,
      this.next - burstMs,
      this.resumeAt,
      (this.sentTimes[this.oldest] ?? -Infinity) + 1000
    )
  }

  /**
   * Hands out the queue's head, one at a time. A 429 during a wait sends the head back to wait
   * again (TFE's wait, a slower pace). The pace counts from the slot, not from when the timer
   * fired, so late timers do not slow the run down; the one-second cap counts actual times.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.waiting.length > 0) {
        const generation = this.generation
        const slot = this.slotAt(this.now())
        let now = this.now()
        while (now < slot && generation === this.generation) {
          await this.sleep(slot - now)
          now = this.now()
        }
        if (generation !== this.generation) continue
        this.next = Math.max(this.next, slot) + 1000 / this.paceAt(now)
        this.sentTimes[this.oldest] = now
        this.oldest = (this.oldest + 1) % this.sentTimes.length
        this.waiting.shift()?.(now)
      }
    } finally {
      this.pumping = false
    }
  }

  /**
   * TFE said 429 to a request sent at `sentAt` (from acquire): nobody sends again before `waitMs`
   * has passed (its X-RateLimit-Reset or Retry-After), and the pace drops by slowDownFactor,
   * once per overload: 429s of requests sent before the last cut were already counted in it.
   * The pace starts to recover one quiet period after the wait. Without `sentAt`, every 429
   * cuts the pace.
   */
  rateLimitedFor(waitMs: number, sentAt?: number): void {
    const now = this.now()
    this.rateLimited++
    this.generation++
    const pace = this.paceAt(now)
    const sameOverload = sentAt !== undefined && sentAt <= this.lastCutAt
    const perSecond = sameOverload ? pace : Math.max(this.minPerSecond, pace * this.factor)
    if (!sameOverload) this.lastCutAt = now
    this.resumeAt = Math.max(this.resumeAt, now + Math.max(0, waitMs))
    this.slowed = { perSecond, quietFrom: this.resumeAt }
  }
}
