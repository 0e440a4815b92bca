import { z } from 'zod';

import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';
import { checkWebhookUrl } from '../../nodes/TrackLinkedInProfiles/webhook';
import { MAX_PROFILES_PER_REQUEST } from './schemas';
import type { DetailCode, ErrorBody, ErrorDetail } from './schemas';
import type { UpsertRow } from './store';

const EnvelopeSchema = z
	.object(
		{
			profiles: z
				.array(z.unknown(), {
					required_error: 'profiles is required: an array of 1 to 100 profile objects',
					invalid_type_error: 'profiles must be an array of profile objects',
				})
				.min(1, 'profiles is empty: send 1 to 100 profiles')
				.max(MAX_PROFILES_PER_REQUEST),
		},
		{ invalid_type_error: 'The request body must be a JSON object with a profiles array' },
	)
	.strict();

/** Shape only: the URLs themselves are judged by the node's own core, not by zod. */
const RowShapeSchema = z.object({ profile_url: z.unknown(), webhook_url: z.unknown() }).strict();

export type Validation = { ok: true; rows: UpsertRow[] } | { ok: false; body: ErrorBody };

function badRequest(error: string, details: ErrorDetail[] = []): Validation {
	return { ok: false, body: { message: 'Bad Request', error, details } };
}

function envelopeError(issues: z.ZodIssue[], body: unknown): string {
	return issues
		.map((issue) => {
			if (issue.code === 'unrecognized_keys') {
				return `Unknown field(s) in the request body: ${issue.keys.join(', ')}; only profiles is accepted`;
			}
			if (issue.code === 'too_big') {
				// Only the profiles array has a maximum, so profiles is an array here.
				const count = (body as { profiles: unknown[] }).profiles.length;
				return `profiles holds ${count} entries; at most ${MAX_PROFILES_PER_REQUEST} are accepted per request`;
			}
			return issue.message;
		})
		.join('; ');
}

interface RowProblem {
	code: DetailCode;
	message: string;
}

function rowProblems(row: unknown): { problems: RowProblem[]; row?: UpsertRow } {
	if (typeof row !== 'object' || row === null || Array.isArray(row)) {
		const given = Array.isArray(row) ? 'an array' : row === null ? 'null' : `a ${typeof row}`;
		return {
			problems: [
				{
					code: 'invalid_row',
					message: `Each profile must be an object with a profile_url, but ${given} was given.`,
				},
			],
		};
	}
	const fields = row as Record<string, unknown>;
	const problems: RowProblem[] = [];
	const shape = RowShapeSchema.safeParse(row);
	if (!shape.success) {
		const unknown = shape.error.issues.flatMap((issue) =>
			issue.code === 'unrecognized_keys' ? issue.keys : [],
		);
		problems.push({
			code: 'unknown_field',
			message: `Unknown field(s) ${unknown.join(', ')}; a profile accepts profile_url and webhook_url only.`,
		});
	}
	const profile = canonicalizeProfileUrl(fields.profile_url);
	if (!profile.ok) problems.push({ code: profile.code as DetailCode, message: profile.message });
	let webhookUrl: string | null = null;
	if ('webhook_url' in fields) {
		const webhook = checkWebhookUrl(fields.webhook_url);
		if (!webhook.ok) {
			problems.push({ code: 'invalid_webhook_url', message: webhook.message });
		} else if (webhook.url === null) {
			// The API documents webhook_url as an https URL; "no webhook" is said by leaving it out.
			problems.push({
				code: 'invalid_webhook_url',
				message: 'webhook_url is empty or null; leave the field out for no webhook.',
			});
		} else {
			webhookUrl = webhook.url;
		}
	}
	if (problems.length > 0 || !profile.ok) return { problems };
	return { problems, row: { profileUrl: profile.url, webhookUrl } };
}

interface Group {
	indexes: number[];
	webhooks: Set<string>;
}

/**
 * Validates a whole request and reports every offending row at once. Any problem rejects the
 * request as a whole, as the real endpoint does: nothing is written.
 */
export function validateBulkRequest(body: unknown, poison: ReadonlySet<string>): Validation {
	const envelope = EnvelopeSchema.safeParse(body);
	if (!envelope.success) return badRequest(envelopeError(envelope.error.issues, body));
	const { profiles } = envelope.data;
	const details: ErrorDetail[] = [];
	const groups = new Map<string, Group>();
	const sentUrl = (index: number): unknown => {
		const row = profiles[index];
		return typeof row === 'object' && row !== null
			? ((row as Record<string, unknown>).profile_url ?? null)
			: null;
	};
	profiles.forEach((raw, index) => {
		const { problems, row } = rowProblems(raw);
		for (const problem of problems)
			details.push({ index, profile_url: sentUrl(index), ...problem });
		if (row === undefined) return;
		let group = groups.get(row.profileUrl);
		if (group === undefined) {
			group = { indexes: [], webhooks: new Set() };
			groups.set(row.profileUrl, group);
		}
		group.indexes.push(index);
		if (row.webhookUrl !== null) group.webhooks.add(row.webhookUrl);
	});
	const rows: UpsertRow[] = [];
	for (const [profileUrl, { indexes, webhooks }] of groups) {
		if (webhooks.size > 1) {
			const message = `Rows ${indexes.join(', ')} give ${profileUrl} different webhook URLs (${[...webhooks].join(', ')}); a tracked profile has one webhook.`;
			for (const index of indexes) {
				details.push({ index, profile_url: sentUrl(index), code: 'webhook_conflict', message });
			}
		} else if (poison.has(profileUrl)) {
			for (const index of indexes) {
				details.push({
					index,
					profile_url: sentUrl(index),
					code: 'profile_rejected',
					message: `${profileUrl} cannot be tracked (it is marked as poison in the sandbox).`,
				});
			}
		} else {
			// An absent webhook means "leave it alone", so it merges with a given one.
			const [webhookUrl = null] = webhooks;
			rows.push({ profileUrl, webhookUrl });
		}
	}
	if (details.length === 0) return { ok: true, rows };
	details.sort((a, b) => a.index - b.index);
	const offending = new Set(details.map((detail) => detail.index)).size;
	return badRequest(
		`${offending} of ${profiles.length} profiles were rejected and nothing was saved; see details.`,
		details,
	);
}
