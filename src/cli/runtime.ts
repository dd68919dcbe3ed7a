/**
 * The oldest Node.js the commands run on: `node:sqlite` without a flag and the rest of what
 * package.json's `engines` promises. `--help` and `--version` run on any Node that parses the bundle.
 */
export const REQUIRED_NODE_MAJOR = 24

/** One line saying which Node the commands need and how to get it, or null when this one will do. */
export function runtimeProblem(version: string = process.versions.node): string | null {
  const major = Number(version.split('.')[0])
  if (major >= REQUIRED_NODE_MAJOR) return null
  return (
    `monday-sync needs Node.js ${REQUIRED_NODE_MAJOR} or later (this is Node.js ${version}); ` +
    `install it from https://nodejs.org/ or with \`nvm install ${REQUIRED_NODE_MAJOR}\`\n`
  )
}
