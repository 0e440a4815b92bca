import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { n8nEnv } from './env';
import type { RuntimePaths } from './paths';
import { freePort } from './ports';
import { run, type RunResult } from './process';
import type { CredentialImport, ExecutionRun, NodeTypeDescription, WorkflowImport } from './types';

/** One n8n instance on disk: a runtime plus the user folder holding its database. */
export interface N8nContext {
	paths: RuntimePaths;
	userFolder: string;
}

export class N8nCommandError extends Error {
	constructor(
		readonly args: string[],
		readonly result: RunResult,
	) {
		const output = (result.stdout + result.stderr).trimEnd().split('\n').slice(-30).join('\n');
		const how = result.timedOut ? 'timed out' : `exited with ${result.code ?? result.signal}`;
		super(`n8n ${args.join(' ')} ${how}:\n${output}`);
	}
}

/** Runs `n8n <args>` to completion and returns its output, whatever its exit code. */
export async function runN8nRaw(
	context: N8nContext,
	args: string[],
	timeoutMs = 180_000,
): Promise<RunResult> {
	const ports = { http: await freePort(), broker: await freePort() };
	return await run(context.paths.nodeExe, [context.paths.n8nScript, ...args], {
		env: n8nEnv(context.paths, context.userFolder, ports),
		cwd: context.userFolder,
		timeoutMs,
	});
}

/** Runs `n8n <args>` to completion and returns its output; throws when it fails. */
export async function runN8n(
	context: N8nContext,
	args: string[],
	timeoutMs = 180_000,
): Promise<RunResult> {
	const result = await runN8nRaw(context, args, timeoutMs);
	if (result.code !== 0) throw new N8nCommandError(args, result);
	return result;
}

async function withJsonFile<T>(
	context: N8nContext,
	content: unknown,
	use: (file: string) => Promise<T>,
): Promise<T> {
	const dir = await mkdtemp(join(context.userFolder, 'cli-'));
	try {
		const file = join(dir, 'input.json');
		await writeFile(file, JSON.stringify(content, null, '\t'));
		return await use(file);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Credentials with plain `data`: n8n encrypts it with the user folder's key on import. */
export async function importCredentials(
	context: N8nContext,
	credentials: CredentialImport[],
): Promise<void> {
	await withJsonFile(context, credentials, (file) =>
		runN8n(context, ['import:credentials', `--input=${file}`]),
	);
}

export async function importWorkflows(
	context: N8nContext,
	workflows: WorkflowImport[],
): Promise<void> {
	await withJsonFile(context, workflows, (file) =>
		runN8n(context, ['import:workflow', `--input=${file}`]),
	);
}

/**
 * Runs a stored workflow from its trigger, as the editor's "Execute workflow" would, and returns the
 * run. n8n prints it as JSON through its logger, after whatever it logged at start-up.
 */
export async function executeWorkflow(context: N8nContext, id: string): Promise<ExecutionRun> {
	const args = ['execute', `--id=${id}`, '--rawOutput'];
	// A workflow that fails exits non-zero but still prints its run, which is what callers inspect.
	const result = await runN8nRaw(context, args);
	const execution = parseRun(result.stdout);
	if (!execution) throw new N8nCommandError(args, result);
	return execution;
}

export function parseRun(stdout: string): ExecutionRun | undefined {
	const start = stdout.indexOf('{');
	if (start < 0) return undefined;
	// Log lines may follow the JSON, so try each closing brace from the last one backwards.
	for (let end = stdout.lastIndexOf('}'); end > start; end = stdout.lastIndexOf('}', end - 1)) {
		try {
			return JSON.parse(stdout.slice(start, end + 1)) as ExecutionRun;
		} catch {
			// Not a complete object yet.
		}
	}
	return undefined;
}

/** The JSON of the items one node emitted on one output in its first run. */
export function nodeItems(
	execution: ExecutionRun,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	const nodeRun = execution.data.resultData.runData[nodeName]?.[0];
	if (!nodeRun) throw new Error(`node "${nodeName}" did not run`);
	return (nodeRun.data?.main[output] ?? []).map((item) => item.json);
}

/** Every node type the instance loaded, community nodes included (`n8n export:nodes`). */
export async function exportNodes(context: N8nContext): Promise<NodeTypeDescription[]> {
	return await withJsonFile(context, [], async (file) => {
		await runN8n(context, ['export:nodes', `--output=${file}`]);
		return JSON.parse(await readFile(file, 'utf8')) as NodeTypeDescription[];
	});
}
