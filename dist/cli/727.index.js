export const id = 727;
export const ids = [727];
export const modules = {

/***/ 73979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _: () => (/* binding */ createMondayClient)
});

;// CONCATENATED MODULE: ./src/engine/batch-size.ts
/** Errors that mean "the batch was too large" by themselves (a budget refusal does not). */
const SHRINK = ['timeout'];
/**
 * Additive increase, multiplicative decrease of the items per request, per kind: a run of fast
 * successes grows it by a twentieth of the range, a timeout, a complexity error or a slow response
 * halves it. The size never exceeds what the learnt cost per item allows in one request, nor what
 * the learnt server time per operation allows inside a third of the timeout (`timeCap`).
 */
class BatchSizer {
    options;
    state = new Map();
    constructor(options) {
        this.options = options;
    }
    suggest(kind, bounds) {
        const min = Math.max(1, Math.floor(bounds.min));
        const max = Math.max(min, Math.floor(bounds.max));
        const state = this.stateOf(kind, min, max);
        const perItem = this.options.perItem(kind);
        const costCap = perItem ? Math.floor(this.options.maxPointsPerRequest() / perItem) : max;
        const timeCap = this.options.timeCap?.(kind);
        const hardCap = this.options.hardCap?.(kind) ?? Infinity;
        const size = Math.max(1, Math.min(hardCap, Math.max(min, Math.min(max, state.size, costCap, timeCap ?? Infinity))));
        if (size !== state.reported) {
            state.reported = size;
            this.options.onSize?.(kind, size);
        }
        return size;
    }
    /** Takes in one attempt's outcome for a request of `kind` carrying `items`. */
    observe(kind, outcome) {
        const state = this.state.get(kind);
        if (!state)
            return;
        const tooBig = outcome.shrink || (outcome.errorClass !== undefined && SHRINK.includes(outcome.errorClass));
        if (tooBig || (outcome.ok && outcome.latencyMs > (this.options.slowMs ?? 15_000))) {
            state.streak = 0;
            this.set(kind, state, Math.max(state.min, Math.min(state.size, Math.floor(Math.max(1, outcome.items) / 2))), 'decrease');
            return;
        }
        if (!outcome.ok)
            return;
        // Only a full batch shows the size works; small tail batches say nothing about larger ones.
        if (outcome.items < state.size)
            return;
        state.streak += 1;
        if (state.streak < (this.options.growAfter ?? 3))
            return;
        state.streak = 0;
        this.set(kind, state, Math.min(state.max, state.size + state.step), 'increase');
    }
    stateOf(kind, min, max) {
        const step = Math.max(1, Math.ceil((max - min) / 20));
        let state = this.state.get(kind);
        if (!state) {
            state = { size: Math.max(min, Math.ceil(max / 2)), streak: 0, step, min, max };
            this.state.set(kind, state);
        }
        Object.assign(state, { step, min, max, size: Math.max(min, Math.min(max, state.size)) });
        return state;
    }
    set(kind, state, size, reason) {
        if (size === state.size)
            return;
        state.size = size;
        this.options.onEvent?.({ type: 'batch_size', kind, size, reason });
    }
}

// EXTERNAL MODULE: ./node_modules/cockatiel/dist/CircuitBreakerPolicy.js + 5 modules
var CircuitBreakerPolicy = __webpack_require__(57107);
// EXTERNAL MODULE: ./node_modules/cockatiel/dist/Policy.js + 1 modules
var Policy = __webpack_require__(77106);
// EXTERNAL MODULE: ./node_modules/cockatiel/dist/breaker/ConsecutiveBreaker.js
var ConsecutiveBreaker = __webpack_require__(31786);
;// CONCATENATED MODULE: ./src/engine/breaker.ts

const NAMES = {
    [CircuitBreakerPolicy/* CircuitState */.v.Closed]: 'closed',
    [CircuitBreakerPolicy/* CircuitState */.v.Open]: 'open',
    [CircuitBreakerPolicy/* CircuitState */.v.HalfOpen]: 'half_open',
    [CircuitBreakerPolicy/* CircuitState */.v.Isolated]: 'isolated'
};
/**
 * cockatiel's breaker (closed → open after `threshold` failures in a row → half-open after
 * `halfOpenAfterMs` → closed on a successful trial). cockatiel times the open state with
 * `Date.now()`, so the engine only asks it whether a call may go and waits with its own clock.
 */
function createBreaker(options) {
    const policy = (0,Policy/* circuitBreaker */.sL)((0,Policy/* handleWhen */.jU)(options.isFailure), {
        breaker: new ConsecutiveBreaker/* ConsecutiveBreaker */.N(options.threshold ?? 10),
        halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
        initialState: options.initialState
    });
    policy.onBreak(() => options.onEvent?.({ type: 'breaker', state: 'open' }));
    policy.onHalfOpen(() => options.onEvent?.({ type: 'breaker', state: 'half_open' }));
    policy.onReset(() => options.onEvent?.({ type: 'breaker', state: 'closed' }));
    return {
        policy,
        state: () => NAMES[policy.state],
        save: () => policy.toJSON()
    };
}

// EXTERNAL MODULE: ./src/engine/clock.ts
var engine_clock = __webpack_require__(43124);
;// CONCATENATED MODULE: ./src/engine/cost-model.ts
const WRITE_PER_ITEM = { create_item: 10_000, create_subitem: 10_000 };
/** The starting estimate for `kind`. */
function defaultCost(kind) {
    const known = WRITE_PER_ITEM[kind];
    if (known !== undefined)
        return { perItem: known, fixed: 0 };
    if (/^(create|change|update|delete|archive|move|duplicate|add|set)_/.test(kind))
        return { perItem: 30_000, fixed: 0 };
    return { perItem: 500, fixed: 100 };
}
/**
 * Learns points per item by kind (exponentially weighted) and how much it varies; an estimate
 * adds twice the mean relative deviation, so a kind with a fixed price (mutations) is estimated
 * exactly and a varying one (reads) with a margin.
 */
class CostModel {
    initialDeviation;
    weight;
    learnt = new Map();
    constructor(
    /** Relative deviation assumed before the second observation; default 0.05. */
    initialDeviation = 0.05, 
    /** Weight of the newest observation, 0..1; default 0.3. */
    weight = 0.3) {
        this.initialDeviation = initialDeviation;
        this.weight = weight;
    }
    /** Estimated points for a request of `kind` covering `items`. */
    estimate(kind, items) {
        const l = this.learnt.get(kind);
        if (l !== undefined)
            return Math.ceil(l.mean * Math.max(1, items) * (1 + 2 * l.deviation));
        const d = defaultCost(kind);
        return Math.ceil(d.fixed + d.perItem * Math.max(1, items));
    }
    /** Points per item learnt for `kind`, if any. */
    perItem(kind) {
        return this.learnt.get(kind)?.mean;
    }
    observe(kind, items, points) {
        if (points <= 0)
            return;
        const sample = points / Math.max(1, items);
        const old = this.learnt.get(kind);
        if (old === undefined) {
            this.learnt.set(kind, { mean: sample, deviation: this.initialDeviation });
            return;
        }
        const deviation = Math.abs(sample - old.mean) / old.mean;
        old.deviation += this.weight * (deviation - old.deviation);
        old.mean += this.weight * (sample - old.mean);
    }
}

