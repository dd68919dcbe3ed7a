import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  artifactNames,
  artifactNamesFor,
  artifactScope,
  newestCheckpoint,
  parseCheckpointName,
  workScope
} from '../../src/adapters/github/artifact-names.js'
import { LocalArtifactStore } from '../../src/adapters/github/artifact-store.js'
import type { ArtifactStore, StoredArtifact } from '../../src/adapters/github/artifact-store.js'
import { readActionContext } from '../../src/action/context.js'
import { progressLogger } from '../../src/action/progress-log.js'
import { settledBoards } from '../../src/action/report-outputs.js'
import { MAX_CHECKPOINT_UPLOADS, RunArtifacts } from '../../src/action/run-artifacts.js'
import { onStopSignal } from '../../src/action/stop-signals.js'
import { EventEmitter } from 'node:events'
import type { Checkpoint, PipelineReport } from '../../src/engine/run-types.js'

describe('artifact names', () => {
  it('are unique per attempt and sequence and parse back', () => {
    expect(artifactNames.checkpoint(2, 7)).toBe('monday-sync-checkpoint-a2-7')
    expect(artifactNames.taskGraph(1)).toBe('monday-sync-task-graph-a1')
    expect(artifactNames.report(3)).toBe('monday-sync-report-a3')
    expect(artifactNames.replay(3)).toBe('monday-sync-replay-a3')
    expect(parseCheckpointName('monday-sync-checkpoint-a12-345')).toEqual({ attempt: 12, sequence: 345 })
    expect(parseCheckpointName('monday-sync-checkpoint-a1-3-r1')).toEqual({ attempt: 1, sequence: 3 })
    expect(artifactNames.checkpoint(1, 3, 1)).toBe('monday-sync-checkpoint-a1-3-r1')
    expect(parseCheckpointName('monday-sync-report-a1')).toBeNull()
    expect(parseCheckpointName('x-monday-sync-checkpoint-a1-1')).toBeNull()
  })

  it('are scoped by job and command, so two steps of one run never share a name or a checkpoint', () => {
    const sync = artifactNamesFor(artifactScope('nightly', 'sync'))
    const load = artifactNamesFor(artifactScope('nightly', 'load-board'))
    expect(sync.checkpoint(1, 2)).toBe('monday-sync-nightly-sync-checkpoint-a1-2')
    expect(load.taskGraph(1)).toBe('monday-sync-nightly-load-board-task-graph-a1')
    expect(artifactScope(undefined, 'sync')).toBe('sync')
    expect(artifactScope('a job/with spaces', 'sync')).toBe('a-job-with-spaces-sync')
    const listed = [sync.checkpoint(1, 9), load.checkpoint(1, 3), artifactNames.checkpoint(1, 20)].map((name, id) => ({
      id,
      name
    }))
    expect(newestCheckpoint(listed, { scope: 'nightly-load-board' })).toMatchObject({ id: 1, sequence: 3 })
    expect(newestCheckpoint(listed, { scope: 'nightly-sync' })).toMatchObject({ id: 0, sequence: 9 })
    expect(parseCheckpointName(sync.checkpoint(1, 9), 'nightly-load-board')).toBeNull()
  })

  it('are scoped by the work too, so the legs of a matrix (one GITHUB_JOB) never collide', () => {
    expect(workScope({ boardIds: ['32'] })).toBe('32')
    expect(workScope({ boardIds: ['9', '1', '9'] })).toBe('1-9')
    expect(workScope({ boardIds: ['1', '2', '3', '4'] })).toMatch(/^4-boards-[0-9a-f]{8}$/)
    expect(workScope({ boardIds: [], configPath: 'configs/pipelines/sync_order_list.toml' })).toBe('sync_order_list')
    expect(workScope({ artifactScope: 'eu west', boardIds: ['1'] })).toBe('eu-west')
    expect(workScope({ boardIds: [] })).toBe('')
    const legs = ['31', '32', '33'].map(id => artifactScope('load', 'load-board', workScope({ boardIds: [id] })))
    expect(new Set(legs).size).toBe(3)
    expect(parseCheckpointName(artifactNamesFor(legs[1]).checkpoint(1, 2), legs[0])).toBeNull()
    const long = artifactScope('j'.repeat(300), 'load-board', 'w')
    expect(long.length).toBeLessThanOrEqual(180)
    expect(artifactNamesFor(long).checkpoint(99, 99_999, 9).length).toBeLessThanOrEqual(256)
  })

  it('pick the newest checkpoint: highest attempt, then sequence, before the current attempt', () => {
    const listed = [
      'monday-sync-checkpoint-a1-9',
      'monday-sync-checkpoint-a1-10',
      'monday-sync-checkpoint-a2-1',
      'other'
    ].map((name, id) => ({ id, name }))
    expect(newestCheckpoint(listed)).toEqual({ id: 2, name: 'monday-sync-checkpoint-a2-1', attempt: 2, sequence: 1 })
    expect(newestCheckpoint(listed, { beforeAttempt: 2 })).toMatchObject({ name: 'monday-sync-checkpoint-a1-10' })
    expect(newestCheckpoint(listed, { beforeAttempt: 1 })).toBeNull()
  })
})

