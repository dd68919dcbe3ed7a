import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type GitHubEmulator,
  SUMMARY_LIMIT_BYTES,
  readStepSummary,
  startGitHubEmulator
} from '../../emulator/github/index.js'

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService'

describe('results service emulator (raw HTTP)', () => {
  let gh: GitHubEmulator
  let a1: { runtimeToken: string; runBackendId: string; jobBackendId: string }
  let a2: typeof a1
  beforeAll(async () => {
    gh = await startGitHubEmulator()
    a1 = gh.state.startAttempt({ runId: 7, attempt: 1 })
  })
  afterAll(() => gh.close())

  const twirp = async (
    method: string,
    body: Record<string, unknown>,
    ids = a1
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${gh.resultsUrl}${SERVICE}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ids.runtimeToken}` },
      body: JSON.stringify({
        workflow_run_backend_id: ids.runBackendId,
        workflow_job_run_backend_id: ids.jobBackendId,
        ...body
      })
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }

  it('creates with unknown fields, assembles blocks in block-list order and returns the hash as digest', async () => {
    const created = await twirp('CreateArtifact', { name: 'raw', version: 7, mime_type: 'application/zip', extra: 1 })
    expect(created.status).toBe(200)
    const url = String(created.json.signed_upload_url)
    expect(url).toMatch(/\/blob\/\d+\/raw\.zip\?sig=/)
    await fetch(`${url}&comp=block&blockid=Qg==`, { method: 'PUT', body: 'world' })
    await fetch(`${url}&comp=block&blockid=QQ==`, { method: 'PUT', body: 'hello ' })
    const early = await twirp('FinalizeArtifact', { name: 'missing', size: '1' })
    expect(early).toEqual({ status: 404, json: { code: 'not_found', msg: expect.any(String) } })
    const list = '<?xml version="1.0"?><BlockList><Latest>QQ==</Latest><Latest>Qg==</Latest></BlockList>'
    expect((await fetch(`${url}&comp=blocklist`, { method: 'PUT', body: list })).status).toBe(201)
    const bad = '<BlockList><Latest>Wg==</Latest></BlockList>'
    expect((await fetch(`${url}&comp=blocklist`, { method: 'PUT', body: bad })).status).toBe(400)
    const finalized = await twirp('FinalizeArtifact', { name: 'raw', size: '11', hash: 'sha256:abc' })
    expect(finalized.json).toEqual({ ok: true, artifact_id: expect.stringMatching(/^\d+$/) })
    const listed = await twirp('ListArtifacts', { name_filter: 'raw' })
    expect(listed.json.artifacts).toEqual([expect.objectContaining({ name: 'raw', size: '11', digest: 'sha256:abc' })])
    expect(await (await fetch(url)).text()).toBe('hello world')
    expect((await fetch(url.replace(/sig=\w+/, 'sig=forged'))).status).toBe(403)
  })

  it('answers 409 for a name reused in the run, even by a later attempt or unfinalized', async () => {
    await twirp('CreateArtifact', { name: 'reserved' })
    expect((await twirp('CreateArtifact', { name: 'reserved' })).status).toBe(409)
    a2 = gh.state.startAttempt({ runId: 7, attempt: 2 })
    const again = await twirp('CreateArtifact', { name: 'raw' }, a2)
    expect(again).toEqual({ status: 409, json: { code: 'already_exists', msg: expect.stringContaining('raw') } })
    expect((await twirp('FinalizeArtifact', { name: 'reserved', size: '0' })).status).toBe(400)
  })

  it('lists earlier attempts’ artifacts (as the real service does) but signs URLs of the attempt only', async () => {
    const listed = (await twirp('ListArtifacts', {}, a2)).json.artifacts as { name: string }[]
    expect(listed.map(a => a.name)).toEqual(['raw'])
    expect((await twirp('GetSignedArtifactURL', { name: 'raw' }, a2)).status).toBe(404)
    expect((await twirp('GetSignedArtifactURL', { name: 'raw' })).json.signed_url).toMatch(/sig=/)
  })

  it('answers errors as JSON with 4xx codes', async () => {
    const unknownRun = await twirp('ListArtifacts', {}, { ...a1, runBackendId: 'nope' })
    expect(unknownRun).toEqual({ status: 404, json: { code: 'not_found', msg: expect.any(String) } })
    const noToken = await fetch(`${gh.resultsUrl}${SERVICE}/ListArtifacts`, { method: 'POST', body: '{}' })
    expect(noToken.status).toBe(401)
    const badJson = await fetch(`${gh.resultsUrl}${SERVICE}/ListArtifacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a1.runtimeToken}` },
      body: 'not json'
    })
    expect(badJson.status).toBe(400)
    expect((await twirp('Explode', {})).status).toBe(404)
    expect((await fetch(`${gh.resultsUrl}/elsewhere`)).status).toBe(404)
    expect((await twirp('CreateArtifact', { name: '' })).status).toBe(400)
    gh.state.inject({ match: /CreateArtifact/, status: 403, body: { code: 'permission_denied', msg: 'injected' } })
    expect((await twirp('CreateArtifact', { name: 'x' })).json).toEqual({ code: 'permission_denied', msg: 'injected' })
  })

  it('refuses names over 256 characters and the 501st artifact of a job', async () => {
    const long = await twirp('CreateArtifact', { name: 'n'.repeat(257) })
    expect(long).toEqual({ status: 400, json: { code: 'invalid_argument', msg: expect.stringContaining('256') } })
    const job = gh.state.startAttempt({ runId: 8, attempt: 1, job: 'many' })
    const other = gh.state.startAttempt({ runId: 8, attempt: 1, job: 'other' })
    const template = gh.state.artifacts.find(a => a.name === 'raw')!
    for (let i = 0; i < 499; i++) {
      gh.state.artifacts.push({
        ...template,
        id: gh.state.newArtifactId(),
        name: `c${i}`,
        jobBackendId: job.jobBackendId
      })
    }
    expect((await twirp('CreateArtifact', { name: 'c499' }, job)).status).toBe(200)
    const refused = await twirp('CreateArtifact', { name: 'c500' }, job)
    expect(refused).toEqual({ status: 400, json: { code: 'failed_precondition', msg: expect.stringContaining('500') } })
    expect((await twirp('CreateArtifact', { name: 'c500' }, other)).status).toBe(200)
  })

  it('deletes an artifact of the attempt', async () => {
    expect((await twirp('DeleteArtifact', { name: 'raw' })).json).toEqual({ ok: true, artifact_id: expect.any(String) })
    expect((await twirp('DeleteArtifact', { name: 'raw' })).status).toBe(404)
  })
})

describe('REST emulator (raw HTTP)', () => {
  let gh: GitHubEmulator
  beforeAll(async () => {
    gh = await startGitHubEmulator()
    gh.state.grant('full', ['issues:write', 'actions:read'])
    gh.state.grant('issues-only', ['issues:write'])
  })
  afterAll(() => gh.close())

  const api = async (
    path: string,
    init: { method?: string; body?: unknown; token?: string } = {}
  ): Promise<{ status: number; json: unknown; headers: Headers }> => {
    const response = await fetch(`${gh.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { authorization: `token ${init.token ?? 'full'}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    })
    const text = await response.text()
    return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers }
  }

  it('refuses unknown tokens (401) and missing permissions (403)', async () => {
    expect((await api('/repos/acme/data/issues', { token: 'who' })).status).toBe(401)
    const forbidden = await api('/repos/acme/data/actions/runs/1/artifacts', { token: 'issues-only' })
    expect(forbidden).toMatchObject({ status: 403, json: { message: 'Resource not accessible by integration' } })
    expect((await api('/repos/other/repo/issues')).status).toBe(404)
    expect((await api('/repos/acme/data/unknown')).status).toBe(404)
  })

  it('lists workflow runs, a run, its artifacts of every attempt and redirects the zip to the blob', async () => {
    gh.state.startAttempt({ runId: 10, attempt: 1, workflowId: 5 })
    gh.state.finishAttempt(10, 'failure')
    gh.state.startAttempt({ runId: 11, attempt: 1, workflowId: 5 })
    const runs = await api('/repos/acme/data/actions/workflows/5/runs?status=failure')
    expect(runs.json).toMatchObject({ total_count: 1, workflow_runs: [{ id: 10, conclusion: 'failure' }] })
    expect((await api('/repos/acme/data/actions/runs/11')).json).toMatchObject({ id: 11, workflow_id: 5 })
    expect((await api('/repos/acme/data/actions/runs/99')).status).toBe(404)
    expect((await api('/repos/acme/data/actions/runs/99/artifacts')).status).toBe(404)
    const a = { id: gh.state.newArtifactId(), name: 'n1', runId: 10, attempt: 1, finalized: true, size: 3 }
    gh.state.artifacts.push({
      ...a,
      runBackendId: 'r',
      jobBackendId: 'j',
      digest: null,
      createdAt: gh.state.tick(),
      expiresAt: '2099-01-01T00:00:00Z',
      contentType: 'application/zip',
      blocks: new Map(),
      blob: Buffer.from('zip'),
      sig: 's1'
    })
    const listed = await api('/repos/acme/data/actions/runs/10/artifacts?per_page=100&page=1')
    expect(listed.json).toMatchObject({ total_count: 1, artifacts: [{ id: a.id, name: 'n1', size_in_bytes: 3 }] })
    const zip = await api(`/repos/acme/data/actions/artifacts/${a.id}/zip`)
    expect(zip.status).toBe(302)
    expect(zip.headers.get('location')).toBe(`${gh.resultsUrl}/blob/${a.id}/n1.zip?sig=s1&se=2099-01-01`)
    expect((await api('/repos/acme/data/actions/artifacts/1/zip')).status).toBe(404)
    gh.state.expire(x => x.id === a.id)
    const expired = await api('/repos/acme/data/actions/runs/10/artifacts')
    expect(expired.json).toMatchObject({ artifacts: [{ id: a.id, expired: true }] })
    expect((await api(`/repos/acme/data/actions/artifacts/${a.id}/zip`)).status).toBe(410)
  })

  it('filters workflow runs by branch, event and status, newest first', async () => {
    gh.state.startAttempt({ runId: 20, attempt: 1, workflowId: 6, branch: 'main', event: 'schedule' })
    gh.state.finishAttempt(20, 'failure')
    gh.state.startAttempt({ runId: 21, attempt: 2, workflowId: 6, branch: 'feature', event: 'pull_request' })
    gh.state.finishAttempt(21, 'failure')
    gh.state.startAttempt({ runId: 22, attempt: 1, workflowId: 6, branch: 'main', event: 'workflow_dispatch' })
    const ids = async (query: string): Promise<number[]> =>
      (
        (await api(`/repos/acme/data/actions/workflows/6/runs?${query}`)).json as { workflow_runs: { id: number }[] }
      ).workflow_runs.map(r => r.id)
    expect(await ids('status=completed')).toEqual([21, 20])
    expect(await ids('branch=main')).toEqual([22, 20])
    expect(await ids('event=schedule&status=failure')).toEqual([20])
    const run = (await api('/repos/acme/data/actions/runs/21?exclude_pull_requests=true')).json
    expect(run).toMatchObject({ head_branch: 'feature', event: 'pull_request', run_attempt: 2, pull_requests: [] })
  })

  it('creates, searches by marker, comments on and closes issues; bodies over 65 536 characters get 422', async () => {
    const created = await api('/repos/acme/data/issues', {
      method: 'POST',
      body: { title: 't', body: 'x <!-- mark:1 --> y', labels: ['monday-sync'] }
    })
    expect(created).toMatchObject({ status: 201, json: { number: 1, state: 'open' } })
    await api('/repos/acme/data/issues', { method: 'POST', body: { title: 'other', body: 'z' } })
    gh.state.advance(61_000)
    const found = await api(
      `/search/issues?q=${encodeURIComponent('"mark:1" repo:acme/data is:open label:monday-sync')}`
    )
    expect(found.json).toMatchObject({ total_count: 1, items: [{ number: 1 }] })
    const elsewhere = await api(`/search/issues?q=${encodeURIComponent('"mark:1" repo:x/y')}`)
    expect(elsewhere.json).toMatchObject({ total_count: 0 })
    expect((await api('/repos/acme/data/issues?labels=monday-sync&state=open')).json).toHaveLength(1)
    const long = 'k'.repeat(65_537)
    const tooLong = await api('/repos/acme/data/issues', { method: 'POST', body: { title: 't', body: long } })
    expect(tooLong).toMatchObject({ status: 422, json: { message: 'Validation Failed' } })
    expect((await api('/repos/acme/data/issues', { method: 'POST', body: { body: 'no title' } })).status).toBe(422)
    const commented = await api('/repos/acme/data/issues/1/comments', { method: 'POST', body: { body: 'again' } })
    expect(commented.status).toBe(201)
    expect((await api('/repos/acme/data/issues/1/comments', { method: 'POST', body: { body: long } })).status).toBe(422)
    expect((await api('/repos/acme/data/issues/9/comments', { method: 'POST', body: { body: 'x' } })).status).toBe(404)
    expect((await api('/repos/acme/data/issues/1/comments')).json).toEqual([expect.objectContaining({ body: 'again' })])
    const closed = await api('/repos/acme/data/issues/1', {
      method: 'PATCH',
      body: { state: 'closed', state_reason: 'completed' }
    })
    expect(closed.json).toMatchObject({ state: 'closed', state_reason: 'completed', comments: 1 })
    expect((await api('/repos/acme/data/issues?state=closed')).json).toHaveLength(1)
    expect((await api('/repos/acme/data/issues/9', { method: 'PATCH', body: {} })).status).toBe(404)
  })
})

describe('REST emulator: the search API', () => {
  let gh: GitHubEmulator
  beforeAll(async () => {
    gh = await startGitHubEmulator()
    gh.state.grant('full', ['issues:write', 'actions:read'])
  })
  afterAll(() => gh.close())

  const api = async (
    path: string,
    init: { method?: string; body?: unknown } = {}
  ): Promise<{ status: number; json: unknown; headers: Headers }> => {
    const response = await fetch(`${gh.apiUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: 'token full', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body)
    })
    return { status: response.status, json: await response.json(), headers: response.headers }
  }

  it('search sees a new issue only after the indexing delay and allows 30 requests a minute', async () => {
    const created = await api('/repos/acme/data/issues', { method: 'POST', body: { title: 'fresh', body: 'idx:1' } })
    const search = (): Promise<{ status: number; json: unknown; headers: Headers }> =>
      api(`/search/issues?q=${encodeURIComponent('"idx:1" repo:acme/data')}`)
    expect((await search()).json).toMatchObject({ total_count: 0 })
    gh.state.advance(61_000)
    expect((await search()).json).toMatchObject({ items: [{ number: (created.json as { number: number }).number }] })
    for (let i = 1; i < 30; i++) expect((await search()).status).toBe(200)
    const limited = await search()
    expect(limited.status).toBe(403)
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(limited.json).toMatchObject({ message: expect.stringContaining('rate limit') })
    gh.state.advance(60_000)
    expect((await search()).status).toBe(200)
  })
})

describe('runner: the step summary limit', () => {
  it('shows a summary up to 1 MiB and drops a larger one whole', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md')
    writeFileSync(file, 'x'.repeat(SUMMARY_LIMIT_BYTES))
    expect(readStepSummary(file)).toMatchObject({ dropped: false, bytes: SUMMARY_LIMIT_BYTES })
    writeFileSync(file, 'x'.repeat(SUMMARY_LIMIT_BYTES + 1))
    expect(readStepSummary(file)).toEqual({ text: '', bytes: SUMMARY_LIMIT_BYTES + 1, dropped: true })
  })
})
