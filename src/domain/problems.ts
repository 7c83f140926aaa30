// Where the user wrote something, and what is wrong there: a problem is data with its place, so
// that the report can show it where it was written (an annotation on a file's line, or the name
// of a step input).

/** A place in a sharing file: the file relative to the workspace, 1-based line and column. */
export interface FilePlace {
  file: string
  line: number
  column?: number
}

/** A step input, by its name in action.yml. */
export interface InputPlace {
  input: string
}

export type Place = FilePlace | InputPlace

/** One problem in a sharing file (a parse error, an unknown consumer on its line, …). */
export interface FileProblem extends FilePlace {
  /** One line: what is wrong, and what to write instead. Never quotes a long or strange value. */
  message: string
}

export type Problem = (FilePlace | InputPlace) & { message: string }

export function isFilePlace(place: Place): place is FilePlace {
  return 'file' in place
}

/** `sharing/platform.yml:4:7: message`: a problem as a log line, where annotations are not shown. */
export function formatFileProblem({ file, line, column, message }: FileProblem): string {
  return `${file}:${line}${column === undefined ? '' : `:${column}`}: ${message}`
}
