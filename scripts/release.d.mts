/** A release that must not happen; the message says why and what to do. */
export declare class ReleaseError extends Error {}

export interface Version {
  major: number
  minor: number
  patch: number
  /** `1.2.3`, without the v. */
  text: string
}

/** `1.2.3` or `v1.2.3` → the version; throws ReleaseError for anything else (pre-releases too). */
export declare function parseVersion(text: string): Version

/** The section of `## [1.2.3]` in a Keep a Changelog text, heading included; undefined without one. */
export declare function changelogSection(changelog: string, version: string): string | undefined

/** Runs git in `cwd` and returns its trimmed stdout; throws ReleaseError with git's stderr. */
export declare function gitIn(cwd: string, env?: NodeJS.ProcessEnv): (args: string[]) => string

/** Relative paths of the files that differ between two folders (either side missing, or other bytes). */
export declare function differingFiles(expected: string, actual: string): string[]

export interface ReleaseOptions {
  /** `1.2.3` or `v1.2.3`. */
  version: string
  /** The repository (default: this one). */
  cwd?: string
  /** Runs git in cwd (default: gitIn(cwd)). */
  git?: (args: string[]) => string
  /** Builds the action into `out` (default: bundle from scripts/bundle.mjs). */
  build?: (out: string) => unknown
  /** Push both tags to origin. */
  push?: boolean
  log?: (line: string) => void
}

export interface ReleaseResult {
  tag: string
  majorTag: string
  /** false when a newer release of the same major exists, which the major tag stays on. */
  movedMajor: boolean
  /** The push commands: run with push, printed without. */
  commands: string[]
}

/** Checks, tags and (with push) pushes; throws ReleaseError, having changed nothing, on a failed check. */
export declare function release(options: ReleaseOptions): ReleaseResult
