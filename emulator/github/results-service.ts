import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { type EmulatorRequest, type RunningServer, jsonBody, listen, sendJson } from './http.js'
import { ARTIFACTS_PER_JOB, type EmulatedArtifact, type GitHubState } from './state.js'

/** Artifact names GitHub accepts: 1 to 256 characters ("name invalid length for artifact name"). */
const NAME_MAX = 256
/** GitHub's default retention when the client sends no `expires_at`. */
const DEFAULT_RETENTION_MS = 90 * 24 * 3600_000

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'

/** A Twirp error: JSON `{code, msg}` with the matching 4xx status. */
class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/** The results service of one emulated GitHub: Twirp artifact methods and the blob endpoints. */
export interface ResultsService extends RunningServer {
  state: GitHubState
}

/**
 * Starts the Actions results service emulator. Names are unique within the run (409) and 1 to 256
 * characters (400); a job creates at most 500 artifacts (upload-artifact README, "Limitations").
 * `ListArtifacts` sees every attempt of the run, as reports of the real service say
 * (actions/download-artifact#486: a re-run lists the earlier attempt's artifact of the same name);
 * `GetSignedArtifactURL` and `DeleteArtifact` only reach the token's attempt. Blocks are assembled
 * in block-list order and the finalize hash becomes the digest.
 */
export async function startResultsService(options: { state: GitHubState; port?: number }): Promise<ResultsService> {
  const { state } = options
  let base = ''
  const server = await listen(async (req, res) => {
    state.requests.push(`${req.method} ${req.url.pathname}${req.url.search}`)
    const fault = state.takeFault(`${req.method} ${req.url.pathname}`)
    if (fault) {
      sendJson(res, fault.status, fault.body ?? { code: 'internal', msg: 'injected fault' })
      return
    }
    if (req.url.pathname.startsWith('/blob/')) {
      blob(state, req, res)
      return
    }
    if (req.method !== 'POST' || !req.url.pathname.startsWith(SERVICE)) {
      sendJson(res, 404, { code: 'bad_route', msg: `no handler for ${req.method} ${req.url.pathname}` })
      return
    }
    try {
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) throw new TwirpError(401, 'unauthenticated', 'no token')
      const body = jsonBody(req)
      if (!body) throw new TwirpError(400, 'malformed', 'body is not JSON')
      const method = req.url.pathname.slice(SERVICE.length)
      sendJson(res, 200, await twirp(state, base, method, body))
    } catch (e) {
      if (!(e instanceof TwirpError)) throw e
      sendJson(res, e.status, { code: e.code, msg: e.message })
    }
  }, options.port)
  base = server.url
  return { ...server, state }
}

function scope(state: GitHubState, body: Record<string, unknown>): { runId: number; attempt: number; run: string } {
  const run = String(body.workflow_run_backend_id ?? '')
  const found = state.backend(run)
  if (!found) throw new TwirpError(404, 'not_found', `workflow run ${run || '(none)'} not found`)
  return { ...found, run }
}

function visible(state: GitHubState, run: string, name: string): EmulatedArtifact {
  const artifact = state.artifacts.find(a => a.runBackendId === run && a.name === name && a.finalized)
  if (!artifact) throw new TwirpError(404, 'not_found', `artifact ${name} not found`)
  return artifact
}

