import fc from 'fast-check';
import { request } from 'node:http';

import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';
import { BadRequestBodySchema, ErrorBodySchema, startSandbox } from './index';
import type { ErrorDetail, Sandbox } from './index';
import { ENTERPRISE_KEY, post, profiles } from './test-support';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.admin.reset());
afterEach(async () => {
	// Whatever a test sent, the server is still up and answers a valid request.
	const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/still-alive'));
	expect(answer.status).toBe(201);
});

async function badRequest(body: unknown): Promise<{ error: string; details: ErrorDetail[] }> {
	const answer = await post(sandbox.url, body);
	expect(answer.status).toBe(400);
	const parsed = BadRequestBodySchema.parse(answer.json);
	expect(await sandbox.admin.monitors()).toEqual([]);
	return parsed;
}

const codes = (details: ErrorDetail[]): Array<[number, string]> =>
	details.map((detail) => [detail.index, detail.code]);

describe('the request body', () => {
	test('that is not JSON gets a 400 saying so', async () => {
		const { error, details } = await badRequest('{"profiles": [');
		expect(error).toMatch(/not valid JSON/);
		expect(details).toEqual([]);
	});

	test('that is not UTF-8 gets a 400 saying so', async () => {
		const { error } = await badRequest(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
		expect(error).toMatch(/UTF-8/);
	});

	test('sent with another content type gets a 415 naming it', async () => {
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
			const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/a'), {
				contentType,
			});
			expect(answer.status).toBe(415);
			expect(ErrorBodySchema.parse(answer.json).error).toContain(contentType);
		}
		expect(await sandbox.admin.monitors()).toEqual([]);
	});

	test('accepts a charset parameter on application/json', async () => {
		const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/a'), {
			contentType: 'application/json; charset=utf-8',
		});
		expect(answer.status).toBe(201);
	});

	test('over 1 MiB gets a 413 and is not read into memory', async () => {
		const padding = 'x'.repeat(1024 * 1024);
		const answer = await post(sandbox.url, {
			profiles: [{ profile_url: 'https://www.linkedin.com/in/a' }],
			padding,
		});
		expect(answer.status).toBe(413);
		expect(ErrorBodySchema.parse(answer.json).message).toBe('Payload Too Large');
		expect(await sandbox.admin.monitors()).toEqual([]);
	});

	test('with unknown top-level fields gets a 400 naming them', async () => {
		const { error } = await badRequest({
			...profiles('https://www.linkedin.com/in/a'),
			dryRun: true,
		});
		expect(error).toContain('dryRun');
	});

	test.each([
		['no profiles field', {}, /profiles is required/],
		[
			'profiles that is not an array',
			{ profiles: 'https://www.linkedin.com/in/a' },
			/must be an array/,
		],
		['an empty profiles array', { profiles: [] }, /empty/],
		['a JSON array body', [{ profile_url: 'https://www.linkedin.com/in/a' }], /JSON object/],
		['a JSON null body', null, /JSON object/],
	])('with %s gets a 400 that says what is wrong', async (_name, body, message) => {
		const { error } = await badRequest(body);
		expect(error).toMatch(message);
	});

	test('with 101 profiles gets a 400 naming the count and the maximum', async () => {
		const many = Array.from({ length: 101 }, (_, i) => `https://www.linkedin.com/in/p${i}`);
		const { error } = await badRequest(profiles(...many));
		expect(error).toContain('101');
		expect(error).toContain('100');
	});

	test('with exactly 100 profiles is accepted', async () => {
		const many = Array.from({ length: 100 }, (_, i) => `https://www.linkedin.com/in/p${i}`);
		const answer = await post(sandbox.url, profiles(...many));
		expect(answer.status).toBe(201);
		expect(await sandbox.admin.monitors()).toHaveLength(100);
	});
});

