import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** The modules of a source folder and the modules each one imports (relative imports only), as paths from `root`. */
export type ImportGraph = Map<string, string[]>

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Every static and dynamic `import`/`export … from` of the TypeScript files under `folder`, type-only ones included. */
export function importGraph(root: string, folder: string): ImportGraph {
  const graph: ImportGraph = new Map()
  for (const file of sourceFiles(join(root, folder))) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = info.importedFiles
      .map(f => f.fileName)
      .filter(name => name.startsWith('.'))
      .map(name => relative(root, resolve(dirname(file), name.replace(/\.js$/, '.ts'))))
    graph.set(relative(root, file), [...new Set(targets)].sort())
  }
  return graph
}

/** The cycles of the graph, one per strongly connected component of more than one module (or a self-import). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node)!, low.get(to)!))
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}

/** The specifiers a module imports at load time (`import … from`, `export … from`), not `import()`. */
export function staticSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  return source.statements.flatMap(statement => {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) return []
    const typeOnly = ts.isImportDeclaration(statement)
      ? statement.importClause?.isTypeOnly === true
      : statement.isTypeOnly
    const specifier = statement.moduleSpecifier
    return !typeOnly && specifier && ts.isStringLiteral(specifier) ? [specifier.text] : []
  })
}

/**
 * The modules `entry` loads before any of its code runs (static, non-type imports followed from
 * module to module), with the packages and built-ins each of them imports.
 */
export function loadedAtStart(root: string, entry: string): Map<string, string[]> {
  const loaded = new Map<string, string[]>()
  const pending = [join(root, entry)]
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (loaded.has(relative(root, file))) continue
    const specifiers = staticSpecifiers(file)
    loaded.set(
      relative(root, file),
      specifiers.filter(s => !s.startsWith('.'))
    )
    for (const s of specifiers.filter(s => s.startsWith('.'))) {
      pending.push(resolve(dirname(file), s.replace(/\.js$/, '.ts')))
    }
  }
  return loaded
}
