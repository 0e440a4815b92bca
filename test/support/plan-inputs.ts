import type { PlanInput } from '../../nodes/TrackLinkedInProfiles/types';

/** Planner inputs from [profileUrl, webhookUrl] pairs, item indexes in order. */
export function planInputs(...pairs: Array<[unknown, unknown?]>): PlanInput[] {
	return pairs.map(([profileUrl, webhookUrl], itemIndex) => ({
		itemIndex,
		profileUrl,
		webhookUrl,
	}));
}
