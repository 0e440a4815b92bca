import type { IDataObject } from 'n8n-workflow';

/**
 * The 1,000 items every row of the fault matrix sends, built so that routing is not trivial:
 * unique profiles in many spellings, duplicates in other spellings, profiles tracked before the
 * run, webhooks that collapse, conflict or are invalid, and items rejected before any request.
 * Each item's expected fate follows from how it was built here, never from the node's code.
 */
export type LocalCode =
	| 'missing_profile_url'
	| 'invalid_profile_url'
	| 'unsupported_profile_url'
	| 'invalid_webhook_url'
	| 'webhook_conflict';

export type Expectation =
	/** Sent to the API: created or existing as the sandbox answered, or api_error/api_rejected. */
	| { kind: 'sent'; profile: string }
	/** Rejected by the node before any request; `profile` is the canonical URL, if it has one. */
	| { kind: 'local'; code: LocalCode; profile: string | null; webhook: string | null };

export interface CorpusItem {
	json: IDataObject;
	expect: Expectation;
}

export interface Corpus {
	items: CorpusItem[];
	/** Every profile the node must send, with the one webhook its items ask for (or null). */
	profiles: Map<string, string | null>;
	/** Profiles tracked through the API before the run: the run must report them as existing. */
	preTracked: string[];
}

const UNIQUE_PROFILES = 790;
const DUPLICATES = 100;
const TRIPLICATES = 20;
const CONFLICTS = 10;
const WEBHOOK_EVERY = 8;
const PRE_TRACKED_EVERY = 5;

/** mulberry32: the same corpus on every run and machine. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle<T>(list: T[], pick: (count: number) => number): T[] {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i -= 1) {
		const j = pick(i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

interface Person {
	/** The id as LinkedIn shows it. */
	id: string;
	/** Member ids (ACoAA...) keep their case; vanity names are compared lower-cased. */
	member: boolean;
}

function person(n: number): Person {
	if (n % 10 === 7) return { id: `ACoAAB${n.toString(36).toUpperCase()}x${n}Qz`, member: true };
	if (n % 25 === 3) return { id: `zoë-${n}`, member: false };
	return { id: `lead-${n}`, member: false };
}

/** DESIGN.md section 2: https://www.linkedin.com/in/<id>, vanity ids lower-cased and encoded. */
function canonical({ id, member }: Person): string {
	const normal = member ? id : id.normalize('NFC').toLowerCase();
	return `https://www.linkedin.com/in/${encodeURIComponent(normal)}`;
}

/** Ways people write the same profile; `tag` keeps every input string unique. */
const SPELLINGS: Array<(p: Person, tag: string) => string> = [
	({ id }, tag) => `https://www.linkedin.com/in/${id}?trk=${tag}`,
	({ id }, tag) => `linkedin.com/in/${id}/#${tag}`,
	({ id }, tag) => `http://uk.linkedin.com/in/${id}?src=${tag}`,
	({ id }, tag) => `https://m.linkedin.com/in/${id}/details/experience/?t=${tag}`,
	({ id }, tag) => `www.linkedin.com/mwlite/in/${id}?x=${tag}`,
	({ id }, tag) => `https://de.linkedin.com/in/${id}/en?ref=${tag}`,
	({ id, member }, tag) =>
		`  HTTPS://WWW.LINKEDIN.COM/in/${member ? id : id.toUpperCase()}/recent-activity/all/?r=${tag}  `,
	({ id }, tag) => `https://www.linkedin.com/in/${encodeURIComponent(id.normalize('NFD'))}#${tag}`,
];

const hook = (name: string) => `https://hooks.example.com/trigify/${name}`;

