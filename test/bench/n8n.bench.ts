import { rmSync } from 'node:fs';

import {
	createUserFolder,
	ensureRuntime,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	nodeItems,
	removeUserFolder,
} from '../e2e/runtime/n8n';
import type { ExecutionRun, N8nContext } from '../e2e/runtime/n8n';
import { printToStdout } from '../e2e/runtime/progress';
import { BULK_PATH } from '../sandbox';
import {
	HTTP_NODE,
	HTTP_WORKFLOW_ID,
	ROWS_NODE,
	SPLIT_NODE,
	TRACK_NODE,
	TRACK_WORKFLOW_ID,
	benchCredentials,
	httpPerItemWorkflow,
	trackWorkflow,
} from './n8n-workflows';
import { packBuiltPackage } from './pack';
import { heading, line, median } from './report';
import { startSandboxChild } from './sandbox-child';
import type { SandboxChild } from './sandbox-child';

const ITEMS = 1_000;
const ROUNDS = 3;

/** `execute --rawOutput` prints the whole run, with n8n's own start and stop times. */
interface TimedRun extends ExecutionRun {
	startedAt?: string;
	stoppedAt?: string;
}

const TIMES = {
	wall: 'wall time of `n8n execute`, start-up incl.',
	execution: 'execution time n8n reports (stop - start)',
	node: 'executionTime of the node under test',
	rows: 'making the rows (same on both sides)',
} as const;
type TimeKey = keyof typeof TIMES;

interface Side {
	label: string;
	workflowId: string;
	node: string;
	/** Profiles the sandbox reported created, read from the node's output items. */
	created(run: ExecutionRun): number;
	times: Record<TimeKey, number[]>;
	requests: Set<number>;
}

function createdByHttpRequest(run: ExecutionRun): number {
	return nodeItems(run, HTTP_NODE).filter((json) => {
		const data = (json as { data?: Array<{ status?: string }> }).data;
		return data?.length === 1 && data[0].status === 'created';
	}).length;
}

function createdByTrack(run: ExecutionRun): number {
	const counts = [0, 1, 2].map((output) => nodeItems(run, TRACK_NODE, output).length);
	if (counts[0] + counts[1] + counts[2] !== ITEMS)
		throw new Error(`Track LinkedIn Profiles: ${counts.join(' + ')} items out of ${ITEMS}`);
	return counts[0];
}

function side(label: string, workflowId: string, node: string, created: Side['created']): Side {
	const times = { wall: [], execution: [], node: [], rows: [] };
	return { label, workflowId, node, created, times, requests: new Set() };
}

function nodeTime(run: ExecutionRun, node: string): number {
	const task = run.data.resultData.runData[node]?.[0] as { executionTime?: number } | undefined;
	return task?.executionTime ?? Number.NaN;
}

/** Both sides start from an empty sandbox (reset, untimed), so every profile is created. */
async function measure(context: N8nContext, sandbox: SandboxChild, entry: Side): Promise<void> {
	await sandbox.admin.reset();
	const started = performance.now();
	const run: TimedRun = await executeWorkflow(context, entry.workflowId);
	const wall = performance.now() - started;
	const error = run.data.resultData.error;
	if (error !== undefined)
		throw new Error(`${entry.label}: the execution failed: ${error.message}`);
	const created = entry.created(run);
	if (created !== ITEMS) throw new Error(`${entry.label}: ${created} of ${ITEMS} items created`);
	const log = await sandbox.admin.requests();
	entry.requests.add(log.filter((request) => request.path === BULK_PATH).length);
	entry.times.wall.push(wall);
	entry.times.execution.push(Date.parse(run.stoppedAt ?? '') - Date.parse(run.startedAt ?? ''));
	entry.times.node.push(nodeTime(run, entry.node));
	entry.times.rows.push(nodeTime(run, ROWS_NODE) + nodeTime(run, SPLIT_NODE));
}

function report(http: Side, track: Side): void {
	for (const entry of [http, track]) {
		heading(`  ${entry.label}`);
		line('requests (sandbox log), every run', [...entry.requests].join(', '));
		for (const [key, label] of Object.entries(TIMES) as Array<[TimeKey, string]>) {
			const values = entry.times[key];
			const shown = values.map((value) => value.toFixed(0)).join(', ');
			line(label, `${median(values).toFixed(0)} ms [${shown}]`);
		}
	}
	heading('  HTTP Request per item / Track LinkedIn Profiles');
	const fewer = Math.min(...http.requests) / Math.max(...track.requests);
	line('requests', `${fewer.toFixed(0)}x fewer (target >= 50x)`);
	for (const key of ['wall', 'execution', 'node'] as const) {
		const ratio = median(http.times[key]) / median(track.times[key]);
		line(TIMES[key], `${ratio.toFixed(1)}x less (target >= 10x)`);
	}
}

export async function benchN8n(): Promise<void> {
	heading(
		`Real n8n (pinned runtime, \`n8n execute\`): HTTP Request per item vs Track LinkedIn Profiles, ` +
			`${ITEMS.toLocaleString('en')} items from Edit Fields + Split Out, one user folder; sandbox in a child ` +
			`process, rate limit off for both, reset before every run; median of ${ROUNDS} rounds, ` +
			'order alternating',
	);
	const paths = await ensureRuntime(printToStdout);
	// Rate limit off for both: at the sandbox's default of 100 a minute, 900 of the per-item
	// workflow's 1,000 calls would get 429 and it would fail (or, retried, wait minutes), so the
	// figures would time the limiter, not the two ways of calling the API.
	const sandbox = await startSandboxChild(['--ephemeral', '--rate-limit', 'off']);
	const context: N8nContext = { paths, userFolder: await createUserFolder('trigify-n8n-bench-') };
	const pack = await packBuiltPackage();
	try {
		await installCommunityPackage(paths, context.userFolder, pack.tarball);
		await importCredentials(context, benchCredentials(sandbox.url));
		await importWorkflows(context, [httpPerItemWorkflow(sandbox.url, ITEMS), trackWorkflow(ITEMS)]);
		const http = side(
			'HTTP Request node, 1 call per item',
			HTTP_WORKFLOW_ID,
			HTTP_NODE,
			createdByHttpRequest,
		);
		const track = side(
			'Track LinkedIn Profiles (defaults)',
			TRACK_WORKFLOW_ID,
			TRACK_NODE,
			createdByTrack,
		);
		for (let round = 0; round < ROUNDS; round++) {
			for (const entry of round % 2 === 0 ? [http, track] : [track, http])
				await measure(context, sandbox, entry);
		}
		report(http, track);
	} finally {
		await sandbox.stop();
		await removeUserFolder(context.userFolder);
		rmSync(pack.folder, { recursive: true, force: true });
	}
}
