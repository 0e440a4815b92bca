import { setTimeout as sleep } from 'node:timers/promises';

import { ErrorBodySchema, startSandbox } from './index';
import type { Sandbox } from './index';
import { post, profiles } from './test-support';

const PERMISSION = ['track:engagement:create'];
const KEYS = [
	{ key: 'trig_first', org: 'org_a', plan: 'ENTERPRISE', permissions: PERMISSION },
	{ key: 'trig_second', org: 'org_a', plan: 'ENTERPRISE', permissions: PERMISSION },
];

const upload = (sandbox: Sandbox, id: string, key = 'trig_first'): Promise<number> =>
	post(sandbox.url, profiles(`https://www.linkedin.com/in/${id}`), { key }).then(
		(answer) => answer.status,
	);

describe('rate limiting', () => {
	test('defaults to 100 requests per 60 s per key, then 429 with Retry-After', async () => {
		const sandbox = await startSandbox();
		try {
			expect(await sandbox.admin.rateLimit()).toEqual({
				enabled: true,
				limit: 100,
				window_ms: 60_000,
			});
			const statuses = await Promise.all(
				Array.from({ length: 100 }, (_, i) => upload(sandbox, `p${i}`, sandbox.apiKey)),
			);
			expect(new Set(statuses)).toEqual(new Set([201]));
			const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/one-too-many'));
			expect(answer.status).toBe(429);
			const retryAfter = Number(answer.headers.get('retry-after'));
			expect(Number.isInteger(retryAfter)).toBe(true);
			expect(retryAfter).toBeGreaterThanOrEqual(55);
			expect(retryAfter).toBeLessThanOrEqual(60);
			expect(ErrorBodySchema.parse(answer.json).message).toBe('Too Many Requests');
			expect(
				await sandbox.admin.monitors({ profileUrl: 'https://www.linkedin.com/in/one-too-many' }),
			).toEqual([]);
		} finally {
			await sandbox.close();
		}
	});

	test('counts each key on its own and opens again when the window has passed', async () => {
		const sandbox = await startSandbox({ keys: KEYS, rateLimit: { limit: 2, windowMs: 1000 } });
		try {
			expect([
				await upload(sandbox, 'a'),
				await upload(sandbox, 'b'),
				await upload(sandbox, 'c'),
			]).toEqual([201, 201, 429]);
			expect(await upload(sandbox, 'd', 'trig_second')).toBe(201);
			await sleep(1100);
			expect(await upload(sandbox, 'e')).toBe(201);
		} finally {
			await sandbox.close();
		}
	});

	test('gives a Retry-After no longer than what is left of the window', async () => {
		const sandbox = await startSandbox({ keys: KEYS, rateLimit: { limit: 1, windowMs: 3000 } });
		try {
			await upload(sandbox, 'a');
			const answer = await post(sandbox.url, profiles('https://www.linkedin.com/in/b'), {
				key: 'trig_first',
			});
			expect(answer.status).toBe(429);
			expect(answer.headers.get('retry-after')).toBe('3');
		} finally {
			await sandbox.close();
		}
	});

	test('can be turned off, and changed at run time through the admin API', async () => {
		const sandbox = await startSandbox({ keys: KEYS, rateLimit: false });
		try {
			const statuses = await Promise.all(
				Array.from({ length: 150 }, (_, i) => upload(sandbox, `p${i}`)),
			);
			expect(new Set(statuses)).toEqual(new Set([201]));
			await sandbox.admin.setRateLimit({ enabled: true, limit: 1, window_ms: 60_000 });
			expect([await upload(sandbox, 'x'), await upload(sandbox, 'y')]).toEqual([201, 429]);
		} finally {
			await sandbox.close();
		}
	});
});
