import { parseUrl } from './parse-url';
import { quote, readUrlText } from './text';
import type { Checked, Rejection } from './types';

const MAX_WEBHOOK_URL_LENGTH = 2048;

const ACCEPTED =
	'Expected an absolute https URL such as https://hooks.example.com/trigify, or leave it empty for no webhook.';

function invalid(problem: string): Rejection {
	return {
		ok: false,
		code: 'invalid_webhook_url',
		message: `${problem} ${ACCEPTED}`,
	};
}

function isInternetHost(hostname: string): boolean {
	return hostname.startsWith('[') || /\.[^.]/.test(hostname);
}

/**
 * Validates an optional webhook URL and returns the form used both to send and to compare it:
 * the WHATWG serialization (lower-case scheme and host, default port dropped) without fragment,
 * since a fragment never reaches the receiving server. Empty means "no webhook": null.
 */
export function checkWebhookUrl(input: unknown): Checked<string | null> {
	const read = readUrlText(input, 'webhook URL', MAX_WEBHOOK_URL_LENGTH);
	if (read.state === 'absent') return { ok: true, url: null };
	if (read.state === 'invalid') return invalid(read.problem);
	const { text } = read;
	const url = parseUrl(text);
	if (url === undefined) {
		return invalid(`The webhook URL ${quote(text)} is not an absolute URL.`);
	}
	if (url.protocol !== 'https:') {
		return invalid(
			`The webhook URL ${quote(text)} uses ${url.protocol}; Trigify only calls https webhooks.`,
		);
	}
	if (url.username !== '' || url.password !== '') {
		return invalid(
			'The webhook URL carries a user name or password, which would be stored and sent in clear; use a secret path or query token instead.',
		);
	}
	// The parser forgives `https:///hook` and `https:hook`, and a one-word host cannot be reached
	// from Trigify's servers: both are typing slips, not webhooks.
	if (!/^https:\/\/[^/]/i.test(text) || !isInternetHost(url.hostname)) {
		return invalid(
			`The webhook URL ${quote(text)} has no full host name (such as hooks.example.com).`,
		);
	}
	url.hash = '';
	const canonical = url.href;
	if (canonical.length > MAX_WEBHOOK_URL_LENGTH) {
		return invalid(
			`The webhook URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters once encoded.`,
		);
	}
	return { ok: true, url: canonical };
}
