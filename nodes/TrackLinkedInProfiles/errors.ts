import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AuthFailure } from './batch';

export function authFailureMessage({ status, apiText }: AuthFailure): {
	message: string;
	description: string;
} {
	const said = apiText ? ` Trigify said: "${apiText}".` : '';
	if (status === 401) {
		return {
			message: 'Trigify refused the API key (HTTP 401)',
			description: `The key in the Trigify API credential is missing, mistyped or revoked.${said} Copy the key again from Trigify (it starts with trig_) into the credential.`,
		};
	}
	return {
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
