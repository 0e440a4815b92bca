import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
 */
export function readInputs(
	ctx: IExecuteFunctions,
	itemCount: number,
	continueOnFail: boolean,
): ReadInputs {
	const inputs: PlanInput[] = [];
	const unreadable: RejectedItem[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex += 1) {
		const values: Record<string, unknown> = {};
		for (const { name, label, code } of PARAMETERS) {
			try {
				values[name] = ctx.getNodeParameter(name, itemIndex, '');
			} catch (error) {
				const message = `The ${label} expression could not be evaluated: ${(error as Error).message}`;
				if (!continueOnFail) throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
				unreadable.push({
					itemIndex,
					profileUrl: null,
					webhookUrl: null,
					code,
					message,
				});
				break;
			}
		}
		inputs.push({
			itemIndex,
			profileUrl: values.profileUrl,
			webhookUrl: values.webhookUrl,
		});
	}
	return { inputs, unreadable };
}
