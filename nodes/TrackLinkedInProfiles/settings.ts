import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_SECONDS, MAX_PARALLEL_REQUESTS } from './description';
import type { Blocker } from './errors';
import { MAX_BATCH_SIZE } from './plan';
import { DEFAULT_RETRY_POLICY } from './retry';
import type { RetryPolicy } from './retry';

export interface RunSettings {
	outputMode: 'split' | 'single';
	batchSize: number;
	parallel: number;
	timeoutMs: number;
	includeInputFields: boolean;
	policy: RetryPolicy;
}

/**
 * Run-wide settings come from the first item: a batch size that varied per item would mean
 * nothing. An out-of-range value (possible through an expression) is reported as a problem that
 * stops the run, with its default in its place so the rest can still be read.
 */
export function readSettings(ctx: IExecuteFunctions): { settings: RunSettings; problem?: Blocker } {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	let problem: Blocker | undefined;
	const whole = (name: string, label: string, fallback: number, min: number, max: number) => {
		const value = options[name] ?? fallback;
		if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
			return value;
		}
		problem ??= {
			kind: 'configuration',
			message: `${label} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}.`,
			description: 'Change it under Options in the node.',
		};
		return fallback;
	};
	const settings: RunSettings = {
		outputMode: ctx.getNodeParameter('outputMode', 0, 'split') === 'single' ? 'single' : 'split',
		batchSize: whole('batchSize', 'Batch Size', MAX_BATCH_SIZE, 1, MAX_BATCH_SIZE),
		parallel: whole('parallelRequests', 'Parallel Requests', 1, 1, MAX_PARALLEL_REQUESTS),
		timeoutMs: whole('timeoutSeconds', 'Request Timeout', DEFAULT_TIMEOUT_SECONDS, 1, 600) * 1000,
		includeInputFields: options.includeInputFields === true,
		policy: {
			...DEFAULT_RETRY_POLICY,
			maxRetries: whole('maxRetries', 'Max Retries', DEFAULT_RETRY_POLICY.maxRetries, 0, 10),
			maxWaitMs:
				whole('maxWaitSeconds', 'Max Total Wait', DEFAULT_RETRY_POLICY.maxWaitMs / 1000, 0, 3600) *
				1000,
		},
	};
	return { settings, problem };
}
