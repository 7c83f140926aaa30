// A clock for the fakes (their rate limit and latency) that only moves when a test moves it, so
// that nothing in a test waits on real time.
import type { Clock } from '../../test-kit/recording-server.mjs'

export interface ManualClock extends Clock {
  /** Moves time on by `ms`, waking every sleep that is then due. */
  advance(ms: number): void
  /** How long each pending sleep still has to wait, soonest first. */
  pending(): number[]
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let now = start
  const sleepers: { until: number; wake: () => void }[] = []
  return {
    now: () => now,
    sleep(ms) {
      return new Promise<void>(wake => {
        sleepers.push({ until: now + ms, wake })
      })
    },
    advance(ms) {
      now += ms
      for (const sleeper of [...sleepers]) {
        if (sleeper.until <= now) {
          sleepers.splice(sleepers.indexOf(sleeper), 1)
          sleeper.wake()
        }
      }
    },
    pending() {
      return sleepers.map(s => s.until - now).sort((a, b) => a - b)
    }
  }
}
