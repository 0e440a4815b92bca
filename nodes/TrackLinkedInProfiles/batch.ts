import { matchAnswers, readErrorText, readRowRejections, readSuccessBody } from './response';
import type { TrackStatus, WebhookStatus } from './response';
import { backoffDelay, classifyStatus, parseRetryAfter } from './retry';
import type { RetryPolicy } from './retry';
import type { PlannedRow } from './types';

export type HttpResult =
	| {
			kind: 'response';
			status: number;
			headers: Record<string, unknown>;
			body: unknown;
	  }
	| { kind: 'network'; reason: string; retryable: boolean };

export type RowOutcome =
	| { kind: 'tracked'; status: TrackStatus; webhookStatus: WebhookStatus }
	| { kind: 'rejected'; message: string }
	| { kind: 'failed'; message: string; httpCode?: number };

export interface RunStats {
	requests: number;
	retries: number;
	credits: number;
}

/** 401 and 403 mean every request of the run will fail the same way, so the run stops. */
export interface AuthFailure {
	status: 401 | 403;
	apiText: string | undefined;
}

export interface BatchContext {
	send(rows: PlannedRow[]): Promise<HttpResult>;
	wait(ms: number): Promise<void>;
	/** Holds back every request of the run, not only this one, after a rate-limit answer. */
	holdAll(ms: number): void;
	random(): number;
	now(): number;
	policy: RetryPolicy;
	stats: RunStats;
}

export type Outcomes = Map<PlannedRow, RowOutcome>;

type Step =
	| { kind: 'done' }
	| { kind: 'auth'; failure: AuthFailure }
	| {
			kind: 'retry';
			reason: string;
			retryAfterMs?: number;
			httpCode?: number;
			pending?: PlannedRow[];
	  }
	| { kind: 'isolate'; remaining: PlannedRow[] }
	| { kind: 'split'; reason: string }
	| { kind: 'fail'; reason: string; httpCode?: number };

function describeHttp(status: number, body: unknown): string {
	const text = readErrorText(body);
	return text ? `HTTP ${status} (${text})` : `HTTP ${status}`;
}

function settle(
	rows: PlannedRow[],
	body: unknown,
	headers: Record<string, unknown>,
	outcomes: Outcomes,
	stats: RunStats,
): Step {
	const returned = readSuccessBody(body);
	if (returned === undefined) {
		return {
			kind: 'retry',
			reason: 'Trigify sent an answer that could not be read',
		};
	}
	const credits = Number(headers['x-spent-credits']);
	if (Number.isFinite(credits)) stats.credits += credits;
	const answers = matchAnswers(
		rows.map((row) => row.profileUrl),
		returned,
	);
	const unconfirmed: PlannedRow[] = [];
	for (const row of rows) {
		const answer = answers.get(row.profileUrl);
		if (answer === undefined) {
			unconfirmed.push(row);
		} else {
			outcomes.set(row, {
				kind: 'tracked',
				status: answer.status,
				webhookStatus: answer.webhookStatus,
			});
		}
	}
	if (unconfirmed.length === 0) return { kind: 'done' };
	// Never assume: a profile the answer does not mention is sent again (the upsert is idempotent).
	return {
		kind: 'retry',
		reason: `Trigify's answer left out ${unconfirmed.length} of the ${rows.length} profiles sent`,
		pending: unconfirmed,
	};
}

function interpret(
	result: HttpResult,
	rows: PlannedRow[],
	ctx: BatchContext,
	outcomes: Outcomes,
): Step {
	if (result.kind === 'network') {
		return result.retryable
			? { kind: 'retry', reason: result.reason }
			: { kind: 'fail', reason: result.reason };
	}
	const { status, headers, body } = result;
	switch (classifyStatus(status)) {
		case 'success':
			return settle(rows, body, headers, outcomes, ctx.stats);
		case 'transient':
			return {
				kind: 'retry',
				reason: `Trigify answered ${describeHttp(status, body)}`,
				retryAfterMs: parseRetryAfter(headers['retry-after'], ctx.now()),
				httpCode: status,
			};
		case 'unauthorized':
			return {
				kind: 'auth',
				failure: { status: 401, apiText: readErrorText(body) },
			};
		case 'forbidden':
			return {
				kind: 'auth',
				failure: { status: 403, apiText: readErrorText(body) },
			};
		case 'badRequest': {
			const named = readRowRejections(body, rows.length);
			if (named.length === 0) {
				return {
					kind: 'split',
					reason: `Trigify refused it: ${describeHttp(status, body)}`,
				};
			}
			for (const { index, message } of named)
				outcomes.set(rows[index], { kind: 'rejected', message });
			const refused = new Set(named.map(({ index }) => index));
			return {
				kind: 'isolate',
				remaining: rows.filter((_, index) => !refused.has(index)),
			};
		}
		default:
			return {
				kind: 'fail',
				reason: `Trigify answered ${describeHttp(status, body)}`,
				httpCode: status,
			};
	}
}

function failAll(rows: PlannedRow[], message: string, outcomes: Outcomes, httpCode?: number): void {
	for (const row of rows) outcomes.set(row, { kind: 'failed', message, httpCode });
}

/**
 * Sends one batch until every row has an answer: retries what is transient within the policy,
 * re-sends rows the answer left out, and narrows a 400 down to the rows that caused it (by the
 * rows the API names, else by halving) so one bad row never sinks the other 99. Answers are
 * written to `outcomes`; an auth failure is returned, leaving the rows without an answer.
 */
export async function runBatch(
	rows: PlannedRow[],
	ctx: BatchContext,
	outcomes: Outcomes,
): Promise<AuthFailure | undefined> {
	let pending = rows;
	let retries = 0;
	let waitedMs = 0;
	while (pending.length > 0) {
		const result = await ctx.send(pending);
		ctx.stats.requests += 1;
		const step = interpret(result, pending, ctx, outcomes);
		if (step.kind === 'isolate') {
			pending = step.remaining;
			continue;
		}
		if (step.kind === 'auth') return step.failure;
		if (step.kind === 'fail') {
			failAll(pending, step.reason, outcomes, step.httpCode);
			return undefined;
		}
		if (step.kind === 'split') {
			if (pending.length === 1) {
				outcomes.set(pending[0], { kind: 'rejected', message: step.reason });
				return undefined;
			}
			const middle = Math.ceil(pending.length / 2);
			return (
				(await runBatch(pending.slice(0, middle), ctx, outcomes)) ??
				(await runBatch(pending.slice(middle), ctx, outcomes))
			);
		}
		if (step.kind === 'done') return undefined;
		pending = step.pending ?? pending;

		const delay = step.retryAfterMs ?? backoffDelay(retries, ctx.policy, ctx.random);
		if (retries >= ctx.policy.maxRetries || waitedMs + delay > ctx.policy.maxWaitMs) {
			const attempts = `${retries + 1} attempt${retries === 0 ? '' : 's'}`;
			const overWait =
				retries < ctx.policy.maxRetries
					? `; waiting ${Math.ceil(delay / 1000)} s more would pass the maximum total wait of ${Math.round(ctx.policy.maxWaitMs / 1000)} s`
					: '';
			failAll(
				pending,
				`${step.reason} (gave up after ${attempts}${overWait}).`,
				outcomes,
				step.httpCode,
			);
			return undefined;
		}
		if (step.retryAfterMs !== undefined) ctx.holdAll(step.retryAfterMs);
		await ctx.wait(delay);
		waitedMs += delay;
		retries += 1;
		ctx.stats.retries += 1;
	}
	return undefined;
}