// EXTERNAL MODULE: ./src/engine/limits.ts
var engine_limits = __webpack_require__(37100);
;// CONCATENATED MODULE: ./src/engine/metrics.ts
const MAX_SAMPLES = 20_000;
/** The nearest-rank percentile `p` (0..100) of `values`; 0 when empty. */
function percentile(values, p) {
    if (values.length === 0)
        return 0;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1] ?? 0;
}
/** Collects what the engine measures; `snapshot()` gives the run's `MetricsSnapshot`. Times in clock milliseconds. */
class MetricsRecorder {
    clock;
    budgetPerMinute;
    intervalMs;
    minuteMs;
    start;
    kinds = new Map();
    retries = {};
    throttled = {};
    sizes = [];
    throughput = new Map();
    complexityUsed = 0;
    constructor(clock, 
    /** The per-minute complexity budget in use (points). */
    budgetPerMinute, 
    /** Width of a throughput interval in clock milliseconds; default 1 000. */
    intervalMs = 1_000, 
    /** Clock milliseconds in one of monday's minutes (60 000 / the time scale). */
    minuteMs = 60_000) {
        this.clock = clock;
        this.budgetPerMinute = budgetPerMinute;
        this.intervalMs = intervalMs;
        this.minuteMs = minuteMs;
        this.start = clock.now();
    }
    /** One finished attempt of a request. */
    request(kind, outcome) {
        const state = this.kindState(kind);
        state.requests += 1;
        if (outcome.ok) {
            state.items += outcome.items;
            const at = Math.floor((this.clock.now() - this.start) / this.intervalMs) * this.intervalMs;
            this.throughput.set(at, (this.throughput.get(at) ?? 0) + outcome.items);
        }
        else
            state.errors += 1;
        state.points += outcome.points ?? 0;
        this.complexityUsed += outcome.points ?? 0;
        if (state.latencies.length >= MAX_SAMPLES)
            state.latencies.shift();
        state.latencies.push(outcome.latencyMs);
    }
    retry(errorClass) {
        this.retries[errorClass] = (this.retries[errorClass] ?? 0) + 1;
    }
    throttle(reason, ms) {
        if (ms > 0)
            this.throttled[reason] = (this.throttled[reason] ?? 0) + ms;
    }
    batchSize(kind, size) {
        this.sizes.push({ atMs: this.clock.now() - this.start, kind, size });
    }
    snapshot() {
        const byKind = {};
        let requests = 0;
        let items = 0;
        for (const [kind, s] of this.kinds) {
            requests += s.requests;
            items += s.items;
            byKind[kind] = {
                requests: s.requests,
                items: s.items,
                points: s.points,
                errors: s.errors,
                p50Ms: percentile(s.latencies, 50),
                p95Ms: percentile(s.latencies, 95),
                p99Ms: percentile(s.latencies, 99)
            };
        }
        return {
            requests,
            items,
            complexityUsed: this.complexityUsed,
            budgetPerMinute: this.budgetPerMinute,
            minuteMs: this.minuteMs,
            byKind,
            retries: { ...this.retries },
            throttledMs: { ...this.throttled },
            batchSizes: [...this.sizes],
            throughput: [...this.throughput].sort((a, b) => a[0] - b[0]).map(([atMs, n]) => ({ atMs, items: n }))
        };
    }
    kindState(kind) {
        let state = this.kinds.get(kind);
        if (!state) {
            state = { requests: 0, items: 0, points: 0, errors: 0, latencies: [] };
            this.kinds.set(kind, state);
        }
        return state;
    }
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
;// CONCATENATED MODULE: ./src/engine/latency-watch.ts
/**
 * Tells queueing from server time. monday's time per operation of a kind is steady (API-FACTS.md
 * "Time": p90 about 1.2 × the median), so when a kind's smoothed time per operation climbs well
 * above the lowest it has been during the run, requests wait somewhere (monday's queue, a proxy,
 * a busy machine) and more of them in flight would only wait longer: Little's law would then read
 * the longer wait as a reason to send even more. The scheduler backs off instead.
 */
/** Requests of a kind measured before its floor counts. */
const WARM_UP = 5;
/** Weight of the newest request in the smoothed time. */
const WEIGHT = 0.2;
class LatencyWatch {
    kinds = new Map();
    /**
     * Takes in one answered request of `items` operations that took `latencyMs` and returns how many
     * times the kind's lowest smoothed time per operation its smoothed time is now (1 while warming up).
     */
    observe(kind, items, latencyMs) {
        if (items < 1 || !(latencyMs > 0))
            return 1;
        const perOperation = latencyMs / items;
        const state = this.kinds.get(kind);
        if (state === undefined) {
            this.kinds.set(kind, { smoothed: perOperation, floor: Infinity, samples: 1 });
            return 1;
        }
        state.smoothed += WEIGHT * (perOperation - state.smoothed);
        state.samples += 1;
        if (state.samples < WARM_UP)
            return 1;
        state.floor = Math.min(state.floor, state.smoothed);
        return state.smoothed / state.floor;
    }
    /** The kind's smoothed clock milliseconds per operation, if measured. */
    smoothed(kind) {
        return this.kinds.get(kind)?.smoothed;
    }
    /**
     * Takes `perOperation` (clock ms, measured on requests sent after a back-off) as the kind's time
     * now; with `reference`, also as its lowest: a wait that fewer requests in flight did not shorten
     * is how long this kind takes here. Returns the queueing ratio then.
     */
    rebase(kind, perOperation, reference) {
        const state = this.kinds.get(kind);
        if (state === undefined || !(perOperation > 0))
            return 1;
        state.smoothed = perOperation;
        if (reference || state.floor === Infinity)
            state.floor = Math.max(state.floor === Infinity ? 0 : state.floor, perOperation);
        return state.smoothed / state.floor;
    }
}

;// CONCATENATED MODULE: ./src/engine/paced-window.ts
/** Spending nobody of ours explains, as a fraction of the limit, that counts as another job's. */
const OTHERS_THRESHOLD = 0.02;
/** The most of a shared account's budget a job counts as its own (its share is an estimate). */
const MAX_SHARE = 0.5;
/**
 * Added to a job's measured part of a shared account's spending when it paces and sizes its in-flight
 * level. Pacing at exactly the measured part keeps whatever split the jobs happen to have: any split
 * is a fixed point, so noise drifts it, and four equal jobs finished up to 160 emulated seconds
 * apart, the last alone at half speed (84% of the bound). With the same addition for every job, a
 * job's next part is (s + b) / (1 + n b): the split contracts towards even. The parts then add up to
 * more than 1; pacing at a part of what is left over the time to the reset still ends the window at
 * its reset (spending just comes a little earlier), and the room rule (in flight within half the
 * part) adds up to 0.5 + n b / 2. Four jobs: 92% of the bound, no request refused.
 */
const FAIR_BOOST = 0.1;
/**
 * Hand-written admission for one per-minute limit (complexity points or requests). Two checks:
 *
 * - a hard cap: what is left must cover the request. Without news from the server that is a
 *   sliding window of our own admissions; with news it is the server's `remaining` minus what we
 *   sent that it may not have counted, until the reported reset.
 * - pacing: a token bucket refilled at `remaining / time to reset` (or `limit / window` without
 *   news), so spending is spread over the window. Several jobs on one account each see the
 *   others' spending in `remaining` and slow down together [RL: limits are per account].
 *
 * When the window has spent more than our requests explain, another job shares the account; for a
 * window after that we pace at our share of what is left, and what we have in flight may use at
 * most half that share, so jobs racing for the last points of a window do not both get refused. A
 * new client assumes so from the start, until a report shows 30% of a window spent, or one taken
 * half a window after the start shows nobody else.
 */
class PacedWindow {
    options;
    entries = [];
    server;
    tokens;
    refilledAt;
    seq = 0;
    othersSeenAt;
    startedAt;
    /**
     * Our part of the account's recent spending (smoothed, 0..1): 1 alone, about 1/4 among four equal
     * jobs. A quarter while sharing is only assumed: jobs starting together do not know how many they are.
     */
    ourShare = 1;
    /** Sharing is only assumed so far: no report has shown another job, nor enough of our own spending. */
    assumed = false;
    constructor(options) {
        this.options = options;
        this.tokens = this.capacity;
        this.refilledAt = this.startedAt = options.clock.now();
        // Until the reports show otherwise, assume another job may be starting at the same moment.
        this.assumed = options.assumeShared !== false;
        if (this.assumed)
            this.ourShare = 0.25;
    }
    get limit() {
        return this.options.limit;
    }
    /** The window's length, clock milliseconds. */
    get windowMs() {
        return this.options.windowMs;
    }
    /** Changes the limit (e.g. from a `RateLimit-Policy` header). */
    setLimit(limit) {
        this.options.limit = limit;
    }
    /**
     * Sharing is assumed (a new client), or another job was seen spending from the same account within
     * the last window.
     */
    contended(now = this.options.clock.now()) {
        return this.assumed || (this.othersSeenAt !== undefined && now - this.othersSeenAt < this.options.windowMs);
    }
    /**
     * The part of the budget we pace at while the account is shared: our part of its recent spending
     * plus `FAIR_BOOST`, at most a half (an estimate); 1 alone.
     */
    share(now = this.options.clock.now()) {
        return this.contended(now) ? Math.min(MAX_SHARE, this.ourShare + FAIR_BOOST) : 1;
    }
    /** Milliseconds to wait before `cost` fits (0: it fits now). Takes nothing. */
    waitFor(cost) {
        const now = this.options.clock.now();
        this.refill(now);
        this.prune(now);
        const contended = this.contended(now);
        const server = this.server && this.isFresh(this.server, now) ? this.server : undefined;
        const need = Math.min(cost, this.options.limit - this.marginUnits);
        // Sharing the account: keep what we have in flight plus this request within half our share of
        // what the server says is left (the share is an estimate, at most half). Jobs that all do so do
        // not overdraw even when none sees the others' requests in flight: each saw at most the same
        // `remaining`, and the shares add up to about 1. After a reset, before the new window's first
        // report, what is left is the whole limit for all of them.
        // A request larger than half our share of a whole window would never fit: it may go alone, with
        // nothing of ours in flight (under the hard cap). Any other waits for the room, even with nothing
        // of ours in flight: letting one go then sent stale-sighted requests into windows the others had
        // spent.
        const left = server ? server.remaining : this.server ? this.options.limit : undefined;
        const share = this.share(now);
        const alone = need > (this.options.limit * share) / 2 - this.marginUnits && !this.entries.some(e => e.settledAt === undefined);
        const room = contended && !alone && left !== undefined ? this.available(now) - left * (1 - share / 2) : this.available(now);
        if (room < need)
            return Math.max(1, this.roomWait(now, need));
        const bucketNeed = Math.min(cost, this.capacity);
        if (this.tokens < bucketNeed)
            return Math.max(1, (bucketNeed - this.tokens) / this.rate(now));
        return 0;
    }
    /** Records `cost` as admitted now (call after `waitFor` returned 0). */
    take(cost) {
        this.tokens -= cost;
        const ticket = ++this.seq;
        this.entries.push({ seq: ticket, at: this.options.clock.now(), cost });
        return ticket;
    }
    /** Admits `cost` now, or says how long to wait before asking again. */
    tryTake(cost) {
        const waitMs = this.waitFor(cost);
        return waitMs > 0 ? { ok: false, waitMs } : { ok: true, ticket: this.take(cost) };
    }
    /** Replaces the estimate by the actual cost and takes in the server's report, if any. */
    settle(ticket, actualCost, report) {
        const now = this.options.clock.now();
        const entry = this.entries.find(e => e.seq === ticket);
        if (entry) {
            if (actualCost !== undefined) {
                this.tokens += entry.cost - actualCost;
                entry.cost = actualCost;
            }
            entry.settledAt = now;
        }
        if (!report)
            return;
        const overtake = this.options.overtakeMs ?? 250;
        const atResponse = report.asOf === 'response';
        const asOf = atResponse ? this.lastArrived(now - overtake) : { seq: ticket, at: entry?.at ?? now };
        // older than what the server told us already (its request reached monday earlier)
        if (this.server && this.server.seq > asOf.seq)
            return;
        // The reset is counted from when the server took the figures: from the answer, a batch that ran
        // 20 s would put it 20 s late, and the window's last third would be paced as if it had longer.
        const takenAt = atResponse ? now : asOf.at;
        const resetAt = report.resetInMs === undefined ? undefined : takenAt + report.resetInMs;
        // a long request charged in a window that has reset since tells nothing of the new one
        if (resetAt !== undefined && resetAt <= now)
            return;
        // ours that the figures may count: admitted up to the answer, or shortly after the reporter
        const upTo = atResponse ? now : asOf.at + overtake;
        if (resetAt !== undefined)
            this.detectOthers(upTo, takenAt, report.remaining, resetAt, now);
        // A response-time report counts every request of ours that reached the server before it: only
        // those admitted within the last `overtakeMs` (after `asOf`) may be missing from it.
        const inFlightBefore = atResponse
            ? 0
            : this.sum(e => e.seq < ticket && e.settledAt === undefined && e.at > asOf.at - overtake);
        this.server = {
            remaining: report.remaining,
            resetAt,
            at: now,
            seq: asOf.seq,
            inFlightBefore
        };
    }
    /** The last request admitted by `at`: it has reached the server by now (entries are in admission order). */
    lastArrived(at) {
        for (let i = this.entries.length - 1; i >= 0; i--) {
            const e = this.entries[i];
            if (e && e.at <= at)
                return { seq: e.seq, at: e.at };
        }
        // every entry kept is more recent: the last one pruned (or, with none kept, the last admitted)
        return { seq: (this.entries[0]?.seq ?? this.seq + 1) - 1, at };
    }
    /** Units that may still be admitted now under the hard cap. */
    available(now = this.options.clock.now()) {
        const server = this.server;
        if (server && this.isFresh(server, now)) {
            return server.remaining - server.inFlightBefore - this.sum(e => e.seq > server.seq) - this.marginUnits;
        }
        const since = this.resetSince(now);
        if (since !== undefined)
            return this.options.limit - this.sum(e => e.at >= since) - this.marginUnits;
        return this.options.limit - this.used() - this.marginUnits;
    }
    /**
     * The server's window reset at the time it reported and no report of the new one came yet: the
     * new window holds what we admitted since (and shortly before: not started by then). A sliding
     * window of our own admissions would still count the whole last window and hold every request
     * until the first one admitted after the reset answered.
     */
    resetSince(now) {
        const resetAt = this.server?.resetAt;
        if (resetAt === undefined || now < resetAt || now >= resetAt + this.options.windowMs)
            return undefined;
        return resetAt - (this.options.overtakeMs ?? 250);
    }
    /** Units admitted in the current sliding window. */
    used() {
        const now = this.options.clock.now();
        this.prune(now);
        return this.sum(e => this.inWindow(e, now));
    }
    /** Units per millisecond the bucket refills at. */
    rate(now = this.options.clock.now()) {
        const server = this.server;
        const even = this.options.limit / this.options.windowMs;
        if (!server || !this.isFresh(server, now) || server.resetAt === undefined)
            return even;
        const left = Math.max(0, this.available(now) + this.marginUnits);
        return Math.max(even / 100, (this.share(now) * left) / Math.max(1, server.resetAt - now));
    }
    /**
     * Compares what the server says the window has spent with the most we can have spent in it. monday
     * charges a request when it starts, in whatever order our requests reach it, so one report next to
     * the previous can show a drop that our requests in flight explain only later; a window's total
     * cannot: the account spent `limit - remaining` by the time the reporter was charged, and we at most
     * everything we admitted from shortly before the window opened until shortly after the reporter.
     * The rest, when it is more than 2% of the limit, is another job's (ours is counted generously:
     * only a real other job shows).
     */
    detectOthers(upTo, takenAt, remaining, resetAt, now) {
        const overtake = this.options.overtakeMs ?? 250;
        const opened = resetAt - this.options.windowMs;
        // a request admitted before the window opened may have been charged in it: count it as ours
        // (monday's reset is in whole seconds: the opening is known to a sixtieth of the window), and so
        // may any still in flight when it opened (monday started it late: it queued, or travelled long).
        // Counted only from shortly before the opening, a single job reading the `RateLimit` header
        // (taken at the answer) "saw" the requests it sent in a window's last seconds as another job's
        // in the next: the emulator at a time scale of 20 showed 1.7M of 2.5M spent as others', and
        // windows 2-5 of a sync spent 4-7M of 10M
        const from = opened - this.options.windowMs / 60 - 2 * overtake;
        const ours = this.sum(e => e.at <= upTo && (e.at >= from || e.settledAt === undefined || e.settledAt >= opened));
        const spent = this.options.limit - remaining;
        const others = spent - ours;
        if (others > this.options.limit * OTHERS_THRESHOLD) {
            this.othersSeenAt = now;
            this.assumed = false;
        }
        else if (this.assumed &&
            (spent >= this.options.limit * 0.3 || takenAt - this.startedAt >= this.options.windowMs / 2)) {
            // The assumption ends once a window has shown 30% of its limit spent, all of it ours, or a
            // report taken half a window after our start shows nobody else: a job starting with us would
            // have shown by then (at a tenth, jobs still reading their boards had not, and one job sent a
            // window's end at full speed into the others' requests). A job whose requests are slow (2×
            // latency) may never spend 30% of a window at the assumed share: the time ends it. Taken: a
            // report from a long request says what monday knew when that request started.
            this.assumed = false;
        }
        if (spent > 0)
            this.ourShare += 0.2 * (Math.min(1, Math.max(0, ours / spent)) - this.ourShare);
    }
    sum(filter) {
        let total = 0;
        for (const e of this.entries)
            if (filter(e))
                total += e.cost;
        return total;
    }
    get capacity() {
        return this.share() * this.options.limit * (this.options.burst ?? 0.2);
    }
    get marginUnits() {
        return this.options.limit * (this.options.margin ?? 0);
    }
    isFresh(server, now) {
        return server.resetAt !== undefined ? now < server.resetAt : now - server.at < this.options.windowMs;
    }
    refill(now) {
        this.tokens = Math.min(this.capacity, this.tokens + this.rate(now) * (now - this.refilledAt));
        this.refilledAt = now;
    }
    inWindow(e, now) {
        return e.at > now - this.options.windowMs;
    }
    prune(now) {
        // Kept two windows: a report comes up to a request's length after its window opened, and what we
        // spent in that window is compared with it. Requests still in flight stay a while longer.
        const old = now - 2 * this.options.windowMs;
        const ancient = now - 3 * this.options.windowMs;
        for (let i = this.entries.length - 1; i >= 0; i--) {
            const e = this.entries[i];
            if (e && e.at <= old && (e.settledAt !== undefined || e.at <= ancient))
                this.entries.splice(i, 1);
        }
    }
    roomWait(now, need) {
        const server = this.server;
        if (server && this.isFresh(server, now)) {
            return server.resetAt !== undefined ? server.resetAt - now : server.at + this.options.windowMs - now;
        }
        const since = this.resetSince(now);
        if (since !== undefined && server?.resetAt !== undefined)
            return server.resetAt + this.options.windowMs - now;
        let freed = this.available(now);
        for (const e of this.entries) {
            if (!this.inWindow(e, now))
                continue;
            freed += e.cost;
            if (freed >= need)
                return e.at + this.options.windowMs - now;
        }
        return this.options.windowMs;
    }
}

;// CONCATENATED MODULE: ./src/engine/request-mix.ts
/**
 * The request time and points of our recent requests, for Little's law: to spend the budget at a
 * rate of λ points per millisecond, λ × (their time ÷ their points) requests must be in flight.
 * The ratio is taken over a window of requests, not smoothed request by request: a sync run sends
 * bursts of one kind (9 `create_item` of 2 s each, 90,000 points) between bursts of another (2
 * `create_subitem` of 7 s each, 20,000 points), and a smoothing over the last few answers read each
 * burst of item batches as a reason to drop the level by half (measured at 2× the monday profile).
 *
 * A request counts from its admission with the time its kind is expected to take (learnt, or
 * API-FACTS.md's figures until measured), and with its measured time once answered: the level
 * rises with the first batches sent instead of waiting for the first of them to answer (at 2×
 * latency that is 20 to 40 s of monday's time at the starting level).
 */
/** Requests in the window: about what the plan lets fly, so a burst of one kind is a part of it. */
const WINDOW = 100;
class RequestMix {
    samples = [];
    sumMs = 0;
    sumPointsMs = 0;
    sumPoints = 0;
    /** A request admitted that should take about `expectedMs` (clock) for `points`; `id` matches its answer. */
    admitted(id, expectedMs, points) {
        this.push({ id, ms: expectedMs, points });
    }
    /** A request answered after `ms` (clock) that cost `points`; replaces its admission's expectation. */
    answered(id, ms, points) {
        const index = id === undefined ? -1 : this.samples.findIndex(s => s.id === id);
        const old = this.samples[index];
        if (old === undefined) {
            this.push({ id: undefined, ms, points });
            return;
        }
        this.count(old, -1);
        Object.assign(old, { id: undefined, ms, points });
        this.count(old, 1);
    }
    /** Mean request time, clock milliseconds (0 before any request). */
    meanMs() {
        return this.samples.length === 0 ? 0 : this.sumMs / this.samples.length;
    }
    /** Clock milliseconds in flight per point spent, over the requests that cost points (0 before any). */
    msPerPoint() {
        return this.sumPoints > 0 ? this.sumPointsMs / this.sumPoints : 0;
    }
    push(sample) {
        this.samples.push(sample);
        this.count(sample, 1);
        const oldest = this.samples.length > WINDOW ? this.samples.shift() : undefined;
        if (oldest)
            this.count(oldest, -1);
    }
    count(s, sign) {
        this.sumMs += sign * s.ms;
        if (s.points <= 0)
            return;
        this.sumPointsMs += sign * s.ms;
        this.sumPoints += sign * s.points;
    }
}

;// CONCATENATED MODULE: ./src/engine/scheduler.ts




/** Smoothed time per operation this many times its run's lowest: requests queue, back off (monday's own spread is about 1.2). */
const QUEUEING_BACKOFF = 3;
/**
 * The level over Little's law's mean. Pacing spends what a window has left by its reset, so a
 * window's last seconds can send a burst of long requests (a batch of subitems runs ~20 s) that
 * are still on monday when the window resets; with a fifth of headroom they held every slot and
 * the new window opened only when they came back (5-7 s of every minute unspent).
 */
const HEADROOM = 1.6;
/** The same on a shared account, where every job paces at its share of the budget: four jobs at 1.6 refused 1% of their requests at the windows' ends, at 1.2 0.2%. */
const SHARED_HEADROOM = 1.2;
/**
 * Milliseconds of monday's time within which a request admitted before another may reach monday after
 * it (a new TLS connection): see `PacedWindowOptions.overtakeMs`. In monday's time like every duration:
 * at a time scale of 20, 250 clock milliseconds are 5 emulated seconds of our requests, and the budget's
 * reports taken at the answer counted them as not yet charged (a single job spent 91% of its budget
 * instead of 95%).
 */
const OVERTAKE_MS = 250;
/** Below this, the back-off cap may grow again. */
const QUEUEING_CLEAR = 2;
/**
 * A latency back-off is judged on the first requests sent after it (`TRIAL_SAMPLES` of its kind): if
 * their time per operation is not this share below the smoothed time that set it off, the wait was
 * not ours (a busy machine, another path) and fewer requests in flight only lose throughput: the
 * back-off is undone and their time becomes the kind's reference.
 */
const QUEUEING_FELL = 0.1;
const TRIAL_SAMPLES = 3;
/**
 * Admits requests in arrival order when they fit the complexity budget, the request rate and the
 * concurrency limit, and holds every request while monday has asked us to wait (a 429's
 * `retry_in_seconds` applies to the account, not only the request that received it).
 *
 * The requests in flight follow Little's law: to reach the rate the binding limit allows (budget ÷
 * points per request, or the request rate), level = rate × request time, × 1.6 (`HEADROOM`),
 * never below the starting level nor above the plan's concurrency limit. `MAX_CONCURRENCY_EXCEEDED`, timeouts and
 * queueing (a kind's time per operation at three times its lowest, `LatencyWatch`) lower a back-off cap by a quarter;
 * twenty successes in a row without queueing raise it by one. A latency back-off that the requests sent after it
 * show did not shorten the wait is undone (the wait is not ours).
 */
class Scheduler {
    options;
    points;
    requests;
    limiter;
    ceiling;
    gate = Promise.resolve();
    pausedUntil = 0;
    pauseReason = 'rate_limit';
    changed = new AbortController();
    streak = 0;
    latency = new LatencyWatch();
    /** The last request's queueing ratio (1: no queueing). */
    queueing = 1;
    latencyBackoffAt = -Infinity;
    /** The latency back-off being judged: its kind, the smoothed time per operation that set it off, when, the cap before it, and the times per operation of requests sent after it. */
    latencyTrial;
    backoffReason = 'backoff';
    constructor(options) {
        this.options = options;
        const windowMs = (options.limits.windowSeconds * 1000) / (options.timeScale ?? 1);
        const common = {
            windowMs,
            clock: options.clock,
            overtakeMs: OVERTAKE_MS / (options.timeScale ?? 1),
            ...(options.assumeShared === false ? { assumeShared: false } : {})
        };
        this.points = new PacedWindow({ limit: options.limits.complexityPerMinute, ...common });
        this.requests = new PacedWindow({ limit: options.limits.requestsPerMinute, ...common });
        this.ceiling = Math.max(1, Math.min(options.concurrency ?? options.limits.concurrency, options.limits.concurrency));
        this.backoffCap = this.ceiling;
        this.floor = Math.min(this.ceiling, Math.max(1, options.initialConcurrency ?? 8));
        this.limiter = (0,p_limit/* default */.A)(this.floor);
        this.peak = this.limiter.concurrency;
    }
    /** The level the loop never goes below by itself (only a back-off does). */
    floor;
    backoffCap;
    /** Our share of the account's concurrency: what we have on the server plus half of the free slots. */
    shareCap = Infinity;
    /** Requests admitted and not yet answered: ours on the server. */
    sending = 0;
    peak;
    binding = 'concurrency';
    /** Time and points of the recent requests, expected from admission, measured once answered. */
    mix = new RequestMix();
    /** The control loop's state. */
    inFlight() {
        return {
            level: this.limiter.concurrency,
            peak: this.peak,
            binding: this.binding,
            requestMs: Math.round(this.mix.meanMs())
        };
    }
    /**
     * Takes in one answered request (clock milliseconds, points it cost; `admission` matches it to its
     * expectation) and sets the level: the binding limit's rate × the request time (Little's law),
     * capped by the plan and the back-off. With `sample` (the request's kind and operations), a
     * request that queued lowers the back-off cap, at most once per request time and not while an earlier one is
     * judged (`judgeLatencyBackoff`).
     */
    tune(requestMs, points, sample, admission) {
        this.mix.answered(admission?.points, requestMs, points);
        const now = this.options.clock.now();
        if (sample) {
            this.queueing = this.latency.observe(sample.kind, sample.items, requestMs);
            this.judgeLatencyBackoff(sample, requestMs, now);
        }
        if (sample &&
            this.latencyTrial === undefined &&
            this.queueing >= QUEUEING_BACKOFF &&
            now - this.latencyBackoffAt >= this.mix.meanMs()) {
            this.latencyBackoffAt = now;
            const perOperation = this.latency.smoothed(sample.kind) ?? 0;
            this.latencyTrial = { kind: sample.kind, perOperation, at: now, cap: this.backoffCap, after: [] };
            this.lowerBackoffCap('latency');
        }
        this.setLevel();
    }
    /**
     * Keeps a latency back-off if the requests sent after it took less time per operation (ours queued),
     * else undoes it: the wait is not ours and does not shrink with fewer in flight (measured: load-board
     * at twice monday's latency on a busy machine took ~45 ms an item at 90 and at 41 in flight, and
     * lost half its throughput while the back-off held).
     */
    judgeLatencyBackoff(sample, requestMs, now) {
        const trial = this.latencyTrial;
        if (trial === undefined)
            return;
        // requests of other kinds, or too few sent after it for long: keep the back-off
        if (now - trial.at > 4 * Math.max(this.mix.meanMs(), requestMs))
            this.latencyTrial = undefined;
        if (sample.kind !== trial.kind || sample.items < 1 || now - requestMs < trial.at)
            return;
        trial.after.push(requestMs / sample.items);
        if (trial.after.length < TRIAL_SAMPLES)
            return;
        this.latencyTrial = undefined;
        const after = trial.after.reduce((a, b) => a + b, 0) / trial.after.length;
        // what the requests sent after it took is the kind's time now (the smoothed time still carries the queue)
        const ours = after <= trial.perOperation * (1 - QUEUEING_FELL);
        this.queueing = this.latency.rebase(trial.kind, after, !ours);
        if (!ours)
            this.backoffCap = Math.max(this.backoffCap, trial.cap);
    }
    /**
     * The level from Little's law over the recent requests: the budget's rate (points per ms) × their
     * time per point, or the request rate × their mean time, whichever is lower, × `HEADROOM` plus one.
     */
    setLevel() {
        // on a shared account our part of the budget (PacedWindow.share): the others' requests count
        // against the account's concurrency limit too, and every job's waiting requests go at a reset
        const msPerPoint = this.mix.msPerPoint();
        const share = this.points.share();
        const budgetLevel = msPerPoint > 0 ? ((this.points.limit * share) / this.points.windowMs) * msPerPoint : Infinity;
        const rateLevel = (this.requests.limit / this.requests.windowMs) * this.mix.meanMs();
        // a shared account: each job paces at its share of the budget (PacedWindow), so no window ends in
        // a burst and a fifth over Little's law does; at most half our share of the plan's limit (the
        // shares are estimates)
        const headroom = share < 1 ? SHARED_HEADROOM : HEADROOM;
        const target = Math.max(this.floor, Math.ceil(Math.min(budgetLevel, rateLevel) * headroom - 1e-9) + 1);
        const shared = share < 1 ? Math.max(this.floor, Math.floor((this.ceiling * share) / 2)) : Infinity;
        const level = Math.max(1, Math.min(target, this.ceiling, this.backoffCap, this.shareCap, shared));
        this.binding =
            level === this.backoffCap && this.backoffCap < Math.min(target, this.ceiling)
                ? this.backoffReason
                : target >= Math.min(this.ceiling, this.shareCap, shared)
                    ? 'concurrency'
                    : budgetLevel <= rateLevel
                        ? 'complexity'
                        : 'rate';
        this.setConcurrency(level);
    }
    /** Requests allowed in flight now. */
    get concurrency() {
        return this.limiter.concurrency;
    }
    /**
     * Runs `fn` once it is admitted for `cost` points; `fn` must settle the admission. `expectedMs`
     * (clock), when known, counts the request in the level's estimate from now, until `tune` takes
     * in its measured time.
     */
    async run(cost, fn, signal, expectedMs) {
        return await this.limiter(async () => {
            const turn = this.gate.then(async () => await this.admit(cost, signal));
            this.gate = turn.catch(() => undefined);
            const admission = await turn;
            if (expectedMs !== undefined && expectedMs > 0) {
                this.mix.admitted(admission.points, expectedMs, cost);
                this.setLevel();
            }
            this.sending += 1;
            try {
                return await fn(admission);
            }
            finally {
                this.sending -= 1;
            }
        });
    }
    /**
     * Takes in the account's free concurrency slots a response reported (`RateLimit: "concurrency";r=`).
     * The plan's limit is per account [RL]: other jobs' requests count against it too. Our level may
     * then reach what we have on the server plus our share of the free slots (our part of the
     * account's spending, `PacedWindow.share`, at most half), so jobs that each take their share of
     * what they see free do not together pass the limit; a lone job closes half the gap per answer.
     */
    shareConcurrency(free) {
        const share = Math.min(0.5, this.points.share());
        this.shareCap = Math.max(this.floorShare(), this.sending + Math.floor(Math.max(0, free) * share));
        if (this.limiter.concurrency > this.shareCap)
            this.setConcurrency(this.shareCap);
    }
    /** The least a job keeps of a shared limit: enough to keep learning, a quarter of its starting level. */
    floorShare() {
        return Math.max(1, Math.floor(this.floor / 4));
    }
    /** Takes in the server's view after a request. */
    settle(admission, outcome) {
        this.points.settle(admission.points, outcome.points, outcome.budget);
        this.requests.settle(admission.requests, undefined, outcome.rate);
        this.wake();
    }
    /** Holds every request for `ms` clock milliseconds (monday asked us to wait). */
    pause(ms, reason) {
        const until = this.options.clock.now() + ms;
        if (until <= this.pausedUntil)
            return;
        this.pausedUntil = until;
        this.pauseReason = reason;
        this.wake();
    }
    /** Multiplicative decrease after `MAX_CONCURRENCY_EXCEEDED` or a timeout: the back-off cap drops by a quarter. */
    reduceConcurrency() {
        this.lowerBackoffCap('backoff');
    }
    lowerBackoffCap(reason) {
        this.streak = 0;
        this.backoffCap = Math.max(1, Math.floor(this.limiter.concurrency * 0.75));
        this.binding = this.backoffReason = reason;
        this.setConcurrency(Math.min(this.limiter.concurrency, this.backoffCap));
    }
    /** Additive increase of the back-off cap towards the ceiling after successes while requests do not queue. */
    succeeded() {
        if (this.queueing >= QUEUEING_CLEAR) {
            this.streak = 0;
            return;
        }
        // the server refused (MAX_CONCURRENCY_EXCEEDED, a timeout): grow back slowly; queueing that cleared: faster
        const after = this.backoffReason === 'latency' ? 5 : 20;
        if (this.backoffCap >= this.ceiling || ++this.streak < after)
            return;
        this.streak = 0;
        this.backoffCap += 1;
    }
    /** Lowers the ceiling to what the server announces (`RateLimit-Policy: "concurrency";q=`). */
    capConcurrency(limit) {
        this.backoffCap = Math.min(this.backoffCap, Math.max(1, limit));
        if (limit < this.limiter.concurrency)
            this.setConcurrency(Math.max(1, limit));
    }
    setConcurrency(limit) {
        if (limit === this.limiter.concurrency)
            return;
        this.limiter.concurrency = limit;
        this.peak = Math.max(this.peak, limit);
        this.options.onEvent?.({ type: 'concurrency', limit });
    }
    async admit(cost, signal) {
        for (;;) {
            signal?.throwIfAborted();
            const now = this.options.clock.now();
            if (this.pausedUntil > now) {
                await this.wait(this.pausedUntil - now, this.pauseReason, signal);
                continue;
            }
            const rateWait = this.requests.waitFor(1);
            if (rateWait > 0) {
                await this.wait(rateWait, 'rate', signal);
                continue;
            }
            const budgetWait = this.points.waitFor(cost);
            if (budgetWait > 0) {
                await this.wait(budgetWait, 'budget', signal);
                continue;
            }
            return { points: this.points.take(cost), requests: this.requests.take(1) };
        }
    }
    /** Sleeps up to `ms`, waking early when a response changes what the server told us. */
    async wait(ms, reason, signal) {
        const started = this.options.clock.now();
        const wake = this.changed.signal;
        const both = signal ? AbortSignal.any([signal, wake]) : wake;
        this.options.onEvent?.({ type: 'throttle', reason, waitMs: ms });
        try {
            await this.options.clock.sleep(ms, both);
        }
        catch (e) {
            if (signal?.aborted)
                throw e;
        }
        finally {
            this.options.metrics?.throttle(reason, this.options.clock.now() - started);
        }
    }
    wake() {
        this.changed.abort();
        this.changed = new AbortController();
    }
}

// EXTERNAL MODULE: ./src/engine/server-times.ts
var server_times = __webpack_require__(85060);
// EXTERNAL MODULE: ./node_modules/cockatiel/dist/errors/Errors.js
var Errors = __webpack_require__(58118);
;// CONCATENATED MODULE: ./src/adapters/monday/classify.ts
/** Codes, in the order they are tried. Both spellings of a code are accepted (API-FACTS.md). */
const RULES = [
    { test: /^FIELD_LIMIT_EXCEEDED$/i, errorClass: 'complexity', action: 'retry_after', notProcessed: true },
    {
        test: /^(COMPLEXITY_BUDGET_EXHAUSTED|ComplexityException|complexityBudgetExhausted)$/i,
        errorClass: 'complexity',
        action: 'retry_after',
        notProcessed: true
    },
    {
        test: /^(MINUTE_RATE_LIMIT_EXCEEDED|RATE_LIMIT_EXCEEDED|RateLimitExceeded|IP_RATE_LIMIT_EXCEEDED|tooManyRequests)$/i,
        errorClass: 'rate_limit',
        action: 'retry_after',
        notProcessed: true
    },
    {
        test: /^(MAX_CONCURRENCY_EXCEEDED|maxConcurrencyExceeded)$/i,
        errorClass: 'concurrency',
        action: 'retry_after',
        notProcessed: true
    },
    { test: /^DAILY_LIMIT_EXCEEDED$/i, errorClass: 'daily_limit', action: 'fail', notProcessed: true },
    { test: /^(CursorExpiredError|CursorException)$/i, errorClass: 'cursor_expired', action: 'fail' },
    { test: /^IDEMPOTENCY_CONFLICT$/i, errorClass: 'idempotency_conflict', action: 'retry_after' },
    {
        test: /^(Unauthorized|UserUnauthorizedException|USER_UNAUTHORIZED|UNAUTHENTICATED|Forbidden)$/i,
        errorClass: 'auth',
        action: 'fail'
    },
    {
        test: /^(ResourceNotFoundException|InvalidBoardIdException|InvalidItemIdException|NOT_FOUND)$/i,
        errorClass: 'not_found',
        action: 'fail'
    },
    {
        test: /^(ColumnValueException|InvalidColumnIdException|ItemNameTooLongException|InvalidArgumentException|RecordInvalidException|ItemsLimitationException|CreateBoardException|JsonParseException|InvalidVersionException|GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/i,
        errorClass: 'validation',
        action: 'fail'
    },
    { test: /^(ResourceLocked|LOCKED)$/i, errorClass: 'locked', action: 'backoff' },
    { test: /^(INTERNAL_SERVER_ERROR|InternalServerError)$/i, errorClass: 'server', action: 'backoff' }
];
/** Codes that also mean "ask for fewer objects next time" (the batch sizer halves). */
const SHRINK_CODES = ['FIELD_LIMIT_EXCEEDED'];
/** Classes whose errors are about the whole request (limits), never about one alias. */
const LIMIT_CLASSES = ['complexity', 'rate_limit', 'concurrency', 'daily_limit'];
function num(value) {
    if (typeof value === 'number' && Number.isFinite(value))
        return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return Number(value);
    return undefined;
}
/** `Retry-After` as milliseconds: delta seconds or an HTTP date (RFC 9110). */
function retryAfterMs(header, now = Date.now()) {
    if (!header)
        return undefined;
    const seconds = num(header);
    if (seconds !== undefined)
        return Math.max(0, seconds * 1000);
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
/** The wait a legacy message names: "… reset in 3 seconds". */
function resetFromMessage(message) {
    const match = /reset in (\d+(?:\.\d+)?) seconds?/i.exec(message);
    return match?.[1] ? Number(match[1]) * 1000 : undefined;
}
/** The class of an HTTP status with no recognised code. */
function byStatus(status) {
    if (status === 429)
        return { errorClass: 'rate_limit', action: 'retry_after' };
    if (status === 401 || status === 403)
        return { errorClass: 'auth', action: 'fail' };
    if (status === 404)
        return { errorClass: 'not_found', action: 'fail' };
    if (status === 409)
        return { errorClass: 'idempotency_conflict', action: 'retry_after' };
    if (status === 423)
        return { errorClass: 'locked', action: 'backoff' };
    if (status === 408 || status === 504)
        return { errorClass: 'timeout', action: 'backoff' };
    if (status >= 500)
        return { errorClass: 'server', action: 'backoff' };
    if (status >= 400)
        return { errorClass: 'validation', action: 'fail' };
    return { errorClass: 'unknown', action: 'fail' };
}
/** Classifies one GraphQL error (current, 2025-04 or legacy fields) of a response with `status`. */
function classifyError(error, status, retryAfter) {
    const ext = error.extensions ?? {};
    const code = error.code ?? (typeof ext.code === 'string' ? ext.code : undefined);
    const innerStatus = num(ext.status_code) ?? status;
    const rule = code ? RULES.find(r => r.test.test(code)) : undefined;
    let base = rule ?? byStatus(innerStatus);
    if (!rule && innerStatus === 429)
        base = { ...base, notProcessed: true };
    if (!rule && /CursorExpired|cursor .*expired/i.test(error.message))
        base = { errorClass: 'cursor_expired', action: 'fail' };
    if (!rule && /exceeds? (the )?max(imum)? complexity|query complexity .*(limit|cap)/i.test(error.message)) {
        base = { errorClass: 'complexity', action: 'shrink', notProcessed: true };
    }
    const retrySeconds = num(ext.retry_in_seconds) ?? num(ext.error_data?.retry_in_seconds);
    const retryMs = num(ext.retryAfterMs);
    const retryInMs = retrySeconds !== undefined ? retrySeconds * 1000 : (retryMs ?? retryAfter ?? resetFromMessage(error.message));
    return {
        errorClass: base.errorClass,
        action: base.action,
        message: error.message,
        ...(code === undefined ? {} : { code }),
        status: innerStatus,
        ...(retryInMs === undefined ? {} : { retryInMs }),
        ...(base.notProcessed ? { notProcessed: true } : {})
    };
}
/** A failure below HTTP: the request timed out or the connection failed. */
function classifyTransportError(e, timedOut) {
    const message = e instanceof Error ? e.message : String(e);
    if (timedOut)
        return { errorClass: 'timeout', action: 'backoff', message: 'request timed out' };
    return { errorClass: 'network', action: 'backoff', message: `connection failed: ${message}` };
}

;// CONCATENATED MODULE: ./src/adapters/monday/rate-limit-headers.ts
/**
 * The IETF-draft rate-limit headers monday sends (API-FACTS.md, Rate limits; docs of 2026-09):
 * `RateLimit-Policy: "minuteRate";q=5000;w=60, "concurrency";q=250, "complexityMinute";q=5000000;w=60`
 * `RateLimit: "minuteRate";r=4999, "concurrency";r=249, "complexityMinute";r=4950000;t=45`
 */
/** Parses a structured-field list of `"name";key=value` items into name → params. */
function parseRateLimitHeader(header) {
    const out = new Map();
    if (!header)
        return out;
    for (const item of header.split(',')) {
        const [rawName, ...params] = item.split(';').map(s => s.trim());
        if (!rawName)
            continue;
        const name = rawName.replace(/^"|"$/g, '');
        const values = {};
        for (const param of params) {
            const [key, value] = param.split('=').map(s => s.trim());
            const n = Number(value);
            if ((key === 'q' || key === 'w' || key === 'r' || key === 't') && value !== undefined && Number.isFinite(n))
                values[key] = n;
        }
        out.set(name, values);
    }
    return out;
}
/** Reads both headers; policy values (`q`, `w`) and state values (`r`, `t`) merged per limit. */
function readRateLimitHeaders(headers) {
    const policy = parseRateLimitHeader(headers.get('ratelimit-policy'));
    const state = parseRateLimitHeader(headers.get('ratelimit'));
    const merged = (name) => {
        const p = policy.get(name);
        const s = state.get(name);
        return p || s ? { ...p, ...s } : undefined;
    };
    const info = {};
    const complexity = merged('complexityMinute');
    const minuteRate = merged('minuteRate');
    const concurrency = merged('concurrency');
    if (complexity)
        info.complexity = complexity;
    if (minuteRate)
        info.minuteRate = minuteRate;
    if (concurrency)
        info.concurrency = concurrency;
    return info;
}

;// CONCATENATED MODULE: ./src/adapters/monday/response.ts
/** Turns one HTTP answer of monday into data, per-alias errors, or a whole-request failure. */

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
function toGraphqlError(raw) {
    if (!isObject(raw))
        return { message: String(raw) };
    const extensions = isObject(raw.extensions) ? raw.extensions : undefined;
    const code = typeof extensions?.code === 'string' ? extensions.code : undefined;
    const path = Array.isArray(raw.path)
        ? raw.path.filter(p => typeof p === 'string' || typeof p === 'number')
        : undefined;
    return {
        message: typeof raw.message === 'string' ? raw.message : 'unknown error',
        ...(path && path.length > 0 ? { path } : {}),
        ...(code ? { code } : {}),
        ...(extensions ? { extensions } : {})
    };
}
/** The legacy shape (≤2024-10): `{error_code, error_message, status_code, error_data}`. */
function legacyError(body) {
    if (typeof body.error_code !== 'string' && typeof body.error_message !== 'string')
        return undefined;
    const extensions = { ...body };
    return {
        message: typeof body.error_message === 'string' ? body.error_message : String(body.error_code),
        ...(typeof body.error_code === 'string' ? { code: body.error_code } : {}),
        extensions
    };
}
function readComplexity(data) {
    const c = data?.complexity;
    if (!isObject(c))
        return undefined;
    const n = (v) => (typeof v === 'number' ? v : Number(v));
    const report = { before: n(c.before), after: n(c.after), query: n(c.query), resetInSeconds: n(c.reset_in_x_seconds) };
    return Number.isFinite(report.after) ? report : undefined;
}
/** "budget remaining 19986 out of 1000000 reset in 3 seconds", or the 2025-04 extension fields. */
function budgetHint(errors) {
    for (const e of errors) {
        const left = e.extensions?.complexity_budget_left;
        if (typeof left === 'number')
            return {
                remaining: left,
                ...(e.classified?.retryInMs === undefined ? {} : { resetInMs: e.classified.retryInMs })
            };
        const m = /budget remaining (\d+) out of (\d+)(?: reset in (\d+(?:\.\d+)?) seconds?)?/i.exec(e.message);
        if (m?.[1])
            return { remaining: Number(m[1]), ...(m[3] ? { resetInMs: Number(m[3]) * 1000 } : {}) };
    }
    return undefined;
}
/** Picks the error that decides a whole-request failure: a limit first, else the first. */
function decisive(errors) {
    return errors.find(e => e.classified && LIMIT_CLASSES.includes(e.classified.errorClass)) ?? errors[0];
}
/**
 * `strict` (reads): any GraphQL error fails the request as a whole. Otherwise errors with a
 * `path` next to data are per-alias and the request succeeded.
 */
function parseResponse(status, headers, text, strict = false, now = Date.now()) {
    let body;
    try {
        body = text === '' ? undefined : JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    const json = isObject(body) ? body : {};
    const data = isObject(json.data) ? json.data : null;
    const legacy = legacyError(json);
    const raw = Array.isArray(json.errors) ? json.errors.map(toGraphqlError) : [];
    const all = legacy ? [legacy, ...raw] : raw;
    const retryAfter = retryAfterMs(headers.get('retry-after'), now);
    for (const e of all)
        e.classified = classifyError(e, status, retryAfter);
    const complexity = readComplexity(data);
    const base = {
        status,
        data,
        allErrors: all,
        replayed: headers.get('idempotency-replayed') === 'true',
        ...(complexity ? { complexity } : {}),
        ...(all.length > 0 ? { budgetHint: budgetHint(all) } : {})
    };
    // A limit error with a path next to data (a subgraph throttle) is about that alias only:
    // the other aliases ran, so retrying the whole mutation could create them twice.
    const whole = strict ? all.length > 0 : legacy !== undefined || all.some(e => !e.path);
    if (status >= 400 || data === null || whole) {
        const first = decisive(all);
        const failure = first?.classified ?? {
            ...classifyError({ message: status >= 400 ? `HTTP ${status}` : 'response without data' }, status, retryAfter),
            ...(status < 400 ? { errorClass: 'server', action: 'backoff' } : {})
        };
        return { ...base, errors: [], failure };
    }
    return { ...base, errors: all };
}

// EXTERNAL MODULE: ./node_modules/graphql-request/build/entrypoints/main.js + 11 modules
var main = __webpack_require__(98854);
;// CONCATENATED MODULE: ./src/adapters/monday/transport.ts

/** What graphql-request is handed in place of the answer it would only parse and throw away. */
const EMPTY_BODY = '{"data":null}';
/** The request did not get an answer: it timed out or the connection failed. */
class TransportError extends Error {
    timedOut;
    name = 'TransportError';
    constructor(message, timedOut, options) {
        super(message, options);
        this.timedOut = timedOut;
    }
}
/**
 * Sends one document with graphql-request and hands back the raw answer whatever its status:
 * the classifier needs the status, the headers (`Retry-After`, `RateLimit`, `Idempotency-Replayed`)
 * and bodies graphql-request would reject (legacy `error_code` shapes, HTML from a proxy).
 */
async function post(options) {
    let captured;
    const timeout = new AbortController();
    const done = new AbortController();
    let timedOut = false;
    options.clock.sleep(options.timeoutMs, done.signal).then(() => {
        timedOut = true;
        timeout.abort(new Error('request timed out'));
    }, () => undefined);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    const capture = async (input, init) => {
        const response = await fetch(input, init);
        const text = await response.text();
        captured = { status: response.status, headers: response.headers, text };
        // parseResponse reads `captured`; graphql-request's own result is not used, so it gets an
        // empty body instead of parsing a large one (a 100-item full read is ~400 KB) a second time
        return new Response(response.status === 204 ? null : EMPTY_BODY, {
            status: response.status,
            headers: response.headers
        });
    };
    const client = new main/* GraphQLClient */.l4(options.url, {
        fetch: capture,
        headers: options.headers,
        signal,
        errorPolicy: 'all'
    });
    try {
        await client.rawRequest(options.document, options.variables);
    }
    catch (e) {
        if (!captured) {
            options.signal?.throwIfAborted();
            const reason = e instanceof Error && e.cause instanceof Error
                ? `${e.message} (${e.cause.message})`
                : e instanceof Error
                    ? e.message
                    : String(e);
            throw new TransportError(timedOut ? 'request timed out' : reason, timedOut, { cause: e });
        }
    }
    finally {
        done.abort();
    }
    if (!captured)
        throw new TransportError('no response', false);
    return captured;
}

;// CONCATENATED MODULE: ./src/adapters/monday/attempt.ts
/** One attempt of a request: admitted by the scheduler, guarded by the breaker, sent, parsed, learnt from. */





/** An HTTP 5xx, thrown inside the breaker so it counts as a failure of the service. */
class ServerAnswer extends Error {
    answer;
    constructor(answer) {
        super(`HTTP ${answer.status}`);
        this.answer = answer;
    }
}
/** Failures that open the circuit: the service is down or unreachable, not our request at fault. */
const isServiceFailure = (e) => e instanceof ServerAnswer || e instanceof TransportError;
async function exchange(ctx, input) {
    const headers = input.idempotencyKey && input.document.isMutation
        ? { ...ctx.headers, 'Idempotency-Key': input.idempotencyKey }
        : ctx.headers;
    try {
        return await ctx.breaker.policy.execute(async () => {
            const answer = await post({
                url: ctx.url,
                headers,
                document: input.document.text,
                variables: input.variables,
                clock: ctx.clock,
                timeoutMs: ctx.timeoutMs,
                signal: input.meta.signal
            });
            if (answer.status >= 500)
                throw new ServerAnswer(answer);
            return answer;
        });
    }
    catch (e) {
        if (e instanceof ServerAnswer)
            return e.answer;
        if (e instanceof TransportError)
            return classifyTransportError(e, e.timedOut);
        if ((0,Errors/* isBrokenCircuitError */.VR)(e))
            return { errorClass: 'server', action: 'backoff', message: 'circuit open after repeated server failures' };
        throw e;
    }
}
/** The limits the headers announce, applied to the scheduler; returns the rate report. */
function applyHeaders(ctx, info) {
    const q = info.complexity?.q;
    if (q !== undefined && q !== ctx.scheduler.points.limit) {
        ctx.scheduler.points.setLimit(q);
        ctx.metrics.budgetPerMinute = q;
        ctx.onEvent?.({ type: 'limits', limit: 'complexityPerMinute', value: q });
    }
    const rq = info.minuteRate?.q;
    if (rq !== undefined && rq !== ctx.scheduler.requests.limit) {
        ctx.scheduler.requests.setLimit(rq);
        ctx.onEvent?.({ type: 'limits', limit: 'requestsPerMinute', value: rq });
    }
    if (info.concurrency?.q !== undefined)
        ctx.scheduler.capConcurrency(info.concurrency.q);
    if (info.concurrency?.r !== undefined)
        ctx.scheduler.shareConcurrency(info.concurrency.r);
    const r = info.minuteRate?.r;
    return r === undefined
        ? undefined
        : {
            remaining: r,
            asOf: 'response',
            ...(info.minuteRate?.t === undefined ? {} : { resetInMs: (info.minuteRate.t * 1000) / ctx.timeScale })
        };
}
/**
 * What the budget's window had left. The `RateLimit` header's `complexityMinute` first: monday takes
 * it when it answers, so it counts every job's spending until then. The `complexity` field is taken
 * when the query was charged, at its start [CPLX]: for a batch of subitems that ran 20 s it is 20 s
 * old, and four jobs pacing on such figures kept sending into a window the others had spent (1-2% of
 * their requests refused in the bench's shared-account scenario; none on the header's). The field's
 * reset stands in when the header gives none (`t` is sent "when exhausted or known").
 */
function budgetReport(ctx, parsed, info, latencyMs) {
    const scale = (ms) => ms / ctx.timeScale;
    const c = info.complexity;
    if (c?.r !== undefined) {
        const field = parsed.complexity;
        const resetInMs = c.t !== undefined
            ? scale(c.t * 1000)
            : field
                ? Math.max(0, scale(field.resetInSeconds * 1000) - latencyMs)
                : undefined;
        return { remaining: c.r, asOf: 'response', ...(resetInMs === undefined ? {} : { resetInMs }) };
    }
    if (parsed.complexity)
        return { remaining: parsed.complexity.after, resetInMs: scale(parsed.complexity.resetInSeconds * 1000) };
    if (parsed.budgetHint)
        return {
            remaining: parsed.budgetHint.remaining,
            ...(parsed.budgetHint.resetInMs === undefined ? {} : { resetInMs: scale(parsed.budgetHint.resetInMs) })
        };
    return undefined;
}
/** Runs one attempt through the scheduler and records what it learnt. */
async function runAttempt(ctx, input) {
    const { meta } = input;
    return await ctx.scheduler.run(input.estimate, async (admission) => {
        const started = ctx.clock.now();
        let outcome;
        try {
            outcome = await exchange(ctx, input);
        }
        catch (e) {
            ctx.scheduler.settle(admission, { points: 0 });
            throw e;
        }
        const latencyMs = ctx.clock.now() - started;
        if (!('text' in outcome)) {
            // No answer: the request may have run; keep the estimate charged.
            ctx.scheduler.settle(admission, {});
            record(ctx, input, { ok: false, latencyMs, failure: outcome });
            return { ok: false, failure: outcome };
        }
        const parsed = parseResponse(outcome.status, outcome.headers, outcome.text, input.strict, ctx.clock.now());
        const info = readRateLimitHeaders(outcome.headers);
        const rate = applyHeaders(ctx, info);
        const budget = budgetReport(ctx, parsed, info, latencyMs);
        const points = parsed.complexity?.query ?? (parsed.failure?.notProcessed ? 0 : undefined);
        ctx.scheduler.settle(admission, {
            ...(points === undefined ? {} : { points }),
            ...(budget ? { budget } : {}),
            ...(rate ? { rate } : {})
        });
        if (parsed.failure) {
            record(ctx, input, { ok: false, latencyMs, failure: parsed.failure, points });
            return { ok: false, failure: parsed.failure, parsed };
        }
        if (parsed.complexity && meta.items > 0)
            ctx.costs.observe(meta.kind, meta.items, parsed.complexity.query);
        if (!parsed.replayed)
            ctx.times.observe(meta.kind, meta.items, latencyMs);
        ctx.scheduler.succeeded();
        ctx.scheduler.tune(latencyMs, points ?? input.estimate, parsed.replayed ? undefined : meta, admission);
        record(ctx, input, { ok: true, latencyMs, points });
        return { ok: true, parsed };
    }, meta.signal, 
    // counted in the in-flight level from now with the time its kind is expected to take
    meta.items > 0 ? ctx.times.requestMs(meta.kind, meta.items) : undefined);
}
function record(ctx, input, o) {
    const { kind, items } = input.meta;
    ctx.metrics.request(kind, {
        ok: o.ok,
        items,
        latencyMs: o.latencyMs,
        ...(o.points === undefined ? {} : { points: o.points })
    });
    ctx.sizer.observe(kind, {
        ok: o.ok,
        items,
        latencyMs: o.latencyMs,
        ...(o.failure
            ? {
                errorClass: o.failure.errorClass,
                shrink: o.failure.action === 'shrink' || SHRINK_CODES.includes(o.failure.code ?? '')
            }
            : {})
    });
    ctx.onEvent?.({
        type: 'request',
        kind,
        items,
        ok: o.ok,
        latencyMs: o.latencyMs,
        attempt: input.attempt,
        ...(o.points === undefined ? {} : { points: o.points })
    });
}

;// CONCATENATED MODULE: ./src/adapters/monday/client-engine.ts
/** The engine parts one client drives, built from its options: limits, metrics, costs, scheduler, sizer, breaker. */









/** monday cuts a request at 60 s [BP]; the client gives up a little later (monday ms, ÷ the time scale). */
const DEFAULT_TIMEOUT_MS = 75_000;
/**
 * Clock milliseconds the default timeout never goes under: against an emulator at a time scale, a
 * loaded machine stalls in real time, and a request timed out before the server even took it up
 * would be reconciled while it is still to run. The server's own 504 comes at its 60 s anyway.
 */
const MIN_TIMEOUT_MS = 60_000;
/** A request's p90 should stay inside a third of monday's timeout (monday ms). */
const TARGET_REQUEST_MS = 20_000;
/** A successful request slower than this shrinks its kind's batch (monday ms). */
const SLOW_REQUEST_MS = 30_000;
/** Most operations whose p90 (monday ms each) fit in `withinMs`, run one after another; undefined without a figure. */
function operationsWithin(withinMs, p90) {
    return p90 === undefined ? undefined : Math.max(1, Math.floor(withinMs / p90));
}
/**
 * Most operations of `kind` one request should carry: monday runs aliases one after another, so
 * keep a request's p90 inside a third of its 60 s timeout. Undefined for a kind with no figure.
 */
function timeCap(times, kind) {
    return operationsWithin(TARGET_REQUEST_MS, times.p90(kind));
}
/**
 * Most operations of `kind` one request may carry whatever the configured minimum: a measured p90
 * inside half of monday's timeout (the slow-request mark). Undefined until the kind is measured.
 */
function hardTimeCap(times, kind) {
    return operationsWithin(SLOW_REQUEST_MS, times.measuredP90(kind));
}
/** The scheduler (budget, rate, concurrency) and the batch sizer over it. */
function pacing(options, limits, metrics, costs) {
    const { onEvent } = options;
    const scheduler = new Scheduler({
        limits,
        clock: options.clock ?? engine_clock/* systemClock */.m,
        timeScale: options.timeScale ?? 1,
        metrics,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.initialConcurrency ? { initialConcurrency: options.initialConcurrency } : {}),
        ...(onEvent ? { onEvent } : {})
    });
    const timeScale = options.timeScale ?? 1;
    const times = new server_times/* ServerTimes */.y(timeScale);
    const sizer = new BatchSizer({
        maxPointsPerRequest: () => Math.min(limits.queryComplexityCap * 0.8, scheduler.points.limit * 0.1),
        perItem: kind => costs.perItem(kind) ?? defaultCost(kind).perItem,
        // monday runs aliases one after another: keep a request's p90 inside a third of its 60 s timeout
        timeCap: kind => timeCap(times, kind),
        hardCap: kind => hardTimeCap(times, kind),
        slowMs: SLOW_REQUEST_MS / timeScale,
        onSize: (kind, size) => metrics.batchSize(kind, size),
        ...(onEvent ? { onEvent } : {})
    });
    return { scheduler, sizer, times };
}
/** Builds the engine of one client; every request of the client shares it. */
function createClientEngine(options) {
    const clock = options.clock ?? engine_clock/* systemClock */.m;
    const timeScale = options.timeScale ?? 1;
    const { onEvent } = options;
    const limits = (0,engine_limits/* limitsFor */.I)(options.plan ?? 'pro', options.limits);
    const metrics = new MetricsRecorder(clock, limits.complexityPerMinute, 1_000, 60_000 / timeScale);
    const costs = new CostModel();
    const breaker = createBreaker({
        isFailure: isServiceFailure,
        threshold: options.breaker?.threshold ?? 10,
        halfOpenAfterMs: (options.breaker?.halfOpenAfterMs ?? 30_000) / timeScale,
        initialState: options.breaker?.initialState,
        ...(onEvent ? { onEvent } : {})
    });
    return {
        url: options.url ?? 'https://api.monday.com/v2',
        headers: { Authorization: options.token, 'API-Version': options.apiVersion ?? '2026-10' },
        clock,
        timeScale,
        // the server answers 504 at its own 60 s; this is a safety net, never under 60 s of clock time
        timeoutMs: options.requestTimeoutMs ?? Math.max(DEFAULT_TIMEOUT_MS / timeScale, MIN_TIMEOUT_MS),
        limits,
        metrics,
        costs,
        breaker,
        ...pacing(options, limits, metrics, costs),
        ...(onEvent ? { onEvent } : {})
    };
}

// EXTERNAL MODULE: ./src/graphql/generated.ts
var generated = __webpack_require__(35120);
;// CONCATENATED MODULE: ./src/adapters/monday/documents.ts
/**
 * The documents the client itself sends, from graphql/client/ (typed in src/graphql/generated.ts,
 * which holds them as strings, so @vercel/ncc bundles them into dist without asset handling).
 */

/** graphql/client/complexity.graphql: the fields of the `complexity` selection added to every request's root. */
const COMPLEXITY_FRAGMENT = String(generated/* MondaySyncComplexityFragmentDoc */.yi);
/** graphql/client/probe.graphql: a near-free query that reports the budget. */
const PROBE_QUERY = String(generated/* MondaySyncProbeDocument */.dy);

// EXTERNAL MODULE: ./src/engine/backoff.ts
var engine_backoff = __webpack_require__(40694);
;// CONCATENATED MODULE: ./src/engine/retry-timer.ts

/**
 * The delays of one request's retries. Each error class keeps its own backoff sequence
 * (cockatiel `IBackoff`); a delay monday named (`retry_in_seconds`, `Retry-After`) wins over the
 * backoff, plus up to 10% (at most one second) of jitter so several jobs do not return together.
 * Durations from monday are in monday milliseconds and divided by `timeScale`.
 */
class RetryTimer {
    random;
    timeScale;
    backoffs = new Map();
    constructor(random, timeScale = 1) {
        this.random = random;
        this.timeScale = timeScale;
    }
    /** Clock milliseconds to wait before the next attempt after an `errorClass` failure. */
    next(errorClass, retryInMs) {
        const previous = this.backoffs.get(errorClass);
        const backoff = previous ? previous.next(undefined) : (0,engine_backoff/* backoffFor */.sA)(errorClass, this.random, this.timeScale);
        this.backoffs.set(errorClass, backoff);
        if (retryInMs === undefined)
            return backoff.duration;
        const jitter = this.random() * Math.min(1_000, retryInMs * 0.1);
        return (retryInMs + jitter) / this.timeScale;
    }
}

// EXTERNAL MODULE: ./node_modules/graphql/index.js
var graphql = __webpack_require__(17645);
;// CONCATENATED MODULE: ./src/adapters/monday/complexity-field.ts


/** `complexity { …the fragment's fields… }`, inlined so every document stays self-contained. */
const FIELD = {
    kind: graphql/* Kind */.b8C.FIELD,
    name: { kind: graphql/* Kind */.b8C.NAME, value: 'complexity' },
    selectionSet: (0,graphql/* parse */.qgA)(COMPLEXITY_FRAGMENT).definitions[0].selectionSet
};
const cache = new Map();
/**
 * Adds `complexity { before after query reset_in_x_seconds }` to each operation's root selection
 * unless it is already selected (monday allows it on queries and mutations alike [RL]).
 */
function withComplexity(document) {
    const hit = cache.get(document);
    if (hit)
        return hit;
    const ast = (0,graphql/* parse */.qgA)(document);
    let injected = false;
    let isMutation = false;
    const definitions = ast.definitions.map(def => {
        if (def.kind !== graphql/* Kind */.b8C.OPERATION_DEFINITION)
            return def;
        if (def.operation === 'mutation')
            isMutation = true;
        const has = def.selectionSet.selections.some(s => s.kind === graphql/* Kind */.b8C.FIELD && s.name.value === 'complexity' && (!s.alias || s.alias.value === 'complexity'));
        if (has)
            return def;
        injected = true;
        const selectionSet = { ...def.selectionSet, selections: [...def.selectionSet.selections, FIELD] };
        return { ...def, selectionSet };
    });
    const prepared = { text: injected ? (0,graphql/* print */.yyV)({ ...ast, definitions }) : document, injected, isMutation };
    if (cache.size > 500)
        cache.clear();
    cache.set(document, prepared);
    return prepared;
}

// EXTERNAL MODULE: ./src/adapters/monday/types.ts
var types = __webpack_require__(21488);
;// CONCATENATED MODULE: ./src/adapters/monday/request-loop.ts





/** A conflicting attempt may run up to the request timeout: wait in steps of a tenth of it, this many times. */
const MAX_CONFLICT_WAITS = 10;
const AMBIGUOUS = ['timeout', 'network', 'server'];
/** A request cut before its answer: monday may go on executing it and keeps no replay for it. */
const CUT = ['timeout', 'network'];
/** monday ms per operation assumed for a cut request of a kind never measured (create_subitem's p90). */
const UNKNOWN_OPERATION_MS = 4_400;
/**
 * Waits until the work of a cut request must be over: monday runs its aliases one after another
 * and does not stop at the 504, so `items` × the kind's p90 per operation (+25%) after it was sent.
 */
async function waitForCutWork(engine, meta, sentAt) {
    const perOperation = engine.times.p90(meta.kind) ?? UNKNOWN_OPERATION_MS;
    const end = sentAt + (meta.items * perOperation * 1.25) / engine.timeScale;
    const wait = end - engine.clock.now();
    if (wait > 0)
        await engine.clock.sleep(wait, meta.signal);
}
function failureMessage(kind, c, attempts) {
    const code = c.code ? ` (${c.code})` : '';
    return `monday ${kind} request failed${code}: ${c.message} [${c.errorClass}, ${attempts} attempt${attempts === 1 ? '' : 's'}]`;
}
/** A request estimated over monday's per-query cap is refused before it is sent. */
function refuseOverCap(meta, estimate, cap) {
    if (estimate <= cap)
        return;
    const c = {
        errorClass: 'complexity',
        action: 'shrink',
        message: `estimated ${estimate} points exceed the per-query cap of ${cap}`
    };
    throw new types/* MondayRequestFailedError */.lZ(failureMessage(meta.kind, c, 0), c, [], 0);
}
/** The caller's response: the data without the complexity selection the client added. */
function responseOf(parsed, injected) {
    const data = parsed.data ? { ...parsed.data } : null;
    if (data && injected)
        delete data.complexity;
    return {
        data: data,
        errors: parsed.errors,
        replayed: parsed.replayed,
        ...(parsed.complexity ? { complexity: parsed.complexity } : {})
    };
}
/** The error a request ends with; a validation failure of a batch says to split it and find the bad row. */
function finalError(loop, meta, failure, errors, attempt) {
    const c = failure.action === 'fail' && failure.errorClass === 'validation' && meta.items > 1
        ? { ...failure, action: 'split' }
        : failure;
    return new types/* MondayRequestFailedError */.lZ(loop.scrub(failureMessage(meta.kind, c, attempt)), c, errors, attempt);
}
/** Waits before the next attempt: an account-wide limit holds every request, anything else only this one. */
async function waitBeforeRetry(engine, meta, c, delay, attempt) {
    engine.metrics.retry(c.errorClass);
    engine.onEvent?.({
        type: 'retry',
        kind: meta.kind,
        errorClass: c.errorClass,
        attempt,
        delayMs: delay,
        ...(c.code ? { code: c.code } : {})
    });
    if (c.errorClass === 'concurrency' || c.errorClass === 'timeout')
        engine.scheduler.reduceConcurrency();
    if (LIMIT_CLASSES.includes(c.errorClass)) {
        engine.scheduler.pause(delay, c.errorClass);
        return;
    }
    const started = engine.clock.now();
    await engine.clock.sleep(delay, meta.signal);
    engine.metrics.throttle(c.errorClass, engine.clock.now() - started);
}
/**
 * [IDEM] "Do not reuse a key after a 429: that request was not processed." A refused request
 * created nothing, so a fresh key cannot duplicate it, while the old key might be answered from
 * the cache with the refusal again. But if an earlier attempt may have run unseen (timeout,
 * dropped connection, 5xx), only the original key protects against a duplicate: then the key is
 * kept and a replayed refusal costs at most a few retries.
 */
function rekeyIfRefused(engine, meta, c, state, attempt) {
    if (!c.notProcessed || !state.key || !meta.idempotencyKey || state.ambiguous)
        return;
    state.key = `${meta.idempotencyKey}-r${++state.rekeys}`;
    engine.onEvent?.({ type: 'rekey', kind: meta.kind, attempt });
}
/** Sends one request through the engine until it is answered or fails for good. */
async function executeRequest(loop, request, attempts = loop.maxAttempts) {
    const { engine } = loop;
    const { meta } = request;
    const prepared = withComplexity(request.document);
    const estimate = meta.estimatedComplexity ?? engine.costs.estimate(meta.kind, meta.items);
    refuseOverCap(meta, estimate, engine.limits.queryComplexityCap);
    const timer = new RetryTimer(loop.random, engine.timeScale);
    const state = { key: meta.idempotencyKey, rekeys: 0, ambiguous: false, conflicts: 0 };
    for (let attempt = 1;; attempt++) {
        const input = { ...request, document: prepared, estimate, idempotencyKey: state.key, attempt };
        const sentAt = engine.clock.now();
        const result = await runAttempt(engine, input);
        if (result.ok)
            return responseOf(result.parsed, prepared.injected);
        const c = result.failure;
        if (AMBIGUOUS.includes(c.errorClass))
            state.ambiguous = true;
        if (meta.cutIsUnknown === true && prepared.isMutation && CUT.includes(c.errorClass)) {
            await waitForCutWork(engine, meta, sentAt);
            throw finalError(loop, meta, { ...c, action: 'fail', unknownOutcome: true }, [], attempt);
        }
        // A conflict means our earlier attempt is still running: wait for it (up to the request
        // timeout twice over) without spending the attempts meant for failures.
        if (c.errorClass === 'idempotency_conflict' && ++state.conflicts <= 2 * MAX_CONFLICT_WAITS)
            attempt -= 1;
        const retryable = c.action === 'retry_after' || c.action === 'backoff';
        if (!retryable || attempt >= attempts)
            throw finalError(loop, meta, c, result.parsed?.allErrors ?? [], attempt);
        const backoff = timer.next(c.errorClass, c.retryInMs);
        const conflictFloorMs = engine.timeoutMs / MAX_CONFLICT_WAITS;
        const delay = c.errorClass === 'idempotency_conflict' ? Math.max(backoff, conflictFloorMs) : backoff;
        await waitBeforeRetry(engine, meta, c, delay, attempt);
        rekeyIfRefused(engine, meta, c, state, attempt);
    }
}

;// CONCATENATED MODULE: ./src/adapters/monday/client.ts
/** The default `MondayClient`: graphql-request transport, driven by the engine. */



/** Attempts per request for retryable errors, unless the options say otherwise. */
const DEFAULT_MAX_ATTEMPTS = 8;
/** A token shorter than this is not scrubbed from messages: it would mangle every one of them. */
const MIN_SCRUBBED_TOKEN = 8;
/**
 * The probe (a near-free query reporting the budget), sent once before the first request unless
 * the options turn it off; a failed probe is not an error, the budget is then learnt on the way.
 */
function probeOnce(loop, enabled) {
    let probing;
    const probe = async () => {
        const meta = { kind: 'probe', items: 0, estimatedComplexity: 10 };
        probing ??= executeRequest(loop, { document: PROBE_QUERY, variables: {}, meta, strict: true }, 1).then(() => undefined, () => undefined);
        return await probing;
    };
    const ready = async () => {
        if (enabled)
            await probe();
    };
    return { probe, ready };
}
/** Builds the client: one engine (budget, pacing, retries, breaker, batch sizes) for every request it sends. */
function createMondayClient(options) {
    const engine = createClientEngine(options);
    const { token } = options;
    const loop = {
        engine,
        random: options.random ?? Math.random,
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        scrub: text => (token.length >= MIN_SCRUBBED_TOKEN ? text.split(token).join('***') : text)
    };
    const { probe, ready } = probeOnce(loop, options.probe !== false);
    const request = async (document, variables, meta) => {
        await ready();
        return (await executeRequest(loop, { document, variables, meta, strict: true })).data;
    };
    const send = async (document, variables, meta) => {
        await ready();
        return await executeRequest(loop, { document, variables, meta, strict: false });
    };
    return {
        limits: engine.limits,
        send,
        request,
        suggestBatchSize: (kind, bounds) => engine.sizer.suggest(kind, bounds),
        serverTimeMs: kind => engine.times.p90(kind),
        inFlight: () => engine.scheduler.inFlight(),
        timeCap: kind => timeCap(engine.times, kind),
        pause: async (ms, signal) => await engine.clock.sleep(ms / engine.timeScale, signal),
        metrics: () => ({
            ...engine.metrics.snapshot(),
            serverTimes: engine.times.snapshot(),
            inFlight: engine.scheduler.inFlight()
        }),
        saveBreakerState: () => engine.breaker.save(),
        probe
    };
}


/***/ }),

/***/ 21488:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ isUnknownOutcome),
/* harmony export */   NB: () => (/* binding */ PLANS),
/* harmony export */   lZ: () => (/* binding */ MondayRequestFailedError),
/* harmony export */   zm: () => (/* binding */ isMondayApiError)
/* harmony export */ });
/* unused harmony export MondayApiError */
/** monday plans; each has its own default limits (API-FACTS.md, Rate limits). */
const PLANS = ['free', 'basic', 'standard', 'pro', 'enterprise'];
/** A request that failed as a whole after the engine's retries (or could not be retried). */
class MondayApiError extends Error {
    errorClass;
    details;
    name = 'MondayApiError';
    constructor(message, errorClass, details = {}, options) {
        super(message, options);
        this.errorClass = errorClass;
        this.details = details;
    }
}
const isMondayApiError = (e) => e instanceof MondayApiError;
/**
 * `MondayApiError` with the classifier's action and the GraphQL errors of the response, so the
 * caller knows whether to shrink, split or fail the rows. Still `isMondayApiError`.
 */
