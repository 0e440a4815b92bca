import type { Outcomes, RowOutcome } from './batch';
import type { WebhookStatus } from './response';
import type { PlanInput, Plan, RejectionCode } from './types';

export type Route = 'created' | 'existing' | 'rejected';

/** What the node says about a profile; the same for every item that named it. */
interface ProfileJson {
	profile_url: string | null;
	status: Route;
	webhook_status?: WebhookStatus;
	webhook_url: string | null;
	error?: { code: RejectionCode; message: string };
}

export type OutputJson = ProfileJson & { input_profile_url: unknown };

export interface ItemResult {
	itemIndex: number;
	json: OutputJson;
}

// A row without an answer cannot happen by construction; if it ever does, the item still comes
// out, as an error the user can see, rather than vanish.
const NO_ANSWER: RowOutcome = {
	kind: 'failed',
	message: 'Trigify gave no answer for this profile; run the workflow again to send it.',
};

function rowJson(
	profileUrl: string | null,
	webhookUrl: string | null,
	outcome: RowOutcome,
): ProfileJson {
	if (outcome.kind === 'tracked') {
		return {
			profile_url: profileUrl,
			status: outcome.status,
			webhook_status: outcome.webhookStatus,
			webhook_url: webhookUrl,
		};
	}
	const code = outcome.kind === 'rejected' ? 'api_rejected' : 'api_error';
	return {
		profile_url: profileUrl,
		status: 'rejected',
		webhook_url: webhookUrl,
		error: { code, message: outcome.message },
	};
}

/**
 * One result per input item, in input order, each built from the answer for its own canonical
 * profile: items that named the same profile get the same answer, never each other's input.
 */
export function buildResults(inputs: PlanInput[], plan: Plan, outcomes: Outcomes): ItemResult[] {
	const byItem = new Map<number, ProfileJson>();
	for (const rejection of plan.rejected) {
		byItem.set(rejection.itemIndex, {
			profile_url: rejection.profileUrl,
			status: 'rejected',
			webhook_url: rejection.webhookUrl,
			error: { code: rejection.code, message: rejection.message },
		});
	}
	for (const row of plan.rows) {
		const json = rowJson(row.profileUrl, row.webhookUrl, outcomes.get(row) ?? NO_ANSWER);
		for (const itemIndex of row.itemIndexes) byItem.set(itemIndex, json);
	}
	return inputs.map(({ itemIndex, profileUrl }) => {
		const json = byItem.get(itemIndex) ?? rowJson(null, null, NO_ANSWER);
		return {
			itemIndex,
			json: { ...json, input_profile_url: profileUrl ?? null },
		};
	});
}
