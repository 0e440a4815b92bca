import type { Sandbox } from '../../sandbox';

/** A CRM row as the example's Code node emits it, and what the node must make of it. */
export interface CrmCase {
	row: { name: string; linkedin_url: string; webhook_url: string };
	expect: {
		status: 'created' | 'existing' | 'rejected';
		/** Canonical profile URL, or null when the input is no person profile. */
		profile: string | null;
		webhookStatus?: 'created' | 'updated' | 'unchanged' | 'none';
		code?: string;
	};
}

export interface CrmScenario {
	cases: CrmCase[];
	/** Profiles (with their webhook, if any) to track through the API before the workflow runs. */
	tracked: Array<{ profile_url: string; webhook_url?: string }>;
	/** Tracked profiles to archive before the run: the API revives them as `existing`. */
	archived: string[];
}

export const canonical = (id: string) => `https://www.linkedin.com/in/${id}`;
const hook = (n: number) => `https://hooks.example.com/trigify/${n}`;

// Ways people paste one profile; each becomes canonical(id) for a lower-case vanity id.
const FORMS = [
	(id: string) => canonical(id),
	(id: string) => `linkedin.com/in/${id.toUpperCase()}/`,
	(id: string) => `http://uk.linkedin.com/in/${id}?trk=public_profile`,
	(id: string) => `https://m.linkedin.com/mwlite/in/${id}/details/experience/`,
	(id: string) => ` www.linkedin.com/in/${id}#about `,
];

/**
 * Rows covering every route: new, already tracked and archived profiles in varied forms,
 * duplicates, every webhook status, a webhook conflict and each kind of bad input. `prefix` keeps
 * the profiles of one scenario apart from another's in a shared sandbox.
 */
export function crmScenario(prefix: string): CrmScenario {
	const id = (name: string) => `${prefix}-${name}`;
	const url = (form: number, name: string) => FORMS[form](id(name));
	const created = (name: string, webhookStatus: 'created' | 'none') =>
		({ status: 'created', profile: canonical(id(name)), webhookStatus }) as const;
	const existing = (name: string, webhookStatus: 'updated' | 'unchanged' | 'none') =>
		({ status: 'existing', profile: canonical(id(name)), webhookStatus }) as const;
	const rejected = (code: string, name?: string) =>
		({ status: 'rejected', profile: name ? canonical(id(name)) : null, code }) as const;

	const rows: Array<[string, string, string, CrmCase['expect']]> = [
		['Ada (new, webhook)', url(0, 'ada'), hook(1), created('ada', 'created')],
		['Ben (new)', url(1, 'ben'), '', created('ben', 'none')],
		['Cleo (new)', url(2, 'cleo'), '', created('cleo', 'none')],
		['Ada again', url(3, 'ada'), hook(1), created('ada', 'created')],
		['Ben again', url(4, 'ben'), '', created('ben', 'none')],
		['Dev (tracked)', url(1, 'dev'), '', existing('dev', 'none')],
		['Eve (same webhook)', url(0, 'eve'), hook(2), existing('eve', 'unchanged')],
		['Fay (new webhook)', url(2, 'fay'), hook(4), existing('fay', 'updated')],
		['Gus (archived)', url(3, 'gus'), '', existing('gus', 'none')],
		['Hal (webhook A)', url(0, 'hal'), hook(5), rejected('webhook_conflict', 'hal')],
		['Hal (webhook B)', url(1, 'hal'), hook(6), rejected('webhook_conflict', 'hal')],
		[
			'Acme (company)',
			'https://www.linkedin.com/company/acme',
			'',
			rejected('unsupported_profile_url'),
		],
		[
			'Look-alike host',
			`https://linkedin.com.evil.com/in/${id('x')}`,
			'',
			rejected('invalid_profile_url'),
		],
		['No URL yet', '', '', rejected('missing_profile_url')],
		[
			'Ivy (http webhook)',
			url(0, 'ivy'),
			'http://hooks.example.com/plain',
			rejected('invalid_webhook_url', 'ivy'),
		],
		['Jo (new)', url(4, 'jo'), '', created('jo', 'none')],
	];
	return {
		cases: rows.map(([name, linkedinUrl, webhookUrl, expected]) => ({
			row: { name, linkedin_url: linkedinUrl, webhook_url: webhookUrl },
			expect: expected,
		})),
		tracked: [
			{ profile_url: canonical(id('dev')) },
			{ profile_url: canonical(id('eve')), webhook_url: hook(2) },
			{ profile_url: canonical(id('fay')), webhook_url: hook(3) },
			{ profile_url: canonical(id('gus')) },
		],
		archived: [canonical(id('gus'))],
	};
}

/** Tracks profiles through the API directly, as an earlier run or another tool would have. */
export async function trackBeforehand(sandbox: Sandbox, scenario: CrmScenario): Promise<void> {
	const response = await fetch(`${sandbox.url}/v1/profile/engagement/bulk`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': sandbox.apiKey },
		body: JSON.stringify({ profiles: scenario.tracked }),
	});
	if (response.status !== 201) throw new Error(`tracking beforehand answered ${response.status}`);
	for (const url of scenario.archived) await sandbox.admin.archive(url);
	await sandbox.admin.clearRequests();
}
