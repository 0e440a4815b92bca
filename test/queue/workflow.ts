import type { CredentialImport, WorkflowImport, WorkflowNode } from '../e2e/runtime/n8n';

export const WEBHOOK_PATH = 'trigify-queue';
const CREDENTIAL = { id: 'trigifyQueue0001', name: 'Trigify (sandbox)' };
const TRACK = 'Track LinkedIn Profiles';

export function sandboxCredential(apiKey: string, baseUrl: string): CredentialImport {
	return { ...CREDENTIAL, type: 'trigifyApi', data: { apiKey, baseUrl } };
}

/**
 * How teams feed the node in production: a Webhook trigger receives a list of profiles, Split Out
 * makes one item per profile, and the node tracks them, answering the caller with every item
 * (single output) once the execution is done, wherever it ran.
 */
export function webhookWorkflow(): WorkflowImport {
	// The editor gives every Webhook node a webhookId; imported without one, n8n 2.41 on
	// PostgreSQL never registered the production path (checked).
	const webhook: WorkflowNode & { webhookId: string } = {
		id: 'webhook',
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: '6f1d2c3b-4a5e-4f60-9a7b-8c9d0e1f2a3b',
		parameters: {
			httpMethod: 'POST',
			path: WEBHOOK_PATH,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
	return {
		id: 'trigifyQueueWf001',
		name: 'Track profiles posted to a webhook',
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook,
			{
				id: 'split',
				name: 'One item per profile',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.profiles', options: {} },
			},
			{
				id: 'track',
				name: TRACK,
				type: 'n8n-nodes-trigify.trackLinkedInProfiles',
				typeVersion: 1,
				position: [440, 0],
				parameters: { outputMode: 'single', options: { batchSize: 10, parallelRequests: 2 } },
				credentials: { trigifyApi: CREDENTIAL },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per profile', type: 'main', index: 0 }]] },
			'One item per profile': { main: [[{ node: TRACK, type: 'main', index: 0 }]] },
		},
	};
}
