export { ActionsArtifactStore, type ActionsArtifactStoreOptions } from './actions-artifact-store.js'
export { ARTIFACT_PREFIX, artifactNames, newestCheckpoint, parseCheckpointName } from './artifact-names.js'
export {
  LocalArtifactStore,
  type ArtifactFile,
  type ArtifactStore,
  type LocalArtifactStoreOptions,
  type StoredArtifact
} from './artifact-store.js'
export { findResumeCheckpoint, type CheckpointLookup, type CheckpointLookupOptions } from './checkpoint-lookup.js'
export * from './errors.js'
export type { GitHubApi, RunContext } from './github-api.js'
export { escapeHtml } from './html.js'
export { ISSUE_BODY_LIMIT, fingerprintOf, groupFailures, issueBody } from './issue-body.js'
export { IssueReporter, type IssueOutcome, type IssueReport, type IssueReporterOptions } from './issue-reporter.js'
export { buildJobSummary, type JobSummaryOptions } from './job-summary.js'
export { throughputChart } from './throughput-chart.js'
