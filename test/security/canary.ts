import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

import type { RunOutput } from '../engine/harness';
import type { ApiKeyConfig } from '../sandbox';

const PERMISSION = 'track:engagement:create';
// Distinctive and shaped like real keys, so any copy of one stands out in any text; each has
// its own secret tail, so a leak of one is never mistaken for another.
const secret = (name: string) =>
	`trig_canary_${name}_${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;

export const CANARY = {
	enterprise: secret('enterprise'),
	wrongPlan: secret('wrongplan'),
	noPermission: secret('noperm'),
	/** Not configured in the sandbox: answered with 401. */
	unknown: secret('unknown'),
} as const;

export const CANARY_KEYS: ApiKeyConfig[] = [
	{ key: CANARY.enterprise, org: 'org_canary', plan: 'ENTERPRISE', permissions: [PERMISSION] },
	{ key: CANARY.wrongPlan, org: 'org_canary', plan: 'PRO', permissions: [PERMISSION] },
	{ key: CANARY.noPermission, org: 'org_canary', plan: 'CUSTOM', permissions: [] },
];

/** The forms a key can leak in: whole, its secret tail alone, base64 (as in a Basic header). */
function leakForms(key: string): string[] {
	return [key, key.slice(-24), Buffer.from(key).toString('base64')];
}

/** Every string a run produced: items, run data, hints, and the error with its cause chain. */
export function everythingProduced(result: RunOutput): string {
	const { error } = result;
	return [
		JSON.stringify(result.run),
		JSON.stringify(result.outputs),
		JSON.stringify(result.hints),
		error === undefined
			? ''
			: [
					error.message,
					error.description ?? '',
					error.stack ?? '',
					JSON.stringify(error),
					inspect(error, { depth: 12, showHidden: true }),
				].join('\n'),
	].join('\n');
}

/** The leak forms of `key` found in `text`, with a little context for the failure message. */
export function leaks(text: string, key: string): string[] {
	return leakForms(key).flatMap((form) => {
		const at = text.indexOf(form);
		return at < 0 ? [] : [text.slice(Math.max(0, at - 80), at + form.length + 20)];
	});
}
