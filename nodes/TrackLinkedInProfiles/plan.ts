import { canonicalizeProfileUrl } from './canonicalize';
import type { Plan, PlanInput, PlannedRow, RejectedItem } from './types';
import { checkWebhookUrl } from './webhook';

/** The API accepts at most this many profiles per request. */
export const MAX_BATCH_SIZE = 100;

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
	// The rows themselves are the groups, and only items that carry a webhook are remembered
	// beside them: runs of 100,000 items spend their time and memory allocating.
	const byProfile = new Map<string, PlannedRow>();
	const itemWebhooks = new Map<number, string>();
	const conflicts = new Set<PlannedRow>();
	for (const { itemIndex, profileUrl, webhookUrl } of inputs) {
		const profile = canonicalizeProfileUrl(profileUrl);
		if (!profile.ok) {
			const { code, message } = profile;
			rejected.push({ itemIndex, profileUrl: null, webhookUrl: null, code, message });
			continue;
		}
		const webhook = checkWebhookUrl(webhookUrl);
		if (!webhook.ok) {
			const { code, message } = webhook;
			rejected.push({ itemIndex, profileUrl: profile.url, webhookUrl: null, code, message });
			continue;
		}
		if (webhook.url !== null) itemWebhooks.set(itemIndex, webhook.url);
		const row = byProfile.get(profile.url);
		if (row === undefined) {
			byProfile.set(profile.url, {
				profileUrl: profile.url,
				webhookUrl: webhook.url,
				itemIndexes: [itemIndex],
			});
			continue;
		}
		row.itemIndexes.push(itemIndex);
		// An empty webhook means "leave it as it is", so it never conflicts with a given one.
		if (webhook.url === null || webhook.url === row.webhookUrl) continue;
		if (row.webhookUrl === null) row.webhookUrl = webhook.url;
		else conflicts.add(row);
	}

	const rows: PlannedRow[] = [];
	for (const row of byProfile.values()) {
		if (!conflicts.has(row)) {
			rows.push(row);
			continue;
		}
		const webhooks = row.itemIndexes.map((itemIndex) => itemWebhooks.get(itemIndex) ?? null);
		const message = conflictMessage(row.profileUrl, [
			...new Set(webhooks.filter((url): url is string => url !== null)),
		]);
		row.itemIndexes.forEach((itemIndex, n) => {
			const { profileUrl } = row;
			rejected.push({
				itemIndex,
				profileUrl,
				webhookUrl: webhooks[n],
				code: 'webhook_conflict',
				message,
			});
		});
	}
	return { rejected, rows, batches: splitIntoBatches(rows, batchSize) };
}