class MondayRequestFailedError extends MondayApiError {
    classified;
    errors;
    name = 'MondayRequestFailedError';
    constructor(message, classified, errors, attempts, options) {
        super(message, classified.errorClass, { code: classified.code, status: classified.status, retryInMs: classified.retryInMs, attempts }, options);
        this.classified = classified;
        this.errors = errors;
    }
    get action() {
        return this.classified.action;
    }
}
/** A cut mutation whose outcome the caller must reconcile before sending anything again. */
const isUnknownOutcome = (e) => e instanceof MondayRequestFailedError && e.classified.unknownOutcome === true;


/***/ }),

/***/ 21466:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Ej: () => (/* binding */ encodesRefAt),
/* harmony export */   c3: () => (/* binding */ parseSqlServerUrl),
/* harmony export */   o9: () => (/* binding */ withPassword),
/* harmony export */   yP: () => (/* binding */ passwordOfUrl)
/* harmony export */ });
/* unused harmony exports SQLSERVER_SCHEMES, isSqlServerUrl */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _redaction_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63580);


/**
 * Database URLs, parsed structurally rather than by `new URL`: SQL Server passwords often hold
 * `/ # ? @ : %`, and Azure SQL logins are `user@server`, all of which break a URL parser or a
 * pattern. The user name ends at the first `:` of the user info, the user info at the last `@`.
 */
