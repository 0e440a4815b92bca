import { runBatch } from './batch';
import type { AuthFailure, BatchContext, HttpResult, Outcomes, RunStats } from './batch';
import type { RetryPolicy } from './retry';
import type { PlannedRow } from './types';

export interface RunContext {
	send(rows: PlannedRow[]): Promise<HttpResult>;
	sleep(ms: number): Promise<void>;
	random(): number;
	now(): number;
	policy: RetryPolicy;
	/** Requests in flight at once, 1 to 5. */
	parallel: number;
	/** Stop starting batches once one has failed for good (the node is about to fail anyway). */
	stopOnFailure: boolean;
}

export interface RunResult {
	outcomes: Outcomes;
	stats: RunStats;
	/** Set when the API refused the key; batches not yet sent were skipped. */
	authFailure?: AuthFailure;
}

function hasFailure(batch: PlannedRow[], outcomes: Outcomes): boolean {
	return batch.some((row) => outcomes.get(row)?.kind === 'failed');
}

/**
 * Sends the planned batches with at most `parallel` requests in flight. Every worker waits out a
 * rate-limit answer any of them received, so parallel requests do not walk into the same 429.
 */
export async function executePlan(batches: PlannedRow[][], ctx: RunContext): Promise<RunResult> {
	const outcomes: Outcomes = new Map();
	const stats: RunStats = { requests: 0, retries: 0, credits: 0 };
	let notBefore = 0;
	let next = 0;
	let stopped = false;
	let authFailure: AuthFailure | undefined;

	const batchContext: BatchContext = {
		async send(rows) {
			const hold = notBefore - ctx.now();
			if (hold > 0) await ctx.sleep(hold);
			return await ctx.send(rows);
		},
		wait: async (ms) => await ctx.sleep(ms),
		holdAll(ms) {
			notBefore = Math.max(notBefore, ctx.now() + ms);
		},
		random: ctx.random,
		now: ctx.now,
		policy: ctx.policy,
		stats,
	};

	async function worker(): Promise<void> {
		while (!stopped && next < batches.length) {
			const batch = batches[next];
			next += 1;
			const failure = await runBatch(batch, batchContext, outcomes);
			if (failure !== undefined) {
				authFailure ??= failure;
				stopped = true;
			}
			if (ctx.stopOnFailure && hasFailure(batch, outcomes)) stopped = true;
		}
	}

	const workers = Math.max(1, Math.min(ctx.parallel, batches.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return { outcomes, stats, authFailure };
}
