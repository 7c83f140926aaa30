// How a sharing file's values are shown back in messages. A file may hold anything, a token pasted
// by mistake included, and annotations and logs are public: a value is quoted only when it is
// short and made of harmless characters, and otherwise described (its length and the first
// character that does not belong). The same rules as the step inputs (src/inputs.ts), for files.

/** Short and plain enough to show back. */
const QUOTABLE = /^[A-Za-z0-9_.-]{1,40}$/
export const QUOTABLE_CHARACTER = /^[A-Za-z0-9_.-]$/
/** What an organization name is written with. */
export const NAME_CHARACTER = /^[A-Za-z0-9_-]$/
/** A TFE API token (`<id>.atlasv1.<secret>`) or a GitHub one. */
const TOKEN_SHAPE = /\.atlasv1\.|(^|[^A-Za-z0-9])(gh[pousr]_[A-Za-z0-9]{20}|github_pat_)/

/** Shaped like an API token: never a name, never shown. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value)
}

/** Safe to show as it is. */
export function isQuotable(value: string): boolean {
  return QUOTABLE.test(value) && !looksLikeToken(value) && !looksRandom(value)
}

/** `"app.team"`, or `52 characters, the first that is not allowed is "/" at position 9`. */
export function shown(value: string, allowed: RegExp = QUOTABLE_CHARACTER): string {
  return isQuotable(value) ? `"${value}"` : describe(value, allowed)
}

/** `"app.team"`, or `a value of 52 characters, the first that is not allowed is "/" at position 9`. */
export function quoteOrDescribe(value: string, allowed: RegExp = QUOTABLE_CHARACTER): string {
  return isQuotable(value) ? `"${value}"` : `a value of ${describe(value, allowed)}`
}

/** `52 characters, the first that is not allowed is "/" at position 9`, never the value itself. */
export function describe(value: string, allowed: RegExp): string {
  const characters = Array.from(value)
  const size = `${characters.length} character${characters.length === 1 ? '' : 's'}`
  const bad = characters.findIndex(c => !allowed.test(c))
  if (bad < 0) return size
  return `${size}, the first that is not allowed is ${characterName(characters[bad] ?? '')} at position ${bad + 1}`
}

/** Added to a message about a value shaped like a token: it is in the repository now. */
export function tokenHint(value: string): string {
  return looksLikeToken(value)
    ? '; it looks like an API token: remove it, and revoke the token, since it is in the repository'
    : ''
}

/** A character itself if it is visible ASCII; else what it is, with its code point. */
function characterName(c: string): string {
  if (c === ' ') return 'a space'
  if (c === '\t') return 'a tab'
  if (c === '"') return 'a double quote'
  if (/^[\x21-\x7e]$/.test(c)) return `"${c}"`
  const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
  if (/^[\r\n\u0085\u2028\u2029]$/.test(c)) return `a line break (${code})`
  if (/^\p{Cc}$/u.test(c)) return `a control character (${code})`
  if (/^[\p{Cf}\p{Z}]$/u.test(c)) return `an invisible or space character (${code})`
  return `a non-ASCII character (${code})`
}

/** Holds a run of 20 or more letters and digits mixing upper case, lower case and digits: a key. */
function looksRandom(value: string): boolean {
  return value
    .split(/[^A-Za-z0-9]/)
    .some(run => run.length >= 20 && /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run))
}