const SQLSERVER_SCHEMES = ['mssql://', 'sqlserver://'];
const isSqlServerUrl = (url) => SQLSERVER_SCHEMES.some(s => url.startsWith(s));
/** Splits `scheme://userinfo@rest` at the last `@`; no `@` means no user info. */
function splitUserinfo(url) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url)?.[0] ?? '';
    const body = url.slice(scheme.length);
    const at = body.lastIndexOf('@');
    if (at < 0)
        return { scheme, rest: body };
    return { scheme, userinfo: body.slice(0, at), rest: body.slice(at + 1) };
}
/** Percent-decoding that fails with a ConfigError naming the part (never showing its value). */
function decodePart(value, part, setting) {
    try {
        return decodeURIComponent(value);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: the ${part} in the SQL Server URL has a % that is not followed by two hex digits; ` +
            'write % as %25, or give the password in database_password (DATABASE_PASSWORD, input database-password)', setting, { cause: e });
    }
}
const REST = /^(\[[^\]]+\]|[^:/?#[\]]+)(?::(\d{1,5}))?(?:\/([^?#]*))?(?:\?([^#]*))?$/;
/** Parses `mssql://user:password@host[:port|\instance]/database?options` into its parts. */
function parseSqlServerUrl(url, setting) {
    const { scheme, userinfo, rest } = splitUserinfo(url);
    if (!isSqlServerUrl(url))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: a SQL Server URL starts mssql:// or sqlserver://`, setting);
    let user;
    let password;
    if (userinfo !== undefined) {
        const colon = userinfo.indexOf(':');
        user = decodePart(colon < 0 ? userinfo : userinfo.slice(0, colon), 'user name', setting) || undefined;
        password = colon < 0 ? undefined : decodePart(userinfo.slice(colon + 1), 'password', setting);
        (0,_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(password);
    }
    const match = REST.exec(rest);
    if (!match) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: not a valid SQL Server URL: "${redactUrl(url)}" ` +
            '(mssql://user:password@host:port/database?encrypt=true, or host\\instance for a named instance)', setting);
    }
    const [, host = '', port, path, query] = match;
    const options = new Map();
    for (const pair of (query ?? '').split('&').filter(Boolean)) {
        const eq = pair.indexOf('=');
        const name = decodePart(eq < 0 ? pair : pair.slice(0, eq), 'option name', setting).toLowerCase();
        options.set(name, decodePart(eq < 0 ? '' : pair.slice(eq + 1), `option ${name}`, setting));
    }
    return {
        scheme,
        user,
        password,
        host: decodePart(host, 'host', setting),
        ...(port ? { port: Number(port) } : {}),
        database: path ? decodePart(path, 'database name', setting) || undefined : undefined,
        options
    };
}
/**
 * The URL with its password masked, structurally (so `user@server` logins and passwords with
 * `@ : / #` are masked whole), then by value (every registered secret), for logs and messages.
 */
function redactUrl(url) {
    let text = url;
    const { scheme, userinfo, rest } = splitUserinfo(url);
    if (scheme && userinfo !== undefined) {
        const colon = userinfo.indexOf(':');
        text = colon < 0 ? url : `${scheme}${userinfo.slice(0, colon)}:${_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .MASK */ .v5}@${rest}`;
    }
    return (0,_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .redact */ .E$)(text.replace(/(password|pwd)=([^;&]*)/gi, `$1=${_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .MASK */ .v5}`));
}
/** The password a database URL holds (decoded), for masking; undefined when it holds none. */
function passwordOfUrl(url) {
    const { scheme, userinfo } = splitUserinfo(url);
    if (scheme) {
        const colon = userinfo?.indexOf(':') ?? -1;
        if (userinfo === undefined || colon < 0)
            return undefined;
        const raw = userinfo.slice(colon + 1);
        try {
            return decodeURIComponent(raw);
        }
        catch {
            return raw;
        }
    }
    return /(?:password|pwd)=([^;&]*)/i.exec(url)?.[1];
}
/**
 * Puts a password given on its own (database_password, DATABASE_PASSWORD, input
 * database-password) into a SQL Server URL, percent-encoded. A URL that holds a password already
 * is refused (which one would win is a guess); a SQLite URL needs none and is returned as is.
 */
function withPassword(url, password, settings) {
    if (!password || !isSqlServerUrl(url))
        return url;
    (0,_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)(password);
    const { scheme, userinfo, rest } = splitUserinfo(url);
    if (userinfo === undefined || userinfo.startsWith(':') || userinfo === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${settings}: the SQL Server URL names no user for the password (mssql://USER@host/database)`, settings);
    }
    if (userinfo.includes(':')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${settings}: the password is given twice, in the URL and on its own; remove it from the URL`, settings);
    }
    return `${scheme}${userinfo}:${encodeURIComponent(password)}@${rest}`;
}
/**
 * Whether a `${NAME}` reference at `offset` of a database URL template is substituted
 * percent-encoded: inside a SQL Server URL after its scheme (a password with `@ / # ? %` then
 * survives), but not a whole URL from one variable, nor a SQLite path.
 */
function encodesRefAt(template, offset) {
    return isSqlServerUrl(template) && offset >= template.indexOf('://') + 3;
}


/***/ }),

/***/ 86739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ quoteIdentifier),
/* harmony export */   K: () => (/* binding */ checkIdentifier)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

/**
 * Identifiers from configuration are checked against this pattern before they are quoted, so
 * nothing but a plain name (optionally schema-qualified) can reach a statement.
 */
const PART = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** Throws a ConfigError naming `setting` unless `name` is `part` or `schema.part`. */
function checkIdentifier(name, setting) {
    const parts = name.split('.');
    if (parts.length > 2 || !parts.every(part => PART.test(part))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: "${name}" is not a valid SQL identifier (letters, digits and _, optionally schema.name)`, setting);
    }
    return name;
}
/** Quotes a checked identifier: "a"."b" for SQLite, [a].[b] for SQL Server. */
function quoteIdentifier(name, dialect) {
    checkIdentifier(name, 'identifier');
    return name
        .split('.')
        .map(part => (dialect === 'mssql' ? `[${part}]` : `"${part}"`))
        .join('.');
}


/***/ }),

/***/ 25319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* reexport safe */ _database_url_js__WEBPACK_IMPORTED_MODULE_1__.BO),
/* harmony export */   q: () => (/* binding */ openDatabase)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _database_url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(21466);



/**
 * Opens a database from a URL: `sqlite:<path>` (or `sqlite::memory:`) for the embedded default,
 * `mssql://user:password@host:port/database?encrypt=true` for SQL Server.
 */
async function openDatabase(url, setting = 'database-url', options = {}) {
    if (url.startsWith('sqlite:')) {
        const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
        if (!path)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: sqlite URL has no path (use sqlite:./data.db)`, setting);
        // Drivers load when a database is opened, so the CLI's --help runs on a Node without node:sqlite.
        const { SqliteDatabase } = await __webpack_require__.e(/* import() */ 31).then(__webpack_require__.bind(__webpack_require__, 74031));
        return SqliteDatabase.open(path);
    }
    if (url.startsWith('mssql://') || url.startsWith('sqlserver://')) {
        const { MssqlDatabase } = await Promise.all(/* import() */[__webpack_require__.e(271), __webpack_require__.e(317)]).then(__webpack_require__.bind(__webpack_require__, 48317));
        return MssqlDatabase.connect(url, setting, options);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: expected a URL starting sqlite: or mssql://, got "${(0,_database_url_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrl */ .BO)(url)}"`, setting);
}


/***/ }),

/***/ 75669:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N1: () => (/* binding */ resolveDatabaseUrl),
/* harmony export */   lB: () => (/* binding */ DATABASE_URL_VARIABLE),
/* harmony export */   sy: () => (/* binding */ chooseDatabaseUrl)
/* harmony export */ });
/* unused harmony export DATABASE_PASSWORD_VARIABLE */
/* harmony import */ var _adapters_sql_database_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(21466);
/* harmony import */ var _redaction_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63580);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8670);



