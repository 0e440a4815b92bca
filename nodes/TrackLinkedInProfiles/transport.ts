import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import type { HttpResult } from './batch';
import { BULK_PATH } from './base-url';
import type { PlannedRow } from './types';

const CREDENTIAL_TYPE = 'trigifyApi';

// Certificate and DNS failures will not heal within a retry window; resets and timeouts may.
const PERMANENT_NETWORK_CODES =
	/^(?:ENOTFOUND|CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_INVALID_URL)/;

function errorCode(error: unknown): string | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth += 1) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string') return code;
		current = cause;
	}
	return undefined;
}

function describeNetworkError(code: string | undefined, timeoutMs: number): string {
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return `The request timed out after ${Math.round(timeoutMs / 1000)} s`;
		case 'ECONNRESET':
		case 'EPIPE':
			return 'The connection closed before Trigify answered';
		case 'ECONNREFUSED':
			return 'The connection was refused; check the Base URL in the Trigify credential';
		case 'ENOTFOUND':
			return 'The Base URL host name could not be resolved; check the Trigify credential';
		default:
			return code ? `The request failed (${code})` : 'The request failed before Trigify answered';
	}
}

/** Removes the key from anything the API sends back, in case it ever echoes a header. */
function redact<T>(value: T, secret: string): T {
	if (secret.length < 4) return value;
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	if (text === undefined || !text.includes(secret)) return value;
	const clean = text.split(secret).join('[redacted]');
	return (typeof value === 'string' ? clean : JSON.parse(clean)) as T;
}

export interface SenderSettings {
	baseUrl: string;
	/** Read once per run: n8n would otherwise load and decrypt it again for every request. */
	credentials: ICredentialsDecrypted<ICredentialDataDecryptedObject>;
	timeoutMs: number;
}

/** One bulk call through n8n's authenticated request helper; never throws, always classifies. */
export function createSender(ctx: IExecuteFunctions, settings: SenderSettings) {
	const apiKey = String(settings.credentials.data?.apiKey ?? '');
	return async (rows: PlannedRow[]): Promise<HttpResult> => {
		const profiles = rows.map(({ profileUrl, webhookUrl }) =>
			webhookUrl === null
				? { profile_url: profileUrl }
				: { profile_url: profileUrl, webhook_url: webhookUrl },
		);
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				{
					method: 'POST',
					url: `${settings.baseUrl}${BULK_PATH}`,
					body: { profiles },
					json: true,
					timeout: settings.timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
				{ credentialsDecrypted: settings.credentials },
			)) as IN8nHttpFullResponse;
			return {
				kind: 'response',
				status: response.statusCode,
				headers: response.headers,
				body: redact(response.body, apiKey),
			};
		} catch (error) {
			const code = errorCode(error);
			return {
				kind: 'network',
				reason: describeNetworkError(code, settings.timeoutMs),
				retryable: code === undefined || !PERMANENT_NETWORK_CODES.test(code),
			};
		}
	};
}
