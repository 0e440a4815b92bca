import type { HttpResult } from '../../nodes/TrackLinkedInProfiles/batch';
import { DEFAULT_RETRY_POLICY } from '../../nodes/TrackLinkedInProfiles/retry';
import { executePlan } from '../../nodes/TrackLinkedInProfiles/run';
import type { RunContext } from '../../nodes/TrackLinkedInProfiles/run';
import type { PlannedRow } from '../../nodes/TrackLinkedInProfiles/types';

function batches(count: number, size: number): PlannedRow[][] {
	return Array.from({ length: count }, (_, b) =>
		Array.from({ length: size }, (_, n) => ({
			profileUrl: `https://www.linkedin.com/in/b${b}-p${n}`,
			webhookUrl: null,
			itemIndexes: [b * size + n],
		})),
	);
}

function created(rows: PlannedRow[]): HttpResult {
	return {
		kind: 'response',
		status: 201,
		headers: {},
		body: {
			data: rows.map((row) => ({
				profile_url: row.profileUrl,
				status: 'created',
				webhook_status: 'none',
			})),
		},
	};
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function context(send: RunContext['send'], overrides: Partial<RunContext> = {}): RunContext {
	return {
		send,
		sleep: async () => {},
		random: () => 0.5,
		now: () => 0,
		policy: { ...DEFAULT_RETRY_POLICY, maxRetries: 1 },
		parallel: 1,
		stopOnFailure: false,
		...overrides,
	};
}

describe('executePlan', () => {
	it.each([1, 3, 5])('keeps at most %d requests in flight', async (parallel) => {
		let inFlight = 0;
		let peak = 0;
		const send = async (rows: PlannedRow[]) => {
			inFlight += 1;
			peak = Math.max(peak, inFlight);
			await tick();
			inFlight -= 1;
			return created(rows);
		};
		const plan = batches(12, 3);
		const { outcomes, stats } = await executePlan(plan, context(send, { parallel }));
		expect(peak).toBe(parallel);
		expect(stats.requests).toBe(12);
		expect(outcomes.size).toBe(36);
	});

	it('makes every worker wait out a rate limit one of them received', async () => {
		let clock = 0;
		const sendTimes: number[] = [];
		let limited = false;
		const send = async (rows: PlannedRow[]): Promise<HttpResult> => {
			sendTimes.push(clock);
			await tick();
			if (!limited) {
				limited = true;
				return { kind: 'response', status: 429, headers: { 'retry-after': '5' }, body: {} };
			}
			return created(rows);
		};
		const sleep = async (ms: number) => {
			clock += ms;
		};
		await executePlan(batches(4, 1), context(send, { parallel: 2, sleep, now: () => clock }));
		// The first request saw the 429; every request started after it waits until t=5 s.
		expect(sendTimes.slice(2).every((time) => time >= 5000)).toBe(true);
	});

	it('stops sending after an auth failure and reports it', async () => {
		let calls = 0;
		const send = async (): Promise<HttpResult> => {
			calls += 1;
			return { kind: 'response', status: 401, headers: {}, body: { message: 'Unauthorized' } };
		};
		const result = await executePlan(batches(5, 2), context(send));
		expect(calls).toBe(1);
		expect(result.authFailure).toEqual({ status: 401, apiText: 'Unauthorized' });
		expect(result.outcomes.size).toBe(0);
	});

	it('stops after a failed batch only when asked to', async () => {
		const failing = async (): Promise<HttpResult> => ({
			kind: 'response',
			status: 500,
			headers: {},
			body: {},
		});
		const stopping = await executePlan(batches(4, 1), context(failing, { stopOnFailure: true }));
		const continuing = await executePlan(batches(4, 1), context(failing, { stopOnFailure: false }));
		expect(stopping.stats.requests).toBe(2);
		expect(continuing.stats.requests).toBe(8);
		expect([...continuing.outcomes.values()].every((outcome) => outcome.kind === 'failed')).toBe(
			true,
		);
	});

	it('sends nothing for an empty plan', async () => {
		const send = jest.fn();
		const result = await executePlan([], context(send));
		expect(send).not.toHaveBeenCalled();
		expect(result.stats.requests).toBe(0);
	});
});
