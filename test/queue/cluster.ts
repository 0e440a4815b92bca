import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort, n8nEnv } from '../e2e/runtime/n8n';
import type { CredentialImport, N8nContext, WorkflowImport } from '../e2e/runtime/n8n';
import { run, signalGroup, spawnGroup } from '../e2e/runtime/process';

/**
 * What every process of the cluster shares: the database, Redis, and queue mode. NODE_ENV is
 * dropped because jest sets it to "test", with which n8n loads no nodes at all.
 */
export function queueEnv(database: NodeJS.ProcessEnv, redisPort: number): NodeJS.ProcessEnv {
	return {
		...database,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		NODE_ENV: undefined,
	};
}

async function processEnv(context: N8nContext, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
	const ports = { http: await freePort(), broker: await freePort() };
	return { ...n8nEnv(context.paths, context.userFolder, ports), ...env };
}

/**
 * `n8n <args>` against the cluster's database. The runtime library's CLI helpers take no extra
 * environment, and without DB_* they would write to a SQLite file nobody else reads.
 */
export async function n8nCommand(
	context: N8nContext,
	args: string[],
	env: NodeJS.ProcessEnv,
): Promise<string> {
	const result = await run(context.paths.nodeExe, [context.paths.n8nScript, ...args], {
		env: await processEnv(context, env),
		cwd: context.userFolder,
		timeoutMs: 180_000,
	});
	if (result.code !== 0)
		throw new Error(
			`n8n ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`,
		);
	return result.stdout;
}

/** Imports credentials and workflows, and publishes the workflows so their webhooks go live at start. */
export async function provision(
	context: N8nContext,
	env: NodeJS.ProcessEnv,
	credentials: CredentialImport[],
	workflows: WorkflowImport[],
): Promise<void> {
	const folder = await mkdtemp(join(context.userFolder, 'provision-'));
	try {
		await writeFile(join(folder, 'credentials.json'), JSON.stringify(credentials));
		await writeFile(join(folder, 'workflows.json'), JSON.stringify(workflows));
		await n8nCommand(
			context,
			['import:credentials', `--input=${join(folder, 'credentials.json')}`],
			env,
		);
		await n8nCommand(
			context,
			['import:workflow', `--input=${join(folder, 'workflows.json')}`],
			env,
		);
		for (const workflow of workflows)
			await n8nCommand(context, ['publish:workflow', `--id=${workflow.id}`], env);
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
}

export interface Worker {
	name: string;
	output(): string;
	stop(): Promise<void>;
}

/** `n8n worker`: takes executions from the Redis queue; resolves once it says it is ready. */
export async function startWorker(
	context: N8nContext,
	env: NodeJS.ProcessEnv,
	name: string,
	concurrency: number,
): Promise<Worker> {
	const lines: string[] = [];
	const child = spawnGroup(
		context.paths.nodeExe,
		[context.paths.n8nScript, 'worker', `--concurrency=${concurrency}`],
		{
			env: await processEnv(context, env),
			cwd: context.userFolder,
			onLine: (line) => lines.push(line),
		},
	);
	const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const worker: Worker = {
		name,
		output: () => lines.join('\n'),
		stop: async () => {
			if (child.exitCode === null) signalGroup(child.pid ?? 0, 'SIGTERM');
			await Promise.race([exited, sleep(20_000, undefined, { ref: false })]);
			signalGroup(child.pid ?? 0, 'SIGKILL');
		},
	};
	for (
		let waited = 0;
		!lines.some((line) => line.includes('n8n worker is now ready'));
		waited += 250
	) {
		if (waited > 120_000 || child.exitCode !== null) {
			await worker.stop();
			throw new Error(`${name} did not become ready:\n${lines.slice(-30).join('\n')}`);
		}
		await sleep(250);
	}
	return worker;
}

/** Execution ids a process logged as started on a worker ("Worker started execution 3 (job 3)"). */
export function executionsStarted(output: string): string[] {
	return [...output.matchAll(/Worker started execution (\S+) \(job/g)].map((match) => match[1]);
}

/** Waits until the main process has registered a workflow's production webhook. */
export async function webhookLive(url: string, timeoutMs = 120_000): Promise<void> {
	for (let waited = 0; waited < timeoutMs; waited += 250) {
		// A GET to a POST webhook is refused without running anything, and says which method it wants.
		const text = await (await fetch(url)).text();
		if (text.includes('Did you mean to make a POST request')) return;
		await sleep(250);
	}
	throw new Error(`The webhook ${url} was not registered within ${timeoutMs / 1000} s`);
}