function localRejections(): CorpusItem[] {
	const items: CorpusItem[] = [];
	const local = (json: IDataObject, code: LocalCode, profile: string | null = null) =>
		items.push({ json, expect: { kind: 'local', code, profile, webhook: null } });
	for (let n = 0; n < 4; n += 1) {
		local(
			{ profile_url: `https://linkedin.com.evil-${n}.com/in/look-${n}` },
			'invalid_profile_url',
		);
		local(
			{ profile_url: `https://evil-${n}.com/linkedin.com/in/look-${n}` },
			'invalid_profile_url',
		);
		local({ profile_url: `https://www.linkedin.co/in/look-${n}` }, 'invalid_profile_url');
		local(
			{ profile_url: `https://www.linkedin.com@evil-${n}.com/in/look-${n}` },
			'invalid_profile_url',
		);
		local({ profile_url: `not a url ${n}` }, 'invalid_profile_url');
		local({ profile_url: `https://www.linkedin.com/company/acme-${n}` }, 'unsupported_profile_url');
		local({ profile_url: `https://www.linkedin.com/school/uni-${n}/` }, 'unsupported_profile_url');
		local(
			{ profile_url: `https://www.linkedin.com/pub/old-${n}/1/2/3` },
			'unsupported_profile_url',
		);
		local({ profile_url: `https://lnkd.in/short${n}` }, 'unsupported_profile_url');
		local(
			{ profile_url: `https://www.linkedin.com/sales/lead/ACwAA${n},NAME` },
			'unsupported_profile_url',
		);
	}
	local({ profile_url: '' }, 'missing_profile_url');
	local({ profile_url: '   ' }, 'missing_profile_url');
	local({ profile_url: null }, 'missing_profile_url');
	for (let n = 0; n < 7; n += 1) local({ name: `no url ${n}` }, 'missing_profile_url');
	const badHooks = [
		(n: number) => `http://hooks.example.com/plain-${n}`,
		(n: number) => `https://user:secret@hooks.example.com/creds-${n}`,
		(n: number) => `https://hooks.example.com/${'long'.repeat(520)}-${n}`,
		(n: number) => `ftp://hooks.example.com/ftp-${n}`,
	];
	for (let n = 0; n < 20; n += 1) {
		const badHook = person(10_000 + n);
		items.push({
			json: {
				profile_url: SPELLINGS[n % SPELLINGS.length](badHook, `bh${n}`),
				webhook_url: badHooks[n % 4](n),
			},
			expect: {
				kind: 'local',
				code: 'invalid_webhook_url',
				profile: canonical(badHook),
				webhook: null,
			},
		});
	}
	for (let n = 0; n < CONFLICTS; n += 1) {
		const conflicted = person(20_000 + n);
		for (const side of ['a', 'b']) {
			const webhook = hook(`conflict-${n}-${side}`);
			items.push({
				json: {
					profile_url: SPELLINGS[(n + side.length) % 8](conflicted, `c${n}${side}`),
					webhook_url: webhook,
				},
				expect: {
					kind: 'local',
					code: 'webhook_conflict',
					profile: canonical(conflicted),
					webhook,
				},
			});
		}
	}
	return items;
}

export function buildCorpus(seed = 6): Corpus {
	const random = seeded(seed);
	const pick = (count: number) => Math.floor(random() * count);
	const profiles = new Map<string, string | null>();
	const preTracked: string[] = [];
	const items: CorpusItem[] = [];
	const people: Person[] = [];
	let serial = 0;
	const sent = (p: Person, webhook: string | null): CorpusItem => {
		serial += 1;
		const json: IDataObject = { profile_url: SPELLINGS[pick(SPELLINGS.length)](p, `s${serial}`) };
		if (webhook !== null) json.webhook_url = webhook;
		return { json, expect: { kind: 'sent', profile: canonical(p) } };
	};

	for (let n = 0; n < UNIQUE_PROFILES; n += 1) {
		const p = person(n);
		const webhook = n % WEBHOOK_EVERY === 0 ? hook(`lead-${n}`) : null;
		people.push(p);
		profiles.set(canonical(p), webhook);
		if (n % PRE_TRACKED_EVERY === 0) preTracked.push(canonical(p));
		items.push(sent(p, webhook));
	}
	// Duplicates: the same profile in another spelling, repeating its webhook, leaving it empty
	// ("keep the current one"), or giving one to a profile whose first item had none.
	const targets = shuffle([...people.keys()], pick).slice(0, DUPLICATES);
	targets.forEach((n, index) => {
		const url = canonical(people[n]);
		let webhook: string | null = profiles.get(url) ?? null;
		if (webhook !== null && random() < 0.4) webhook = null;
		else if (webhook === null && random() < 0.2) {
			webhook = hook(`late-${n}`);
			profiles.set(url, webhook);
		}
		items.push(sent(people[n], webhook));
		if (index < TRIPLICATES) items.push(sent(people[n], null));
	});
	items.push(...localRejections());
	// Shuffled, so duplicates, rejections and pre-tracked profiles land in every batch.
	const shuffled = shuffle(items, pick);
	shuffled.forEach((item, row) => (item.json.row = row));
	return { items: shuffled, profiles, preTracked };
}
