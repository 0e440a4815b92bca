import { ErrorBodySchema, startSandbox } from './index';
import type { Sandbox } from './index';
import { post, profiles } from './test-support';

const BODY = profiles('https://www.linkedin.com/in/amelia-chen');
const UNAUTHORIZED = { message: 'Unauthorized', error: 'Invalid or missing API key' };

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());

describe('API keys', () => {
	test('a missing key gets the documented 401 body', async () => {
		const answer = await post(sandbox.url, BODY, { key: null });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(UNAUTHORIZED);
	});

	test.each([
		['an unknown key', 'trig_not_a_real_key'],
		['a key in the wrong case', 'TRIG_SANDBOX_ENTERPRISE'],
		['an empty key', ''],
		['a key with a suffix', 'trig_sandbox_enterprise_x'],
	])('%s gets the documented 401 body', async (_name, key) => {
		const answer = await post(sandbox.url, BODY, { key });
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(UNAUTHORIZED);
	});

	test('the key is checked before the body, so a bad key with a bad body is a 401', async () => {
		const answer = await post(sandbox.url, '{not json', { key: 'trig_nope' });
		expect(answer.status).toBe(401);
	});

	test('a key on a plan other than ENTERPRISE or CUSTOM gets a 403 naming the plans', async () => {
		const answer = await post(sandbox.url, BODY, { key: 'trig_sandbox_wrong_plan' });
		expect(answer.status).toBe(403);
		const body = ErrorBodySchema.parse(answer.json);
		expect(body.message).toBe('Forbidden');
		expect(body.error).toMatch(/ENTERPRISE/);
		expect(body.error).toMatch(/CUSTOM/);
		expect(body.error).toMatch(/PRO/);
	});

	test('a key without track:engagement:create gets a 403 naming the permission', async () => {
		const answer = await post(sandbox.url, BODY, { key: 'trig_sandbox_no_permission' });
		expect(answer.status).toBe(403);
		const body = ErrorBodySchema.parse(answer.json);
		expect(body.message).toBe('Forbidden');
		expect(body.error).toContain('track:engagement:create');
		expect(body.error).not.toMatch(/plan/);
	});

	test('refused requests change nothing', async () => {
		for (const key of [
			null,
			'trig_nope',
			'trig_sandbox_wrong_plan',
			'trig_sandbox_no_permission',
		]) {
			await post(sandbox.url, BODY, { key });
		}
		expect(await sandbox.admin.monitors()).toEqual([]);
		const [org] = await sandbox.admin.orgs();
		expect(org.connection).toBeNull();
	});

	test('the enterprise key is accepted', async () => {
		expect(sandbox.apiKey).toBe('trig_sandbox_enterprise');
		const answer = await post(sandbox.url, BODY, { key: 'trig_sandbox_enterprise' });
		expect(answer.status).toBe(201);
	});
});

describe('configured keys', () => {
	test('replace the defaults, and a CUSTOM plan may call the endpoint', async () => {
		const own = await startSandbox({
			keys: [
				{
					key: 'trig_custom_1',
					org: 'org_custom',
					plan: 'CUSTOM',
					permissions: ['track:engagement:create'],
				},
			],
		});
		try {
			expect(own.apiKey).toBe('trig_custom_1');
			expect((await post(own.url, BODY, { key: 'trig_custom_1' })).status).toBe(201);
			expect((await post(own.url, BODY, { key: 'trig_sandbox_enterprise' })).status).toBe(401);
			expect((await own.admin.monitors())[0].org).toBe('org_custom');
		} finally {
			await own.close();
		}
	});

	test('must start with trig_', async () => {
		await expect(
			startSandbox({
				keys: [{ key: 'sk_live_123', org: 'o', plan: 'ENTERPRISE', permissions: [] }],
			}),
		).rejects.toThrow(/trig_/);
	});
});
