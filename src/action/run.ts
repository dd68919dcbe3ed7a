import { DefaultArtifactClient } from '@actions/artifact'
import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { join } from 'node:path'
import { ActionsArtifactStore } from '../adapters/github/actions-artifact-store.js'
import { type ArtifactStore, LocalArtifactStore } from '../adapters/github/artifact-store.js'
import { artifactScope, workScope } from '../adapters/github/artifact-names.js'
import type { GitHubApi } from '../adapters/github/github-api.js'
import { IssueReporter, type IssueReport, type ListedFailure } from '../adapters/github/issue-reporter.js'
import { escapeHtml } from '../adapters/github/html.js'
import { buildJobSummary } from '../adapters/github/job-summary.js'
import type { PipelineReport } from '../engine/run-types.js'
import { ConfigError, messageOf } from '../errors.js'
import { redact, secrets } from '../redaction.js'
import type { JobOutput } from '../jobs/output.js'
import { type ActionContext, readActionContext } from './context.js'
import { type ActionInputs, INPUTS, parseInputs } from './inputs.js'
import { runPipeline } from './pipeline.js'
import { progressLogger } from './progress-log.js'
import { annotateFailures, setOutputs, settledBoards } from './report-outputs.js'
import { chooseResume } from './resume.js'
import { RunArtifacts } from './run-artifacts.js'
import { type StopSignal, onStopSignal } from './stop-signals.js'
import { unsyncedKeys } from './sync-rows.js'

/** Seconds between progress lines in the log; MONDAY_SYNC_PROGRESS_SECONDS overrides. */
const PROGRESS_SECONDS = 10

/**
 * The action: inputs → pipeline → outputs, summary, artifacts and issues. The only module that
 * talks to `@actions/core` (with inputs.ts and report-outputs.ts); everything below receives its
 * dependencies.
 */
