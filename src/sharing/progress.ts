// A line every few seconds on long runs, so that a log that looks stuck shows it is not: the
// phase, how many producers are done, and how many requests (and 429s) it took so far.

export interface ProgressCounts {
  phase: string
  done: number
  total: number
  requests: number
  rateLimited: number
}

/** Starts the ticker; the returned function stops it. The timer never keeps the process alive. */
export function reportProgress(
  log: (line: string) => void,
  counts: () => ProgressCounts,
  everyMs = 10_000
): () => void {
  const timer = setInterval(() => log(progressLine(counts())), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

export function progressLine({
  phase,
  done,
  total,
  requests,
  rateLimited
}: ProgressCounts): string {
  return (
    `Progress: ${phase}, ${done} of ${total} producer${total === 1 ? '' : 's'} done, ` +
    `${requests} request${requests === 1 ? '' : 's'}, ${rateLimited} rate-limited (429)`
  )
}
