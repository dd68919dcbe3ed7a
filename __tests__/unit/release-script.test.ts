import { spawnSync } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'

const release = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
  spawnSync('bash', ['scripts/release.sh', ...args], { encoding: 'utf8' })

describe('scripts/release.sh', () => {
  it('prints the release notes of a version from CHANGELOG.md, and nothing for an unknown one', () => {
    const notes = release('--notes', '0.1.0')
    expect(notes.status).toBe(0)
    expect(notes.stdout).toMatch(/^- Foundation: /)
    expect(notes.stdout).not.toContain('## ')
    expect(release('--notes', '9.9.9').stdout).toBe('')
  })

  it('refuses a version that is not MAJOR.MINOR.PATCH before touching anything', () => {
    const bad = release('v1')
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('version must be MAJOR.MINOR.PATCH')
  })
})
