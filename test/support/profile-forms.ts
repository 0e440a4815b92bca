/**
 * Ways of writing one LinkedIn person profile, for property tests and benchmarks. Each form is
 * written independently of the canonicalizer so tests can check it rather than echo it.
 */
const HOSTS = [
	'www.linkedin.com',
	'linkedin.com',
	'm.linkedin.com',
	'uk.linkedin.com',
	'de.linkedin.com',
];
const SCHEMES = ['https://', 'http://', '', '//'];
const PREFIXES = ['', '/mwlite'];
const SUFFIXES = [
	'',
	'/',
	'/details/experience/',
	'/recent-activity/all/',
	'/fr',
	'/overlay/contact-info/',
];
const TAILS = ['', '?trk=public_profile', '?utm_source=share&utm_medium=member_ios', '#about'];

export const FORM_COUNT =
	HOSTS.length * SCHEMES.length * PREFIXES.length * SUFFIXES.length * TAILS.length * 3;

function pick<T>(list: T[], n: number): [T, number] {
	return [list[n % list.length], Math.floor(n / list.length)];
}

function shout(id: string, mode: number): string {
	if (mode === 1) return id.toUpperCase();
	if (mode === 2) return id.charAt(0).toUpperCase() + id.slice(1);
	return id;
}

/** Form number `n` (any non-negative integer) of the vanity profile `id` (lower-case ASCII). */
export function profileForm(id: string, n: number): string {
	const [scheme, afterScheme] = pick(SCHEMES, n);
	const [host, afterHost] = pick(HOSTS, afterScheme);
	const [prefix, afterPrefix] = pick(PREFIXES, afterHost);
	const [suffix, afterSuffix] = pick(SUFFIXES, afterPrefix);
	const [tail, afterTail] = pick(TAILS, afterSuffix);
	const [mode] = pick([0, 1, 2], afterTail);
	const padding = n % 7 === 0 ? '  ' : '';
	return `${padding}${scheme}${host}${prefix}/in/${shout(id, mode)}${suffix}${tail}${padding}`;
}

export function canonicalFor(id: string): string {
	return `https://www.linkedin.com/in/${id}`;
}
