import { canonicalizeProfileUrl } from './canonicalize';
import type { Plan, PlanInput, PlannedRow, RejectedItem } from './types';
import { checkWebhookUrl } from './webhook';

/** The API accepts at most this many profiles per request. */
export const MAX_BATCH_SIZE = 100;

interface ProfileGroup {
	items: Array<{ itemIndex: number; webhookUrl: string | null }>;
	webhooks: Set<string>;
}

function conflictMessage(profileUrl: string, webhooks: string[]): string {
	const shown = webhooks.slice(0, 3).join(', ');
	const more = webhooks.length > 3 ? ` and ${webhooks.length - 3} more` : '';
	return (
		`${profileUrl} is given ${webhooks.length} different webhook URLs in this run (${shown}${more}). ` +
		'A tracked profile has one webhook: use the same webhook URL on every item for this profile, ' +
		'or leave it empty on the others.'
	);
}

export function splitIntoBatches<T>(rows: T[], batchSize: number): T[][] {
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
		throw new RangeError(
			`Batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}.`,
		);
	}
	const batches: T[][] = [];
	for (let start = 0; start < rows.length; start += batchSize) {
		batches.push(rows.slice(start, start + batchSize));
	}
	return batches;
}

/**
 * Validates and deduplicates a whole run before anything is sent, so every canonical profile is
 * sent at most once and every item index ends up either rejected or in exactly one row.
 */
export function planRun(inputs: Iterable<PlanInput>, batchSize: number = MAX_BATCH_SIZE): Plan {
	const rejected: RejectedItem[] = [];
	const groups = new Map<string, ProfileGroup>();
	for (const { itemIndex, profileUrl, webhookUrl } of inputs) {
		const profile = canonicalizeProfileUrl(profileUrl);
		if (!profile.ok) {
			rejected.push({
				itemIndex,
				profileUrl: null,
				webhookUrl: null,
				code: profile.code,
				message: profile.message,
			});
			continue;
		}
		const webhook = checkWebhookUrl(webhookUrl);
		if (!webhook.ok) {
			rejected.push({
				itemIndex,
				profileUrl: profile.url,
				webhookUrl: null,
				code: webhook.code,
				message: webhook.message,
			});
			continue;
		}
		let group = groups.get(profile.url);
		if (group === undefined) {
			group = { items: [], webhooks: new Set() };
			groups.set(profile.url, group);
		}
		group.items.push({ itemIndex, webhookUrl: webhook.url });
		// An empty webhook means "leave it as it is", so it never conflicts with a given one.
		if (webhook.url !== null) group.webhooks.add(webhook.url);
	}

	const rows: PlannedRow[] = [];
	for (const [profileUrl, { items, webhooks }] of groups) {
		if (webhooks.size > 1) {
			const message = conflictMessage(profileUrl, [...webhooks]);
			for (const item of items) {
				rejected.push({
					...item,
					profileUrl,
					code: 'webhook_conflict',
					message,
				});
			}
			continue;
		}
		const [webhookUrl = null] = webhooks;
		rows.push({
			profileUrl,
			webhookUrl,
			itemIndexes: items.map((item) => item.itemIndex),
		});
	}
	return { rejected, rows, batches: splitIntoBatches(rows, batchSize) };
}
