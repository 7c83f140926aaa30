// @ts-check
// `node scripts/check-imports.mjs [--root DIR]` (run by `npm run lint`): the dependency rules of
// src/, which the compiler cannot enforce. It fails on an import cycle among src/**/*.ts (type
// imports, `export … from` and dynamic import() included: a cycle of types still ties the files
// together for anyone who moves one of them), on an import that crosses layers the wrong way, and
// on anything but src/index.ts importing src/main.ts. It checks <root>/src; root defaults to the
// repository this script is in, and tests point it at fixture trees.
// Exit 0 with one summary line on stdout; exit 1 with one line per problem on stderr; exit 2 when
// it cannot run (bad arguments, no <root>/src).
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

// Required, not imported: an ESM import of the CommonJS compiler first scans all of its 9 MB
// for named exports, which nearly triples the run time.
/** @type {typeof import('typescript')} */
const ts = createRequire(import.meta.url)('typescript')

// ---------------------------------------------------------------------------------------------
// The rules. A file's layer is its first folder under src/ (src/domain/plan.ts is in `domain`);
// files directly in src/ (index.ts, main.ts) are in `entry`.
//
//   layer      may import files of           may not import packages
//   ---------  ----------------------------  ---------------------------------------------------
//   domain     domain                        @actions/*  (the rules alone, testable without a runner)
//   tfe        tfe                           @actions/core, @actions/github, @actions/glob
//                                            (tfe knows nothing of GitHub Actions or the action's
//                                            inputs; @actions/http-client is only an HTTP client)
//   settings   settings, domain              -
//   files      files, domain                 -
//   sharing    sharing, domain, tfe          -
//   report     report, domain, tfe, sharing, -
//              files, settings
//   entry      any layer                     -
//
// A layer may always import itself. A folder that is not in the table is reported, so a new
// folder gets a deliberate place rather than none. In `packages`, `@scope/*` means every package
// of the scope; a package is named without its subpath (@actions/http-client/lib/interfaces is
// @actions/http-client).
/** @typedef {{ files: readonly string[] | '*', packages?: readonly string[] }} LayerRule */
/** @type {Record<string, LayerRule>} */
const LAYERS = {
  domain: { files: ['domain'], packages: ['@actions/*'] },
  tfe: { files: ['tfe'], packages: ['@actions/core', '@actions/github', '@actions/glob'] },
  settings: { files: ['settings', 'domain'] },
  files: { files: ['files', 'domain'] },
  sharing: { files: ['sharing', 'domain', 'tfe'] },
  report: { files: ['report', 'domain', 'tfe', 'sharing', 'files', 'settings'] },
  entry: { files: '*' }
}
// The action's entry point runs on import; only the file the bundle starts from may import it.
const MAIN = 'src/main.ts'
const MAIN_IMPORTERS = ['src/index.ts']
// ---------------------------------------------------------------------------------------------

const SCRIPT = 'scripts/check-imports.mjs'
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * One import of a file: `target` is a src path (`src/tfe/client.ts`) when `kind` is 'file', a
 * package name when 'package', and the specifier as written when 'unresolved'.
 * @typedef {{ kind: 'file' | 'package' | 'unresolved', target: string }} Import
 */

/**
 * Every `.ts` file under `dir`, as paths relative to `root` with forward slashes, sorted.
 * @param {string} root
 * @param {string} dir
 */
function sourceFiles(root, dir) {
  /** @type {string[]} */
  const found = []
  /** @param {string} at */
  const walk = at => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith('.ts'))
        found.push(toPosix(relative(root, path)))
    }
  }
  walk(dir)
  return found.sort(byCodePoint)
}

/**
 * Code-point order, so the output (and which cycle is shown) does not depend on the locale.
 * @param {string} a
 * @param {string} b
 */
function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}

/** @param {string} path */
function toPosix(path) {
  return path.split(sep).join('/')
}

/**
 * The module specifiers of a file, from its syntax tree. ts.preProcessFile would be quicker but
 * misses `export * as ns from '…'`; the tree misses nothing that is written as a string literal.
 * `dynamic` counts import() and require() calls whose argument is not a literal: those edges
 * cannot be followed, so they are reported rather than silently left out of the graph.
 * @param {string} fileName
 * @param {string} text
 */
