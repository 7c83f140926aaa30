/** The repository root (two levels above this file); the action runs with it as cwd. */
export declare const repoRoot: string

/**
 * The environment variable with the path of the action that `npm test` built from src/ into a
 * temporary folder (see support/global-setup.mjs); runAction runs that build by default.
 */
export declare const BUILT_ACTION_ENV: string

/** The build runAction runs without options.script: `$BUILT_ACTION_ENV`, else <repo>/dist/index.js. */
export declare function defaultScript(): string

/**
 * Each input declared under `inputs:` in action.yml, mapped to its one-line `default:`
 * (undefined when it has none). Throws on a default it cannot read, such as a block scalar.
 */
export declare function readActionDefaults(file?: string): Record<string, string | undefined>

/** The runner's variable for an input: 'allow-empty' → 'INPUT_ALLOW-EMPTY'. */
export declare function inputEnvName(name: string): string

/** Parses a GITHUB_OUTPUT file (heredoc and name=value lines); throws on a malformed one. */
export declare function parseOutputs(text: string): Record<string, string>

export interface WorkflowCommand {
  /** 'error', 'warning', 'notice', 'debug', 'add-mask', 'group', … */
  command: string
  /** e.g. { title: '…', file: 'a.ts', line: '3' }, unescaped. */
  properties: Record<string, string>
  /** Unescaped (%25, %0D, %0A). */
  message: string
}

/** Every `::command props::message` line of stdout, in order. */
export declare function parseWorkflowCommands(stdout: string): WorkflowCommand[]

export interface RunActionOptions {
  /** Added to (or, with undefined, removed from) the minimal environment, after the inputs. */
  env?: Record<string, string | undefined>
  /** SIGKILL after this long (default 20000). */
  timeoutMs?: number
  /** Default: defaultScript(), the build of this test run (outside jest: <repo>/dist/index.js). */
  script?: string
}

export interface ActionRun {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  durationMs: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The GITHUB_STEP_SUMMARY file's content. */
  summary: string
  /** Workflow commands from stdout (errors, warnings, masks, …). */
  annotations: WorkflowCommand[]
  /** The environment the action ran with. */
  env: Record<string, string>
}

/** Inputs are keyed by their action.yml name, e.g. { 'allow-empty': 'true' }. */
export declare function runAction(
  inputs?: Record<string, string>,
  options?: RunActionOptions
): Promise<ActionRun>
