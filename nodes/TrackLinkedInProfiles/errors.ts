import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { AuthFailure } from './batch';

/**
 * Something that stops every request of the run: a refused key, a Base URL that would leak the
 * key, a bad option. Without continue-on-fail the node fails with it; with continue-on-fail it is
 * put on every item that was not answered, since a throw would pass the inputs on as successes.
 */
export interface Blocker {
	kind: 'api' | 'configuration';
	message: string;
	description: string;
	httpCode?: number;
}

export function authBlocker({ status, apiText }: AuthFailure): Blocker {
	const said = apiText ? ` Trigify said: "${apiText}".` : '';
	if (status === 401) {
		return {
			kind: 'api',
			httpCode: status,
			message: 'Trigify refused the API key (HTTP 401)',
			description: `The key in the Trigify API credential is missing, mistyped or revoked.${said} Copy the key again from Trigify (it starts with trig_) into the credential.`,
		};
	}
	return {
		kind: 'api',
		httpCode: status,
		message: 'The Trigify API key may not track profiles (HTTP 403)',
		description: `Bulk profile tracking needs a key with the track:engagement:create permission on an ENTERPRISE or CUSTOM plan.${said} Ask your Trigify admin to grant the permission or change the plan, or use another key.`,
	};
}

/** Built from our own words only: the request, and with it the key, never reaches the error. */
export function apiError(
	node: INode,
	message: string,
	description: string,
	httpCode?: number,
	itemIndex?: number,
): NodeApiError {
	const code = httpCode === undefined ? undefined : String(httpCode);
	return new NodeApiError(node, { message, description } as JsonObject, {
		message,
		description,
		httpCode: code,
		itemIndex,
	});
}

export function blockerError(node: INode, blocker: Blocker, itemIndex: number): Error {
	const { kind, message, description, httpCode } = blocker;
	return kind === 'api'
		? apiError(node, message, description, httpCode, itemIndex)
		: new NodeOperationError(node, message, { description, itemIndex });
}
