import { parseUrl } from './parse-url';
import { quote } from './text';
import type { Accepted } from './types';

export const DEFAULT_BASE_URL = 'https://api.trigify.io';
export const BULK_PATH = '/v1/profile/engagement/bulk';

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The same rule as text, for places that only take a pattern string (the credential form's
 * display condition, the credential test's URL expression): plain http to anything but loopback.
 */
export const PLAIN_HTTP_TO_REMOTE_HOST =
	'^\\s*http://(?!(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])(:\\d+)?(/|$))';

/**
 * Checks the credential's base URL before any request carries the key: https anywhere, plain
 * http only to this machine (a local sandbox), never a key sent in clear over a network.
 */
export function checkBaseUrl(input: unknown): Accepted<string> | { ok: false; message: string } {
	const text = typeof input === 'string' && input.trim() !== '' ? input.trim() : DEFAULT_BASE_URL;
	const fix = `Set the Base URL in the Trigify credential to ${DEFAULT_BASE_URL}, or to http://127.0.0.1:<port> for a local sandbox.`;
	const url = parseUrl(text);
	if (url === undefined) {
		return {
			ok: false,
			message: `The Base URL ${quote(text)} is not a valid URL. ${fix}`,
		};
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return {
			ok: false,
			message: `The Base URL ${quote(text)} must start with https://. ${fix}`,
		};
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		return {
			ok: false,
			message: `The Base URL ${quote(text)} uses plain http to ${quote(url.hostname)}, which would send the API key unencrypted. Use https; plain http is accepted only for localhost, 127.0.0.1 and [::1]. ${fix}`,
		};
	}
	if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
		return {
			ok: false,
			message: `The Base URL ${quote(text)} must be a plain address without user name, query or fragment. ${fix}`,
		};
	}
	return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
