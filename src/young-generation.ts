import v8 from 'node:v8'

/**
 * Keeps V8's heap near what a load keeps alive.
 *
 * V8 grows its young generation (by its growth factor, 2) while objects survive its scavenges; a
 * load's steady stream of large answers (100 full items are ~400 KB of JSON) took it to 128 MB
 * (measured with v8.getHeapSpaceStatistics), which alone put a 100,000-item load over 300 MB of
 * RSS. Kept at its initial size, it costs more scavenges of a few live megabytes each.
 * `--max-semi-space-size` would say it better, but node reads it only at start-up, and a run is
 * started by the action's runner, the bin or `node dist/cli/index.js`; the growth factor is read
 * at each growth. The CLI calls this before it loads the command (the sooner, the smaller it
 * stays: 235 MB against 269 MB at 40,000 items); runLoadBoardJob calls it for the action.
 */
export function keepHeapSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1')
  // what the small young generation no longer holds is promoted: without this, the old generation's
  // limit grows to up to 4 × what lives after a full collection. Measured at 100,000 items (S = 5):
  // 301 and 503 MB peak without it, 178 MB at 50 (207 MB at 100), at the same throughput.
  v8.setFlagsFromString('--heap-growing-percent=50')
}
