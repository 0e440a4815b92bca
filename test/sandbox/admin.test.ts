import { ErrorBodySchema, startSandbox } from './index';
import type { Sandbox } from './index';
import { post, profiles } from './test-support';

const AMELIA = 'https://www.linkedin.com/in/amelia-chen';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());

const admin = (path: string, method = 'GET', body?: string): Promise<Response> =>
	fetch(`${sandbox.url}/__sandbox/${path}`, { method, body });

describe('the request log', () => {
	test('records method, path, key fingerprint, profile count, the URLs as sent, status and timing', async () => {
		const sent = ['linkedin.com/in/Amelia-Chen/', 'https://www.linkedin.com/in/marco'];
		await post(sandbox.url, profiles(...sent));
		const [entry] = await sandbox.admin.requests();
		expect(entry).toMatchObject({
			method: 'POST',
			path: '/v1/profile/engagement/bulk',
			profile_count: 2,
			profile_urls: sent,
			status: 201,
			fault: null,
		});
		expect(entry.key_fingerprint).toMatch(/^sha256:[0-9a-f]+$/);
		expect(entry.duration_ms).toBeGreaterThanOrEqual(0);
		expect(Date.parse(entry.at)).not.toBeNaN();
	});

	test('never holds a key, but tells keys apart and notes a missing one', async () => {
		const keys = ['trig_sandbox_enterprise', 'trig_sandbox_wrong_plan', 'trig_secret_unknown'];
		for (const key of keys) await post(sandbox.url, profiles(AMELIA), { key });
		await post(sandbox.url, profiles(AMELIA), { key: null });
		await post(sandbox.url, profiles(AMELIA));
		const log = await sandbox.admin.requests();
		const text = JSON.stringify(log);
		for (const key of keys) expect(text).not.toContain(key);
		const prints = log.map((entry) => entry.key_fingerprint);
		expect(prints[3]).toBeNull();
		expect(new Set(prints.slice(0, 3)).size).toBe(3);
		expect(prints[4]).toBe(prints[0]);
		expect(log.map((entry) => entry.status)).toEqual([201, 403, 401, 401, 201]);
	});

	test('keeps what was sent even when it is not a URL, and requests to unknown paths', async () => {
		await post(sandbox.url, { profiles: [{ profile_url: 42 }, 'x'] });
		await post(sandbox.url, '{broken');
		await fetch(`${sandbox.url}/nowhere`);
		const log = await sandbox.admin.requests();
		expect(
			log.map(({ method, path, profile_count, profile_urls, status }) => ({
				method,
				path,
				profile_count,
				profile_urls,
				status,
			})),
		).toEqual([
			{
				method: 'POST',
				path: '/v1/profile/engagement/bulk',
				profile_count: 2,
				profile_urls: [42, null],
				status: 400,
			},
			{
				method: 'POST',
				path: '/v1/profile/engagement/bulk',
				profile_count: null,
				profile_urls: [],
				status: 400,
			},
			{ method: 'GET', path: '/nowhere', profile_count: null, profile_urls: [], status: 404 },
		]);
	});

	test('can be cleared', async () => {
		await post(sandbox.url, profiles(AMELIA));
		await sandbox.admin.clearRequests();
		expect(await sandbox.admin.requests()).toEqual([]);
		expect(await sandbox.admin.monitors()).toHaveLength(1);
	});

	test('keeps only the most recent requests', async () => {
		const small = await startSandbox({ rateLimit: false, requestLogLimit: 3 });
		try {
			for (let i = 0; i < 6; i++)
				await post(small.url, profiles(`https://www.linkedin.com/in/p${i}`));
			const log = await small.admin.requests();
			expect(log.map((entry) => entry.profile_urls[0])).toEqual([
				'https://www.linkedin.com/in/p3',
				'https://www.linkedin.com/in/p4',
				'https://www.linkedin.com/in/p5',
			]);
		} finally {
			await small.close();
		}
	});
});

describe('monitors', () => {
	test('can be looked up by any spelling of their profile and by organisation', async () => {
		await post(sandbox.url, profiles(AMELIA, 'https://www.linkedin.com/in/marco'));
		const found = await sandbox.admin.monitors({
			profileUrl: 'http://uk.linkedin.com/in/AMELIA-CHEN/',
		});
		expect(found.map((monitor) => monitor.profile_url)).toEqual([AMELIA]);
		expect(await sandbox.admin.monitors({ org: 'org_sandbox' })).toHaveLength(2);
		expect(await sandbox.admin.monitors({ org: 'org_other' })).toEqual([]);
	});

	test('archiving an unknown profile is a 404, an invalid URL a 400', async () => {
		const unknown = await admin(
			'monitors/archive',
			'POST',
			JSON.stringify({ profile_url: AMELIA }),
		);
		expect(unknown.status).toBe(404);
		const invalid = await admin(
			'monitors/archive',
			'POST',
			JSON.stringify({ profile_url: 'not a url' }),
		);
		expect(invalid.status).toBe(400);
	});
});

describe('reset', () => {
	test('forgets monitors, the connection, the log, faults, poison and rate-limit counts', async () => {
		const limited = await startSandbox({ rateLimit: { limit: 1, windowMs: 60_000 } });
		try {
			await post(limited.url, profiles(AMELIA));
			await limited.admin.addFaults({ kind: 'status', status: 500 });
			await limited.admin.addPoison('https://www.linkedin.com/in/marco');
			await limited.admin.reset();
			expect(await limited.admin.monitors()).toEqual([]);
			expect((await limited.admin.orgs())[0].connection).toBeNull();
			expect(await limited.admin.requests()).toEqual([]);
			expect(await limited.admin.faults()).toEqual([]);
			expect(await limited.admin.poison()).toEqual([]);
			expect((await post(limited.url, profiles('https://www.linkedin.com/in/marco'))).status).toBe(
				201,
			);
		} finally {
			await limited.close();
		}
	});
});

describe('the admin API', () => {
	test('answers 404 for unknown endpoints and 405 with Allow for wrong methods', async () => {
		const missing = await admin('nothing-here');
		expect(missing.status).toBe(404);
		expect(ErrorBodySchema.parse(await missing.json()).message).toBe('Not Found');
		const wrong = await admin('reset', 'GET');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('POST');
	});

	test('answers 400 to a body that is not JSON', async () => {
		const answer = await admin('faults', 'POST', '{kind:');
		expect(answer.status).toBe(400);
		expect(ErrorBodySchema.parse(await answer.json()).error).toMatch(/JSON/);
	});

	test('needs no key and is not in the request log', async () => {
		expect((await admin('health')).status).toBe(200);
		await sandbox.admin.monitors();
		expect(await sandbox.admin.requests()).toEqual([]);
	});
});