/** The variable that overrides every configured database URL (CLI), as the input `database-url` does. */
const DATABASE_URL_VARIABLE = 'DATABASE_URL';
/** The variable holding the database password on its own, as the input `database-password` does. */
const DATABASE_PASSWORD_VARIABLE = 'DATABASE_PASSWORD';
/**
 * Resolves `${NAME}` references of a `database_url`: inside a SQL Server URL each value is
 * percent-encoded, so a password with `@ / # ? % :` reaches the server as it is.
 */
function resolveDatabaseUrl(template, key, env) {
    return (0,_refs_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveRefs */ .F)(template, key, env, (value, offset) => (0,_adapters_sql_database_url_js__WEBPACK_IMPORTED_MODULE_0__/* .encodesRefAt */ .Ej)(template, offset) ? encodeURIComponent(value) : value);
}
/**
 * The database URL of a run: DATABASE_URL, else the configuration's `database_url`, else the
 * fallback; with DATABASE_PASSWORD (or, for the configuration's URL, its `database_password`)
 * put in percent-encoded. Every password met is registered as a secret.
 */
function chooseDatabaseUrl(options) {
    const { env, file } = options;
    const fromEnv = env[DATABASE_URL_VARIABLE] || undefined;
    const url = fromEnv ?? file?.url ?? options.fallback;
    const password = env[DATABASE_PASSWORD_VARIABLE] || (fromEnv ? undefined : file?.password);
    const urlSetting = fromEnv ? DATABASE_URL_VARIABLE : file?.url ? `${file.at}.database_url` : 'the default URL';
    const passwordSetting = env[DATABASE_PASSWORD_VARIABLE]
        ? DATABASE_PASSWORD_VARIABLE
        : `${file?.at ?? 'environment'}.database_password`;
    (0,_redaction_js__WEBPACK_IMPORTED_MODULE_1__/* .addSecret */ .Ck)((0,_adapters_sql_database_url_js__WEBPACK_IMPORTED_MODULE_0__/* .passwordOfUrl */ .yP)(url));
    return (0,_adapters_sql_database_url_js__WEBPACK_IMPORTED_MODULE_0__/* .withPassword */ .o9)(url, password, `${urlSetting} with ${passwordSetting}`);
}


