import type { FaultInput } from '../sandbox';
import { runTrackNode } from './harness';
import { credentials, oneEach, OUTPUT, profile, useSandbox } from './support';

const env = useSandbox();

const leads = (count: number, prefix = 'lead') =>
	Array.from({ length: count }, (_, n) => ({ profile_url: `linkedin.com/in/${prefix}-${n}/` }));

/** The bulk requests the sandbox has logged, once at least `count` of them are there. */
async function loggedRequests(count: number) {
	for (let waited = 0; ; waited += 50) {
		const requests = (await env.sandbox.admin.requests()).filter(
			(entry) => entry.path === '/v1/profile/engagement/bulk',
		);
		if (requests.length >= count || waited > 5000) return requests;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

async function runWith(faults: FaultInput[], count = 10, options: Record<string, unknown> = {}) {
	const { sandbox } = env;
	await sandbox.admin.addFaults(...faults);
	const started = Date.now();
	const result = await runTrackNode({
		items: leads(count),
		parameters: { options: { maxRetries: 3, ...options } },
		credentials: credentials(sandbox),
	});
	const requests = (await sandbox.admin.requests()).filter(
		(entry) => entry.path === '/v1/profile/engagement/bulk',
	);
	return { result, requests, elapsedMs: Date.now() - started };
}

/**
 * Every lead tracked exactly once, each output item paired with its own input. A retry after the
 * sandbox already stored the batch (a drop after processing, a garbled or partial answer) sees
 * those profiles as existing: the upsert is idempotent, so nothing is duplicated.
 */
async function expectAllTracked(
	result: Awaited<ReturnType<typeof runWith>>['result'],
	count: number,
	statusOf: (n: number) => 'created' | 'existing' = () => 'created',
) {
	expect(result.error).toBeUndefined();
	const out = oneEach(result, count);
	out.forEach((entry, n) => {
		expect([entry.output, entry.json.status]).toEqual([OUTPUT[statusOf(n)], statusOf(n)]);
		expect(entry.json.profile_url).toBe(profile(`lead-${n}`));
		expect(entry.json.input_profile_url).toBe(`linkedin.com/in/lead-${n}/`);
	});
	const monitors = await env.sandbox.admin.monitors();
	expect(monitors.map((monitor) => monitor.profile_url).sort()).toEqual(
		Array.from({ length: count }, (_, n) => profile(`lead-${n}`)).sort(),
	);
}

describe('the node under faults, in the engine against the sandbox', () => {
	it.each([
		['seconds', 'seconds' as const],
		['an HTTP date', 'date' as const],
	])('waits out a 429 whose Retry-After is given in %s', async (_label, format) => {
		const { result, requests, elapsedMs } = await runWith([
			{ kind: 'status', status: 429, retry_after: 1, retry_after_format: format },
		]);
		await expectAllTracked(result, 10);
		expect(requests.map((entry) => entry.status)).toEqual([429, 201]);
		// An HTTP date has one-second resolution, so it may land up to a second early.
		expect(elapsedMs).toBeGreaterThanOrEqual(format === 'seconds' ? 1000 : 1);
		expect(result.hints[0].message).toContain('2 requests, 1 retry');
	});

	it('retries a 503 and then succeeds', async () => {
		const { result, requests } = await runWith([{ kind: 'status', status: 503 }]);
		await expectAllTracked(result, 10);
		expect(requests.map((entry) => entry.status)).toEqual([503, 201]);
	});

	it('retries after the request timeout', async () => {
		const { result } = await runWith([{ kind: 'latency', latency_ms: 2500 }], 10, {
			timeoutSeconds: 1,
		});
		// The abandoned request still lands later; wait for it so it cannot leak into the next test.
		const requests = await loggedRequests(2);
		expect(requests.map((entry) => entry.fault)).toContain('latency');
		// A loaded machine may time out the retry too; what matters is that it was retried.
		const [, retries] = /(\d+) retr/.exec(result.hints[0].message) ?? [];
		expect(Number(retries)).toBeGreaterThanOrEqual(1);
		expect(result.error).toBeUndefined();
		expect(oneEach(result, 10).every((entry) => entry.output !== OUTPUT.rejected)).toBe(true);
	});

	it('retries a connection dropped before the request was processed', async () => {
		const { result, requests } = await runWith([{ kind: 'drop', phase: 'before-processing' }]);
		await expectAllTracked(result, 10);
		expect(requests.length).toBe(2);
	});

	it.each([
		['a connection dropped after processing', { kind: 'drop', phase: 'after-processing' }],
		['a connection dropped mid-response', { kind: 'drop', phase: 'mid-response' }],
		['an answer that is not valid JSON', { kind: 'malformed-json' }],
	] as Array<[string, FaultInput]>)('retries %s', async (_label, fault) => {
		const { result, requests } = await runWith([fault]);
		await expectAllTracked(result, 10, () => 'existing');
		expect(requests.length).toBe(2);
	});

	it('sends again only the profiles an answer left out', async () => {
		const { result, requests } = await runWith([{ kind: 'missing-rows', rows: 3 }]);
		await expectAllTracked(result, 10, (n) => (n < 7 ? 'created' : 'existing'));
		expect(requests.map((entry) => entry.profile_count)).toEqual([10, 3]);
	});

	it('matches rows returned in another order', async () => {
		const { result, requests } = await runWith([{ kind: 'reorder' }]);
		await expectAllTracked(result, 10);
		expect(requests).toHaveLength(1);
	});

	it('matches rows returned in equivalent but different URL forms', async () => {
		const { result, requests } = await runWith([{ kind: 'url-variant', variant: 'mixed' }]);
		await expectAllTracked(result, 10);
		expect(requests).toHaveLength(1);
	});

	it('rejects only the poisoned row of a batch of 100', async () => {
		const { sandbox } = env;
		await sandbox.admin.addPoison(profile('lead-42'));
		const result = await runTrackNode({ items: leads(100), credentials: credentials(sandbox) });
		expect(result.error).toBeUndefined();
		const out = oneEach(result, 100);
		expect(out.filter((entry) => entry.output === OUTPUT.created)).toHaveLength(99);
		expect(out[42]).toMatchObject({
			output: OUTPUT.rejected,
			json: {
				status: 'rejected',
				profile_url: profile('lead-42'),
				error: { code: 'api_rejected' },
			},
		});
		expect((await sandbox.admin.monitors()).length).toBe(99);
	});

	it('fails the node when a batch keeps failing, saying what happened and what to do', async () => {
		const { result } = await runWith([{ kind: 'status', status: 500, count: 'always' }], 10, {
			maxRetries: 1,
		});
		expect(result.outputs).toEqual([]);
		expect(result.error?.message).toMatch(
			/^Trigify could not track 10 profiles: Trigify answered HTTP 500 \(.+\) \(gave up after 2 attempts\)\.$/,
		);
		expect(result.error?.description).toContain('Running the workflow again is safe');
		expect(result.error?.httpCode).toBe('500');
	});

	it('says how many profiles were tracked, failed and not sent when it stops', async () => {
		const { sandbox } = env;
		await sandbox.admin.addFaults(
			{ kind: 'latency', latency_ms: 1 },
			{ kind: 'status', status: 500, count: 'always' },
		);
		const result = await runTrackNode({
			items: leads(250),
			parameters: { options: { maxRetries: 0 } },
			credentials: credentials(sandbox),
		});
		expect(result.error?.message).toMatch(
			/^Trigify could not track 100 profiles: Trigify answered HTTP 500/,
		);
		expect(result.error?.description).toMatch(
			/^Before the run stopped, 100 profiles were tracked; 50 profiles were not sent\./,
		);
		expect(await sandbox.admin.monitors()).toHaveLength(100);
	});

	it('with continue-on-fail, sends a failed batch to Rejected as api_error and the others on as usual', async () => {
		const { sandbox } = env;
		await sandbox.admin.addFaults({ kind: 'status', status: 500, count: 2 });
		const items = [...leads(4), { profile_url: 'bad' }];
		const result = await runTrackNode({
			items,
			parameters: { options: { batchSize: 2, maxRetries: 1 } },
			credentials: credentials(sandbox),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = oneEach(result, 5);
		expect(
			out.map((entry) => [
				entry.output,
				(entry.json.error as { code?: string } | undefined)?.code ?? entry.json.status,
			]),
		).toEqual([
			[OUTPUT.rejected, 'api_error'],
			[OUTPUT.rejected, 'api_error'],
			[OUTPUT.created, 'created'],
			[OUTPUT.created, 'created'],
			[OUTPUT.rejected, 'invalid_profile_url'],
		]);
		expect(out[0].json.profile_url).toBe(profile('lead-0'));
	});
});
