import { rmSync } from 'node:fs';

import { BulkSuccessSchema, startSandbox } from './index';
import type { BulkResultRow, Sandbox } from './index';
import { post, profiles, tempDir } from './test-support';

const SPELLINGS = [
	'https://www.linkedin.com/in/amelia-chen',
	'linkedin.com/in/Amelia-Chen/',
	'http://uk.linkedin.com/in/amelia-chen?trk=x',
	'https://m.linkedin.com/in/AMELIA-CHEN/details/skills/',
	'www.linkedin.com/mwlite/in/amelia-chen',
];

async function uploadAll(sandbox: Sandbox, bodies: unknown[]): Promise<BulkResultRow[][]> {
	const answers = await Promise.all(bodies.map((body) => post(sandbox.url, body)));
	return answers.map((answer) => {
		expect(answer.status).toBe(201);
		return BulkSuccessSchema.parse(answer.json).data;
	});
}

describe.each([
	['in memory', false],
	['persisted', true],
])('concurrent requests (%s)', (_name, persisted) => {
	let sandbox: Sandbox;
	let dataDir: string | undefined;

	beforeEach(async () => {
		dataDir = persisted ? tempDir('concurrency') : undefined;
		sandbox = await startSandbox({ rateLimit: false, dataDir });
	});
	afterEach(async () => {
		await sandbox.close();
		if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
	});

	test('for one profile create exactly one monitor and report it created exactly once', async () => {
		const bodies = Array.from({ length: 40 }, (_, i) => profiles(SPELLINGS[i % SPELLINGS.length]));
		const rows = (await uploadAll(sandbox, bodies)).flat();
		expect(rows.filter((row) => row.status === 'created')).toHaveLength(1);
		expect(rows.filter((row) => row.status === 'existing')).toHaveLength(39);
		expect(await sandbox.admin.monitors()).toHaveLength(1);
	});

	test('with overlapping batches create each profile once and nothing else', async () => {
		const pool = Array.from({ length: 120 }, (_, i) => `https://www.linkedin.com/in/pool-${i}`);
		// Batch b takes 60 consecutive profiles starting at 5b, so neighbours overlap heavily.
		const bodies = Array.from({ length: 20 }, (_, b) => profiles(...pool.slice(5 * b, 5 * b + 60)));
		const rows = (await uploadAll(sandbox, bodies)).flat();
		const created = rows.filter((row) => row.status === 'created').map((row) => row.profile_url);
		const expected = pool.slice(0, 5 * 19 + 60);
		expect(created.sort()).toEqual([...expected].sort());
		const monitors = await sandbox.admin.monitors();
		expect(monitors.map((monitor) => monitor.profile_url).sort()).toEqual([...expected].sort());
		expect(new Set(monitors.map((monitor) => monitor.id)).size).toBe(expected.length);
	});

	test('setting webhooks on one profile end with one of the webhooks sent, reported once as created', async () => {
		const hooks = Array.from({ length: 10 }, (_, i) => `https://hooks.example.com/h${i}`);
		const bodies = hooks.map((webhook_url) => ({
			profiles: [{ profile_url: SPELLINGS[0], webhook_url }],
		}));
		const rows = (await uploadAll(sandbox, bodies)).flat();
		expect(rows.filter((row) => row.webhook_status === 'created')).toHaveLength(1);
		expect(rows.filter((row) => row.webhook_status === 'updated')).toHaveLength(9);
		const [monitor] = await sandbox.admin.monitors();
		expect(hooks).toContain(monitor.webhook_url);
	});
});