/***/ }),

/***/ 61036:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AP: () => (/* binding */ checkColumnId),
/* harmony export */   e1: () => (/* binding */ configIssue),
/* harmony export */   mw: () => (/* binding */ loadSyncConfig)
/* harmony export */ });
/* unused harmony exports ENVIRONMENT_VARIABLE, parseSyncConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var smol_toml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3292);
/* harmony import */ var _adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86739);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _database_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(75669);
/* harmony import */ var _refs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8670);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(90131);







/** Where the environment name comes from when `--environment` is not given. */
const ENVIRONMENT_VARIABLE = 'MONDAY_SYNC_ENV';
/** Reads and validates a sync configuration file for one environment. */
function loadSyncConfig(path, options = {}) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`--config: cannot read ${path}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(e)}`, '--config', { cause: e });
    }
    return parseSyncConfig(text, path, options);
}
/** Validates the text of a configuration file; `file` names it in messages. */
function parseSyncConfig(text, file, options = {}) {
    let doc;
    try {
        doc = (0,smol_toml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(text);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${file}: not valid TOML: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .messageOf */ .bD)(e)}`, file, { cause: e });
    }
    const result = _schema_js__WEBPACK_IMPORTED_MODULE_6__/* .fileSchema */ .Mz.safeParse(doc);
    if (!result.success)
        throw configIssue(file, result.error.issues[0]);
    const data = result.data;
    checkIdentifiers(data);
    checkColumns(data);
    checkStates(file, data.source.states);
    const env = options.env ?? process.env;
    const environment = chooseEnvironment(data, file, options.environment ?? env[ENVIRONMENT_VARIABLE]);
    const section = data.environments[environment];
    const at = `environments.${environment}`;
    const boardId = (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveRefs */ .F)(section.board_id, `${at}.board_id`, env);
    if (!/^\d+$/.test(boardId)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${file}: ${at}.board_id: "${boardId}" is not a monday board id (digits only)`, `${at}.board_id`);
    }
    const { orders, lines, states } = data.source;
    return {
        file,
        environment,
        boardId,
        databaseUrl: section.database_url && (0,_database_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveDatabaseUrl */ .N1)(section.database_url, `${at}.database_url`, env),
        databasePassword: section.database_password && (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveRefs */ .F)(section.database_password, `${at}.database_password`, env),
        apiVersion: section.api_version && (0,_refs_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveRefs */ .F)(section.api_version, `${at}.api_version`, env),
        plan: section.plan,
        orders: table(orders),
        lines: { ...table(lines), parentKey: lines.parent_key },
        states: {
            pending: states.pending,
            inProgress: states.in_progress,
            synced: states.synced,
            failed: states.failed,
            ...(states.removed ? { removed: states.removed } : {}),
            archived: states.archived
        },
        deletedItems: data.mapping.deleted_items,
        items: {
            itemName: data.mapping.item_name,
            group: data.mapping.group,
            syncKeyColumn: data.mapping.sync_key_column,
            columns: data.mapping.columns.map(column)
        },
        subitems: {
            itemName: data.mapping.subitems.item_name,
            syncKeyColumn: data.mapping.subitems.sync_key_column,
            columns: data.mapping.subitems.columns.map(column)
        },
        batch: {
            itemMode: data.batch.item_mode,
            minBatchSize: data.batch.batch_size_min,
            maxBatchSize: data.batch.batch_size_max,
            concurrency: data.batch.concurrency,
            checkpointEveryBatches: data.batch.checkpoint_interval,
            pageSize: data.batch.page_size
        }
    };
}
const table = (t) => ({
    table: t.table,
    key: t.key,
    stateColumn: t.state_column,
    itemIdColumn: t.item_id_column,
    errorColumn: t.error_column
});
const column = (c) => ({
    columnId: c.column_id,
    source: c.source,
    type: c.type,
    createLabelsIfMissing: c.create_labels_if_missing
});
/** A zod issue as a ConfigError naming the key and the fix (the sync's and the board registry's). */
function configIssue(file, issue) {
    const key = (issue?.path ?? []).map(p => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
    const shown = key.replace(/\.\[/g, '[') || '(top level)';
    let fix = issue?.message ?? 'invalid';
    if (issue?.code === 'invalid_type' && /received undefined/.test(issue.message))
        fix = 'is required; add it';
    else if (issue?.code === 'unrecognized_keys')
        fix = `unknown key(s) ${issue.keys.join(', ')}; remove or correct them`;
    else if (issue?.code === 'invalid_value')
        fix = `${issue.message}`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${file}: ${shown}: ${fix}`, shown);
}
function checkIdentifiers(data) {
    const { orders, lines } = data.source;
    for (const [prefix, t] of [
        ['source.orders', orders],
        ['source.lines', lines]
    ]) {
        for (const [k, v] of Object.entries(t))
            (0,_adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .checkIdentifier */ .K)(v, `${prefix}.${k}`);
    }
    (0,_adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .checkIdentifier */ .K)(data.mapping.item_name, 'mapping.item_name');
    if (data.mapping.group)
        (0,_adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .checkIdentifier */ .K)(data.mapping.group, 'mapping.group');
    (0,_adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .checkIdentifier */ .K)(data.mapping.subitems.item_name, 'mapping.subitems.item_name');
    data.mapping.columns.forEach((c, i) => (0,_adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .checkIdentifier */ .K)(c.source, `mapping.columns[${i}].source`));
    data.mapping.subitems.columns.forEach((c, i) => (0,_adapters_sql_identifiers_js__WEBPACK_IMPORTED_MODULE_2__/* .checkIdentifier */ .K)(c.source, `mapping.subitems.columns[${i}].source`));
}
/** monday column ids: lower-case letters, digits and _; no column mapped twice or onto the sync key. */
function checkColumns(data) {
    const boards = [
        ['mapping', data.mapping],
        ['mapping.subitems', data.mapping.subitems]
    ];
    for (const [prefix, m] of boards) {
        const seen = new Set([m.sync_key_column]);
        checkColumnId(m.sync_key_column, `${prefix}.sync_key_column`);
        m.columns.forEach((c, i) => {
            const key = `${prefix}.columns[${i}].column_id`;
            checkColumnId(c.column_id, key);
            if (seen.has(c.column_id)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${key}: column "${c.column_id}" is mapped twice (or is the sync key column)`, key);
            }
            seen.add(c.column_id);
        });
    }
}
/** Each state means one thing: a value used for two of them would make rows ambiguous. */
function checkStates(file, states) {
    const seen = new Map();
    const named = [
        ...states.pending.map((p, i) => [`pending[${i}]`, p]),
        ['in_progress', states.in_progress],
        ['synced', states.synced],
        ['failed', states.failed],
        ['removed', states.removed],
        ...(states.removed ? [['archived', states.archived]] : [])
    ];
    for (const [key, value] of named) {
        if (value === undefined)
            continue;
        const other = seen.get(value);
        if (other) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${file}: source.states.${key}: "${value}" is also source.states.${other}; each state needs its own value`, `source.states.${key}`);
        }
        seen.set(value, key);
    }
}
function checkColumnId(id, key) {
    if (!/^[A-Za-z0-9_]{1,64}$/.test(id)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${key}: "${id}" is not a monday column id (letters, digits and _)`, key);
    }
}
function chooseEnvironment(data, file, wanted) {
    const names = Object.keys(data.environments);
    const name = wanted || data.default_environment || (names.length === 1 ? names[0] : 'development');
    if (!name || !data.environments[name]) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigError */ .xL(`${file}: no [environments.${name ?? ''}] section (have: ${names.join(', ') || 'none'}); ` +
            `pick one with --environment or ${ENVIRONMENT_VARIABLE}`, `environments.${name ?? ''}`);
    }
    return name;
}


/***/ }),

/***/ 8670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ resolveRefs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

/**
 * Replaces `${NAME}` with the environment variable; a missing one names the key and the variable.
 * `encode` (the value and the reference's offset in `value`) may transform what is substituted.
 */
function resolveRefs(value, key, env, encode = resolved => resolved) {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable, offset) => {
        const resolved = env[variable];
        if (resolved === undefined || resolved === '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${key}: environment variable ${variable} is not set (set it, or write the value)`, key);
        }
        return encode(resolved, offset);
    });
}