function specifiersOf(fileName, text) {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS
  )
  /** @type {string[]} */
  const specifiers = []
  let dynamic = 0
  /** @param {import('typescript').Node} node */
  const visit = node => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text)
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      specifiers.push(node.moduleReference.expression.text)
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      specifiers.push(node.argument.literal.text)
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      // `declare module './x.js' { … }` augments that module, so it depends on it.
      specifiers.push(node.name.text)
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const argument = node.arguments[0]
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text)
      else dynamic++
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { specifiers, dynamic }
}

/**
 * Where a specifier of `from` leads. Relative specifiers name the emitted `.js` (NodeNext), so
 * `./plan.js` is `./plan.ts` (or a `.d.ts`); one that leads to no `.ts` file under src/ is
 * 'unresolved', because an edge the checker cannot see could hide a cycle.
 * @param {string} from a src path
 * @param {string} specifier
 * @param {Set<string>} files every src path
 * @returns {Import}
 */
function resolveImport(from, specifier, files) {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
    const parts = specifier.split('/')
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
    return { kind: 'package', target: name }
  }
  const base = toPosix(join(dirname(from), specifier))
  const stem = base.replace(/\.js$/, '')
  const candidates = base.endsWith('.js')
    ? [`${stem}.ts`, `${stem}.d.ts`]
    : base.endsWith('.ts')
      ? [base]
      : [`${base}.ts`, `${base}/index.ts`]
  const target = candidates.find(candidate => files.has(candidate))
  return target ? { kind: 'file', target } : { kind: 'unresolved', target: specifier }
}

/** @param {string} file a src path */
function layerOf(file) {
  const parts = file.split('/')
  return parts.length === 2 ? 'entry' : (parts[1] ?? '')
}

/**
 * @param {string} name a package name
 * @param {readonly string[]} patterns
 */
function matchesPackage(name, patterns) {
  return patterns.some(pattern =>
    pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern
  )
}

/**
 * The strongly connected components of `graph` (Tarjan), iteratively so that a long chain of
 * imports cannot overflow the stack.
 * @param {Map<string, string[]>} graph
 */
function stronglyConnected(graph) {
  /** @type {Map<string, number>} */
  const index = new Map()
  /** @type {Map<string, number>} */
  const low = new Map()
  /** @type {Set<string>} */
  const onStack = new Set()
  /** @type {string[]} */
  const stack = []
  /** @type {string[][]} */
  const components = []
  let counter = 0
  for (const start of graph.keys()) {
    if (index.has(start)) continue
    /** @type {{ node: string, next: number }[]} */
    const work = [{ node: start, next: 0 }]
    index.set(start, counter)
    low.set(start, counter++)
    stack.push(start)
    onStack.add(start)
    while (work.length > 0) {
      const frame = /** @type {{ node: string, next: number }} */ (work[work.length - 1])
      const edges = graph.get(frame.node) ?? []
      if (frame.next < edges.length) {
        const to = /** @type {string} */ (edges[frame.next++])
        if (!index.has(to)) {
          index.set(to, counter)
          low.set(to, counter++)
          stack.push(to)
          onStack.add(to)
          work.push({ node: to, next: 0 })
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(Number(low.get(frame.node)), Number(index.get(to))))
        }
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) {
        low.set(parent.node, Math.min(Number(low.get(parent.node)), Number(low.get(frame.node))))
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        /** @type {string[]} */
        const component = []
        let member
        do {
          member = /** @type {string} */ (stack.pop())
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        components.push(component)
      }
    }
  }
  return components
}

/**
 * A shortest cycle through `start` that stays inside `component` (breadth-first), as the list of
 * files from `start` back to `start`.
 * @param {Map<string, string[]>} graph
 * @param {string} start
 * @param {Set<string>} component
 */
function cycleThrough(graph, start, component) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map()
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const node = /** @type {string} */ (queue[i])
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue
      if (to === start) {
        /** @type {string[]} */
        const between = []
        for (let at = node; at !== start; at = /** @type {string} */ (cameFrom.get(at))) {
          between.unshift(at)
        }
        return [start, ...between, start]
      }
      if (cameFrom.has(to)) continue
      cameFrom.set(to, node)
      queue.push(to)
    }
  }
  return [start, start]
}