async function twirp(state: GitHubState, base: string, method: string, body: Record<string, unknown>): Promise<object> {
  const { runId, attempt, run } = scope(state, body)
  const name = String(body.name ?? '')
  switch (method) {
    case 'CreateArtifact': {
      if (!name) throw new TwirpError(400, 'invalid_argument', 'name is required')
      if (name.length > NAME_MAX) {
        throw new TwirpError(
          400,
          'invalid_argument',
          'name invalid length for artifact name: must be between 1 and 256 characters'
        )
      }
      if (state.artifacts.some(a => a.runId === runId && a.name === name)) {
        throw new TwirpError(409, 'already_exists', `an artifact named ${name} already exists in this run`)
      }
      const job = String(body.workflow_job_run_backend_id ?? '')
      if (state.artifacts.filter(a => a.jobBackendId === job).length >= ARTIFACTS_PER_JOB) {
        // the real message is not documented; what matters is that the 501st upload is refused
        throw new TwirpError(400, 'failed_precondition', `a job can create at most ${ARTIFACTS_PER_JOB} artifacts`)
      }
      const createdAt = state.tick()
      const expiresAt =
        typeof body.expires_at === 'string'
          ? body.expires_at
          : new Date(Date.parse(createdAt) + DEFAULT_RETENTION_MS).toISOString()
      const artifact: EmulatedArtifact = {
        id: state.newArtifactId(),
        name,
        runId,
        attempt,
        runBackendId: run,
        jobBackendId: job,
        finalized: false,
        size: 0,
        digest: null,
        createdAt,
        expiresAt,
        contentType: typeof body.mime_type === 'string' ? body.mime_type : 'application/zip',
        blocks: new Map(),
        blob: null,
        sig: state.newSig()
      }
      state.artifacts.push(artifact)
      return { ok: true, signed_upload_url: signedUrl(base, artifact) }
    }
    case 'FinalizeArtifact': {
      const artifact = state.artifacts.find(a => a.runBackendId === run && a.name === name && !a.finalized)
      if (!artifact) throw new TwirpError(404, 'not_found', `no artifact ${name} waiting to be finalized`)
      if (!artifact.blob) throw new TwirpError(400, 'failed_precondition', `artifact ${name} has no committed blob`)
      artifact.finalized = true
      artifact.size = Number(body.size ?? artifact.blob.length)
      artifact.digest = typeof body.hash === 'string' ? body.hash : null
      return { ok: true, artifact_id: String(artifact.id) }
    }
    case 'ListArtifacts': {
      const nameFilter = typeof body.name_filter === 'string' ? body.name_filter : undefined
      const idFilter = body.id_filter === undefined ? undefined : Number(body.id_filter)
      const artifacts = state.artifacts
        .filter(a => a.runId === runId && a.finalized)
        .filter(
          a => (nameFilter === undefined || a.name === nameFilter) && (idFilter === undefined || a.id === idFilter)
        )
        .map(a => ({
          workflow_run_backend_id: a.runBackendId,
          workflow_job_run_backend_id: a.jobBackendId,
          database_id: String(a.id),
          name: a.name,
          size: String(a.size),
          created_at: a.createdAt,
          ...(a.digest ? { digest: a.digest } : {})
        }))
      return { artifacts }
    }
    case 'GetSignedArtifactURL':
      return { signed_url: signedUrl(base, visible(state, run, name)) }
    case 'DeleteArtifact': {
      const artifact = visible(state, run, name)
      state.artifacts.splice(state.artifacts.indexOf(artifact), 1)
      return { ok: true, artifact_id: String(artifact.id) }
    }
    default:
      throw new TwirpError(404, 'bad_route', `unknown method ${method}`)
  }
}

/** The signed blob URL of an artifact (upload and download). */
export function signedUrl(base: string, artifact: EmulatedArtifact): string {
  return `${base}/blob/${artifact.id}/${encodeURIComponent(artifact.name)}.zip?sig=${artifact.sig}&se=2099-01-01`
}

/** `PUT ?comp=block`, `PUT ?comp=blocklist` (Azure block blob) and GET download. */
function blob(state: GitHubState, req: EmulatorRequest, res: ServerResponse): void {
  const id = Number(req.url.pathname.split('/')[2])
  const artifact = state.artifacts.find(a => a.id === id)
  if (!artifact || req.url.searchParams.get('sig') !== artifact.sig) {
    res.writeHead(artifact ? 403 : 404, { 'x-ms-error-code': artifact ? 'AuthenticationFailed' : 'BlobNotFound' })
    res.end()
    return
  }
  const ok = (status: number, headers: Record<string, string> = {}): void => {
    res.writeHead(status, {
      'x-ms-request-id': String(state.requests.length),
      'x-ms-version': '2025-01-05',
      ...headers
    })
    res.end()
  }
  const comp = req.url.searchParams.get('comp')
  if (req.method === 'PUT' && comp === 'block') {
    artifact.blocks.set(req.url.searchParams.get('blockid') ?? '', req.body)
    ok(201, { 'x-ms-request-server-encrypted': 'true' })
  } else if (req.method === 'PUT' && comp === 'blocklist') {
    const ids = [...req.body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map(m => m[1]!)
    const missing = ids.filter(b => !artifact.blocks.has(b))
    if (missing.length > 0) {
      res.writeHead(400, { 'x-ms-error-code': 'InvalidBlockList' })
      res.end()
      return
    }
    artifact.blob = Buffer.concat(ids.map(b => artifact.blocks.get(b)!))
    const type = req.headers['x-ms-blob-content-type']
    if (typeof type === 'string') artifact.contentType = type
    const etag = `"${createHash('md5').update(artifact.blob).digest('hex')}"`
    ok(201, { etag, 'last-modified': new Date().toUTCString() })
  } else if (req.method === 'PUT') {
    artifact.blob = req.body
    ok(201, { etag: '"single"' })
  } else if (req.method === 'GET' && artifact.blob) {
    res.writeHead(200, { 'content-type': artifact.contentType, 'content-length': artifact.blob.length })
    res.end(artifact.blob)
  } else {
    ok(404)
  }
}