export async function run(env: Record<string, string | undefined> = process.env): Promise<void> {
  // Masks the monday token, the database URL and its password before anything is logged.
  const inputs = parseInputs()
  if (inputs.githubToken) core.setSecret(inputs.githubToken)
  const context = readActionContext(env)
  // one folder and one set of artifact names per job, command and work: two monday-sync steps of
  // one run (sync, then load-board), or two legs of a matrix (one GITHUB_JOB), must neither share a
  // checkpoint nor reuse an artifact name (GitHub answers 409 to a name used anywhere in the run)
  const scope = artifactScope(env.GITHUB_JOB, inputs.command, workScope(inputs))
  const workDir = join(context.tempDir, `monday-sync-${context.runId}-a${context.attempt}-${scope}`)
  const runDir = join(workDir, 'run')
  const api = githubApi(inputs, context)
  const client = new DefaultArtifactClient()
  const actionsStore = (retentionDays?: number): ArtifactStore =>
    new ActionsArtifactStore({ client, workDir: join(workDir, 'upload'), runUrl: context.runUrl, retentionDays })
  const store: ArtifactStore = context.artifactsAvailable
    ? actionsStore()
    : new LocalArtifactStore({ root: join(workDir, 'artifacts') })
  const checkpointStore = context.artifactsAvailable ? actionsStore(inputs.checkpointRetentionDays) : store
  core.info(
    `monday-sync ${inputs.command} (item mode ${inputs.itemMode ?? 'from configuration'}), attempt ${context.attempt}`
  )

  const resume = await core.group('Resume', async () => {
    const choice = await chooseResume({
      inputs,
      context,
      client,
      api,
      downloadDir: workDir,
      scope,
      note: message => core.info(message)
    })
    core.info(choice.kind === 'resume' ? `Resuming from ${choice.description}` : `No resume: ${choice.note}`)
    return choice
  })
  const artifacts = new RunArtifacts({
    store,
    checkpointStore,
    attempt: context.attempt,
    warn: message => core.warning(message),
    settings: pipelineSettings(inputs),
    scope,
    // sync resumes from its database: its checkpoints go into the replay artifact only
    uploadCheckpoints: inputs.command === 'load-board'
  })
  // a cancel or a timeout: no more uploads but the last checkpoint's, a stopped summary, exit
  const stopWatch = onStopSignal({
    onStop: async signal => {
      core.warning(`${signal}: the run was cancelled or timed out; uploading the last checkpoint and stopping`)
      await artifacts.stop()
      if (env.GITHUB_STEP_SUMMARY) {
        await core.summary
          .addRaw(redact(stoppedSummary(inputs, context, artifacts, stopMessage(signal, artifacts))))
          .write()
      }
      core.setFailed(`Stopped by ${signal}`)
    },
    exit: code => process.exit(code),
    warn: message => core.warning(message)
  })
  const raw = await runWithArtifacts({
    inputs,
    runDir,
    resumeFile: resume.kind === 'resume' ? resume.file : undefined,
    artifacts,
    env
  })
    .catch(async (e: unknown) => {
      if (env.GITHUB_STEP_SUMMARY) {
        await core.summary.addRaw(redact(stoppedSummary(inputs, context, artifacts, e))).write()
      }
      throw e
    })
    .finally(stopWatch)
  // what leaves the run from here (outputs, issues, annotations, summary) holds no secret, by value
  const report = secrets.redactValue(raw)

  setOutputs(report, join(runDir, 'report.json'))
  const issues = await reportIssues({ inputs, context, api, report, artifacts, env })
  if (issues.warning) core.warning(issues.warning)
  for (const note of issues.notes ?? []) core.info(note)
  annotateFailures(report, new Map(issues.outcomes.map(o => [o.fingerprint, o.url])))
  if (env.GITHUB_STEP_SUMMARY) {
    const summary = buildJobSummary({
      report,
      attempt: context.attempt,
      resumedFrom: resume.kind === 'resume' ? resume.description : undefined,
      artifacts: artifacts.uploaded,
      issues: issues.outcomes,
      warnings: issues.warning ? [issues.warning] : []
    })
    await core.summary.addRaw(summary).write()
  }
  if (report.failures.length > 0) {
    core.setFailed(
      `${report.failures.length} batch(es) failed (${report.itemsFailed} item(s)); ` +
        'see the job summary, the annotations and the failure issues. "Re-run failed jobs" resumes from the last checkpoint.'
    )
  }
}

/** Runs the pipeline with progress in a log group; artifacts are finished whether it throws or not. */
async function runWithArtifacts(options: {
  inputs: ActionInputs
  runDir: string
  resumeFile?: string
  artifacts: RunArtifacts
  env: Record<string, string | undefined>
}): Promise<PipelineReport> {
  const { artifacts, env } = options
  const output: JobOutput = {
    stdout: text => core.debug(redact(text.trimEnd())),
    stderr: text => core.debug(redact(text.trimEnd()))
  }
  const onProgress = progressLogger({
    write: line => core.info(line),
    intervalMs: Number(env.MONDAY_SYNC_PROGRESS_SECONDS ?? PROGRESS_SECONDS) * 1000
  })
  let report: PipelineReport | null = null
  let error: unknown = undefined
  core.startGroup(`Running ${options.inputs.command}`)
  try {
    report = await runPipeline({
      inputs: options.inputs,
      runDir: options.runDir,
      resumeFile: options.resumeFile,
      output,
      env,
      hooks: {
        ...artifacts.hooks(),
        onProgress,
        onLog: (level, message) => (level === 'warning' ? core.warning(redact(message)) : core[level](redact(message)))
      }
    })
    return report
  } catch (e) {
    error = e
    throw e
  } finally {
    core.endGroup()
    await core.group('Artifacts', async () => {
      await artifacts.finish(report && secrets.redactValue(report), error)
      for (const artifact of artifacts.uploaded) core.info(`${artifact.name}: ${artifact.size} bytes`)
    })
  }
}