/***/ }),

/***/ 90131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H9: () => (/* binding */ ITEM_MODES),
/* harmony export */   Mz: () => (/* binding */ fileSchema)
/* harmony export */ });
/* unused harmony exports MONDAY_COLUMN_TYPES, PLAN_NAMES, environmentSchema, DELETED_ITEM_ACTIONS */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38816);
/**
 * The TOML configuration of a sync pipeline (keys as in the file). `load.ts` validates a parsed
 * document against these schemas and turns the result into `SyncConfig`.
 */

/** monday column types the sync can write (API-FACTS.md, Writing items). */
const MONDAY_COLUMN_TYPES = ['text', 'numbers', 'status', 'dropdown', 'date', 'long_text', 'people'];
/** Item modes of DEVELOPERS.md: one item per request, aliased batches, aliased batches in flight. */
const ITEM_MODES = ['single', 'batch', 'asyncBatch'];
const PLAN_NAMES = ['free', 'basic', 'standard', 'pro', 'enterprise'];
const name = zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1);
/** Board ids are digits; a number in TOML is accepted too. */
const idOrRef = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive()]).transform(v => String(v));
const environmentSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    board_id: idOrRef,
    database_url: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional(),
    /** The database password on its own (usually `${DB_PASSWORD}`), so it never has to live in the URL. */
    database_password: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional(),
    api_version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1).optional(),
    plan: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(PLAN_NAMES).optional()
});
const tableSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    table: name,
    key: name,
    state_column: name,
    item_id_column: name,
    error_column: name
});
const statesSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    pending: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(name).min(1).default(['NEW', 'PENDING']),
    in_progress: name.default('SYNCING'),
    synced: name.default('SYNCED'),
    failed: name.default('FAILED'),
    /** Rows in this state have their item archived (optional: without it, nothing is archived). */
    removed: name.optional(),
    /** The state a removed row ends in once its item is archived. */
    archived: name.default('ARCHIVED')
});
/** What an update does when the row's item no longer exists on monday (deleted). */
const DELETED_ITEM_ACTIONS = ['recreate', 'fail'];
const columnSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    column_id: name,
    source: name,
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(MONDAY_COLUMN_TYPES),
    create_labels_if_missing: zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY().default(false)
});
const subitemMappingSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    item_name: name,
    sync_key_column: name,
    columns: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(columnSchema).default([])
});
const mappingSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    item_name: name,
    group: name.optional(),
    sync_key_column: name,
    columns: zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(columnSchema).default([]),
    /** An update whose item was deleted on monday: create it again (default) or fail the row. */
    deleted_items: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(DELETED_ITEM_ACTIONS).default('recreate'),
    subitems: subitemMappingSchema
});
const batchSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    item_mode: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(ITEM_MODES).default('asyncBatch'),
    batch_size_min: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(100).default(5),
    batch_size_max: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(100).default(50),
    concurrency: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(250).default(8),
    checkpoint_interval: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).default(20),
    page_size: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(1).max(5000).default(500)
})
    .refine(b => b.batch_size_min <= b.batch_size_max, {
    message: 'batch_size_min must not exceed batch_size_max',
    path: ['batch_size_min']
});
const fileSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
    default_environment: name.optional(),
    environments: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), environmentSchema),
    source: zod__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        orders: tableSchema,
        lines: tableSchema.extend({ parent_key: name }),
        states: statesSchema.default({
            pending: ['NEW', 'PENDING'],
            in_progress: 'SYNCING',
            synced: 'SYNCED',
            failed: 'FAILED',
            archived: 'ARCHIVED'
        })
    }),
    mapping: mappingSchema,
    batch: batchSchema.default({
        item_mode: 'asyncBatch',
        batch_size_min: 5,
        batch_size_max: 50,
        concurrency: 8,
        checkpoint_interval: 20,
        page_size: 500
    }),
    /** Other pipelines' sections (load-board and its board registry) live in the same file. */
    load_board: zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J().optional(),
    boards: zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J().optional()
});


/***/ }),

/***/ 40694:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sA: () => (/* binding */ backoffFor)
/* harmony export */ });
/* unused harmony exports BACKOFF_SHAPES, maxDelayFor */
/* harmony import */ var cockatiel__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(94755);

/**
 * Per-class shapes (issue 4): rate limits exponential up to 60 s, network ×1.5 up to 10 s,
 * server errors ×2 up to 30 s, timeouts ×1.2 up to 5 s. Durations are monday seconds; the client
 * divides them by its time scale.
 */
const BACKOFF_SHAPES = {
    rate_limit: { initialMs: 1_000, exponent: 2, maxMs: 60_000 },
    complexity: { initialMs: 1_000, exponent: 2, maxMs: 60_000 },
    concurrency: { initialMs: 500, exponent: 2, maxMs: 60_000 },
    network: { initialMs: 500, exponent: 1.5, maxMs: 10_000 },
    server: { initialMs: 1_000, exponent: 2, maxMs: 30_000 },
    locked: { initialMs: 1_000, exponent: 2, maxMs: 30_000 },
    idempotency_conflict: { initialMs: 1_000, exponent: 2, maxMs: 30_000 },
    timeout: { initialMs: 1_000, exponent: 1.2, maxMs: 5_000 }
};
const FALLBACK = { initialMs: 1_000, exponent: 2, maxMs: 30_000 };
/**
 * "Equal jitter": the n-th raw delay is min(max, initial × exponent^n); the delay drawn is in
 * [raw / 2, raw), so retries of several jobs spread out but never collapse to zero.
 */
function equalJitter(random) {
    return (attempt = 0, options) => {
        const raw = Math.min(options.maxDelay, options.initialDelay * options.exponent ** attempt);
        return [raw / 2 + (raw / 2) * random(), attempt + 1];
    };
}
/** A fresh backoff (cockatiel `IBackoff`) for `errorClass`, jittered by `random`, scaled by `1/timeScale`. */
function backoffFor(errorClass, random, timeScale = 1) {
    const shape = BACKOFF_SHAPES[errorClass] ?? FALLBACK;
    return new cockatiel__WEBPACK_IMPORTED_MODULE_0__/* .ExponentialBackoff */ ._({
        generator: equalJitter(random),
        initialDelay: shape.initialMs / timeScale,
        exponent: shape.exponent,
        maxDelay: shape.maxMs / timeScale
    }).next();
}
/** The ceiling of `errorClass`'s delays in milliseconds (scaled). */
function maxDelayFor(errorClass, timeScale = 1) {
    return (BACKOFF_SHAPES[errorClass] ?? FALLBACK).maxMs / timeScale;
}


/***/ }),

/***/ 43124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/* unused harmony export seededRandom */
/** The real clock. */
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    })
};
/** A seeded `Random` (mulberry32): the same seed gives the same sequence. */
function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}


/***/ }),

/***/ 37100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ limitsFor)
/* harmony export */ });
/* unused harmony export PLAN_LIMITS */
const QUERY_CAP = 5_000_000;
/**
 * Per-plan defaults [RL]: personal tokens get 10M points per minute (1M on free/trial); requests
 * per minute Enterprise 5,000, Pro 2,500, others 1,000; concurrency Enterprise 250, Pro 100,
 * others 40.
 */
const PLAN_LIMITS = {
    free: {
        complexityPerMinute: 1_000_000,
        queryComplexityCap: QUERY_CAP,
        requestsPerMinute: 1_000,
        concurrency: 40,
        windowSeconds: 60
    },
    basic: {
        complexityPerMinute: 10_000_000,
        queryComplexityCap: QUERY_CAP,
        requestsPerMinute: 1_000,
        concurrency: 40,
        windowSeconds: 60
    },
    standard: {
        complexityPerMinute: 10_000_000,
        queryComplexityCap: QUERY_CAP,
        requestsPerMinute: 1_000,
        concurrency: 40,
        windowSeconds: 60
    },
    pro: {
        complexityPerMinute: 10_000_000,
        queryComplexityCap: QUERY_CAP,
        requestsPerMinute: 2_500,
        concurrency: 100,
        windowSeconds: 60
    },
    enterprise: {
        complexityPerMinute: 10_000_000,
        queryComplexityCap: QUERY_CAP,
        requestsPerMinute: 5_000,
        concurrency: 250,
        windowSeconds: 60
    }
};
/** The plan's limits with overrides applied. */
function limitsFor(plan = 'pro', overrides = {}) {
    return { ...PLAN_LIMITS[plan], ...overrides };
}


/***/ }),

/***/ 85060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ ASSUMED_OPERATION_MS),
/* harmony export */   y: () => (/* binding */ ServerTimes)
/* harmony export */ });
/**
 * Server time per operation, learnt per request kind from what monday answers. monday runs a
 * mutation's aliased fields one after another (API-FACTS.md "Time"), so a request of n operations
 * takes about n times one operation: the batch size that keeps a request well inside the 60 s
 * timeout, and the requests in flight that reach a target rate, both follow from this figure.
 */
/** Emulated (monday) milliseconds per operation assumed until a kind has been measured (API-FACTS.md "Time", p90). */
const ASSUMED_OPERATION_MS = {
    create_item: 1_100,
    create_subitem: 4_400,
    create_group: 1_100,
    change_multiple_column_values: 450,
    change_simple_column_value: 450,
    change_column_value: 450,
    archive_item: 450,
    delete_item: 450,
    move_item_to_group: 450
};
/** Samples kept per kind: enough for a p90, few enough to follow a change. */
const WINDOW = 40;
class ServerTimes {
    timeScale;
    byKind = new Map();
    /** `timeScale`: monday milliseconds per clock millisecond. */
    constructor(timeScale = 1) {
        this.timeScale = timeScale;
    }
    /** Takes in one answered request of `items` operations that took `latencyMs` clock milliseconds. */
    observe(kind, items, latencyMs) {
        if (items < 1 || !(latencyMs >= 0))
            return;
        const list = this.byKind.get(kind) ?? [];
        list.push((latencyMs * this.timeScale) / items);
        if (list.length > WINDOW)
            list.shift();
        this.byKind.set(kind, list);
    }
    /** p90 per operation in monday ms: measured, else assumed for known mutations, else undefined. */
    p90(kind) {
        return this.measuredP90(kind) ?? ASSUMED_OPERATION_MS[kind];
    }
    /** p90 per operation in monday ms once a kind has been measured (three requests), else undefined. */
    measuredP90(kind) {
        const list = this.byKind.get(kind);
        return list !== undefined && list.length >= 3 ? quantile(list, 0.9) : undefined;
    }
    /** Mean request time of a kind's last requests in clock ms for `items` operations, if known. */
    requestMs(kind, items) {
        const list = this.byKind.get(kind);
        const per = list !== undefined && list.length > 0 ? list.reduce((a, b) => a + b, 0) / list.length : ASSUMED_OPERATION_MS[kind];
        return per === undefined ? undefined : (per * items) / this.timeScale;
    }
    /** What was learnt, per kind, for metrics and reports. */
    snapshot() {
        const out = {};
        for (const [kind, list] of this.byKind) {
            if (list.length === 0)
                continue;
            out[kind] = {
                samples: list.length,
                p50Ms: Math.round(quantile(list, 0.5)),
                p90Ms: Math.round(quantile(list, 0.9))
            };
        }
        return out;
    }
}
function quantile(values, q) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}


/***/ }),

/***/ 35120:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A6: () => (/* binding */ LoadBoardCountsDocument),
/* harmony export */   A9: () => (/* binding */ SyncCreateGroupDocument),
/* harmony export */   CF: () => (/* binding */ SyncFindSubitemsDocument),
/* harmony export */   Iv: () => (/* binding */ LoadBoardItemsDocument),
/* harmony export */   O8: () => (/* binding */ SyncMoveItemsDocument),
/* harmony export */   Um: () => (/* binding */ LoadBoardItemsWithSubitemsDocument),
/* harmony export */   Un: () => (/* binding */ SyncUpdateItemsDocument),
/* harmony export */   Wo: () => (/* binding */ LoadBoardNextPageDocument),
/* harmony export */   dy: () => (/* binding */ MondaySyncProbeDocument),
/* harmony export */   f9: () => (/* binding */ LoadBoardFirstPageDocument),
/* harmony export */   fi: () => (/* binding */ SyncCreateItemsDocument),
/* harmony export */   gG: () => (/* binding */ LoadBoardGroupFirstPageDocument),
/* harmony export */   jo: () => (/* binding */ LoadBoardColumnsDocument),
/* harmony export */   kf: () => (/* binding */ SyncItemGroupsDocument),
/* harmony export */   le: () => (/* binding */ SyncSubitemBoardMetaDocument),
/* harmony export */   oK: () => (/* binding */ SyncBoardMetaDocument),
/* harmony export */   ri: () => (/* binding */ SyncFindItemsNextDocument),
/* harmony export */   tI: () => (/* binding */ SyncArchiveItemsDocument),
/* harmony export */   uB: () => (/* binding */ SyncFindItemsDocument),
/* harmony export */   xg: () => (/* binding */ SyncCreateSubitemsDocument),
/* harmony export */   yi: () => (/* binding */ MondaySyncComplexityFragmentDoc)
/* harmony export */ });
/* unused harmony exports TypedDocumentString, LoadBoardItemHeadFragmentDoc, LoadBoardPlainValueFragmentDoc, LoadBoardColumnValueFragmentDoc, LoadBoardItemValuesFragmentDoc, LoadBoardItemFieldsFragmentDoc, SyncKeyedItemFragmentDoc */
class TypedDocumentString extends String {
    __apiType;
    value;
    __meta__;
    constructor(value, __meta__) {
        super(value);
        this.value = value;
        this.__meta__ = __meta__;
    }
    toString() {
        return this.value;
    }
}
const MondaySyncComplexityFragmentDoc = new TypedDocumentString(`
    fragment MondaySyncComplexity on Complexity {
  before
  after
  query
  reset_in_x_seconds
}
    `, { fragmentName: 'MondaySyncComplexity' });
const LoadBoardItemHeadFragmentDoc = new TypedDocumentString(`
    fragment LoadBoardItemHead on Item {
  id
  name
  state
  created_at
  updated_at
  board {
    id
  }
  group {
    id
    title
  }
}
    `, { fragmentName: 'LoadBoardItemHead' });
const LoadBoardPlainValueFragmentDoc = new TypedDocumentString(`
    fragment LoadBoardPlainValue on ColumnValue {
  id
  type
  text
  value
}
    `, { fragmentName: 'LoadBoardPlainValue' });
const LoadBoardColumnValueFragmentDoc = new TypedDocumentString(`
    fragment LoadBoardColumnValue on ColumnValue {
  ...LoadBoardPlainValue
  ... on BoardRelationValue {
    linked_item_ids
    display_value
  }
  ... on MirrorValue {
    display_value
  }
  ... on FormulaValue {
    display_value
  }
}
    fragment LoadBoardPlainValue on ColumnValue {
  id
  type
  text
  value
}`, { fragmentName: 'LoadBoardColumnValue' });
const LoadBoardItemValuesFragmentDoc = new TypedDocumentString(`
    fragment LoadBoardItemValues on Item {
  ...LoadBoardItemHead
  column_values(ids: $columns) {
    ...LoadBoardPlainValue
  }
  shown_values: column_values(ids: $shown) {
    ...LoadBoardColumnValue
  }
}
    fragment LoadBoardPlainValue on ColumnValue {
  id
  type
  text
  value
}
fragment LoadBoardItemHead on Item {
  id
  name
  state
  created_at
  updated_at
  board {
    id
  }
  group {
    id
    title
  }
}
fragment LoadBoardColumnValue on ColumnValue {
  ...LoadBoardPlainValue
  ... on BoardRelationValue {
    linked_item_ids
    display_value
  }
  ... on MirrorValue {
    display_value
  }
  ... on FormulaValue {
    display_value
  }
}`, { fragmentName: 'LoadBoardItemValues' });
const LoadBoardItemFieldsFragmentDoc = new TypedDocumentString(`
    fragment LoadBoardItemFields on Item {
  ...LoadBoardItemHead
  column_values {
    ...LoadBoardColumnValue
  }
}
    fragment LoadBoardPlainValue on ColumnValue {
  id
  type
  text
  value
}
fragment LoadBoardItemHead on Item {
  id
  name
  state
  created_at
  updated_at
  board {
    id
  }
  group {
    id
    title
  }
}
fragment LoadBoardColumnValue on ColumnValue {
  ...LoadBoardPlainValue
  ... on BoardRelationValue {
    linked_item_ids
    display_value
  }
  ... on MirrorValue {
    display_value
  }
  ... on FormulaValue {
    display_value
  }
}`, { fragmentName: 'LoadBoardItemFields' });
const SyncKeyedItemFragmentDoc = new TypedDocumentString(`
    fragment SyncKeyedItem on Item {
  id
  column_values(ids: [$column]) {
    id
    text
  }
}
    `, { fragmentName: 'SyncKeyedItem' });
const MondaySyncProbeDocument = new TypedDocumentString(`
    query MondaySyncProbe {
  complexity {
    before
    after
    query
    reset_in_x_seconds
  }
}
    `);
