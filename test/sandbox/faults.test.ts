import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';
import { BadRequestBodySchema, BulkSuccessSchema, startSandbox } from './index';
import type { Sandbox } from './index';
import { ENTERPRISE_KEY, post, profiles } from './test-support';

const AMELIA = 'https://www.linkedin.com/in/amelia-chen';
const MARCO = 'https://www.linkedin.com/in/marco-alvarez';
const FIVE = ['ada', 'bea', 'cy', 'dot', 'eve'].map((id) => `https://www.linkedin.com/in/${id}`);

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());

const statusOf = async (...urls: string[]): Promise<number> =>
	(await post(sandbox.url, profiles(...urls))).status;
const monitorUrls = async (): Promise<string[]> =>
	(await sandbox.admin.monitors()).map((monitor) => monitor.profile_url).sort();

/** The raw response, for faults whose body must not be parsed by the helper. */
const rawPost = (body: unknown): Promise<Response> =>
	fetch(`${sandbox.url}/v1/profile/engagement/bulk`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': ENTERPRISE_KEY },
		body: JSON.stringify(body),
	});

describe('status faults', () => {
	test('fail the next N requests with the status, then the sandbox answers normally', async () => {
		await sandbox.admin.addFaults({ kind: 'status', status: 503, count: 2 });
		expect([await statusOf(AMELIA), await statusOf(AMELIA), await statusOf(AMELIA)]).toEqual([
			503, 503, 201,
		]);
		expect(await sandbox.admin.faults()).toEqual([]);
	});

	test('run in the order they were queued', async () => {
		await sandbox.admin.addFaults(
			{ kind: 'status', status: 502 },
			{ kind: 'status', status: 429, count: 2 },
		);
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push(await statusOf(AMELIA));
		expect(statuses).toEqual([502, 429, 429, 201]);
	});

	test('write nothing', async () => {
		await sandbox.admin.addFaults({ kind: 'status', status: 500 });
		expect(await statusOf(AMELIA)).toBe(500);
		expect(await sandbox.admin.monitors()).toEqual([]);
	});

	test('send Retry-After in seconds, as an HTTP date, or not at all', async () => {
		await sandbox.admin.addFaults(
			{ kind: 'status', status: 429, retry_after: 7 },
			{ kind: 'status', status: 503, retry_after: 30, retry_after_format: 'date' },
			{ kind: 'status', status: 503 },
		);
		const seconds = await post(sandbox.url, profiles(AMELIA));
		expect(seconds.headers.get('retry-after')).toBe('7');

		const dated = await post(sandbox.url, profiles(AMELIA));
		const date = dated.headers.get('retry-after') ?? '';
		expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
		const inSeconds = (Date.parse(date) - Date.now()) / 1000;
		expect(inSeconds).toBeGreaterThan(27);
		expect(inSeconds).toBeLessThanOrEqual(30);

		const bare = await post(sandbox.url, profiles(AMELIA));
		expect(bare.status).toBe(503);
		expect(bare.headers.get('retry-after')).toBeNull();
	});

	test('marked always stay until cleared', async () => {
		await sandbox.admin.addFaults({ kind: 'status', status: 503, count: 'always' });
		for (let i = 0; i < 3; i++) expect(await statusOf(AMELIA)).toBe(503);
		expect(await sandbox.admin.faults()).toHaveLength(1);
		await sandbox.admin.clearFaults();
		expect(await statusOf(AMELIA)).toBe(201);
	});
});

describe('latency', () => {
	test('delays the answer by at least the given time and then answers normally', async () => {
		await sandbox.admin.addFaults({ kind: 'latency', latency_ms: 300 });
		const started = performance.now();
		expect(await statusOf(AMELIA)).toBe(201);
		expect(performance.now() - started).toBeGreaterThanOrEqual(290);
	});

	test('can come before another fault', async () => {
		await sandbox.admin.addFaults({ kind: 'status', status: 504, latency_ms: 200 });
		const started = performance.now();
		expect(await statusOf(AMELIA)).toBe(504);
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
	});
});

describe('dropped connections', () => {
	test('before processing: the client gets no answer and nothing is written', async () => {
		await sandbox.admin.addFaults({ kind: 'drop' });
		await expect(rawPost(profiles(AMELIA))).rejects.toThrow();
		expect(await sandbox.admin.monitors()).toEqual([]);
		const [entry] = await sandbox.admin.requests();
		expect(entry).toMatchObject({ status: null, fault: 'drop' });
	});

	test('after processing: the client gets no answer but the monitor exists, so a retry sees it', async () => {
		await sandbox.admin.addFaults({ kind: 'drop', phase: 'after-processing' });
		await expect(rawPost(profiles(AMELIA))).rejects.toThrow();
		expect(await monitorUrls()).toEqual([AMELIA]);
		const retry = BulkSuccessSchema.parse((await post(sandbox.url, profiles(AMELIA))).json);
		expect(retry.data).toEqual([
			{ profile_url: AMELIA, status: 'existing', webhook_status: 'none' },
		]);
	});

	test('mid-response: the headers arrive, the body breaks off', async () => {
		await sandbox.admin.addFaults({ kind: 'drop', phase: 'mid-response' });
		const response = await rawPost(profiles(AMELIA, MARCO));
		expect(response.status).toBe(201);
		await expect(response.text()).rejects.toThrow();
		expect(await monitorUrls()).toEqual([AMELIA, MARCO]);
	});
});

