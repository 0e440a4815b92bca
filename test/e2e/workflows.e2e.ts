import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';

import { startSandbox, type Sandbox } from '../sandbox';
import {
	executeWorkflow,
	exportNodes,
	removeUserFolder,
	type N8nContext,
	type NodeTypeDescription,
} from './runtime/n8n';
import { trigifyCredential } from './support/credentials';
import { canonical, crmScenario, trackBeforehand, type CrmCase } from './support/crm-rows';
import { createInstance } from './support/instance';
import { REPO_ROOT } from './support/package';
import { emitted, outputCount } from './support/run-items';
import {
	EXAMPLE_CREDENTIAL,
	exampleWorkflow,
	NODE_TYPE,
	OUTPUTS,
	renamed,
	TRACK,
	withLineage,
	withRows,
	withSingleOutput,
} from './support/workflows';

const SPLIT = 'trigifyE2eSplit1';
const SINGLE = 'trigifyE2eSingle';
const RETRY = 'trigifyE2eRetry1';
const LINEAGE_FIELDS = ['name', 'linkedin_url'];

const split = crmScenario('split');
const single = crmScenario('single');
const retried = ['rita', 'raj', 'rosa'].map((name) => ({
	name,
	linkedin_url: `linkedin.com/in/retry-${name}`,
	webhook_url: '',
}));

function workflows() {
	const base = exampleWorkflow();
	const rows = (cases: CrmCase[]) => cases.map((entry) => entry.row);
	return [
		withLineage(withRows(renamed(base, SPLIT, 'e2e split'), rows(split.cases)), LINEAGE_FIELDS),
		withLineage(
			withSingleOutput(withRows(renamed(base, SINGLE, 'e2e single'), rows(single.cases))),
			LINEAGE_FIELDS,
		),
		withRows(renamed(base, RETRY, 'e2e retry'), retried),
	];
}

const packageVersion = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** The node's `outputs` expression, evaluated as the editor does for given parameter values. */
function outputLabels(description: NodeTypeDescription, parameters: Record<string, unknown>) {
	const expression = String(description.outputs);
	const body = expression.replace(/^=\{\{/, '').replace(/\}\}$/, '');
	const outputs = runInNewContext(body, { $parameter: parameters }) as Array<{
		type: string;
		displayName: string;
	}>;
	return outputs.map((output) => `${output.type}:${output.displayName}`);
}

function expectRowRouted(
	entry: { output: number; json: Record<string, unknown> },
	expected: CrmCase,
	output: number,
) {
	const { row, expect: want } = expected;
	expect({ output: entry.output, status: entry.json.status }).toEqual({
		output,
		status: want.status,
	});
	expect(entry.json.input_profile_url).toBe(row.linkedin_url);
	expect(entry.json.profile_url).toBe(want.profile);
	if (want.code) {
		expect(entry.json.error).toEqual({ code: want.code, message: expect.any(String) });
		expect(entry.json).not.toHaveProperty('webhook_status');
	} else {
		expect(entry.json.webhook_status).toBe(want.webhookStatus);
		expect(entry.json.webhook_url).toBe(row.webhook_url || null);
		expect(entry.json).not.toHaveProperty('error');
	}
}

