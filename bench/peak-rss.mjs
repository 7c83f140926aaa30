// @ts-check
// Preloaded into a measured child with NODE_OPTIONS=--import=<this file>: on exit it writes the
// process's peak resident set size (KiB, process.resourceUsage().maxRSS) to the file named by
// BENCH_MAX_RSS_FILE. Portable where /usr/bin/time -v and /proc/<pid>/status are not, and it
// sees the child's whole life, including the last allocation before exit.
import { writeFileSync } from 'node:fs'

const file = process.env.BENCH_MAX_RSS_FILE
if (file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS))
    } catch {
      // A missing figure is reported as such by the bench; the child's exit code must not change.
    }
  })
}
