// The progress line of long runs: what it says, and that it comes every 10 s until stopped.
import { jest } from '@jest/globals'
import { progressLine, reportProgress } from '../../src/sharing/progress.js'

it('says the phase, producers done of all, requests and 429s', () => {
  expect(
    progressLine({ phase: 'planning', done: 120, total: 500, requests: 141, rateLimited: 2 })
  ).toBe('Progress: planning, 120 of 500 producers done, 141 requests, 2 rate-limited (429)')
  expect(progressLine({ phase: 'writing', done: 0, total: 1, requests: 1, rateLimited: 0 })).toBe(
    'Progress: writing, 0 of 1 producer done, 1 request, 0 rate-limited (429)'
  )
})

it('logs every 10 s with the counts of the moment, and never after it is stopped', () => {
  jest.useFakeTimers()
  try {
    const lines: string[] = []
    let done = 0
    const stop = reportProgress(
      line => lines.push(line),
      () => ({ phase: 'planning', done, total: 3, requests: done * 2, rateLimited: 0 })
    )
    jest.advanceTimersByTime(9_999)
    expect(lines).toEqual([])
    done = 1
    jest.advanceTimersByTime(1)
    done = 2
    jest.advanceTimersByTime(10_000)
    stop()
    jest.advanceTimersByTime(60_000)
    expect(lines).toEqual([
      'Progress: planning, 1 of 3 producers done, 2 requests, 0 rate-limited (429)',
      'Progress: planning, 2 of 3 producers done, 4 requests, 0 rate-limited (429)'
    ])
  } finally {
    jest.useRealTimers()
  }
})