describe('LocalArtifactStore', () => {
  it('writes one folder per artifact and refuses a name twice or a path outside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'local-store-'))
    const store = new LocalArtifactStore({ root })
    const stored = await store.upload({ name: 'a', files: [{ path: 'sub/x.json', content: '{"a":1}' }] })
    expect(stored).toEqual({ name: 'a', id: null, size: 7, location: join(root, 'a') })
    expect(readFileSync(join(root, 'a', 'sub', 'x.json'), 'utf8')).toBe('{"a":1}')
    await expect(store.upload({ name: 'a', files: [] })).rejects.toThrow(/artifact a already exists/)
    await expect(store.upload({ name: 'b', files: [{ path: '../escape', content: '' }] })).rejects.toThrow(
      /inside the artifact/
    )
  })
})

const checkpoint = (sequence: number, final = false): Checkpoint => ({
  pipeline: 'load-board',
  sequence,
  at: 't',
  final,
  state: {}
})

const report = (over: Partial<PipelineReport> = {}): PipelineReport =>
  ({
    pipeline: 'load-board',
    dryRun: false,
    failures: [],
    details: {},
    ...over
  }) as PipelineReport

describe('RunArtifacts', () => {
  const setup = (): { artifacts: RunArtifacts; root: string; warnings: string[] } => {
    const root = mkdtempSync(join(tmpdir(), 'run-artifacts-'))
    const warnings: string[] = []
    const store = new LocalArtifactStore({ root })
    const artifacts = new RunArtifacts({
      store,
      attempt: 2,
      warn: w => void warnings.push(w),
      settings: { batchSize: 5 }
    })
    return { artifacts, root, warnings }
  }

  it('uploads the task graph, each checkpoint, the report and a replay when batches failed', async () => {
    const { artifacts, root } = setup()
    const hooks = artifacts.hooks()
    await hooks.onTaskGraph!({ pipeline: 'load-board', createdAt: 't', boardIds: ['1'], nodes: [] })
    await hooks.onCheckpoint!(checkpoint(1))
    await hooks.onCheckpoint!(checkpoint(2, true))
    const failure = {
      boardId: '1',
      operation: 'walk',
      errorClass: 'auth' as const,
      message: 'm',
      rowKeys: [],
      attempts: 1
    }
    await artifacts.finish(report({ failures: [failure] }))
    expect(artifacts.uploaded.map((a: StoredArtifact) => a.name)).toEqual([
      'monday-sync-task-graph-a2',
      'monday-sync-checkpoint-a2-1',
      'monday-sync-checkpoint-a2-2',
      'monday-sync-report-a2',
      'monday-sync-replay-a2'
    ])
    expect(artifacts.graph?.boardIds).toEqual(['1'])
    expect(artifacts.replayName).toBe('monday-sync-replay-a2')
    const replay = JSON.parse(readFileSync(join(root, 'monday-sync-replay-a2', 'replay.json'), 'utf8')) as object
    expect(replay).toMatchObject({ failures: [failure], checkpoint: { sequence: 2 }, settings: { batchSize: 5 } })
  })

  it('uploads the last checkpoint at stop when its upload failed, under a retry name, and warns instead of failing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'run-artifacts-'))
    const local = new LocalArtifactStore({ root })
    let refuse = true
    // the service refuses the first upload (as a failed finalize would), then accepts
    const store: ArtifactStore = {
      upload: options => {
        if (!refuse) return local.upload(options)
        refuse = false
        return Promise.reject(new Error('Failed to FinalizeArtifact: (400)'))
      }
    }
    const warnings: string[] = []
    const artifacts = new RunArtifacts({ store, attempt: 2, warn: w => void warnings.push(w), settings: {} })
    await artifacts.hooks().onCheckpoint!(checkpoint(1))
    await artifacts.idle()
    expect(warnings).toEqual([
      'Artifact monday-sync-checkpoint-a2-1 was not uploaded: Failed to FinalizeArtifact: (400)'
    ])
    expect(artifacts.checkpoint?.sequence).toBe(1)
    await artifacts.finish(null, new Error('database went away'))
    expect(existsSync(join(root, 'monday-sync-report-a2'))).toBe(false)
    expect(artifacts.uploaded.map(a => a.name)).toEqual(['monday-sync-checkpoint-a2-1-r1', 'monday-sync-replay-a2'])
    const replay = JSON.parse(readFileSync(join(root, 'monday-sync-replay-a2', 'replay.json'), 'utf8')) as object
    expect(replay).toMatchObject({ error: 'database went away' })
  })
})

