import { canonicalizeProfileUrl } from './canonicalize';

export type TrackStatus = 'created' | 'existing';
export type WebhookStatus = 'created' | 'updated' | 'unchanged' | 'none';

export interface ResponseRow {
	/** The URL as the API returned it: normally canonical, but any equivalent spelling may come. */
	profileUrl: string;
	status: TrackStatus;
	webhookStatus: WebhookStatus;
}

export interface RowRejection {
	/** Index of the row in the request that was refused, when the API says which one. */
	index: number;
	message: string;
}

const TRACK_STATUSES: readonly string[] = ['created', 'existing'];
const WEBHOOK_STATUSES: readonly string[] = ['created', 'updated', 'unchanged', 'none'];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a 2xx body. Rows that cannot be read are left out rather than guessed at: the caller
 * treats every sent profile without a readable row as unconfirmed.
 */
export function readSuccessBody(body: unknown): ResponseRow[] | undefined {
	if (!isRecord(body) || !Array.isArray(body.data)) return undefined;
	const rows: ResponseRow[] = [];
	for (const entry of body.data) {
		if (!isRecord(entry)) continue;
		const { profile_url: url, status, webhook_status: webhookStatus = 'none' } = entry;
		if (typeof url !== 'string' || typeof status !== 'string' || !TRACK_STATUSES.includes(status)) {
			continue;
		}
		if (typeof webhookStatus !== 'string' || !WEBHOOK_STATUSES.includes(webhookStatus)) continue;
		rows.push({
			profileUrl: url,
			status: status as TrackStatus,
			webhookStatus: webhookStatus as WebhookStatus,
		});
	}
	return rows;
}

/** The API's own words for an error body, whatever its exact shape. */
export function readErrorText(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim().slice(0, 500) || undefined;
	if (!isRecord(body)) return undefined;
	const parts = [body.message, body.error].filter(
		(part): part is string => typeof part === 'string' && part.trim() !== '',
	);
	return parts.length > 0 ? [...new Set(parts)].join(': ') : undefined;
}

/** Rows a 400 body names (`details: [{ index, message }]`), when it names any within range. */
export function readRowRejections(body: unknown, rowCount: number): RowRejection[] {
	if (!isRecord(body) || !Array.isArray(body.details)) return [];
	const rejections = new Map<number, string>();
	for (const detail of body.details) {
		if (!isRecord(detail)) continue;
		const { index, message } = detail;
		if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= rowCount) {
			continue;
		}
		rejections.set(index, typeof message === 'string' ? message : 'Refused by Trigify.');
	}
	return [...rejections].map(([index, message]) => ({ index, message }));
}

/**
 * Finds the answer for each sent profile. Answers are keyed by the URL as returned, and only when
 * some profile is not found that way are the returned URLs canonicalized, so a trailing slash or
 * other case still matches without canonicalizing every row of every answer.
 */
export function matchAnswers(sent: string[], answers: ResponseRow[]): Map<string, ResponseRow> {
	const byUrl = new Map(answers.map((answer) => [answer.profileUrl, answer]));
	const matched = new Map<string, ResponseRow>();
	const missing: string[] = [];
	for (const url of sent) {
		const answer = byUrl.get(url);
		if (answer === undefined) missing.push(url);
		else matched.set(url, answer);
	}
	if (missing.length === 0) return matched;
	const byCanonical = new Map<string, ResponseRow>();
	for (const answer of answers) {
		const canonical = canonicalizeProfileUrl(answer.profileUrl);
		if (canonical.ok && !byCanonical.has(canonical.url)) byCanonical.set(canonical.url, answer);
	}
	for (const url of missing) {
		const answer = byCanonical.get(url);
		if (answer !== undefined) matched.set(url, answer);
	}
	return matched;
}