const LoadBoardColumnsDocument = new TypedDocumentString(`
    query LoadBoardColumns($board: [ID!]) {
  boards(ids: $board) {
    id
    name
    columns {
      id
      title
      type
      settings_str
    }
  }
}
    `);
const LoadBoardItemsDocument = new TypedDocumentString(`
    query LoadBoardItems($ids: [ID!], $limit: Int, $columns: [String!], $shown: [String!]) {
  items(ids: $ids, limit: $limit) {
    ...LoadBoardItemValues
  }
}
    fragment LoadBoardItemValues on Item {
  ...LoadBoardItemHead
  column_values(ids: $columns) {
    ...LoadBoardPlainValue
  }
  shown_values: column_values(ids: $shown) {
    ...LoadBoardColumnValue
  }
}
fragment LoadBoardPlainValue on ColumnValue {
  id
  type
  text
  value
}
fragment LoadBoardItemHead on Item {
  id
  name
  state
  created_at
  updated_at
  board {
    id
  }
  group {
    id
    title
  }
}
fragment LoadBoardColumnValue on ColumnValue {
  ...LoadBoardPlainValue
  ... on BoardRelationValue {
    linked_item_ids
    display_value
  }
  ... on MirrorValue {
    display_value
  }
  ... on FormulaValue {
    display_value
  }
}`);
const LoadBoardItemsWithSubitemsDocument = new TypedDocumentString(`
    query LoadBoardItemsWithSubitems($ids: [ID!], $limit: Int, $columns: [String!], $shown: [String!], $subitemColumns: [String!], $subitemShown: [String!]) {
  items(ids: $ids, limit: $limit) {
    ...LoadBoardItemValues
    subitems {
      ...LoadBoardItemHead
      column_values(ids: $subitemColumns) {
        ...LoadBoardPlainValue
      }
      shown_values: column_values(ids: $subitemShown) {
        ...LoadBoardColumnValue
      }
    }
  }
}
    fragment LoadBoardItemValues on Item {
  ...LoadBoardItemHead
  column_values(ids: $columns) {
    ...LoadBoardPlainValue
  }
  shown_values: column_values(ids: $shown) {
    ...LoadBoardColumnValue
  }
}
fragment LoadBoardPlainValue on ColumnValue {
  id
  type
  text
  value
}
fragment LoadBoardItemHead on Item {
  id
  name
  state
  created_at
  updated_at
  board {
    id
  }
  group {
    id
    title
  }
}
fragment LoadBoardColumnValue on ColumnValue {
  ...LoadBoardPlainValue
  ... on BoardRelationValue {
    linked_item_ids
    display_value
  }
  ... on MirrorValue {
    display_value
  }
  ... on FormulaValue {
    display_value
  }
}`);
const LoadBoardFirstPageDocument = new TypedDocumentString(`
    query LoadBoardFirstPage($board: [ID!], $limit: Int!) {
  boards(ids: $board) {
    id
    items_count
    groups {
      id
    }
    items_page(limit: $limit) {
      cursor
      items {
        id
      }
    }
  }
}
    `);
const LoadBoardGroupFirstPageDocument = new TypedDocumentString(`
    query LoadBoardGroupFirstPage($board: [ID!], $group: [String], $limit: Int!) {
  boards(ids: $board) {
    groups(ids: $group) {
      id
      items_page(limit: $limit) {
        cursor
        items {
          id
        }
      }
    }
  }
}
    `);
const LoadBoardNextPageDocument = new TypedDocumentString(`
    query LoadBoardNextPage($cursor: String!, $limit: Int!) {
  next_items_page(cursor: $cursor, limit: $limit) {
    cursor
    items {
      id
    }
  }
}
    `);
const LoadBoardCountsDocument = new TypedDocumentString(`
    query LoadBoardCounts($boards: [ID!], $limit: Int) {
  boards(ids: $boards, limit: $limit) {
    id
    items_count
  }
}
    `);
const SyncArchiveItemsDocument = new TypedDocumentString(`
    mutation SyncArchiveItems($i: ID!) {
  a: archive_item(item_id: $i) {
    id
  }
}
    `);
const SyncBoardMetaDocument = new TypedDocumentString(`
    query SyncBoardMeta($board: [ID!]) {
  boards(ids: $board) {
    id
    groups {
      id
      title
    }
    columns {
      id
      type
      settings_str
    }
  }
}
    `);
const SyncCreateGroupDocument = new TypedDocumentString(`
    mutation SyncCreateGroup($board: ID!, $name: String!) {
  create_group(board_id: $board, group_name: $name) {
    id
    title
  }
}
    `);
const SyncCreateItemsDocument = new TypedDocumentString(`
    mutation SyncCreateItems($board: ID!, $n: String!, $v: JSON, $g: String, $c: Boolean) {
  i: create_item(
    board_id: $board
    item_name: $n
    group_id: $g
    column_values: $v
    create_labels_if_missing: $c
  ) {
    id
  }
}
    `);
const SyncCreateSubitemsDocument = new TypedDocumentString(`
    mutation SyncCreateSubitems($p: ID!, $n: String!, $v: JSON, $c: Boolean) {
  s: create_subitem(
    parent_item_id: $p
    item_name: $n
    column_values: $v
    create_labels_if_missing: $c
  ) {
    id
  }
}
    `);
const SyncFindItemsDocument = new TypedDocumentString(`
    query SyncFindItems($board: ID!, $column: String!, $keys: [String]!, $limit: Int!) {
  items_page_by_column_values(
    board_id: $board
    columns: [{column_id: $column, column_values: $keys}]
    limit: $limit
  ) {
    cursor
    items {
      ...SyncKeyedItem
    }
  }
}
    fragment SyncKeyedItem on Item {
  id
  column_values(ids: [$column]) {
    id
    text
  }
}`);
const SyncFindItemsNextDocument = new TypedDocumentString(`
    query SyncFindItemsNext($cursor: String!, $column: String!, $limit: Int!) {
  next_items_page(cursor: $cursor, limit: $limit) {
    cursor
    items {
      ...SyncKeyedItem
    }
  }
}
    fragment SyncKeyedItem on Item {
  id
  column_values(ids: [$column]) {
    id
    text
  }
}`);
const SyncFindSubitemsDocument = new TypedDocumentString(`
    query SyncFindSubitems($ids: [ID!], $column: String!) {
  items(ids: $ids, limit: 100) {
    id
    subitems {
      ...SyncKeyedItem
    }
  }
}
    fragment SyncKeyedItem on Item {
  id
  column_values(ids: [$column]) {
    id
    text
  }
}`);
const SyncItemGroupsDocument = new TypedDocumentString(`
    query SyncItemGroups($ids: [ID!]) {
  items(ids: $ids, limit: 100, exclude_nonactive: true) {
    id
    group {
      id
      title
    }
  }
}
    `);
const SyncMoveItemsDocument = new TypedDocumentString(`
    mutation SyncMoveItems($i: ID!, $g: String!) {
  m: move_item_to_group(item_id: $i, group_id: $g) {
    id
  }
}
    `);
const SyncSubitemBoardMetaDocument = new TypedDocumentString(`
    query SyncSubitemBoardMeta($board: [ID!]) {
  boards(ids: $board) {
    id
    columns {
      id
      type
      settings_str
    }
  }
}
    `);
const SyncUpdateItemsDocument = new TypedDocumentString(`
    mutation SyncUpdateItems($board: ID!, $i: ID!, $v: JSON!, $c: Boolean) {
  u: change_multiple_column_values(
    board_id: $board
    item_id: $i
    column_values: $v
    create_labels_if_missing: $c
  ) {
    id
    group {
      id
    }
  }
}
    `);


/***/ }),

/***/ 88232:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eb: () => (/* binding */ present),
/* harmony export */   UP: () => (/* binding */ sendOperation),
/* harmony export */   dt: () => (/* binding */ requestOperation)
/* harmony export */ });
/** A read through the engine: the generated document's variables in, its typed result out. */
async function requestOperation(request, operation, variables, meta) {
    return await request(String(operation), variables, meta);
}
/** A mutation through the engine: the whole response, with the errors of a partial failure. */
async function sendOperation(client, operation, variables, meta) {
    return await client.send(String(operation), variables, meta);
}
/** The entries of a list monday may return as null or with null entries (`[Item]`), without the nulls. */
function present(list) {
    return (list ?? []).filter((entry) => entry !== null);
}


/***/ }),

/***/ 12035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $j: () => (/* binding */ silentOutput),
/* harmony export */   nT: () => (/* binding */ sqlRetryWarning),
/* harmony export */   yk: () => (/* binding */ DEFAULT_DATABASE_URL)
/* harmony export */ });
/** Writes nothing (benchmarks, tests that only look at the report). */
const silentOutput = { stdout: () => undefined, stderr: () => undefined };
/** Default embedded database of local runs. */
const DEFAULT_DATABASE_URL = 'sqlite:./monday-sync.db';
/** Tells the output about a SQL Server retry (deadlock, Azure transient error, full pool). */
const sqlRetryWarning = (output) => (event) => output.stderr(`warning: SQL Server ${event.error.reason}` +
    `${event.error.number ? ` (error ${event.error.number})` : ''}: try ${event.attempt + 1} in ` +
    `${(event.delayMs / 1000).toFixed(1)} s\n`);


/***/ }),

/***/ 66027:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ etaText),
/* harmony export */   i: () => (/* binding */ runFolderHooks)
/* harmony export */ });
/** Milliseconds between two progress lines of a job's output. */
const PROGRESS_LINE_MS = 1000;
/**
 * A job's hooks: task graph and checkpoints land in the run folder, warnings and errors on stderr,
 * a progress line at most once a second (and always the last one), then the caller's hooks.
 */
function runFolderHooks(options) {
    const { runDir, output, extra } = options;
    let lastProgress = 0;
    return {
        onTaskGraph: async (graph) => {
            runDir.write('task-graph.json', graph);
            await extra.onTaskGraph?.(graph);
        },
        onCheckpoint: async (checkpoint) => {
            runDir.write('checkpoint.json', checkpoint);
            await extra.onCheckpoint?.(checkpoint);
        },
        onLog: (level, message) => {
            if (level !== 'debug')
                output.stderr(`${level}: ${message}\n`);
            extra.onLog?.(level, message);
        },
        onProgress: progress => {
            extra.onProgress?.(progress);
            const now = Date.now();
            if (now - lastProgress < PROGRESS_LINE_MS && progress.done < progress.total)
                return;
            lastProgress = now;
            output.stdout(options.progressLine(progress));
        }
    };
}
/** `eta 12s`, or `eta ?` before the first estimate. */
function etaText(progress) {
    return progress.etaMs === null ? '?' : `${Math.round(progress.etaMs / 1000)}s`;
}


/***/ }),

/***/ 22979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ syncJobSettings),
/* harmony export */   p: () => (/* binding */ timeScaleOf)
/* harmony export */ });
/* harmony import */ var _config_database_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75669);
/* harmony import */ var _config_load_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61036);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _redaction_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63580);
/* harmony import */ var _output_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12035);





/**
 * The settings of a sync job: the request, the configuration file, and the environment's token,
 * API URL, database URL and time scale. Throws ConfigError naming what is missing or wrong.
 */
function syncJobSettings(request, env) {
    const token = env.MONDAY_API_TOKEN;
    if (!token)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL('MONDAY_API_TOKEN is not set (a monday API token is required)', 'MONDAY_API_TOKEN');
    (0,_redaction_js__WEBPACK_IMPORTED_MODULE_3__/* .addSecret */ .Ck)(token);
    const config = (0,_config_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadSyncConfig */ .mw)(request.config, { environment: request.environment, env });
    const timeScale = timeScaleOf(env);
    return {
        config,
        token,
        apiUrl: env.MONDAY_API_URL || undefined,
        databaseUrl: (0,_config_database_js__WEBPACK_IMPORTED_MODULE_0__/* .chooseDatabaseUrl */ .sy)({
            env,
            file: { url: config.databaseUrl, password: config.databasePassword, at: `environments.${config.environment}` },
            fallback: _output_js__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_DATABASE_URL */ .yk
        }),
        runDir: request.runDir,
        ...(request.itemMode ? { itemMode: request.itemMode } : {}),
        dryRun: request.dryRun,
        ...(timeScale ? { timeScale } : {})
    };
}
/** MONDAY_SYNC_TIME_SCALE (emulator runs): a positive number, or undefined when unset. */
function timeScaleOf(env) {
    const scale = env.MONDAY_SYNC_TIME_SCALE;
    if (scale === undefined || scale === '')
        return undefined;
    if (!(Number(scale) > 0)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`MONDAY_SYNC_TIME_SCALE must be a positive number; got "${scale}"`, 'MONDAY_SYNC_TIME_SCALE');
    }
    return Number(scale);
}


/***/ }),

/***/ 39638:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ findResumeCheckpoint),
/* harmony export */   d: () => (/* binding */ RunDirectory)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _redaction_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(63580);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(11388);





/** The folder of one run's artifacts: task-graph.json, checkpoint.json, report.json. */
class RunDirectory {
    path;
    constructor(path) {
        this.path = path;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(path, { recursive: true });
    }
    /** Writes JSON atomically (a kill mid-write leaves the previous file whole). */
    write(name, value) {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.path, name);
        const tmp = `${file}.${process.pid}.tmp`;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(tmp, JSON.stringify(_redaction_js__WEBPACK_IMPORTED_MODULE_3__/* .secrets */ .O3.redactValue(value), null, 2));
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(tmp, file);
    }
    get checkpointFile() {
        return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(this.path, 'checkpoint.json');
    }
}
/**
 * The checkpoint to resume from: `--resume-from` (a checkpoint file or a run folder), else the
 * run folder's own checkpoint when some board in it is not finished. Null for a fresh load.
 */
function findResumeCheckpoint(runDir, resumeFrom) {
    let file = runDir.checkpointFile;
    if (resumeFrom) {
        file =
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(resumeFrom) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(resumeFrom).isDirectory() ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(resumeFrom, 'checkpoint.json') : resumeFrom;
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`--resume-from: no checkpoint at ${file}`, '--resume-from');
    }
    else if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file)) {
        return null;
    }
    let checkpoint;
    try {
        checkpoint = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`--resume-from: ${file} is not valid JSON`, '--resume-from', { cause: e });
    }
    if (checkpoint.pipeline !== 'load-board') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigError */ .xL(`--resume-from: ${file} is a ${String(checkpoint.pipeline)} checkpoint`, '--resume-from');
    }
    const state = (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .parseLoadBoardState */ .FO)(checkpoint.state, '--resume-from');
    if (!resumeFrom && state.boards.every(b => b.swapped))
        return null;
    return checkpoint;
}


/***/ }),

/***/ 11388:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ parseLoadBoardState),
/* harmony export */   gK: () => (/* binding */ initialBoardState),
/* harmony export */   gv: () => (/* binding */ snapshot),
/* harmony export */   xl: () => (/* binding */ cursorUsable)
/* harmony export */ });
/* unused harmony exports CURSOR_TTL_MS, CURSOR_SAFETY_MS */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(38816);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);


/** monday cursors live 60 minutes from the first request [IP]; we stop trusting one earlier. */
const CURSOR_TTL_MS = 60 * 60_000;
const CURSOR_SAFETY_MS = 5 * 60_000;
const boardSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    boardId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\d+$/),
    expectedItems: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative().nullable(),
    cursor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    cursorStartedAt: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable(),
    walkDone: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    harvested: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    pendingIds: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\d+$/)),
    batchesDone: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    itemsStaged: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    rewalks: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative(),
    swapped: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    layout: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    groups: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        groupId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        cursor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
        cursorStartedAt: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nullable(),
        done: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()
    }))
        .optional()
});
const stateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ version: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1), boards: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(boardSchema) });
/** A board's state before any work. */
function initialBoardState(boardId) {
    return {
        boardId,
        expectedItems: null,
        cursor: null,
        cursorStartedAt: null,
        walkDone: false,
        harvested: 0,
        pendingIds: [],
        batchesDone: 0,
        itemsStaged: 0,
        rewalks: 0,
        swapped: false
    };
}
/** Reads a checkpoint's state back; throws ConfigError naming what is wrong. */
function parseLoadBoardState(state, setting = 'resume') {
    const result = stateSchema.safeParse(state);
    if (!result.success) {
        const issue = result.error.issues[0];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(`${setting}: not a load-board checkpoint (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`, setting);
    }
    return result.data;
}
/** Whether a saved cursor can still be used at `now` (ms), with a safety margin. */
function cursorUsable(walk, now) {
    if (walk.cursor === null || walk.cursorStartedAt === null)
        return false;
    return now - walk.cursorStartedAt < CURSOR_TTL_MS - CURSOR_SAFETY_MS;
}
/** A snapshot safe to serialise while the load goes on. */
function snapshot(boards) {
    return {
        version: 1,
        boards: boards.map(b => ({
            ...b,
            pendingIds: [...b.pendingIds],
            ...(b.groups ? { groups: b.groups.map(g => ({ ...g })) } : {})
        }))
    };
}


/***/ })

};