describe('response faults', () => {
	test('malformed JSON: a complete 201 whose body does not parse, after the write', async () => {
		await sandbox.admin.addFaults({ kind: 'malformed-json' });
		const response = await rawPost(profiles(AMELIA));
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const text = await response.text();
		expect(() => JSON.parse(text)).toThrow();
		expect(await monitorUrls()).toEqual([AMELIA]);
	});

	test('missing rows: the last rows are left out of data, but all profiles are written', async () => {
		await sandbox.admin.addFaults({ kind: 'missing-rows', rows: 2 });
		const body = BulkSuccessSchema.parse((await post(sandbox.url, profiles(...FIVE))).json);
		expect(body.data.map((row) => row.profile_url)).toEqual(FIVE.slice(0, 3));
		expect(await monitorUrls()).toEqual(FIVE);
	});

	test('reorder: rows come back in reverse order', async () => {
		await sandbox.admin.addFaults({ kind: 'reorder' });
		const body = BulkSuccessSchema.parse((await post(sandbox.url, profiles(...FIVE))).json);
		expect(body.data.map((row) => row.profile_url)).toEqual([...FIVE].reverse());
	});

	test.each([
		['trailing-slash', AMELIA, 'https://www.linkedin.com/in/amelia-chen/'],
		['uppercase', AMELIA, 'https://WWW.LINKEDIN.COM/IN/AMELIA-CHEN'],
		[
			'uppercase',
			'https://www.linkedin.com/in/ACoAAB1cD2eF',
			'https://WWW.LINKEDIN.COM/IN/ACoAAB1cD2eF',
		],
		['http', AMELIA, 'http://www.linkedin.com/in/amelia-chen'],
		['no-www', AMELIA, 'https://linkedin.com/in/amelia-chen'],
	] as const)('url variant %s returns %s as %s', async (variant, sent, returned) => {
		await sandbox.admin.addFaults({ kind: 'url-variant', variant });
		const body = BulkSuccessSchema.parse((await post(sandbox.url, profiles(sent))).json);
		expect(body.data[0].profile_url).toBe(returned);
		expect(canonicalizeProfileUrl(returned)).toEqual({ ok: true, url: sent });
	});

	test('mixed url variants give each row a different spelling of its canonical URL', async () => {
		await sandbox.admin.addFaults({ kind: 'url-variant' });
		const sent = FIVE.slice(0, 4);
		const body = BulkSuccessSchema.parse((await post(sandbox.url, profiles(...sent))).json);
		const returned = body.data.map((row) => row.profile_url);
		returned.forEach((url, index) => {
			expect(url).not.toBe(sent[index]);
			expect(canonicalizeProfileUrl(url)).toEqual({ ok: true, url: sent[index] });
		});
		expect(new Set(returned.map((url) => url.replace(/ada|bea|cy|dot/i, '')))).toHaveProperty(
			'size',
			4,
		);
	});
});

describe('poison profiles', () => {
	const hundred = Array.from({ length: 100 }, (_, i) => `https://www.linkedin.com/in/member-${i}`);

	test('make a batch of 100 fail with a 400 naming only their row, and nothing is written', async () => {
		await sandbox.admin.addPoison('linkedin.com/in/Member-57/');
		const answer = await post(sandbox.url, profiles(...hundred));
		expect(answer.status).toBe(400);
		const { details } = BadRequestBodySchema.parse(answer.json);
		expect(details).toHaveLength(1);
		expect(details[0]).toMatchObject({
			index: 57,
			profile_url: 'https://www.linkedin.com/in/member-57',
			code: 'profile_rejected',
		});
		expect(await sandbox.admin.monitors()).toEqual([]);
		expect(await sandbox.admin.poison()).toEqual(['https://www.linkedin.com/in/member-57']);
	});

	test('stop failing once cleared', async () => {
		await sandbox.admin.addPoison(hundred[3]);
		expect(await statusOf(...hundred)).toBe(400);
		await sandbox.admin.clearPoison();
		expect(await statusOf(...hundred)).toBe(201);
		expect(await sandbox.admin.monitors()).toHaveLength(100);
	});

	test('cannot be an invalid profile URL', async () => {
		await expect(sandbox.admin.addPoison('https://www.linkedin.com/company/x')).rejects.toThrow(
			/400/,
		);
	});
});

describe('faults and poison given at start-up', () => {
	test('apply from the first request', async () => {
		const own = await startSandbox({
			faults: [{ kind: 'status', status: 503, retry_after: 1 }],
			poison: [MARCO],
		});
		try {
			expect((await post(own.url, profiles(AMELIA))).status).toBe(503);
			expect((await post(own.url, profiles(MARCO))).status).toBe(400);
			expect((await post(own.url, profiles(AMELIA))).status).toBe(201);
		} finally {
			await own.close();
		}
	});
});

describe('the fault admin API', () => {
	test('lists queued faults with their defaults filled in and what is left of them', async () => {
		await sandbox.admin.addFaults({ kind: 'reorder', count: 3 });
		await statusOf(AMELIA);
		expect(await sandbox.admin.faults()).toEqual([
			{ id: expect.any(Number), remaining: 2, fault: { kind: 'reorder', count: 3, latency_ms: 0 } },
		]);
	});

	test.each([
		['a status that is not an error', { kind: 'status', status: 200 }],
		['an unknown kind', { kind: 'explode' }],
		['an unknown field', { kind: 'reorder', sometimes: true }],
		['a count of zero', { kind: 'reorder', count: 0 }],
	])('refuses %s with a 400', async (_name, fault) => {
		const answer = await post(sandbox.url, fault, { path: '/__sandbox/faults', key: null });
		expect(answer.status).toBe(400);
		expect(await sandbox.admin.faults()).toEqual([]);
	});
});
