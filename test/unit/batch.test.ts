import { runBatch } from '../../nodes/TrackLinkedInProfiles/batch';
import type { BatchContext, HttpResult, Outcomes } from '../../nodes/TrackLinkedInProfiles/batch';
import { DEFAULT_RETRY_POLICY } from '../../nodes/TrackLinkedInProfiles/retry';
import type { PlannedRow } from '../../nodes/TrackLinkedInProfiles/types';

// A scripted API with a fake clock: each answer is decided from the rows actually sent.
type Answer = (rows: PlannedRow[]) => HttpResult;

function rows(count: number): PlannedRow[] {
	return Array.from({ length: count }, (_, n) => ({
		profileUrl: `https://www.linkedin.com/in/p${n}`,
		webhookUrl: null,
		itemIndexes: [n],
	}));
}

const ok: Answer = (sent) => ({
	kind: 'response',
	status: 201,
	headers: { 'x-spent-credits': '0' },
	body: {
		success: true,
		message: 'ok',
		data: sent.map((row) => ({
			profile_url: row.profileUrl,
			status: 'created',
			webhook_status: 'none',
		})),
	},
});

const status =
	(
		code: number,
		headers: Record<string, unknown> = {},
		body: unknown = { message: 'nope' },
	): Answer =>
	() => ({
		kind: 'response',
		status: code,
		headers,
		body,
	});

function harness(...script: Answer[]) {
	const sent: PlannedRow[][] = [];
	const waits: number[] = [];
	const holds: number[] = [];
	let clock = 0;
	const ctx: BatchContext = {
		async send(batch) {
			sent.push(batch);
			return (script.length > 1 ? script.shift()! : script[0])(batch);
		},
		async wait(ms) {
			waits.push(ms);
			clock += ms;
		},
		holdAll: (ms) => holds.push(ms),
		random: () => 0.5,
		now: () => clock,
		policy: { ...DEFAULT_RETRY_POLICY },
		stats: { requests: 0, retries: 0, credits: 0 },
	};
	const outcomes: Outcomes = new Map();
	return { ctx, sent, waits, holds, outcomes };
}

function kinds(outcomes: Outcomes, batch: PlannedRow[]) {
	return batch.map((row) => outcomes.get(row)?.kind);
}