describe('RunArtifacts bounds checkpoint uploads', () => {
  const failure = {
    boardId: '1',
    operation: 'fetch_items',
    errorClass: 'validation' as const,
    message: 'm',
    rowKeys: ['9'],
    attempts: 1
  }

  it('uploads the newest checkpoint at most once per interval and MAX_CHECKPOINT_UPLOADS times, keeps the newest two', async () => {
    const root = mkdtempSync(join(tmpdir(), 'run-artifacts-'))
    let now = 0
    const artifacts = new RunArtifacts({
      store: new LocalArtifactStore({ root }),
      attempt: 1,
      warn: () => {},
      settings: {},
      uploadIntervalMs: 1000,
      now: () => now
    })
    const hooks = artifacts.hooks()
    for (let sequence = 1; sequence <= 600; sequence++) {
      now = sequence * 100
      await hooks.onCheckpoint!(checkpoint(sequence))
      await artifacts.idle()
    }
    await artifacts.finish(report({ failures: [failure] }))
    const names = artifacts.uploaded.map(a => a.name)
    const checkpoints = names.filter(n => n.includes('-checkpoint-'))
    expect(checkpoints).toHaveLength(MAX_CHECKPOINT_UPLOADS + 1)
    expect(checkpoints.slice(0, 3)).toEqual([
      'monday-sync-checkpoint-a1-1',
      'monday-sync-checkpoint-a1-11',
      'monday-sync-checkpoint-a1-21'
    ])
    expect(checkpoints.at(-1)).toBe('monday-sync-checkpoint-a1-600')
    expect(names.slice(-2)).toEqual(['monday-sync-report-a1', 'monday-sync-replay-a1'])
    const stored = readdirSync(root).filter(n => n.includes('-checkpoint-'))
    expect(stored.sort()).toEqual(['monday-sync-checkpoint-a1-191', 'monday-sync-checkpoint-a1-600'])
  })

  it('uploads no checkpoint for sync, and a final copy of the newest at stop', async () => {
    const root = mkdtempSync(join(tmpdir(), 'run-artifacts-'))
    const sync = new RunArtifacts({
      store: new LocalArtifactStore({ root }),
      attempt: 1,
      warn: () => {},
      settings: {},
      uploadCheckpoints: false
    })
    await sync.hooks().onCheckpoint!(checkpoint(1))
    await sync.finish(report())
    expect(sync.uploaded.map(a => a.name)).toEqual(['monday-sync-report-a1'])

    const load = new RunArtifacts({
      store: new LocalArtifactStore({ root: join(root, 'lb') }),
      attempt: 1,
      warn: () => {},
      settings: {}
    })
    await load.hooks().onCheckpoint!(checkpoint(1))
    await load.hooks().onCheckpoint!(checkpoint(2))
    await load.stop()
    await load.hooks().onCheckpoint!(checkpoint(3))
    await load.idle()
    expect(load.uploaded.map(a => a.name)).toEqual(['monday-sync-checkpoint-a1-1', 'monday-sync-checkpoint-a1-2'])
    const last = JSON.parse(
      readFileSync(join(root, 'lb', 'monday-sync-checkpoint-a1-2', 'checkpoint.json'), 'utf8')
    ) as Checkpoint
    expect(last).toMatchObject({ sequence: 2, final: true })
  })
})

