import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '../e2e/runtime/ports';
import { runTrackNode } from '../engine/harness';
import type { RunOutput } from '../engine/harness';
import { emitted } from '../engine/support';
import { BULK_PATH, SANDBOX_KEYS, SandboxAdminClient } from '../sandbox';
import { startCli, tempDir } from '../sandbox/test-support';
import type { CliProcess } from '../sandbox/test-support';
import { buildCorpus } from './corpus';
import { judge } from './judge';
import { monitorProblems } from './log-checks';
import type { NodeOptions } from './matrix';
import { answersFrom, anyTruthfulAnswer } from './model';
import type { SandboxModel } from './model';

const corpus = buildCorpus();
const report: string[] = [];
const running = new Set<CliProcess>();

afterAll(async () => {
	for (const cli of running) cli.child.kill('SIGTERM');
	await Promise.all([...running].map((cli) => cli.exited));
	process.stdout.write(
		`\nSandbox killed and restarted mid-run (${corpus.items.length} items)\n${report.join('\n')}\n\n`,
	);
});

/** A sandbox in a child process with its state on disk, so it can be killed and come back. */
async function startSandboxProcess(port: number, dataDir: string): Promise<CliProcess> {
	const cli = await startCli([
		'--port',
		String(port),
		'--data-dir',
		dataDir,
		'--rate-limit',
		'off',
	]);
	running.add(cli);
	void cli.exited.then(() => running.delete(cli));
	return cli;
}

async function kill(cli: CliProcess): Promise<void> {
	cli.child.kill('SIGKILL');
	await cli.exited;
}

async function bulkRequestsReach(admin: SandboxAdminClient, count: number): Promise<void> {
	for (let waited = 0; waited < 20_000; waited += 25) {
		const log = await admin.requests();
		if (log.filter((entry) => entry.path === BULK_PATH).length >= count) return;
		await sleep(25);
	}
	throw new Error(`The node did not send ${count} requests within 20 s`);
}

function runCorpus(url: string, options: NodeOptions): Promise<RunOutput> {
	return runTrackNode({
		items: corpus.items.map((item) => item.json),
		parameters: {
			webhookUrl: '={{ $json.webhook_url }}',
			options: { ...options, includeInputFields: true },
		},
		credentials: { apiKey: SANDBOX_KEYS.enterprise, baseUrl: url },
	});
}

function verdictOf(result: RunOutput, model: SandboxModel) {
	return judge(emitted(result), { corpus, model, poisoned: new Set() });
}

const CLEAN = { out: corpus.items.length, lost: 0, duplicated: 0, misrouted: 0, problems: [] };
const GAVE_UP =
	/^Trigify could not track \d+ profiles?: The connection (?:was refused|closed before Trigify answered)/;

/**
 * Kills the sandbox (SIGKILL: no clean shutdown) once the node has had 3 answers, restarts it on
 * the same port and data folder after `downMs`, and checks the run and a re-run of the same items.
 */
async function killAndRestart(label: string, options: NodeOptions, downMs: number): Promise<void> {
	const port = await freePort();
	const dataDir = tempDir('restart');
	try {
		let cli = await startSandboxProcess(port, dataDir);
		const admin = new SandboxAdminClient(cli.url);
		// Slow answers keep the run going long enough to be cut in the middle.
		await admin.addFaults({ kind: 'latency', latency_ms: 150, count: 'always' });
		const started = Date.now();
		const first = runCorpus(cli.url, options);
		await bulkRequestsReach(admin, 3);
		await kill(cli);
		const restartAfterRun = downMs === Infinity;
		if (!restartAfterRun) {
			await sleep(downMs);
			cli = await startSandboxProcess(port, dataDir);
		}
		const firstRun = await first;
		const firstMs = Date.now() - started;
		if (restartAfterRun) cli = await startSandboxProcess(port, dataDir);

		if (firstRun.error === undefined) {
			expect(verdictOf(firstRun, anyTruthfulAnswer(corpus.profiles))).toEqual(CLEAN);
		} else {
			expect(firstRun.outputs).toEqual([]);
			expect(firstRun.error.message).toMatch(GAVE_UP);
		}
		const held = await admin.monitors();
		expect(
			monitorProblems(
				held,
				held.map((monitor) => monitor.profile_url),
			),
		).toEqual([]);

		const second = await runCorpus(cli.url, options);
		expect(second.error).toBeUndefined();
		expect(verdictOf(second, answersFrom(held, corpus.profiles))).toEqual(CLEAN);
		expect(monitorProblems(await admin.monitors(), corpus.profiles.keys())).toEqual([]);

		const statuses = emitted(second).map((entry) => String(entry.json.status));
		const count = (status: string) => statuses.filter((s) => s === status).length;
		report.push(
			`- ${label}: first run ${firstRun.error === undefined ? 'recovered' : `failed: "${firstRun.error.message.slice(0, 110)}..."`} (${(firstMs / 1000).toFixed(1)} s, ${held.length} monitors stored); ` +
				`re-run ${count('existing')} existing, ${count('created')} created, ${count('rejected')} rejected; ${(await admin.monitors()).length} monitors, no duplicates`,
		);
		await kill(cli);
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}

describe('the sandbox killed and restarted in the middle of a run', () => {
	it('is back within the retries: the run recovers, and a re-run finds every profile existing', async () => {
		await killAndRestart(
			'back after 1.5 s, max retries 5',
			{ parallelRequests: 1, maxRetries: 5, timeoutSeconds: 5 },
			1500,
		);
	});

	it('is back only after the run gave up: the run fails clearly, and a re-run completes it', async () => {
		await killAndRestart(
			'back after the run, max retries 1',
			{ parallelRequests: 1, maxRetries: 1, timeoutSeconds: 5 },
			Infinity,
		);
	});
});
