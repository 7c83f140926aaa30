// Values from outside shown in markdown: as text (markdownText) and as code (codeSpan) they
// render as written wherever a summary puts them; and a value shown back is capped (capped).
import fc from 'fast-check'
import { capped } from '../../src/domain/describe-value.js'
import { codeSpan, flatText, markdownText } from '../../src/report/summary.js'
import { render } from '../support/gfm.js'

/** Where a summary puts a value inline, with where to find it once rendered. */
const contexts: {
  name: string
  markdown: (value: string) => string
  text: (v: string) => string
}[] = [
  { name: 'a paragraph', markdown: v => v, text: v => v },
  {
    name: 'a heading',
    markdown: v => `### Module sharing: ${v}`,
    text: v => `Module sharing: ${v}`
  },
  { name: 'a list item', markdown: v => `- ${v}: 3 consumers`, text: v => `${v}: 3 consumers` },
  {
    name: 'a table cell',
    markdown: v => `| Producer | Added |\n| --- | --- |\n| ${v} | x |`,
    text: v => v
  },
  { name: 'after a list', markdown: v => `- a\n\n${v}, b (global)`, text: v => `${v}, b (global)` }
]

function shown(markdown: string): { text: string; marks: string[]; blocks: number } {
  const { blocks } = render(markdown)
  const last = blocks[blocks.length - 1]
  return {
    text: last?.kind === 'table' ? (last.rows[0]?.[0] ?? '') : (last?.text ?? ''),
    marks: blocks.flatMap(b => b.marks),
    blocks: blocks.length
  }
}

/** Characters that mean something to markdown, and some that do not. */
const special = fc.constantFrom(
  ...'\\`*_[]()<>&|~$#+-=!.:"\'{}^@1 \t\n'.split(''),
  'a',
  'é',
  '😀',
  '\u00a0',
  '\u0301',
  '\u000b'
)
const values = fc
  .oneof(fc.string({ unit: special, minLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1 }))
  .filter(v => !v.includes('\0'))

describe('markdownText', () => {
  it.each([
    ['_legacy_'],
    ['__proto__'],
    ['**/*.yml'],
    ["r&d's"],
    ['<img src=x>|pipe'],
    ['# not a heading'],
    ['- not a list'],
    ['1. not a list'],
    ['+ not a list'],
    ['    not code'],
    ['ends with a #'],
    ['[a link](https://x.test)'],
    ['~~struck~~'],
    ['`code`'],
    ['&amp; stays &amp;'],
    ['back\\slash\\'],
    ['two\nlines'],
    ['\u000bcontrol\u0007']
  ])('renders %j as itself in every context', value => {
    for (const { markdown, text } of contexts) {
      const result = shown(markdown(markdownText(value)))
      expect(result.text).toBe(text(flatText(value)))
      expect(result.marks).toEqual([])
    }
  })

  it('leaves names as they are when nothing in them means anything', () => {
    expect(markdownText('team-a_b.c')).toBe('team-a_b.c')
    expect(markdownText('<img src=x>|pipe')).toBe('&#60;img src=x&#62;&#124;pipe')
  })

  it('renders any text as itself, in a paragraph, a heading, a list item and a table cell', () => {
    fc.assert(
      fc.property(values, value => {
        for (const { name, markdown, text } of contexts) {
          const result = shown(markdown(markdownText(value)))
          const expected = text(flatText(value))
          if (result.text !== expected || result.marks.length > 0) {
            throw new Error(`${name}: ${JSON.stringify(value)} shows as ${JSON.stringify(result)}`)
          }
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('codeSpan', () => {
  it.each([
    ["sharing/r&d's.yml:7", "`sharing/r&d's.yml:7`"],
    ['a`b', '``a`b``'],
    ['`start', '`` `start ``'],
    ['a ``` b', '````a ``` b````'],
    [' spaced ', '`  spaced  `'],
    ['two\nlines', '`two lines`']
  ])('shows %j as code: %s', (value, code) => {
    expect(codeSpan(value)).toBe(code)
    const [block] = render(`- ${codeSpan(value)}: message`).blocks
    expect(block?.code).toEqual([value.replace(/\n/g, ' ')])
  })

  it('shows any text as code, entities and all', () => {
    fc.assert(
      fc.property(values, value => {
        for (const markdown of [`- ${codeSpan(value)}: x`, `files ${codeSpan(value)} here`]) {
          const [block] = render(markdown).blocks
          const expected = [value.replace(/\r\n?|\n/g, ' ')]
          if (JSON.stringify(block?.code) !== JSON.stringify(expected)) {
            throw new Error(`${JSON.stringify(value)} shows as ${JSON.stringify(block)}`)
          }
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('capped', () => {
  it('shows a short value whole, a long one by its first 100 characters and its length', () => {
    expect(capped('platform')).toBe('platform')
    expect(capped('x'.repeat(100))).toBe('x'.repeat(100))
    expect(capped('x'.repeat(101))).toBe(`${'x'.repeat(100)}… (101 characters)`)
    expect(capped('x'.repeat(1_234_567), 3)).toBe('xxx… (1,234,567 characters)')
  })

  it('never cuts a character in two', () => {
    expect(capped('😀'.repeat(100))).toBe('😀'.repeat(100))
    expect(capped('😀'.repeat(150))).toBe(`${'😀'.repeat(100)}… (150 characters)`)
  })
})
