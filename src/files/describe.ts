// How a sharing file's values are shown back in messages. A file may hold anything, a token pasted
// by mistake included, and annotations and logs are public: a value is quoted only when it is
// short and made of harmless characters, and otherwise described (its length and the first
// character that does not belong). The same rules as the step inputs (src/inputs.ts), for files.

import {
  NAME_CHARACTER,
  QUOTABLE_CHARACTER,
  describe,
  looksLikeToken,
  looksRandom
} from '../domain/describe-value.js'

export { NAME_CHARACTER, QUOTABLE_CHARACTER, describe, looksLikeToken }

/** Short and plain enough to show back. */
const QUOTABLE = /^[A-Za-z0-9_.-]{1,40}$/

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

/** Added to a message about a value shaped like a token: it is in the repository now. */
export function tokenHint(value: string): string {
  return looksLikeToken(value)
    ? '; it looks like an API token: remove it, and revoke the token, since it is in the repository'
    : ''
}
