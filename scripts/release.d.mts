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

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`, by number. */
export declare function compareVersions(a: Version, b: Version): number

/** The section of `## [1.2.3]` in a Keep a Changelog text, heading included; undefined without one. */
export declare function changelogSection(changelog: string, version: string): string | undefined

/** Runs git in `cwd` and returns its trimmed stdout; throws ReleaseError with git's stderr. */
export declare function gitIn(cwd: string, env?: NodeJS.ProcessEnv): (args: string[]) => string

/**
 * Tag name → the commit it points at (annotated tags peeled), from `git ls-remote --tags` output.
 */
export declare function remoteTagCommits(listing: string): Map<string, string>

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
  /**
   * Push both tags (only the version's, for a backport) to origin. Refused when there is no origin;
   * with or without it, a release is refused when origin's tags cannot be read.
   */
  push?: boolean
  log?: (line: string) => void
}

export interface ReleaseResult {
  tag: string
  majorTag: string
  /**
   * false when a newer release of the same major exists on origin or here: the release is a
   * backport, and the major tag stays where it is.
   */
  movedMajor: boolean
  /** The push commands: run with push, printed without. */
  commands: string[]
}

/**
 * Checks (on origin's tags, read with `git ls-remote`), tags and (with push) pushes; throws
 * ReleaseError, having changed nothing, on a failed check.
 */
export declare function release(options: ReleaseOptions): ReleaseResult
