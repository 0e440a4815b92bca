import { runInNewContext } from 'node:vm';

import { CRM_ROWS, exampleWorkflow } from './workflows';

export interface ExampleRow {
	name: string;
	linkedin_url: string;
	webhook_url: string;
}

/** The rows the example's "CRM rows" Code node emits, got by running its code. */
export function exampleRows(): ExampleRow[] {
	const node = exampleWorkflow().nodes.find((each) => each.name === CRM_ROWS);
	const code = String(node?.parameters.jsCode);
	const items = runInNewContext(`(() => {\n${code}\n})()`) as Array<{ json: ExampleRow }>;
	return items.map((item) => item.json);
}

export interface Outcome {
	status: 'created' | 'existing' | 'rejected';
	/** The canonical id of the profile, when the row names a person profile. */
	id?: string;
	webhook?: 'created' | 'unchanged' | 'none';
	code?: string;
}

/**
 * What each row of the example must come to on a first run against an empty sandbox, worked out
 * from the rows themselves and the API contract: person profiles in any form are tracked once per
 * canonical URL, a company page is not a person, a webhook must be https, an empty URL is missing.
 */
export const FIRST_RUN: Record<string, Outcome> = {
	'Amelia Chen': { status: 'created', id: 'amelia-chen', webhook: 'created' },
	'Marco Alvarez': { status: 'created', id: 'marco-alvarez', webhook: 'none' },
	'Priya Raman': { status: 'created', id: 'priya-raman', webhook: 'none' },
	'Amelia Chen (duplicate row)': { status: 'created', id: 'amelia-chen', webhook: 'created' },
	'Jonas Berg': { status: 'created', id: 'jonas-berg', webhook: 'none' },
	'Acme Corp': { status: 'rejected', code: 'unsupported_profile_url' },
	'Lee Park': { status: 'rejected', id: 'lee-park', code: 'invalid_webhook_url' },
	'No URL yet': { status: 'rejected', code: 'missing_profile_url' },
};

/** The next run: every profile tracked before is `existing`, a webhook sent again `unchanged`. */
export function nextRun(first: Outcome): Outcome {
	if (first.status !== 'created') return first;
	const webhook = first.webhook === 'created' ? 'unchanged' : first.webhook;
	return { ...first, status: 'existing', webhook };
}

export function countByStatus(outcomes: Outcome[]): Record<Outcome['status'], number> {
	const counts = { created: 0, existing: 0, rejected: 0 };
	for (const outcome of outcomes) counts[outcome.status] += 1;
	return counts;
}
