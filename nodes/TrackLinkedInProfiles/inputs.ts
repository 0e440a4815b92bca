import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { plainJsonPath, readJsonPath } from './json-path';
import type { PlanInput, RejectedItem, RejectionCode } from './types';

const PARAMETERS: Array<{
	name: 'profileUrl' | 'webhookUrl';
	label: string;
	code: RejectionCode;
}> = [
	{ name: 'profileUrl', label: 'Profile URL', code: 'invalid_profile_url' },
	{ name: 'webhookUrl', label: 'Webhook URL', code: 'invalid_webhook_url' },
];

export interface ReadInputs {
	/** Every item, with the raw values its parameters evaluated to. */
	inputs: PlanInput[];
	/** Items whose expressions could not be evaluated (only when continue-on-fail is on). */
	unreadable: RejectedItem[];
}

/**
 * Evaluates both URL parameters for every item. An expression that throws fails the node at
 * that item as n8n users expect, or, with continue-on-fail, rejects just that item.
 *
 * n8n's evaluator builds a fresh sandbox for every call (about 60 µs), which for 10,000 items
 * costs more than all the HTTP. So an expression that only reads a property of the current item,
 * like the default `={{ $json.profile_url }}`, is read from the item directly, giving the value
 * the evaluator would; every other expression goes through the evaluator.
 */
export function readInputs(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	continueOnFail: boolean,
): ReadInputs {
	const paths = PARAMETERS.map(({ name }) =>
		plainJsonPath(ctx.getNodeParameter(name, 0, '', { rawExpressions: true })),
	);
	const inputs: PlanInput[] = [];
	const unreadable: RejectedItem[] = [];
	items.forEach((item, itemIndex) => {
		const values: unknown[] = [];
		for (const [n, { name, label, code }] of PARAMETERS.entries()) {
			const path = paths[n];
			const direct = path ? readJsonPath(item.json, path) : { found: false as const };
			if (direct.found) {
				values.push(direct.value);
				continue;
			}
			try {
				values.push(ctx.getNodeParameter(name, itemIndex, ''));
			} catch (error) {
				const message = `The ${label} expression could not be evaluated: ${(error as Error).message}`;
				if (!continueOnFail) throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
				unreadable.push({ itemIndex, profileUrl: null, webhookUrl: null, code, message });
				break;
			}
		}
		inputs.push({ itemIndex, profileUrl: values[0], webhookUrl: values[1] });
	});
	return { inputs, unreadable };
}