describe('the packed package in the pinned real n8n, run through its CLI', () => {
	let sandbox: Sandbox;
	let n8n: N8nContext;

	beforeAll(async () => {
		sandbox = await startSandbox({ rateLimit: false });
		const data = { apiKey: sandbox.apiKey, baseUrl: sandbox.url };
		n8n = await createInstance({
			credentials: [trigifyCredential(EXAMPLE_CREDENTIAL.id, EXAMPLE_CREDENTIAL.name, data)],
			workflows: workflows(),
		});
	});

	afterAll(async () => {
		if (n8n) await removeUserFolder(n8n.userFolder);
		await sandbox?.close();
	});

	it('n8n lists the node with its name, version, credential, parameters and outputs', async () => {
		const nodeTypes = await exportNodes(n8n);
		const node = nodeTypes.find((type) => type.name === NODE_TYPE);
		expect(node).toMatchObject({
			displayName: 'Track LinkedIn Profiles',
			version: 1,
			communityNodePackageVersion: packageVersion,
			inputs: ['main'],
			credentials: [{ name: 'trigifyApi', required: true }],
		});
		if (!node) return;
		const properties = node.properties as Array<Record<string, unknown>>;
		expect(properties.map((property) => property.name)).toEqual([
			'profileUrl',
			'webhookUrl',
			'outputMode',
			'options',
		]);
		expect(properties[0]).toMatchObject({ type: 'string', default: '={{ $json.profile_url }}' });
		expect(properties[1]).toMatchObject({ type: 'string', default: '' });
		expect(properties[2]).toMatchObject({ type: 'options', default: 'split' });
		const modes = (properties[2].options as Array<{ value: string }>).map((mode) => mode.value);
		expect(modes).toEqual(['split', 'single']);
		expect(outputLabels(node, { outputMode: 'split' })).toEqual(
			OUTPUTS.map((output) => `main:${output.label}`),
		);
		expect(outputLabels(node, { outputMode: 'single' })).toEqual(['main:Results']);
		// usableAsTool: n8n derives an AI-agent tool from the same node.
		expect(nodeTypes.find((type) => type.name === `${NODE_TYPE}Tool`)).toMatchObject({
			outputs: ['ai_tool'],
		});
	});

	it('routes every CRM row to the right output, and nodes downstream read their own CRM row', async () => {
		await trackBeforehand(sandbox, split);
		const run = await executeWorkflow(n8n, SPLIT);
		expect(run.data.resultData.error).toBeUndefined();
		expect(outputCount(run, TRACK)).toBe(3);

		const out = emitted(run, TRACK).sort((a, b) => a.item - b.item);
		expect(out.map((entry) => entry.item)).toEqual(split.cases.map((_, index) => index));
		out.forEach((entry, index) => {
			const expected = split.cases[index];
			const output = OUTPUTS.findIndex((each) => each.status === expected.expect.status);
			expectRowRouted(entry, expected, output);
		});

		// $('CRM rows').item in the node after each output follows pairedItem back to the row.
		const byName = new Map(split.cases.map((entry) => [entry.row.name, entry]));
		const seen: string[] = [];
		for (const { status, next } of OUTPUTS) {
			for (const { json } of emitted(run, next)) {
				const source = byName.get(String(json.crm_name));
				expect(source).toBeDefined();
				expect(json.crm_linkedin_url).toBe(source?.row.linkedin_url);
				expect(json.input_profile_url).toBe(source?.row.linkedin_url);
				expect(source?.expect.status).toBe(status);
				seen.push(String(json.crm_name));
			}
		}
		expect(seen.sort()).toEqual([...byName.keys()].sort());

		const accepted = split.cases.filter((entry) => entry.expect.status !== 'rejected');
		const unique = new Set(accepted.map((entry) => entry.expect.profile));
		const requests = await sandbox.admin.requests();
		expect(requests.map((request) => [request.status, request.profile_count])).toEqual([
			[201, unique.size],
		]);
		const monitors = await sandbox.admin.monitors();
		const active = monitors.filter((monitor) => !monitor.archived).map((m) => m.profile_url);
		expect(active).toEqual(expect.arrayContaining([...unique]));
		expect(active).not.toContain(canonical('split-hal'));
	});

	it('with Output set to Single, one output carries every item with its status', async () => {
		await trackBeforehand(sandbox, single);
		const run = await executeWorkflow(n8n, SINGLE);
		expect(run.data.resultData.error).toBeUndefined();
		expect(outputCount(run, TRACK)).toBe(1);
		const out = emitted(run, TRACK).sort((a, b) => a.item - b.item);
		expect(out.map((entry) => entry.item)).toEqual(single.cases.map((_, index) => index));
		out.forEach((entry, index) => expectRowRouted(entry, single.cases[index], 0));
		const names = emitted(run, OUTPUTS[0].next).map(({ json }) => json.crm_name);
		expect(names).toEqual(single.cases.map((entry) => entry.row.name));
	});

	it('waits out a 429 with Retry-After, then tracks the batch', async () => {
		await sandbox.admin.clearRequests();
		await sandbox.admin.addFaults({ kind: 'status', status: 429, retry_after: 1 });
		const run = await executeWorkflow(n8n, RETRY);
		expect(run.data.resultData.error).toBeUndefined();
		const out = emitted(run, TRACK).sort((a, b) => a.item - b.item);
		expect(out.map(({ output, json }) => [output, json.status, json.profile_url])).toEqual(
			retried.map(({ name }) => [0, 'created', canonical(`retry-${name}`)]),
		);
		const requests = await sandbox.admin.requests();
		expect(requests.map((request) => request.status)).toEqual([429, 201]);
		const waited = Date.parse(requests[1].at) - Date.parse(requests[0].at);
		expect(waited).toBeGreaterThanOrEqual(1000);
		const hints = run.data.resultData.runData[TRACK][0] as { hints?: Array<{ message: string }> };
		expect(hints.hints?.map((hint) => hint.message)).toEqual([
			expect.stringMatching(/^Trigify: 3 created, 0 existing, 0 rejected;.* 1 retry,/),
		]);
	});
});