/** Opens, comments on and closes failure issues; never fails the run. */
async function reportIssues(options: {
  inputs: ActionInputs
  context: ActionContext
  api: GitHubApi
  report: PipelineReport
  artifacts: RunArtifacts
  env: Record<string, string | undefined>
}): Promise<IssueReport> {
  const { inputs, context, report } = options
  if (!inputs.githubToken || context.runId === 0 || report.dryRun) return { outcomes: [] }
  const reporter = new IssueReporter({ api: options.api, context })
  const boards = options.artifacts.graph?.boardIds ?? inputs.boardIds
  const settled = settledBoards(report, boards)
  return await reporter.reconcile({
    pipeline: report.pipeline,
    failures: report.failures,
    resolved:
      report.pipeline === 'load-board'
        ? issue => Promise.resolve(settled.includes(issue.boardId))
        : issue => rowsSynced(inputs, options.env, boards, issue),
    replayArtifact: options.artifacts.replayName
  })
}

/**
 * Whether a sync issue's rows are all SYNCED now (a FAILED row is never selected again, so a run
 * without failures proves nothing). Only issues of this run's board; a failed check keeps it open.
 */
async function rowsSynced(
  inputs: ActionInputs,
  env: Record<string, string | undefined>,
  boards: readonly string[],
  issue: ListedFailure
): Promise<boolean> {
  if (!inputs.configPath || issue.rowKeys.length === 0 || (boards.length > 0 && !boards.includes(issue.boardId))) {
    return false
  }
  try {
    const left = await unsyncedKeys({
      configPath: inputs.configPath,
      environment: inputs.environment,
      env,
      databaseUrl: inputs.databaseUrl,
      operation: issue.operation,
      keys: issue.rowKeys
    })
    if (left.length > 0) core.info(`Issue #${issue.number} stays open: ${left.length} listed row(s) are not SYNCED`)
    return left.length === 0
  } catch (e) {
    core.info(`Issue #${issue.number} stays open: its rows could not be checked (${messageOf(e)})`)
    return false
  }
}

/** The one Octokit of the run (REST emulator in tests through GITHUB_API_URL). */
function githubApi(inputs: ActionInputs, context: ActionContext): GitHubApi {
  if (!inputs.githubToken) {
    const missing = new ConfigError(`Input "${INPUTS.githubToken}" is empty`, INPUTS.githubToken)
    return { request: () => Promise.reject(missing) }
  }
  const octokit = getOctokit(inputs.githubToken ?? '', { baseUrl: context.apiUrl })
  return { request: async (route, parameters) => await octokit.request(route, parameters) }
}

/** What a stopped summary says after a signal. */
function stopMessage(signal: StopSignal, artifacts: RunArtifacts): string {
  const last = artifacts.checkpoint
  const where = last
    ? `The last checkpoint (sequence ${last.sequence}) was uploaded; "Re-run failed jobs" resumes from it.`
    : 'No checkpoint had been written yet; a re-run starts over.'
  return `Stopped by ${signal} (the run was cancelled or hit its timeout). ${where}`
}

/** The summary of a run that stopped before its pipeline returned a report. */
function stoppedSummary(inputs: ActionInputs, context: ActionContext, artifacts: RunArtifacts, e: unknown): string {
  const replay = artifacts.replayName ? `\n\nReplay artifact: \`${escapeHtml(artifacts.replayName)}\`.` : ''
  return (
    `## monday-sync ${inputs.command}: attempt ${context.attempt} stopped\n\n` +
    `${escapeHtml(messageOf(e))}${replay}\n\n"Re-run failed jobs" resumes from the last checkpoint.\n`
  )
}

/** What the replay artifact records of the settings (never the token or the database URL). */
function pipelineSettings(inputs: ActionInputs): Record<string, unknown> {
  const { command, itemMode, configPath, environment, boardIds, batchSize, concurrency, dryRun, checkpointEvery } =
    inputs
  return { command, itemMode, configPath, environment, boardIds, batchSize, concurrency, dryRun, checkpointEvery }
}
