// An istanbul coverage report (CommonJS: istanbul-reports loads custom reports with require).
// Jest runs it with the other coverage reporters, before it checks the thresholds: it prints the
// coverage of each area that jest.config.js gates on its own (the product, src/, and the
// emulators, emulator/), with each area's thresholds beside its figures.
/* global module */

const METRICS = ['lines', 'statements', 'functions', 'branches']

module.exports = class CoverageAreas {
  /** @param {{ rootDir: string, areas: Record<string, Record<string, number>> }} options */
  constructor(options) {
    this.rootDir = options.rootDir
    this.areas = options.areas
  }

  execute(context) {
    const coverages = []
    context.getTree('flat').visit({ onDetail: node => coverages.push(node.getFileCoverage()) })
    const rows = Object.entries(this.areas).map(([area, gate]) => {
      const prefix = area.replace(/^\.\//, '').replace(/\/$/, '')
      const totals = Object.fromEntries(METRICS.map(m => [m, { total: 0, covered: 0 }]))
      let files = 0
      for (const coverage of coverages) {
        const file = coverage.path.split('\\').join('/')
        if (!file.startsWith(`${this.rootDir.split('\\').join('/')}/${prefix}/`)) continue
        files += 1
        const summary = coverage.toSummary()
        for (const m of METRICS) {
          totals[m].total += summary[m].total
          totals[m].covered += summary[m].covered
        }
      }
      const figures = METRICS.map(m => {
        const { total, covered } = totals[m]
        const pct = total === 0 ? 100 : (100 * covered) / total
        return `${m} ${pct.toFixed(2)}%${gate[m] === undefined ? '' : ` (gate ${gate[m]}%)`}`
      })
      return `  ${prefix}/ (${files} files): ${figures.join(', ')}`
    })
    process.stdout.write(`\ncoverage by area, each gated on its own:\n${rows.join('\n')}\n`)
  }
}
