import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';
import type { ActiveFault, Fault } from './admin-schemas';
import type { BulkResultRow } from './schemas';

type Variant = Extract<Fault, { kind: 'url-variant' }>['variant'];
const VARIANTS = ['trailing-slash', 'uppercase', 'http', 'no-www'] as const;

/**
 * Faults hit bulk requests in the order they were added, one fault per request, each for its
 * `count` requests: a test can script "503, 503, then 429 with Retry-After, then success".
 */
export class FaultQueue {
	private active: ActiveFault[] = [];
	private nextId = 1;

	add(faults: Fault[]): ActiveFault[] {
		const added = faults.map((fault) => ({ id: this.nextId++, remaining: fault.count, fault }));
		this.active.push(...added);
		return added;
	}

	list(): ActiveFault[] {
		return this.active.map((entry) => ({ ...entry }));
	}

	clear(): void {
		this.active = [];
	}

	take(): Fault | undefined {
		const head = this.active[0];
		if (head === undefined) return undefined;
		if (head.remaining !== 'always') {
			head.remaining--;
			if (head.remaining === 0) this.active.shift();
		}
		return head.fault;
	}
}

function uppercased(url: string): string {
	const { pathname } = new URL(url);
	const id = pathname.slice('/in/'.length);
	const whole = `https://WWW.LINKEDIN.COM/IN/${encodeURIComponent(decodeURIComponent(id).toUpperCase())}`;
	// Member ids (ACoAA...) are case-sensitive, and some letters do not survive a round trip
	// (ß becomes SS): then only the host and the path prefix change case.
	const equivalent = canonicalizeProfileUrl(whole);
	return equivalent.ok && equivalent.url === url ? whole : `https://WWW.LINKEDIN.COM/IN/${id}`;
}

/** Another spelling of a canonical URL that any correct canonicalizer maps back to it. */
export function urlVariant(url: string, variant: Exclude<Variant, 'mixed'>): string {
	switch (variant) {
		case 'trailing-slash':
			return `${url}/`;
		case 'uppercase':
			return uppercased(url);
		case 'http':
			return url.replace(/^https:/, 'http:');
		case 'no-www':
			return url.replace('://www.', '://');
	}
}

/** Applies the faults that leave the status alone but bend the rows a client gets back. */
export function bendRows(fault: Fault | undefined, rows: BulkResultRow[]): BulkResultRow[] {
	if (fault?.kind === 'missing-rows') return rows.slice(0, Math.max(0, rows.length - fault.rows));
	if (fault?.kind === 'reorder') return [...rows].reverse();
	if (fault?.kind === 'url-variant') {
		return rows.map((row, index) => {
			const variant = fault.variant === 'mixed' ? VARIANTS[index % VARIANTS.length] : fault.variant;
			return { ...row, profile_url: urlVariant(row.profile_url, variant) };
		});
	}
	return rows;
}
