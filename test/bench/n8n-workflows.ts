import type { CredentialImport, WorkflowImport, WorkflowNode } from '../e2e/runtime/n8n';
import { BULK_PATH } from '../sandbox';
import { SANDBOX_KEY } from './sandbox-child';

export const HTTP_NODE = 'HTTP Request';
export const TRACK_NODE = 'Track LinkedIn Profiles';
export const HTTP_WORKFLOW_ID = 'benchHttpPerItem01';
export const TRACK_WORKFLOW_ID = 'benchTrackNode0001';
const TRIGGER = "When clicking 'Execute workflow'";
export const ROWS_NODE = 'Generate rows';
export const SPLIT_NODE = 'One item per row';
const HEADER_CREDENTIAL = { id: 'benchHeaderAuth001', name: 'Trigify key (header)' };
const TRIGIFY_CREDENTIAL = { id: 'benchTrigifyApi001', name: 'Trigify (sandbox)' };

/** A header auth credential for the HTTP Request node and a Trigify one for ours: same key. */
export function benchCredentials(sandboxUrl: string): CredentialImport[] {
	return [
		{
			...HEADER_CREDENTIAL,
			type: 'httpHeaderAuth',
			data: { name: 'x-api-key', value: SANDBOX_KEY },
		},
		{
			...TRIGIFY_CREDENTIAL,
			type: 'trigifyApi',
			data: { apiKey: SANDBOX_KEY, baseUrl: sandboxUrl },
		},
	];
}

/**
 * Manual trigger, then `count` CRM-like rows, then `last`. The rows come from one expression and
 * Split Out rather than a Code node: a Code node starts n8n's task runner, a fixed cost of about
 * a second that both sides would pay and that has nothing to do with calling the API.
 */
function workflow(id: string, name: string, count: number, last: WorkflowNode): WorkflowImport {
	const rows =
		`Array.from({ length: ${count} }, (_, n) => ` +
		'({ name: "Person " + n, profile_url: "https://www.linkedin.com/in/bench-n8n-" + n }))';
	const main = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return {
		id,
		name,
		nodes: [
			{
				id: `${id}-trigger`,
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-rows`,
				name: ROWS_NODE,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: { mode: 'raw', jsonOutput: `={{ JSON.stringify({ rows: ${rows} }) }}` },
			},
			{
				id: `${id}-split`,
				name: SPLIT_NODE,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'rows' },
			},
			last,
		],
		connections: {
			[TRIGGER]: main(ROWS_NODE),
			[ROWS_NODE]: main(SPLIT_NODE),
			[SPLIT_NODE]: main(last.name),
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What users build today without our node: the HTTP Request node posting each item as a batch of
 * one, key in a header auth credential, batching set to 1 item per batch with no interval (the
 * fastest setting: n8n starts every item's request at once and waits for all of them).
 */
export function httpPerItemWorkflow(sandboxUrl: string, count: number): WorkflowImport {
	return workflow(HTTP_WORKFLOW_ID, 'Bench: HTTP Request per item', count, {
		id: `${HTTP_WORKFLOW_ID}-http`,
		name: HTTP_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [660, 0],
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}${BULK_PATH}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={\n  "profiles": [{ "profile_url": "{{ $json.profile_url }}" }]\n}',
			options: { batching: { batch: { batchSize: 1, batchInterval: 0 } } },
		},
		credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
	});
}

/** The same rows through Track LinkedIn Profiles with its defaults. */
export function trackWorkflow(count: number): WorkflowImport {
	return workflow(TRACK_WORKFLOW_ID, 'Bench: Track LinkedIn Profiles', count, {
		id: `${TRACK_WORKFLOW_ID}-track`,
		name: TRACK_NODE,
		type: 'n8n-nodes-trigify.trackLinkedInProfiles',
		typeVersion: 1,
		position: [660, 0],
		parameters: { outputMode: 'split', options: {} },
		credentials: { trigifyApi: TRIGIFY_CREDENTIAL },
	});
}