describe('rows', () => {
	test('are each named with their index, what was sent and a code, and none is saved', async () => {
		const { error, details } = await badRequest({
			profiles: [
				{ profile_url: 'https://www.linkedin.com/in/good-one' },
				{ profile_url: 'https://www.linkedin.com/company/trigify' },
				{ profile_url: 'https://www.linkedin.com/in/good-two' },
				{ profile_url: 'https://linkedin.com.evil.example/in/x' },
				{ profile_url: 42 },
				{ profile_url: 'https://www.linkedin.com/in/c', webhook_url: 'http://hooks.example.com/x' },
				{ webhook_url: 'https://hooks.example.com/x' },
				{ profile_url: 'https://www.linkedin.com/in/d', note: 'vip' },
				'https://www.linkedin.com/in/e',
				{ profile_url: null },
			],
		});
		expect(codes(details)).toEqual([
			[1, 'unsupported_profile_url'],
			[3, 'invalid_profile_url'],
			[4, 'invalid_profile_url'],
			[5, 'invalid_webhook_url'],
			[6, 'missing_profile_url'],
			[7, 'unknown_field'],
			[8, 'invalid_row'],
			[9, 'missing_profile_url'],
		]);
		expect(details[0].profile_url).toBe('https://www.linkedin.com/company/trigify');
		expect(details[2].profile_url).toBe(42);
		expect(details[5].message).toContain('note');
		expect(error).toMatch(/^8 of 10 profiles were rejected/);
	});

	test('with a webhook that is null or empty are told to leave the field out', async () => {
		const { details } = await badRequest({
			profiles: [
				{ profile_url: 'https://www.linkedin.com/in/a', webhook_url: null },
				{ profile_url: 'https://www.linkedin.com/in/b', webhook_url: '  ' },
				{ profile_url: 'https://www.linkedin.com/in/c', webhook_url: 7 },
			],
		});
		expect(codes(details)).toEqual([
			[0, 'invalid_webhook_url'],
			[1, 'invalid_webhook_url'],
			[2, 'invalid_webhook_url'],
		]);
		expect(details[0].message).toMatch(/leave the field out/);
	});

	test('with a webhook carrying credentials are refused', async () => {
		const { details } = await badRequest({
			profiles: [
				{
					profile_url: 'https://www.linkedin.com/in/a',
					webhook_url: 'https://u:p@hooks.example.com/x',
				},
			],
		});
		expect(codes(details)).toEqual([[0, 'invalid_webhook_url']]);
	});

	test('are judged exactly as the node judges them', async () => {
		const part = (options: string[]): fc.Arbitrary<string> => fc.constantFrom(...options);
		const url = fc
			.tuple(
				part(['https://', 'http://', '', 'ftp://', '//']),
				part([
					'www.linkedin.com',
					'linkedin.com',
					'fr.linkedin.com',
					'linkedin.co',
					'lnkd.in',
					'evil.com',
				]),
				part(['/in/', '/company/', '/mwlite/in/', '/pub/', '/in']),
				fc.oneof(
					fc.stringMatching(/^[A-Za-z0-9%_.-]{0,12}$/),
					part(['ACoAAB1x', 'jos%C3%A9', '%E0%A4%A']),
				),
				part(['', '/', '/details/skills', '?x=1', ' ']),
			)
			.map((parts) => parts.join(''));
		await fc.assert(
			fc.asyncProperty(url, async (profileUrl) => {
				const expected = canonicalizeProfileUrl(profileUrl);
				const answer = await post(sandbox.url, profiles(profileUrl));
				if (expected.ok) {
					expect(answer.status).toBe(201);
					expect(answer.json).toMatchObject({ data: [{ profile_url: expected.url }] });
				} else {
					expect(answer.status).toBe(400);
					expect(answer.json).toMatchObject({ details: [{ index: 0, code: expected.code }] });
				}
			}),
			{ numRuns: 60 },
		);
	});
});

describe('routing', () => {
	test('answers 404 for unknown paths, including the bulk path with a trailing slash', async () => {
		for (const path of [
			'/v1/profile/engagement',
			'/v1/profile/engagement/bulk/',
			'/',
			'/v2/profile/engagement/bulk',
		]) {
			const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/a'), { path });
			expect(answer.status).toBe(404);
			expect(ErrorBodySchema.parse(answer.json).message).toBe('Not Found');
		}
	});

	test('answers 405 with Allow: POST for other methods on the bulk path', async () => {
		for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
			const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/a'), { method });
			expect(answer.status).toBe(405);
			expect(answer.headers.get('allow')).toBe('POST');
		}
		expect(await sandbox.admin.monitors()).toEqual([]);
	});

	test('survives a client that hangs up halfway through its body', async () => {
		await new Promise<void>((resolve) => {
			const req = request(`${sandbox.url}/v1/profile/engagement/bulk`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': '1000',
					'x-api-key': ENTERPRISE_KEY,
				},
			});
			req.on('error', () => resolve());
			req.write('{"profiles": [', () => setTimeout(() => req.destroy(), 20));
			req.on('close', () => resolve());
		});
		expect(await sandbox.admin.monitors()).toEqual([]);
	});
});
