import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { BulkSuccessSchema } from './index';
import { post, profiles, runCli, startCli, tempDir } from './test-support';

jest.setTimeout(20_000);

const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function newDir(): string {
	const dir = tempDir('cli');
	dirs.push(dir);
	return dir;
}

/** The request from the spec, sent with curl exactly as a user would copy it. */
async function specCurl(url: string, key: string): Promise<string> {
	const body = JSON.stringify({
		profiles: [
			{
				profile_url: 'https://www.linkedin.com/in/amelia-chen',
				webhook_url: 'https://ops.example.com/webhooks/trigify/profile-engagement',
			},
			{ profile_url: 'https://www.linkedin.com/in/marco-alvarez' },
		],
	});
	const { stdout } = await promisify(execFile)('curl', [
		'-sS',
		'-i',
		'-X',
		'POST',
		`${url}/v1/profile/engagement/bulk`,
		'-H',
		`x-api-key: ${key}`,
		'-H',
		'Content-Type: application/json',
		'-d',
		body,
	]);
	return stdout;
}

describe('npm run sandbox', () => {
	test('prints its base URL and the demo key, answers the spec’s curl, and saves state in .sandbox-data', async () => {
		const cwd = newDir();
		const cli = await startCli(['--port', '0'], cwd);
		expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(cli.output()).toContain('trig_sandbox_enterprise');

		const answer = await specCurl(cli.url, 'trig_sandbox_enterprise');
		const [head, body] = answer.split('\r\n\r\n');
		expect(head).toMatch(/^HTTP\/1\.1 201/);
		expect(head.toLowerCase()).toContain('x-spent-credits: 0');
		expect(BulkSuccessSchema.parse(JSON.parse(body)).data.map((row) => row.status)).toEqual([
			'created',
			'created',
		]);

		cli.child.kill('SIGTERM');
		expect(await cli.exited).toBe(0);
		expect(existsSync(join(cwd, '.sandbox-data'))).toBe(true);

		const again = await startCli(['--port', '0'], cwd);
		try {
			const second = BulkSuccessSchema.parse(
				JSON.parse((await specCurl(again.url, 'trig_sandbox_enterprise')).split('\r\n\r\n')[1]),
			);
			expect(second.data.map((row) => row.status)).toEqual(['existing', 'existing']);
		} finally {
			again.child.kill('SIGINT');
			expect(await again.exited).toBe(0);
		}
	});

	test('takes faults, poison, a rate limit and keys as flags, and --ephemeral writes nothing', async () => {
		const cwd = newDir();
		writeFileSync(
			join(cwd, 'keys.json'),
			JSON.stringify([
				{
					key: 'trig_flag_key',
					org: 'org_flags',
					plan: 'CUSTOM',
					permissions: ['track:engagement:create'],
				},
			]),
		);
		const cli = await startCli(
			[
				'--port',
				'0',
				'--ephemeral',
				'--rate-limit',
				'2/60',
				'--fault',
				'{"kind":"status","status":503,"retry_after":2}',
				'--poison',
				'linkedin.com/in/poisoned',
				'--keys-file',
				'keys.json',
			],
			cwd,
		);
		try {
			const key = { key: 'trig_flag_key' };
			const first = await post(cli.url, profiles('https://www.linkedin.com/in/a'), key);
			expect([first.status, first.headers.get('retry-after')]).toEqual([503, '2']);
			expect(
				(await post(cli.url, profiles('https://www.linkedin.com/in/poisoned'), key)).status,
			).toBe(400);
			expect((await post(cli.url, profiles('https://www.linkedin.com/in/a'), key)).status).toBe(
				201,
			);
			expect((await post(cli.url, profiles('https://www.linkedin.com/in/b'), key)).status).toBe(
				429,
			);
		} finally {
			cli.child.kill('SIGTERM');
			expect(await cli.exited).toBe(0);
		}
		expect(readdirSync(cwd)).toEqual(['keys.json']);
	});

	test('explains a bad flag and exits with 2', async () => {
		const run = runCli(['--rate-limit', 'lots', '--ephemeral']);
		expect(await run.exited).toBe(2);
		expect(run.output()).toContain('--rate-limit takes <requests>/<seconds>');
		expect(run.output()).toContain('Usage:');
	});

	test('says so and exits with 1 when the port is taken', async () => {
		const first = await startCli(['--port', '0', '--ephemeral']);
		try {
			const port = new URL(first.url).port;
			const second = runCli(['--port', port, '--ephemeral']);
			expect(await second.exited).toBe(1);
			expect(second.output()).toMatch(/could not start.*EADDRINUSE/s);
		} finally {
			first.child.kill('SIGTERM');
			await first.exited;
		}
	});
});
