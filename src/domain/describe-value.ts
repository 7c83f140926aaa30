// How a user's value is shown back in a message. A value may be anything, a token pasted into
// the wrong place included, and the runner masks a token only where it appears whole; so a
// value is shown only when plain, and otherwise described: its length and the first character
// that does not belong. Used by the step inputs and by the sharing files alike.

export const QUOTABLE_CHARACTER = /^[A-Za-z0-9_.-]$/
/** What an organization name is written with. */
export const NAME_CHARACTER = /^[A-Za-z0-9_-]$/
/** A TFE API token (`<id>.atlasv1.<secret>`) or a GitHub one. */
const TOKEN_SHAPE = /\.atlasv1\.|(^|[^A-Za-z0-9])(gh[pousr]_[A-Za-z0-9]{20}|github_pat_)/

/** Shaped like an API token: never a name, never shown. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value)
}

/**
 * Holds a run of 20 or more letters and digits that mixes upper case, lower case and digits: a
 * key, not a name (which people write in one case, and whose parts are words).
 */
export function looksRandom(value: string): boolean {
  return value
    .split(/[^A-Za-z0-9]/)
    .some(run => run.length >= 20 && /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run))
}

/** `64 characters, the first that is not allowed is "." at position 9`, never the value itself. */
export function describe(value: string, allowed: RegExp): string {
  const characters = Array.from(value)
  const size = `${characters.length} character${characters.length === 1 ? '' : 's'}`
  const bad = characters.findIndex(c => !allowed.test(c))
  if (bad < 0) return size
  return `${size}, the first that is not allowed is ${characterName(characters[bad] ?? '')} at position ${bad + 1}`
}

/** A character itself if it is visible ASCII; else what it is, with its code point. */
export function characterName(c: string): string {
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

/** How many characters of a value a message, a summary or a comment shows. */
export const SHOWN_CHARACTERS = 100

/**
 * A value as shown back, at most `max` characters of it and then its length:
 * `aaaa…… (900,000 characters)`. Counted in code points, so a character is never cut in two.
 */
export function capped(value: string, max = SHOWN_CHARACTERS): string {
  // Most values are short: count only when the UTF-16 length allows a doubt.
  if (value.length <= max) return value
  const characters = Array.from(value)
  if (characters.length <= max) return value
  const count = String(characters.length).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${characters.slice(0, max).join('')}… (${count} characters)`
}
