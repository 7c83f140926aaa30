// The run's settings, read once from the step's inputs (settings/inputs.ts) before the first
// request. The type lives apart from its parser, below everything that uses it.
import type { Api, ConsumerRef, Mode } from '../domain/model.js'

export interface Settings {
  organization: string
  consumers: ConsumerRef[]
  token: string
  /** `https://host[:port]`, or `http://` for a loopback host; no trailing slash. */
  baseUrl: string
  allowEmpty: boolean
  mode: Mode
  dryRun: boolean
  /** undefined: leave global module sharing as the consumer list implies. */
  globalModuleSharing: boolean | undefined
  api: Api
  /** Only to comment on pull requests; undefined when no comment is wanted. */
  pullRequestComment: { githubToken: string } | undefined
  maxRetries: number
  timeoutMs: number
  /** PEM of a private CA to trust, in addition to the usual roots. */
  caCertificate: string | undefined
  /**
   * Sharing files instead of one producer's inputs: the patterns, and the folder they are relative
   * to (the workspace, or working-directory in it).
   */
  config: { patterns: string; workspace: string } | undefined
  /** Export today's sharing to this file instead of changing anything. */
  exportTo:
    | {
        path: string
        /** Relative to the working folder, as a person reads it. */
        file: string
        /** The folder the file must stay in, through any link. */
        root: string
        /** The action's own schema, when it runs as owner/repo@ref on github.com. */
        schemaUrl: string | undefined
      }
    | undefined
  /** With dryRun: fail when TFE differs from what is asked. */
  failOnDrift: boolean
  /** With config: fail when organizations share today but are in no file. */
  failOnUnmanaged: boolean
  /** With a drift check: keep one issue in the repository about it; undefined when not wanted. */
  driftIssue: { githubToken: string } | undefined
  /** Requests per second for the whole run. */
  rateLimit: number
}

/** Where inputs come from: the runner's INPUT_* variables in production, a plain object in tests. */
export interface InputSource {
  input(name: string): string
  env(name: string): string | undefined
  /** Registers a secret so the runner masks it in every later log line. */
  mask(secret: string): void
}
