import { readFileSync } from 'node:fs'

/**
 * The runner refuses a step summary above 1 MiB and shows none of it ("$GITHUB_STEP_SUMMARY upload
 * aborted, supports content up to a size of 1024k"; GitHub docs, "Adding a job summary").
 */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024

/** A step's summary as GitHub shows it: the file's text, or nothing when it is over the limit. */
export function readStepSummary(file: string): { text: string; bytes: number; dropped: boolean } {
  const content = readFileSync(file)
  const dropped = content.length > SUMMARY_LIMIT_BYTES
  return { text: dropped ? '' : content.toString('utf8'), bytes: content.length, dropped }
}