describe('stop signals', () => {
  it('run the stop work once on SIGINT and exit with 1; the SIGTERM that follows does not cut it short', async () => {
    const emitter = new EventEmitter()
    const exits: number[] = []
    const stops: string[] = []
    const dispose = onStopSignal({
      onStop: signal => {
        stops.push(signal)
        return Promise.resolve()
      },
      exit: code => void exits.push(code),
      warn: () => {},
      emitter: emitter as unknown as NodeJS.Process
    })
    emitter.emit('SIGINT')
    emitter.emit('SIGTERM')
    expect(exits).toEqual([])
    await new Promise(resolve => setImmediate(resolve))
    expect(stops).toEqual(['SIGINT'])
    expect(exits).toEqual([1])
    dispose()
    expect(emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM')).toBe(0)
  })

  it('exit even when the stop work fails', async () => {
    const emitter = new EventEmitter()
    const warnings: string[] = []
    let exited: () => void = () => {}
    const done = new Promise<void>(resolve => (exited = resolve))
    onStopSignal({
      onStop: () => Promise.reject(new Error('upload refused')),
      exit: () => exited(),
      warn: w => void warnings.push(w),
      emitter: emitter as unknown as NodeJS.Process
    })
    emitter.emit('SIGTERM')
    await done
    expect(warnings).toEqual(['stopping failed: upload refused'])
  })
})

describe('action helpers', () => {
  it('reads the run from the runner environment', () => {
    expect(
      readActionContext({
        GITHUB_REPOSITORY: 'acme/data',
        GITHUB_RUN_ID: '12',
        GITHUB_RUN_ATTEMPT: '3',
        ACTIONS_RUNTIME_TOKEN: 't',
        ACTIONS_RESULTS_URL: 'http://r',
        RUNNER_TEMP: '/tmp/r'
      })
    ).toEqual({
      owner: 'acme',
      repo: 'data',
      runId: 12,
      attempt: 3,
      runUrl: 'https://github.com/acme/data/actions/runs/12/attempts/3',
      apiUrl: 'https://api.github.com',
      artifactsAvailable: true,
      tempDir: '/tmp/r'
    })
    expect(readActionContext({})).toMatchObject({ owner: 'local', runId: 0, attempt: 1, artifactsAvailable: false })
  })

  it("adds the engine's requests in flight and what sets them to a progress line", () => {
    const lines: string[] = []
    const log = progressLogger({ write: l => void lines.push(l), intervalMs: 1000, now: () => 0 })
    log({
      done: 3,
      total: 10,
      failed: 0,
      itemsPerSecond: 16.7,
      etaMs: 1000,
      inFlight: { level: 57, binding: 'complexity' }
    })
    expect(lines).toEqual(['3/10 items, 16.7 items/s, eta 1 s, 57 in flight (complexity)'])
  })

  it('logs progress once per interval and once at the end', () => {
    const lines: string[] = []
    let now = 0
    const log = progressLogger({ write: l => void lines.push(l), intervalMs: 1000, now: () => now })
    const at = (done: number, ms: number): void => {
      now = ms
      log({ done, total: 10, failed: done === 10 ? 1 : 0, itemsPerSecond: 2.5, etaMs: done === 10 ? 0 : null })
    }
    at(1, 0)
    at(2, 500)
    at(5, 1000)
    at(10, 1100)
    at(10, 1200)
    expect(lines).toEqual([
      '1/10 items, 2.5 items/s, eta ?',
      '5/10 items, 2.5 items/s, eta ?',
      '10/10 items, 1 failed, 2.5 items/s, eta 0 s'
    ])
  })

  it('settles the boards that finished without failure', () => {
    const failure = { boardId: '2', operation: 'x', errorClass: 'auth' as const, message: '', rowKeys: [], attempts: 1 }
    expect(settledBoards(report({ failures: [failure] }), ['1', '2'])).toEqual(['1'])
    expect(settledBoards(report({ dryRun: true }), ['1'])).toEqual([])
    const boards = [
      { boardId: '1', verified: true },
      { boardId: '3', verified: false }
    ]
    expect(settledBoards(report({ details: { boards } }), [])).toEqual(['1'])
  })
})
