// YAML the parser cannot read, in words: its own messages may quote the file (a tag, a token it
// did not expect), and a file may hold a secret pasted by mistake, so only fixed words are used.
import type { YAMLError } from 'yaml'

/** A YAML syntax problem in words that never quote the file's text. */
export function yamlProblem(error: YAMLError): string {
  const fixed = YAML_PROBLEMS[error.code]
  if (fixed) return `not valid YAML: ${fixed}`
  // The parser's own words, without anything it quotes from the file (after a colon).
  const own = error.message.replace(/: (?!between |in ).*$/s, '')
  const plain = /^[A-Za-z ,:'"()[\]{}-]{1,100}$/.test(own)
    ? own.charAt(0).toLowerCase() + own.slice(1)
    : 'the YAML cannot be read here'
  return `not valid YAML: ${plain}${YAML_HINTS[error.code] ?? ''}`
}

const ANCHORS =
  'anchors and aliases (& and *) are not supported in sharing files; write each value out'
const TAGS = 'tags (a value starting with !) are not supported in sharing files; remove the tag'

const YAML_PROBLEMS: Partial<Record<YAMLError['code'], string>> = {
  ALIAS_PROPS: ANCHORS,
  BAD_ALIAS: ANCHORS,
  MULTIPLE_ANCHORS: ANCHORS,
  BAD_PROP_ORDER: TAGS,
  MULTIPLE_TAGS: TAGS,
  TAG_RESOLVE_FAILED: TAGS,
  BAD_COLLECTION_TYPE: TAGS,
  BAD_DIRECTIVE: 'a % directive line is not supported in sharing files; remove it',
  BAD_DQ_ESCAPE:
    'a double-quoted value has an invalid \\ escape; organization names need neither quotes nor escapes',
  BAD_SCALAR_START:
    'a value cannot start with this character; organization names are letters, digits, - and _',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters; keys are names, each on one line',
  MULTIPLE_DOCS:
    'the file holds more than one document (a --- line); put every producer under one producers:',
  TAB_AS_INDENT: 'a tab is used for indentation; indent with spaces',
  RESOURCE_EXHAUSTION: 'the file is nested too deeply to read',
  IMPOSSIBLE: 'the YAML cannot be read here'
}

const YAML_HINTS: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: '; indent each level by the same number of spaces',
  BLOCK_AS_IMPLICIT_KEY: '; write each key on its own line, as name: followed by its value',
  MULTILINE_IMPLICIT_KEY: '; write each key on its own line, as name: followed by its value',
  BLOCK_IN_FLOW: '; write the list as - entries, or close the [ ] on one line',
  UNEXPECTED_TOKEN: '; check the indentation and punctuation here'
}
