import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { MAX_BATCH_SIZE } from './plan';
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_WAIT_SECONDS } from './retry';

export const DEFAULT_TIMEOUT_SECONDS = 60;
export const MAX_PARALLEL_REQUESTS = 5;

// Stringified into the `outputs` expression, so it must stay self-contained: no imports, no closures.
export const configuredOutputs = (parameters: INodeParameters) =>
	parameters.outputMode === 'single'
		? [{ type: 'main', displayName: 'Results' }]
		: [
				{ type: 'main', displayName: 'Created' },
				{ type: 'main', displayName: 'Existing' },
				{ type: 'main', displayName: 'Rejected' },
			];

export const properties: INodeProperties[] = [
	{
		displayName: 'Profile URL',
		name: 'profileUrl',
		type: 'string',
		required: true,
		default: '={{ $json.profile_url }}',
		placeholder: 'https://www.linkedin.com/in/jane-doe',
		description:
			'LinkedIn person profile to track, one per item. Any common form works (with or without https:// or www., country subdomains, tracking parameters, sub-pages): it is canonicalized, and duplicates are sent once.',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://hooks.example.com/trigify',
		description:
			"Optional https URL where Trigify posts this profile's new engagement, e.g. an n8n Webhook node's production URL. Leave empty to keep the profile's current webhook. A profile has one webhook.",
	},
	{
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		default: 'split',
		options: [
			{
				name: 'Split by Status',
				value: 'split',
				description: 'Three outputs: Created, Existing and Rejected, for branching',
			},
			{
				name: 'Single Output',
				value: 'single',
				description: 'All items on one output, each with its status; best for AI agents',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				default: MAX_BATCH_SIZE,
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				description: `Unique profiles per request, at most ${MAX_BATCH_SIZE} (the API's limit). Smaller batches only help when a proxy limits request size.`,
			},
			{
				displayName: 'Include Input Fields',
				name: 'includeInputFields',
				type: 'boolean',
				default: false,
				description:
					"Whether to copy each input item's fields into its output item, under 'input' so they never overwrite the node's own fields",
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				default: DEFAULT_MAX_RETRIES,
				typeOptions: { minValue: 0, maxValue: 10 },
				description:
					'How often one request is retried after a rate limit (429), a server error (5xx), a timeout or a dropped connection. Invalid input and key errors are never retried.',
			},
			{
				displayName: 'Max Total Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				default: DEFAULT_MAX_WAIT_SECONDS,
				typeOptions: { minValue: 0, maxValue: 3600 },
				description:
					'Longest time one request may spend waiting between retries, including Retry-After pauses the API asks for. A longer wait fails that batch instead.',
			},
			{
				displayName: 'Parallel Requests',
				name: 'parallelRequests',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
				description:
					'Batches sent at the same time. More is faster for large lists; a rate limit pauses all of them together.',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: DEFAULT_TIMEOUT_SECONDS,
				typeOptions: { minValue: 1, maxValue: 600 },
				description: 'How long to wait for one answer before retrying that batch',
			},
		],
	},
];
