// Proves the pinned runtime works end to end on this machine, with built-in nodes only:
// CLI import + execute, node export, then the server, owner setup, login and an authenticated
// REST call. Run: npx tsx test/e2e/runtime/smoke.ts [--keep] (--keep leaves the user folder).
import { strict as assert } from 'node:assert';

import {
	browserCookie,
	createUserFolder,
	ensureOwnerSession,
	ensureRuntime,
	executeWorkflow,
	exportNodes,
	importWorkflows,
	isGroupAlive,
	nodeItems,
	removeUserFolder,
	startServer,
	type N8nContext,
	type N8nServer,
	type WorkflowImport,
	type WorkflowNode,
} from './n8n';
import { formatDuration } from './process';
import { printToStdout as print } from './progress';

const WORKFLOW_ID = 'trigifySmoke0001';

const workflow: WorkflowImport = {
	id: WORKFLOW_ID,
	name: 'Runtime smoke test',
	nodes: layOut([
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}),
		// The Code node runs in n8n's JS task runner (its own Node 24 process) and the Set node
		// evaluates an expression: both must work before a community node's workflow can.
		node('Three items', 'n8n-nodes-base.code', 2, {
			jsCode: 'return [1, 2, 3].map((n) => ({ json: { n } }));',
		}),
		node('Double', 'n8n-nodes-base.set', 3.4, {
			assignments: {
				assignments: [
					{ id: 'doubled', name: 'doubled', value: '={{ $json.n * 2 }}', type: 'number' },
				],
			},
			includeOtherFields: true,
			options: {},
		}),
	]),
	connections: {
		Start: { main: [[{ node: 'Three items', type: 'main', index: 0 }]] },
		'Three items': { main: [[{ node: 'Double', type: 'main', index: 0 }]] },
	},
};

function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Record<string, unknown>,
): WorkflowNode {
	return { id: `${name}-id`, name, type, typeVersion, position: [0, 0], parameters };
}

function layOut(nodes: WorkflowNode[]): WorkflowNode[] {
	return nodes.map((each, index) => ({ ...each, position: [index * 220, 0] }));
}

let passed = 0;
let failed = 0;

async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
	const started = Date.now();
	let ok = false;
	try {
		const result = await action();
		ok = true;
		return result;
	} finally {
		if (ok) passed++;
		else failed++;
		print(`${ok ? 'ok  ' : 'FAIL'} ${name} (${formatDuration(Date.now() - started)})\n`);
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	const paths = await step('runtime is installed', () => ensureRuntime(print));
	const context: N8nContext = { paths, userFolder: await createUserFolder() };
	print(`     user folder ${context.userFolder}\n`);
	let server: N8nServer | undefined;
	try {
		await step('import:workflow', () => importWorkflows(context, [workflow]));
		await step('execute --rawOutput gives 3 items', async () => {
			const items = nodeItems(await executeWorkflow(context, WORKFLOW_ID), 'Double');
			print(`     items: ${JSON.stringify(items)}\n`);
			assert.deepEqual(items, [
				{ n: 1, doubled: 2 },
				{ n: 2, doubled: 4 },
				{ n: 3, doubled: 6 },
			]);
		});
		await step('export:nodes', async () => {
			const nodeTypes = await exportNodes(context);
			print(`     ${nodeTypes.length} node types\n`);
			assert.ok(nodeTypes.some((type) => type.name === 'n8n-nodes-base.manualTrigger'));
		});

		server = await step('n8n start answers /healthz', () => startServer(context));
		print(`     ${server.url}\n`);
		const { url } = server;
		const session = await step('owner setup and login', () => ensureOwnerSession(url));
		await step('authenticated REST calls', async () => {
			const workflows = await session.request<Array<{ id: string }>>('GET', 'workflows');
			assert.ok(
				workflows.some((stored) => stored.id === WORKFLOW_ID),
				'imported workflow listed',
			);
			const anonymous = await fetch(`${url}/rest/workflows`);
			assert.equal(anonymous.status, 401, 'the same call without the cookie is refused');
			// What a browser given this cookie sends: its own browser-id, which n8n must accept.
			const cookie = browserCookie(session);
			const asBrowser = await fetch(`${url}/rest/login`, {
				headers: { cookie: `${cookie.name}=${cookie.value}`, 'browser-id': 'smoke-browser' },
			});
			assert.equal(asBrowser.status, 200, 'the cookie works with any browser-id');
		});

		const { pid } = server;
		await step('server stops with no process left', async () => {
			await server?.stop();
			server = undefined;
			assert.equal(isGroupAlive(pid), false);
		});
	} finally {
		await server?.stop();
		if (process.argv.includes('--keep')) print(`     kept ${context.userFolder}\n`);
		else await removeUserFolder(context.userFolder);
	}
	print(`smoke finished in ${formatDuration(Date.now() - started)}\n`);
}

main()
	.catch((error: unknown) => {
		failed = Math.max(failed, 1);
		process.stderr.write(
			`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
	})
	.finally(() => {
		print(`smoke: ${passed} passed, ${failed} failed\n`);
		process.exitCode = failed ? 1 : 0;
	});