describe('runBatch', () => {
	it('sends a batch once when the API answers every row', async () => {
		const batch = rows(3);
		const { ctx, sent, outcomes } = harness(ok);
		expect(await runBatch(batch, ctx, outcomes)).toBeUndefined();
		expect(sent).toEqual([batch]);
		expect(kinds(outcomes, batch)).toEqual(['tracked', 'tracked', 'tracked']);
		expect(ctx.stats).toEqual({ requests: 1, retries: 0, credits: 0 });
	});

	it('waits exactly as long as Retry-After asks, and holds back the other requests too', async () => {
		const batch = rows(2);
		const { ctx, waits, holds, outcomes } = harness(status(429, { 'retry-after': '3' }), ok);
		await runBatch(batch, ctx, outcomes);
		expect(waits).toEqual([3000]);
		expect(holds).toEqual([3000]);
		expect(ctx.stats.retries).toBe(1);
		expect(kinds(outcomes, batch)).toEqual(['tracked', 'tracked']);
	});

	it('backs off exponentially on 5xx and network errors, then succeeds', async () => {
		const batch = rows(1);
		const reset: Answer = () => ({ kind: 'network', reason: 'reset', retryable: true });
		const { ctx, waits, outcomes } = harness(status(503), status(502), reset, ok);
		await runBatch(batch, ctx, outcomes);
		expect(waits).toEqual([750, 1500, 3000]);
		expect(kinds(outcomes, batch)).toEqual(['tracked']);
	});

	it('gives up after the retry limit and says why', async () => {
		const batch = rows(2);
		const { ctx, sent, outcomes } = harness(status(503, {}, { message: 'Service Unavailable' }));
		ctx.policy.maxRetries = 2;
		await runBatch(batch, ctx, outcomes);
		expect(sent).toHaveLength(3);
		expect(outcomes.get(batch[0])).toEqual({
			kind: 'failed',
			httpCode: 503,
			message: 'Trigify answered HTTP 503 (Service Unavailable) (gave up after 3 attempts).',
		});
	});

	it('gives up at once when Retry-After is longer than the total wait allowed', async () => {
		const batch = rows(1);
		const { ctx, sent, waits, outcomes } = harness(status(429, { 'retry-after': '600' }));
		await runBatch(batch, ctx, outcomes);
		expect(sent).toHaveLength(1);
		expect(waits).toEqual([]);
		const outcome = outcomes.get(batch[0]);
		expect(outcome?.kind === 'failed' && outcome.message).toMatch(
			/waiting 600 s more would pass the maximum total wait of 120 s/,
		);
	});

	it.each([401, 403])(
		'stops at %d without retrying and leaves the rows unanswered',
		async (code) => {
			const batch = rows(2);
			const { ctx, sent, outcomes } = harness(
				status(code, {}, { message: 'Unauthorized', error: 'Invalid or missing API key' }),
			);
			expect(await runBatch(batch, ctx, outcomes)).toEqual({
				status: code,
				apiText: 'Unauthorized: Invalid or missing API key',
			});
			expect(sent).toHaveLength(1);
			expect(outcomes.size).toBe(0);
		},
	);

	it.each([404, 405, 415, 501])('does not retry a permanent %d', async (code) => {
		const batch = rows(2);
		const { ctx, sent, outcomes } = harness(status(code));
		await runBatch(batch, ctx, outcomes);
		expect(sent).toHaveLength(1);
		expect(kinds(outcomes, batch)).toEqual(['failed', 'failed']);
	});

	it('does not retry a network error that cannot heal', async () => {
		const batch = rows(1);
		const { ctx, sent, outcomes } = harness(() => ({
			kind: 'network',
			reason: 'no such host',
			retryable: false,
		}));
		await runBatch(batch, ctx, outcomes);
		expect(sent).toHaveLength(1);
		expect(outcomes.get(batch[0])).toEqual({
			kind: 'failed',
			message: 'no such host',
			httpCode: undefined,
		});
	});

	it('sends again only the rows an answer left out', async () => {
		const batch = rows(5);
		const partial: Answer = (sent) => {
			const answer = ok(sent) as Extract<HttpResult, { kind: 'response' }>;
			(answer.body as { data: unknown[] }).data.splice(1, 2);
			return answer;
		};
		const { ctx, sent, outcomes } = harness(partial, ok);
		await runBatch(batch, ctx, outcomes);
		expect(sent.map((request) => request.map((row) => row.profileUrl))).toEqual([
			batch.map((row) => row.profileUrl),
			[batch[1].profileUrl, batch[2].profileUrl],
		]);
		expect(kinds(outcomes, batch)).toEqual(['tracked', 'tracked', 'tracked', 'tracked', 'tracked']);
	});

	it('retries an answer it cannot read', async () => {
		const batch = rows(1);
		const garbled: Answer = () => ({
			kind: 'response',
			status: 201,
			headers: {},
			body: '{"success":tr',
		});
		const { ctx, sent, outcomes } = harness(garbled, ok);
		await runBatch(batch, ctx, outcomes);
		expect(sent).toHaveLength(2);
		expect(kinds(outcomes, batch)).toEqual(['tracked']);
	});

	it('narrows a 400 without details down to the one bad row by halving', async () => {
		const batch = rows(100);
		const poison = batch[37].profileUrl;
		const api: Answer = (sent) =>
			sent.some((row) => row.profileUrl === poison)
				? status(400, {}, { message: 'Bad Request' })(sent)
				: ok(sent);
		const { ctx, sent, outcomes } = harness(api);
		await runBatch(batch, ctx, outcomes);
		expect(outcomes.get(batch[37])).toEqual({
			kind: 'rejected',
			message: 'Trigify refused it: HTTP 400 (Bad Request)',
		});
		expect(batch.filter((row) => outcomes.get(row)?.kind === 'tracked')).toHaveLength(99);
		// One request per halving level on each side: logarithmic, not one per row.
		expect(sent.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(100)));
		expect(sent.every((request) => request.length <= 100)).toBe(true);
	});

	it('rejects exactly the rows a 400 names and sends the rest again', async () => {
		const batch = rows(100);
		const named: Answer = () => ({
			kind: 'response',
			status: 400,
			headers: {},
			body: {
				message: 'Bad Request',
				details: [
					{ index: 12, message: 'profile cannot be resolved' },
					{ index: 80, message: 'blocked' },
				],
			},
		});
		const { ctx, sent, outcomes } = harness(named, ok);
		await runBatch(batch, ctx, outcomes);
		expect(sent).toHaveLength(2);
		expect(sent[1]).toHaveLength(98);
		expect(outcomes.get(batch[12])).toEqual({
			kind: 'rejected',
			message: 'profile cannot be resolved',
		});
		expect(outcomes.get(batch[80])).toEqual({ kind: 'rejected', message: 'blocked' });
		expect(batch.filter((row) => outcomes.get(row)?.kind === 'tracked')).toHaveLength(98);
	});

	it('adds up x-spent-credits', async () => {
		const charged: Answer = (sent) => ({
			...(ok(sent) as Extract<HttpResult, { kind: 'response' }>),
			headers: { 'x-spent-credits': '2' },
		});
		const { ctx, outcomes } = harness(charged);
		await runBatch(rows(2), ctx, outcomes);
		expect(ctx.stats.credits).toBe(2);
	});
});
