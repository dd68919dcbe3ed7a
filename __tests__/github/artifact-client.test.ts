import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ArtifactClient } from '@actions/artifact'
import { Octokit } from '@octokit/rest'
import { type GitHubEmulator, startGitHubEmulator } from '../../emulator/github/index.js'
import { ActionsArtifactStore } from '../../src/adapters/github/actions-artifact-store.js'
import { artifactNames } from '../../src/adapters/github/artifact-names.js'
import { findResumeCheckpoint } from '../../src/adapters/github/checkpoint-lookup.js'
import { isArtifactUploadError } from '../../src/adapters/github/errors.js'
import type { GitHubApi } from '../../src/adapters/github/github-api.js'
import type { Checkpoint } from '../../src/engine/run-types.js'

const TOKEN = 'ghs_reader'

describe('the real @actions/artifact client against the results service emulator', () => {
  let gh: GitHubEmulator
  let client: ArtifactClient
  let api: GitHubApi
  const work = mkdtempSync(join(tmpdir(), 'artifacts-'))

  beforeAll(async () => {
    gh = await startGitHubEmulator()
    gh.state.grant(TOKEN, ['actions:read'])
    process.env.ACTIONS_RESULTS_URL = `${gh.resultsUrl}/`
    process.env.GITHUB_API_URL = gh.apiUrl
    delete process.env.GITHUB_SERVER_URL
    // imported after the environment is set: @actions/github reads GITHUB_API_URL when loaded
    const { DefaultArtifactClient } = await import('@actions/artifact')
    client = new DefaultArtifactClient()
    const octokit = new Octokit({ auth: TOKEN, baseUrl: gh.apiUrl })
    api = { request: async (route, parameters) => await octokit.request(route, parameters) }
  })
  afterAll(() => gh.close())

  const attempt = (runId: number, n: number, workflowId = 3): ActionsArtifactStore => {
    const run = gh.state.runs.get(runId)
    process.env.ACTIONS_RUNTIME_TOKEN = gh.state.startAttempt({
      runId,
      attempt: n,
      workflowId: run?.workflowId ?? workflowId
    }).runtimeToken
    return new ActionsArtifactStore({
      client,
      workDir: join(work, `${runId}-${n}`),
      runUrl: 'https://github.com/a/b/actions/runs/1/attempts/2'
    })
  }
  const checkpoint = (sequence: number, pipeline: Checkpoint['pipeline'] = 'load-board'): string =>
    JSON.stringify({ pipeline, sequence, at: '2026-11-23T00:00:00Z', final: false, state: { sequence } })

  const lookup = (runId: number, n: number, resumeFrom = 'auto', pipeline: Checkpoint['pipeline'] = 'load-board') =>
    findResumeCheckpoint({
      resumeFrom,
      pipeline,
      context: { owner: 'acme', repo: 'data', runId, attempt: n, runUrl: '' },
      token: TOKEN,
      client,
      api,
      downloadDir: mkdtempSync(join(tmpdir(), 'resume-'))
    })

  it('uploads through create, blocks, block list and finalize; the zip holds the files', async () => {
    const store = attempt(100, 1)
    const stored = await store.upload({
      name: artifactNames.checkpoint(1, 1),
      files: [{ path: 'checkpoint.json', content: checkpoint(1) }]
    })
    expect(stored).toMatchObject({ name: 'monday-sync-checkpoint-a1-1', id: expect.any(Number) })
    expect(stored.location).toBe(`https://github.com/a/b/actions/runs/1/artifacts/${stored.id}`)
    const files = gh.artifactFiles(100, 'monday-sync-checkpoint-a1-1')
    expect(JSON.parse(files.get('checkpoint.json')!.toString())).toMatchObject({ sequence: 1 })
    expect(gh.state.artifacts.at(-1)!.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('turns a refused upload (409: name already used in the run) into ArtifactUploadError', async () => {
    const store = attempt(100, 1)
    const again = store.upload({ name: 'monday-sync-checkpoint-a1-1', files: [{ path: 'x.json', content: '{}' }] })
    await expect(again).rejects.toThrow(/monday-sync-checkpoint-a1-1 was not uploaded: .*409/)
    await again.catch((e: unknown) => expect(isArtifactUploadError(e)).toBe(true))
  })

  it('a re-run finds the newest checkpoint of the earlier attempts through the REST path', async () => {
    for (const sequence of [2, 3]) {
      await attempt(100, 1).upload({
        name: artifactNames.checkpoint(1, sequence),
        files: [{ path: 'checkpoint.json', content: checkpoint(sequence) }]
      })
    }
    gh.state.finishAttempt(100, 'failure')
    const second = attempt(100, 2)
    await second.upload({
      name: artifactNames.checkpoint(2, 9),
      files: [{ path: 'checkpoint.json', content: checkpoint(9) }]
    })
    const found = await lookup(100, 2)
    expect(found).toMatchObject({
      found: true,
      runId: 100,
      artifact: { name: 'monday-sync-checkpoint-a1-3', attempt: 1 }
    })
    if (found.found) expect(JSON.parse(readFileSync(found.file, 'utf8'))).toMatchObject({ sequence: 3 })
    expect(gh.state.requests).toEqual(
      expect.arrayContaining(['GET /repos/acme/data/actions/runs/100/artifacts?per_page=100&page=1'])
    )
  })

  it('a new run resumes from the last failed run of the workflow, or from a given run id', async () => {
    gh.state.finishAttempt(100, 'failure')
    attempt(101, 1)
    expect(await lookup(101, 1)).toMatchObject({
      found: true,
      runId: 100,
      artifact: { name: 'monday-sync-checkpoint-a2-9' }
    })
    expect(await lookup(101, 1, '100')).toMatchObject({ found: true, runId: 100 })
    expect(await lookup(101, 1, 'none')).toEqual({ found: false, reason: 'resume-from is none' })
    expect(await lookup(101, 1, '101')).toEqual({ found: false, reason: 'no checkpoint artifact in run 101' })
    expect(await lookup(101, 1, 'auto', 'sync')).toMatchObject({
      found: false,
      reason: expect.stringMatching(/load-board checkpoint/)
    })
    gh.state.finishAttempt(101, 'success')
    attempt(102, 1)
    expect(await lookup(102, 1)).toEqual({
      found: false,
      reason: 'the latest completed push run on main (run 101) ended success'
    })
  })

  it('looks only at the same branch and event, within the age limit, never for pull requests or finished checkpoints', async () => {
    const upload = async (runId: number, content = checkpoint(1)): Promise<void> => {
      await attempt(runId, 1, 9).upload({
        name: artifactNames.checkpoint(1, 1),
        files: [{ path: 'checkpoint.json', content }]
      })
    }
    const start = (runId: number, branch: string, event: string): void =>
      void gh.state.startAttempt({ runId, attempt: 1, workflowId: 9, branch, event })
    start(200, 'main', 'schedule')
    await upload(200)
    gh.state.finishAttempt(200, 'failure')
    start(201, 'feature', 'schedule')
    gh.state.finishAttempt(201, 'success')
    start(202, 'main', 'push')
    gh.state.finishAttempt(202, 'success')
    start(203, 'main', 'schedule')
    expect(await lookup(203, 1)).toMatchObject({ found: true, runId: 200, sameRun: false })
    gh.state.finishAttempt(203, 'cancelled')
    gh.state.advance(13 * 3600_000)
    start(204, 'main', 'schedule')
    expect(await lookup(204, 1)).toEqual({
      found: false,
      reason: expect.stringMatching(/run 203 \(cancelled\), started 13\.0 h before this one: older than/)
    })
    start(205, 'feature', 'pull_request')
    expect(await lookup(205, 1)).toEqual({
      found: false,
      reason: "a pull_request run never resumes another run's checkpoint"
    })
    const finished = await findResumeCheckpoint({
      resumeFrom: '200',
      pipeline: 'load-board',
      context: { owner: 'acme', repo: 'data', runId: 206, attempt: 1, runUrl: '' },
      token: TOKEN,
      client,
      api,
      downloadDir: mkdtempSync(join(tmpdir(), 'resume-')),
      finished: () => true
    })
    expect(finished).toMatchObject({ found: false, finished: true, reason: expect.stringMatching(/is finished/) })
  })

  it('skips expired checkpoint artifacts and says so', async () => {
    const store = attempt(300, 1)
    for (const sequence of [1, 2]) {
      await store.upload({
        name: artifactNames.checkpoint(1, sequence),
        files: [{ path: 'checkpoint.json', content: checkpoint(sequence) }]
      })
    }
    gh.state.expire(a => a.runId === 300 && a.name.endsWith('-2'))
    const notes: string[] = []
    const found = await findResumeCheckpoint({
      resumeFrom: 'auto',
      pipeline: 'load-board',
      context: { owner: 'acme', repo: 'data', runId: 300, attempt: 2, runUrl: '' },
      token: TOKEN,
      client,
      api,
      downloadDir: mkdtempSync(join(tmpdir(), 'resume-')),
      note: n => void notes.push(n)
    })
    expect(found).toMatchObject({ found: true, artifact: { sequence: 1 } })
    expect(notes).toEqual([expect.stringMatching(/^skipped expired artifact monday-sync-checkpoint-a1-2 of run 300/)])
  })

  it('refuses an artifact without a readable checkpoint.json', async () => {
    const store = attempt(103, 1)
    await store.upload({ name: artifactNames.checkpoint(1, 1), files: [{ path: 'other.json', content: '{}' }] })
    await expect(lookup(103, 2)).rejects.toThrow(/holds no checkpoint.json/)
    attempt(104, 1)
    await attempt(104, 1).upload({
      name: artifactNames.checkpoint(1, 1),
      files: [{ path: 'checkpoint.json', content: '{' }]
    })
    await expect(lookup(104, 2)).rejects.toThrow(/checkpoint.json is not JSON/)
    expect(existsSync(work)).toBe(true)
  })
})
