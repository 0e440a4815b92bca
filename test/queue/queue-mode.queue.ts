import { join } from 'node:path';

import {
	createUserFolder,
	ensureRuntime,
	installCommunityPackage,
	removeUserFolder,
	startServer,
} from '../e2e/runtime/n8n';
import type { N8nContext, N8nServer } from '../e2e/runtime/n8n';
import { printToStdout } from '../e2e/runtime/progress';
import { startSandbox } from '../sandbox';
import type { RequestLogEntry, Sandbox } from '../sandbox';
import { executionsStarted, provision, queueEnv, startWorker, webhookLive } from './cluster';
import type { Worker } from './cluster';
import { packPackage } from './package';
import { startPostgres } from './postgres';
import type { Postgres } from './postgres';
import { startRedis } from './redis';
import type { Service } from './service';
import { sandboxCredential, WEBHOOK_PATH, webhookWorkflow } from './workflow';

// Six executions at once, each tracking 40 profiles; neighbours share 20, so most profiles are
// tracked by two executions that run at the same time on different workers.
const CALLS = 6;
const PER_CALL = 40;
const STEP = 20;

interface OutputItem {
	profile_url: string | null;
	input_profile_url: string;
	status: string;
	error?: { code: string };
}

const canonical = (n: number) => `https://www.linkedin.com/in/queue-lead-${n}`;
// Each call spells the profiles its own way; the node and the API must see one profile.
const spelled = (n: number, call: number) =>
	call % 2 === 0
		? `linkedin.com/in/Queue-Lead-${n}/?call=${call}`
		: `https://uk.linkedin.com/in/queue-lead-${n}#call-${call}`;
const profilesOf = (call: number) => Array.from({ length: PER_CALL }, (_, k) => call * STEP + k);

let sandbox: Sandbox;
let redis: Service | undefined;
let postgres: Postgres | undefined;
let userFolder: string | undefined;
let context: N8nContext | undefined;
let main: N8nServer | undefined;
const workers: Worker[] = [];
let setupSeconds = 0;

beforeAll(async () => {
	const started = Date.now();
	sandbox = await startSandbox({ rateLimit: false });
	// Slow answers keep executions in flight long enough to overlap across the workers.
	await sandbox.admin.addFaults({ kind: 'latency', latency_ms: 300, count: 'always' });
	userFolder = await createUserFolder('trigify-queue-');
	const [paths, tarball] = await Promise.all([
		ensureRuntime(printToStdout),
		packPackage(join(userFolder, 'package')),
	]);
	context = { paths, userFolder };
	[redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
	await installCommunityPackage(paths, context.userFolder, tarball);
	const env = queueEnv(postgres.env, redis.port);
	await provision(
		context,
		env,
		[sandboxCredential(sandbox.apiKey, sandbox.url)],
		[webhookWorkflow()],
	);
	main = await startServer(context, { env });
	workers.push(
		...(await Promise.all(
			['worker A', 'worker B'].map((name) => startWorker(context as N8nContext, env, name, 2)),
		)),
	);
	await webhookLive(`${main.url}/webhook/${WEBHOOK_PATH}`);
	setupSeconds = (Date.now() - started) / 1000;
}, 900_000);

afterAll(async () => {
	await Promise.all(workers.map((worker) => worker.stop()));
	await main?.stop();
	await Promise.all([redis?.stop(), postgres?.stop()]);
	if (userFolder) await removeUserFolder(userFolder);
	await sandbox?.close();
}, 120_000);

/** The most requests the sandbox was answering at the same moment. */
function mostAtOnce(log: RequestLogEntry[]): number {
	const edges = log.flatMap((entry) => {
		const start = Date.parse(entry.at);
		return [
			{ at: start, step: 1 },
			{ at: start + entry.duration_ms, step: -1 },
		];
	});
	edges.sort((a, b) => a.at - b.at || a.step - b.step);
	let current = 0;
	let most = 0;
	for (const { step } of edges) {
		current += step;
		most = Math.max(most, current);
	}
	return most;
}

async function call(url: string, index: number): Promise<OutputItem[]> {
	const profiles = [
		...profilesOf(index).map((n) => ({ profile_url: spelled(n, index) })),
		{ profile_url: `not a profile ${index}` },
	];
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ profiles }),
		signal: AbortSignal.timeout(120_000),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as OutputItem[];
}

describe('n8n in queue mode: one main, two workers, Redis and PostgreSQL', () => {
	it('runs the node on the workers, and overlapping executions create each profile once', async () => {
		const { url } = main as N8nServer;
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: CALLS }, (_, index) => call(`${url}/webhook/${WEBHOOK_PATH}`, index)),
		);
		const runSeconds = (Date.now() - started) / 1000;

		answers.forEach((items, index) => {
			expect(items.map((item) => [item.input_profile_url, item.profile_url])).toEqual([
				...profilesOf(index).map((n) => [spelled(n, index), canonical(n)]),
				[`not a profile ${index}`, null],
			]);
			expect(items.at(-1)).toMatchObject({
				status: 'rejected',
				error: { code: 'invalid_profile_url' },
			});
		});
		// Every profile was created by exactly one execution; any other saw it as existing.
		const created = new Map<string, number>();
		for (const item of answers.flat()) {
			if (item.profile_url === null) continue;
			expect(['created', 'existing']).toContain(item.status);
			created.set(
				item.profile_url,
				(created.get(item.profile_url) ?? 0) + (item.status === 'created' ? 1 : 0),
			);
		}
		const tracked = (CALLS - 1) * STEP + PER_CALL;
		expect(created.size).toBe(tracked);
		expect([...created.values()].every((count) => count === 1)).toBe(true);
		const monitors = await sandbox.admin.monitors();
		expect(monitors).toHaveLength(tracked);
		expect(new Set(monitors.map((monitor) => monitor.profile_url)).size).toBe(tracked);

		// More requests in flight at once than one worker can make (2 executions x 2 parallel
		// requests): executions for the same profiles overlapped on both workers.
		const inFlight = mostAtOnce(await sandbox.admin.requests());
		expect(inFlight).toBeGreaterThan(4);

		// The executions ran on the workers, both of them, and none on the main process.
		const perWorker = workers.map((worker) => executionsStarted(worker.output()));
		expect(perWorker.every((ids) => ids.length > 0)).toBe(true);
		expect(new Set(perWorker.flat()).size).toBe(CALLS);
		expect(executionsStarted((main as N8nServer).output())).toEqual([]);
		expect((main as N8nServer).output().match(/Enqueued execution/g)).toHaveLength(CALLS);

		process.stdout.write(
			`\nQueue mode: set-up ${setupSeconds.toFixed(0)} s; ${CALLS} concurrent executions of ${PER_CALL + 1} items in ${runSeconds.toFixed(1)} s; ` +
				`${workers.map((worker, n) => `${worker.name} ran ${perWorker[n].length}`).join(', ')}; up to ${inFlight} requests in flight; ${monitors.length} monitors for ${tracked} profiles, no duplicates.\n`,
		);
	});
});
