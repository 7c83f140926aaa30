// One limiter for every request of a run. TFE allows 30 requests per second per user, shared
// by every token and automation of that user, so a run spaces its requests evenly at the rate it
// was given, and slows down for good after a 429: someone else is using the same budget
// (docs/tfe-api.md#rate-limiting).

export interface RateLimiterOptions {
  /** Requests per second this run may send. */
  perSecond: number
  /**
   * Requests that may go at once after a pause (default 1): a short run's few independent reads
   * then cost one round trip, not one each. In any second at most burst - 1 + perSecond go.
   */
  burst?: number
  /** After a 429, the rate is multiplied by this (0 < factor < 1), down to minPerSecond. */
  slowDownFactor?: number
  minPerSecond?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export class RateLimiter {
  private intervalMs: number
  private next = 0
  private burstMs: number
  private readonly minPerSecond: number
  private readonly factor: number
  private readonly now: () => number
  private readonly sleep: (ms: number) => Promise<void>
  /** 429s seen, for the progress lines of long runs. */
  rateLimited = 0

  constructor(options: RateLimiterOptions) {
    if (!(options.perSecond > 0)) throw new RangeError('perSecond must be above 0')
    this.intervalMs = 1000 / options.perSecond
    this.burstMs = (Math.max(1, Math.floor(options.burst ?? 1)) - 1) * this.intervalMs
    this.minPerSecond = Math.min(options.minPerSecond ?? 1, options.perSecond)
    this.factor = options.slowDownFactor ?? 0.75
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)))
  }

  get perSecond(): number {
    return 1000 / this.intervalMs
  }

  /**
   * Resolves when the caller may send its request: slots are handed out in call order. `next` is
   * when the next request would go at an even pace; a burst may go that much earlier.
   */
  async acquire(): Promise<void> {
    const now = this.now()
    const slot = Math.max(now, this.next - this.burstMs)
    this.next = Math.max(this.next, slot) + this.intervalMs
    if (slot > now) await this.sleep(slot - now)
  }

  /**
   * TFE said 429: nobody sends again before `waitMs` has passed (its X-RateLimit-Reset), and
   * the run goes on at a lower rate.
   */
  rateLimitedFor(waitMs: number): void {
    this.rateLimited++
    const slowest = 1000 / this.minPerSecond
    this.intervalMs = Math.min(slowest, this.intervalMs / this.factor)
    // Someone else spends the same budget: no more bursts.
    this.burstMs = 0
    this.next = Math.max(this.next, this.now() + waitMs)
  }
}
