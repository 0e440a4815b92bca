import { randomBytes } from 'node:crypto';

import { keyFingerprint, startSandbox, type Sandbox } from '../sandbox';
import {
	ensureOwnerSession,
	executeWorkflow,
	removeUserFolder,
	startServer,
	type ExecutionRun,
	type N8nContext,
	type N8nServer,
	type RestSession,
} from './runtime/n8n';
import { testStoredCredential } from './support/credential-test';
import { trigifyCredential } from './support/credentials';
import { createInstance } from './support/instance';
import { filesContaining } from './support/stored-files';
import { exampleWorkflow, NODE_TYPE, renamed, TRACK, withCredential } from './support/workflows';

// A key nobody else uses, so finding it anywhere can only mean this run leaked it.
const UNKNOWN_KEY = `trig_e2e_unknown_${randomBytes(12).toString('hex')}`;
const REFUSED_401 = 'Trigify refused the API key (HTTP 401)';
const REFUSED_WORKFLOW = 'trigifyE2eKey401';

const CREDENTIALS = {
	valid: { id: 'trigifyE2eValid01', name: 'Trigify (valid key)' },
	unknown: { id: 'trigifyE2eUnknown1', name: 'Trigify (unknown key)' },
	wrongPlan: { id: 'trigifyE2ePlan001', name: 'Trigify (wrong plan)' },
	noPermission: { id: 'trigifyE2ePerm001', name: 'Trigify (no permission)' },
} as const;

interface StoredExecution {
	id: string;
	workflowId: string;
	status: string;
	/** n8n stores the run serialised (flatted), so it is searched as text. */
	data: string;
}

describe('credentials and keys in the pinned real n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nContext;
	let failedRun: ExecutionRun;

	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimit: false });
		const { keys, url: baseUrl } = sandbox;
		const keyOf = {
			valid: keys.enterprise,
			unknown: UNKNOWN_KEY,
			wrongPlan: keys.wrongPlan,
			noPermission: keys.noPermission,
		};
		const credentials = Object.entries(CREDENTIALS).map(([role, { id, name }]) =>
			trigifyCredential(id, name, { apiKey: keyOf[role as keyof typeof keyOf], baseUrl }),
		);
		const workflow = renamed(exampleWorkflow(), REFUSED_WORKFLOW, 'e2e unknown key');
		n8n = await createInstance({
			credentials,
			workflows: [withCredential(workflow, CREDENTIALS.unknown)],
		});
	});

	afterAll(async () => {
		if (n8n) await removeUserFolder(n8n.userFolder);
		await sandbox?.close();
	});

	it('a run with an unknown key (401) fails the node with our message, and retries nothing', async () => {
		failedRun = await executeWorkflow(n8n, REFUSED_WORKFLOW);
		const { error, lastNodeExecuted, runData } = failedRun.data.resultData;
		expect(failedRun.status).toBe('error');
		expect(lastNodeExecuted).toBe(TRACK);
		expect(error?.message).toBe(REFUSED_401);
		expect(runData[TRACK][0].error?.message).toBe(REFUSED_401);
		expect(JSON.stringify(failedRun)).not.toContain(UNKNOWN_KEY);
		const requests = await sandbox.admin.requests();
		expect(requests.map((request) => [request.status, request.key_fingerprint])).toEqual([
			[401, keyFingerprint(UNKNOWN_KEY)],
		]);
	});

	describe('on the running server', () => {
		let server: N8nServer;
		let session: RestSession;

		beforeAll(async () => {
			server = await startServer(n8n);
			session = await ensureOwnerSession(server.url);
		});

		afterAll(async () => {
			await server?.stop();
		});

		it('lists the Trigify API credential type for the node', async () => {
			const response = await fetch(`${server.url}/types/credentials.json`, {
				headers: { cookie: `n8n-auth=${session.authToken}` },
			});
			expect(response.status).toBe(200);
			const types = (await response.json()) as Array<Record<string, unknown>>;
			const type = types.find((each) => each.name === 'trigifyApi');
			expect(type).toMatchObject({ displayName: 'Trigify API', supportedNodes: [NODE_TYPE] });
			const properties = (type?.properties ?? []) as Array<Record<string, unknown>>;
			expect(properties.find((property) => property.name === 'apiKey')).toMatchObject({
				type: 'string',
				typeOptions: { password: true },
			});
			expect(properties.find((property) => property.name === 'baseUrl')).toMatchObject({
				default: 'https://api.trigify.io',
			});
		});

		it('the credential test tells a valid, an unknown and an under-privileged key apart, and creates nothing', async () => {
			await sandbox.admin.clearRequests();
			const results = {
				valid: await testStoredCredential(session, CREDENTIALS.valid.id),
				unknown: await testStoredCredential(session, CREDENTIALS.unknown.id),
				wrongPlan: await testStoredCredential(session, CREDENTIALS.wrongPlan.id),
				noPermission: await testStoredCredential(session, CREDENTIALS.noPermission.id),
			};
			expect(results.valid.status).toBe('OK');
			expect(results.unknown).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/key/i),
			});
			// Both 403 keys need the same fix, which the API contract names: the permission and plan.
			for (const refused of [results.wrongPlan, results.noPermission]) {
				expect(refused).toMatchObject({
					status: 'Error',
					message: expect.stringMatching(/track:engagement:create.*ENTERPRISE or CUSTOM/),
				});
			}
			expect(results.unknown.message).not.toBe(results.wrongPlan.message);
			const answers = JSON.stringify(results);
			for (const key of [UNKNOWN_KEY, ...Object.values(sandbox.keys)]) {
				expect(answers).not.toContain(key);
			}

			// Per key, the answers the API gave; n8n sends a test that got 401 once more (its
			// token-refresh retry in httpRequestWithAuthentication), hence sets, not counts.
			const requests = await sandbox.admin.requests();
			const statusesOf = (key: string) => [
				...new Set(
					requests
						.filter((request) => request.key_fingerprint === keyFingerprint(key))
						.map((request) => request.status),
				),
			];
			expect({
				valid: statusesOf(sandbox.keys.enterprise),
				unknown: statusesOf(UNKNOWN_KEY),
				wrongPlan: statusesOf(sandbox.keys.wrongPlan),
				noPermission: statusesOf(sandbox.keys.noPermission),
			}).toEqual({ valid: [400], unknown: [401], wrongPlan: [403], noPermission: [403] });
			expect(requests.every((request) => request.profile_count === 0)).toBe(true);
			expect(await sandbox.admin.monitors()).toEqual([]);
		});

		it('the failed execution n8n stored carries our message and nowhere the key', async () => {
			const list = await session.request<{ results: Array<{ id: string; workflowId: string }> }>(
				'GET',
				`executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: REFUSED_WORKFLOW }))}`,
			);
			expect(list.results).toHaveLength(1);
			const stored = await session.request<StoredExecution>(
				'GET',
				`executions/${list.results[0].id}`,
			);
			expect(stored).toMatchObject({ workflowId: REFUSED_WORKFLOW, status: 'error' });
			expect(stored.data).toContain(REFUSED_401);
			expect(stored.data).not.toContain(UNKNOWN_KEY);

			// The database itself: the message is there in clear, the key in no file at all.
			expect(await filesContaining(n8n.userFolder, REFUSED_401)).not.toEqual([]);
			expect(await filesContaining(n8n.userFolder, UNKNOWN_KEY)).toEqual([]);
		});
	});
});
