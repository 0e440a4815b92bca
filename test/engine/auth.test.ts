import { SANDBOX_KEYS } from '../sandbox';
import { TrigifyApi } from '../../credentials/TrigifyApi.credentials';
import { resolveWithCredentials, runTrackNode, testCredential } from './harness';
import { credentials, oneEach, OUTPUT, useSandbox } from './support';

const env = useSandbox();
// Shaped like a real key, so a leak would show; the sandbox does not know it.
const UNKNOWN_KEY = ['trig', 'live', '9f8e7d6c5b4a3210fedcba9876543210'].join('_');
const items = [
	{ profile_url: 'linkedin.com/in/ann' },
	{ profile_url: 'linkedin.com/in/bob' },
	{ profile_url: 'bad' },
];

describe('keys the API refuses', () => {
	it.each([
		[
			'an unknown key',
			UNKNOWN_KEY,
			401,
			/refused the API key \(HTTP 401\)/,
			/missing, mistyped or revoked/,
		],
		[
			'a key on the wrong plan',
			SANDBOX_KEYS.wrongPlan,
			403,
			/may not track profiles \(HTTP 403\)/,
			/ENTERPRISE or CUSTOM plan/,
		],
		[
			'a key without the permission',
			SANDBOX_KEYS.noPermission,
			403,
			/may not track profiles \(HTTP 403\)/,
			/track:engagement:create permission/,
		],
	])(
		'fail the node for %s with what to fix, and never show the key',
		async (_label, key, httpCode, message, description) => {
			const { sandbox } = env;
			const result = await runTrackNode({ items, credentials: credentials(sandbox, key) });
			expect(result.outputs).toEqual([]);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toMatch(description);
			expect(result.error?.httpCode).toBe(String(httpCode));
			expect(JSON.stringify(result.run)).not.toContain(key);
			expect(
				`${result.error?.message} ${result.error?.description} ${result.error?.stack}`,
			).not.toContain(key);
			// Nothing else is tried once the key is refused.
			expect((await sandbox.admin.requests()).length).toBe(1);
		},
	);

	it('with continue-on-fail, become api_error items that say what to fix, without the key', async () => {
		const { sandbox } = env;
		const result = await runTrackNode({
			items,
			credentials: credentials(sandbox, UNKNOWN_KEY),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = oneEach(result, 3);
		expect(out.map((entry) => [entry.output, (entry.json.error as { code: string }).code])).toEqual(
			[
				[OUTPUT.rejected, 'api_error'],
				[OUTPUT.rejected, 'api_error'],
				[OUTPUT.rejected, 'invalid_profile_url'],
			],
		);
		expect((out[0].json.error as { message: string }).message).toMatch(
			/HTTP 401.*Copy the key again/,
		);
		expect(JSON.stringify(result.run)).not.toContain(UNKNOWN_KEY);
	});

	it('refuses a plain-http Base URL to another host before sending anything', async () => {
		const result = await runTrackNode({
			items,
			credentials: { apiKey: SANDBOX_KEYS.enterprise, baseUrl: 'http://api.trigify.io' },
		});
		expect(result.error?.message).toMatch(
			/plain http to "api\.trigify\.io", which would send the API key unencrypted/,
		);
		expect(result.error?.message).not.toContain(SANDBOX_KEYS.enterprise);
	});
});

describe('with continue-on-fail, problems that stop every request', () => {
	it.each([
		[
			'a plain-http Base URL to another host',
			{ baseUrl: 'http://api.trigify.io' },
			{},
			/plain http/,
		],
		[
			'an out-of-range option',
			{},
			{ batchSize: 0 },
			/Batch Size must be a whole number from 1 to 100, not 0/,
		],
	])(
		'put %s on every valid item as api_error, send nothing, and never pass inputs on as created',
		async (_label, credentialOverride, options, reason) => {
			const { sandbox } = env;
			const result = await runTrackNode({
				items,
				parameters: { options },
				credentials: { ...credentials(sandbox), ...credentialOverride },
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			const out = oneEach(result, 3);
			expect(
				out.map((entry) => [entry.output, (entry.json.error as { code: string }).code]),
			).toEqual([
				[OUTPUT.rejected, 'api_error'],
				[OUTPUT.rejected, 'api_error'],
				[OUTPUT.rejected, 'invalid_profile_url'],
			]);
			expect((out[0].json.error as { message: string }).message).toMatch(reason);
			expect(await sandbox.admin.requests()).toEqual([]);
		},
	);
});

describe('the credential test', () => {
	it.each([
		['a valid key', SANDBOX_KEYS.enterprise, { status: 'OK', message: 'Connection successful!' }],
		[
			'an unknown key',
			UNKNOWN_KEY,
			{ status: 'Error', message: expect.stringMatching(/does not know this API key/) },
		],
		[
			'a key on the wrong plan',
			SANDBOX_KEYS.wrongPlan,
			{ status: 'Error', message: expect.stringMatching(/ENTERPRISE or CUSTOM plan/) },
		],
		[
			'a key without the permission',
			SANDBOX_KEYS.noPermission,
			{ status: 'Error', message: expect.stringMatching(/track:engagement:create/) },
		],
	])('tells %s apart, and creates nothing', async (_label, key, expected) => {
		const { sandbox } = env;
		expect(await testCredential(credentials(sandbox, key))).toEqual(expected);
		expect(await sandbox.admin.monitors()).toEqual([]);
		const [request] = await sandbox.admin.requests();
		expect(request).toMatchObject({ method: 'POST', path: '/v1/profile/engagement/bulk' });
	});

	it('points at a wrong Base URL clearly', async () => {
		const { sandbox } = env;
		const result = await testCredential({
			apiKey: SANDBOX_KEYS.enterprise,
			baseUrl: `${sandbox.url}/not-trigify`,
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/No Trigify API at this Base URL/),
		});
	});
});

describe("the credential test's Base URL", () => {
	const expression = new TrigifyApi().test.request.baseURL as string;
	it.each([
		['', 'https://api.trigify.io'],
		['https://api.trigify.io/', 'https://api.trigify.io'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['http://api.trigify.io', 'https://api.trigify.io'],
		['HTTP://proxy.example.com:8080/trigify/', 'https://proxy.example.com:8080/trigify'],
		['http://localhost.evil.com', 'https://localhost.evil.com'],
	])('turns %j into %j, so the key never goes out over plain http', (baseUrl, expected) => {
		expect(resolveWithCredentials(expression, { apiKey: 'trig_x', baseUrl })).toBe(expected);
	});
});
