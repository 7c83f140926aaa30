// Markdown as a reader sees it once GitHub renders it: parsed by markdown-it (CommonMark with
// GFM tables and strikethrough; raw HTML on, as GitHub allows <details>), so that a test checks
// what renders (a heading's text, a table's cells, which <details> a line sits in), never what
// the raw text looks like.
import MarkdownIt, { type Token } from 'markdown-it'

const md = new MarkdownIt({ html: true })

export type BlockKind = 'heading' | 'paragraph' | 'table' | 'html' | 'code' | 'rule'

/** One block of the rendered document. */
export interface Block {
  kind: BlockKind
  /** How many <details> it sits in: 0 is visible without a click. */
  depth: number
  /** Inside a list item. */
  item: boolean
  /** A heading's level (4 for ####). */
  level: number
  /** Its rendered text: entities decoded, escapes gone, code spans' content included. */
  text: string
  /** What its text is marked up with: em, strong, s, link, image, html, code. */
  marks: string[]
  /** The content of each code span. */
  code: string[]
  /** A table's header cells and body rows, as rendered text. */
  header: string[]
  rows: string[][]
  /** The raw HTML of an HTML block. */
  html: string
}

export interface Rendered {
  blocks: Block[]
  /** <details> opened and never closed: each swallows the rest of the document. */
  unclosed: number
  /** </details> with no <details> open. */
  strayClosings: number
}

/** Parses GFM and walks its blocks, following <details> through the HTML blocks. */
export function render(markdown: string): Rendered {
  const tokens = md.parse(markdown, {})
  const blocks: Block[] = []
  let depth = 0
  let strayClosings = 0
  let items = 0
  let table: Block | undefined
  let row: string[] | undefined
  const block = (kind: BlockKind, rest: Partial<Block> = {}): Block => ({
    kind,
    depth,
    item: items > 0,
    level: 0,
    text: '',
    marks: [],
    code: [],
    header: [],
    rows: [],
    html: '',
    ...rest
  })
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token
    switch (token.type) {
      case 'list_item_open':
        items++
        break
      case 'list_item_close':
        items--
        break
      case 'html_block': {
        blocks.push(block('html', { html: token.content }))
        for (const tag of token.content.matchAll(/<(\/?)details\b/gi)) {
          if (tag[1]) {
            if (depth === 0) strayClosings++
            else depth--
          } else depth++
        }
        break
      }
      case 'heading_open':
      case 'paragraph_open': {
        const inline = tokens[i + 1] as Token
        const kind = token.type === 'heading_open' ? 'heading' : 'paragraph'
        blocks.push(
          block(kind, {
            level: kind === 'heading' ? Number(token.tag.slice(1)) : 0,
            ...read(inline)
          })
        )
        i++
        break
      }
      case 'table_open':
        table = block('table')
        blocks.push(table)
        break
      case 'table_close':
        table = undefined
        break
      case 'tr_open':
        row = []
        break
      case 'tr_close':
        if (table && row) {
          if (table.header.length === 0) table.header = row
          else table.rows.push(row)
        }
        row = undefined
        break
      case 'inline':
        // A table cell's content (paragraphs and headings took theirs above).
        if (row && table) {
          const cell = read(token)
          row.push(cell.text)
          table.marks.push(...cell.marks)
          table.code.push(...cell.code)
        }
        break
      case 'code_block':
      case 'fence':
        blocks.push(block('code', { text: token.content }))
        break
      case 'hr':
        blocks.push(block('rule'))
        break
    }
  }
  return { blocks, unclosed: depth, strayClosings }
}

/** The rendered text of an inline token, and what marks it up. */
function read(inline: Token): Pick<Block, 'text' | 'marks' | 'code'> {
  let text = ''
  const marks: string[] = []
  const code: string[] = []
  for (const child of inline.children ?? []) {
    switch (child.type) {
      case 'text':
        text += child.content
        break
      case 'code_inline':
        text += child.content
        code.push(child.content)
        marks.push('code')
        break
      case 'softbreak':
      case 'hardbreak':
        text += '\n'
        break
      case 'html_inline':
        text += child.content
        marks.push('html')
        break
      case 'image':
        marks.push('image')
        break
      default: {
        const mark = /^(em|strong|s|link)_open$/.exec(child.type)?.[1]
        if (mark) marks.push(mark)
      }
    }
  }
  return { text, marks, code }
}

/** The rendered HTML, as GitHub would show it (for a look in a browser). */
export function toHtml(markdown: string): string {
  return md.render(markdown)
}

/** Every block visible without opening a <details>. */
export function visible(rendered: Rendered): Block[] {
  return rendered.blocks.filter(b => b.depth === 0)
}