/**
 * Every problem of the tree at `root`, one line each, and how many files were checked.
 * @param {string} root
 */
function checkImports(root) {
  const list = sourceFiles(root, join(root, 'src'))
  const files = new Set(list)
  /** @type {string[]} */
  const problems = []
  /** @type {Map<string, string[]>} */
  const graph = new Map()

  for (const file of list) {
    const layer = layerOf(file)
    const rule = LAYERS[layer]
    if (!rule) {
      problems.push(`${file} is in no known layer; add its folder to the table in ${SCRIPT}`)
    }
    const { specifiers, dynamic } = specifiersOf(file, readFileSync(join(root, file), 'utf8'))
    if (dynamic > 0) {
      problems.push(
        `${file} has ${dynamic} import() or require() of a computed specifier, which ${SCRIPT} cannot follow; use a string literal`
      )
    }
    /** @type {Set<string>} */
    const edges = new Set()
    // A set: a file that imports the same module twice (a type and a value) breaks a rule once.
    /** @type {Set<string>} */
    const lines = new Set()
    for (const specifier of specifiers) {
      const imported = resolveImport(file, specifier, files)
      if (imported.kind === 'unresolved') {
        lines.add(`${file} imports ${imported.target}: it names no .ts file under src/`)
        continue
      }
      if (imported.kind === 'package') {
        if (rule?.packages && matchesPackage(imported.target, rule.packages)) {
          lines.add(
            `${file} imports ${imported.target}: ${layer} may not import ${rule.packages.join(', ')}`
          )
        }
        continue
      }
      edges.add(imported.target)
      const targetLayer = layerOf(imported.target)
      if (rule && rule.files !== '*' && !rule.files.includes(targetLayer)) {
        lines.add(
          `${file} imports ${imported.target}: ${layer} may import only ${rule.files.join(', ')}`
        )
      }
      if (imported.target === MAIN && !MAIN_IMPORTERS.includes(file)) {
        lines.add(
          `${file} imports ${MAIN}: only ${MAIN_IMPORTERS.join(', ')} may import ${MAIN} (it runs the action when loaded)`
        )
      }
    }
    problems.push(...lines)
    graph.set(file, [...edges].sort(byCodePoint))
  }

  for (const component of stronglyConnected(graph)) {
    const first = /** @type {string} */ (component.sort(byCodePoint)[0])
    const selfImport = (graph.get(first) ?? []).includes(first)
    if (component.length === 1 && !selfImport) continue
    const cycle = cycleThrough(graph, first, new Set(component))
    const others = component.filter(file => !cycle.includes(file))
    problems.push(
      `import cycle: ${cycle.join(' → ')}` +
        (others.length > 0 ? ` (the same knot also holds ${others.join(', ')})` : '')
    )
  }
  return { files: list.length, problems }
}

function main() {
  /** @type {{ root?: string, help?: boolean }} */
  let values
  try {
    ;({ values } = parseArgs({
      options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false
    }))
  } catch (error) {
    console.error(`check-imports: ${error instanceof Error ? error.message : String(error)}`)
    console.error(`usage: node ${SCRIPT} [--root DIR]`)
    return 2
  }
  if (values.help) {
    console.log(
      `usage: node ${SCRIPT} [--root DIR]   (checks DIR/src; DIR defaults to ${repoRoot})`
    )
    return 0
  }
  const root = resolve(values.root ?? repoRoot)
  let result
  try {
    result = checkImports(root)
  } catch (error) {
    console.error(
      `check-imports: cannot read ${join(root, 'src')}: ${error instanceof Error ? error.message : String(error)}`
    )
    return 2
  }
  if (result.files === 0) {
    // More likely a wrong --root than a project without code.
    console.error(`check-imports: no .ts file under ${join(root, 'src')}`)
    return 2
  }
  for (const problem of result.problems) console.error(problem)
  if (result.problems.length > 0) {
    const count = result.problems.length
    console.error(`check-imports: ${result.files} files, ${count} problem${count === 1 ? '' : 's'}`)
    return 1
  }
  console.log(`check-imports: ${result.files} files, no cycle, layers respected`)
  return 0
}

process.exitCode = main()
