import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';

const JANE = 'https://www.linkedin.com/in/jane-doe';
const MEMBER = 'https://www.linkedin.com/in/ACoAAB1x2y3Z4w5V6u7T8s9R';

// Real-world ways people paste the same profile; each must land on one canonical URL.
const accepted: Array<[string, string]> = [
	['https://www.linkedin.com/in/jane-doe', JANE],
	['https://www.linkedin.com/in/jane-doe/', JANE],
	['https://www.linkedin.com/in/jane-doe//', JANE],
	['http://www.linkedin.com/in/jane-doe', JANE],
	['HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE', JANE],
	['https://WWW.LinkedIn.com/in/Jane-Doe', JANE],
	['www.linkedin.com/in/jane-doe', JANE],
	['linkedin.com/in/jane-doe', JANE],
	['linkedin.com/in/jane-doe/', JANE],
	['//www.linkedin.com/in/jane-doe', JANE],
	['https://linkedin.com/in/jane-doe', JANE],
	['https://m.linkedin.com/in/jane-doe', JANE],
	['http://m.linkedin.com/in/jane-doe/', JANE],
	['https://uk.linkedin.com/in/jane-doe', JANE],
	['https://de.linkedin.com/in/jane-doe', JANE],
	['https://fr.linkedin.com/in/jane-doe/', JANE],
	['https://in.linkedin.com/in/jane-doe', JANE],
	['https://br.linkedin.com/in/jane-doe?originalSubdomain=br', JANE],
	['https://www.linkedin.com/mwlite/in/jane-doe', JANE],
	['https://m.linkedin.com/mwlite/in/jane-doe/', JANE],
	['https://www.linkedin.com/in/jane-doe?trk=public_profile_browsemap', JANE],
	[
		'https://www.linkedin.com/in/jane-doe/?utm_source=share&utm_campaign=share_via&utm_medium=ios_app',
		JANE,
	],
	['https://www.linkedin.com/in/jane-doe?lipi=urn%3Ali%3Apage%3Ad_flagship3_feed', JANE],
	['https://www.linkedin.com/in/jane-doe#experience', JANE],
	['https://www.linkedin.com/in/jane-doe/?originalSubdomain=uk#about', JANE],
	['https://www.linkedin.com/in/jane-doe/details/experience/', JANE],
	['https://www.linkedin.com/in/jane-doe/details/skills/?detailScreenTabIndex=0', JANE],
	['https://www.linkedin.com/in/jane-doe/recent-activity/all/', JANE],
	['https://www.linkedin.com/in/jane-doe/recent-activity/comments/', JANE],
	['https://www.linkedin.com/in/jane-doe/overlay/contact-info/', JANE],
	['https://www.linkedin.com/in/jane-doe/overlay/about-this-profile/', JANE],
	['https://www.linkedin.com/in/jane-doe/en', JANE],
	['https://www.linkedin.com/in/jane-doe/fr/', JANE],
	['https://www.linkedin.com/in/jane-doe/de?trk=x', JANE],
	['  https://www.linkedin.com/in/jane-doe  ', JANE],
	['\thttps://www.linkedin.com/in/jane-doe\n', JANE],
	['https://www.linkedin.com/in/jane%2Ddoe', JANE],
	['https://www.linkedin.com/in/%6A%61%6E%65-doe', JANE],
	['https://www.linkedin.com/IN/jane-doe', JANE],
	['https://www.linkedin.com./in/jane-doe', JANE],
	['https://www.linkedin.com:443/in/jane-doe', JANE],
	['http://www.linkedin.com:80/in/jane-doe', JANE],
	['linkedin.com:443/in/jane-doe', JANE],
	['https://www.linkedin.com/in/jane-doe/?locale=en_US', JANE],
	['HtTpS://Www.Linkedin.Com/In/JANE-doe/', JANE],
	['https://www.linkedin.com/in/johnsmith123', 'https://www.linkedin.com/in/johnsmith123'],
	['https://www.linkedin.com/in/john_smith', 'https://www.linkedin.com/in/john_smith'],
	['https://www.linkedin.com/in/john.smith', 'https://www.linkedin.com/in/john.smith'],
	['https://www.linkedin.com/in/j-smith-8a1b2c3d', 'https://www.linkedin.com/in/j-smith-8a1b2c3d'],
	['https://www.linkedin.com/in/williamhgates/', 'https://www.linkedin.com/in/williamhgates'],
	// Member ids are case-sensitive: lower-casing one points at nobody.
	['https://www.linkedin.com/in/ACoAAB1x2y3Z4w5V6u7T8s9R', MEMBER],
	['https://www.linkedin.com/in/ACoAAB1x2y3Z4w5V6u7T8s9R/', MEMBER],
	['linkedin.com/in/ACoAAB1x2y3Z4w5V6u7T8s9R?trk=x', MEMBER],
	['https://uk.linkedin.com/in/ACoAAB1x2y3Z4w5V6u7T8s9R/details/experience', MEMBER],
	[
		'https://www.linkedin.com/in/ACwAAAbCdEfGhIjKlMnOp',
		'https://www.linkedin.com/in/ACwAAAbCdEfGhIjKlMnOp',
	],
	['https://www.linkedin.com/in/ACoAA_x-Yz', 'https://www.linkedin.com/in/ACoAA_x-Yz'],
	// Non-ASCII vanity names: decoded, NFC-normalized, lower-cased, re-encoded.
	['https://www.linkedin.com/in/jörg-müller', 'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller'],
	[
		'https://www.linkedin.com/in/J%C3%B6rg-M%C3%BCller',
		'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller',
	],
	[
		'https://www.linkedin.com/in/j%c3%b6rg-m%c3%bcller/',
		'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller',
	],
	[
		'https://www.linkedin.com/in/jo\u0308rg-mu\u0308ller',
		'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller',
	],
	[
		'https://www.linkedin.com/in/jo%CC%88rg-mu%CC%88ller',
		'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller',
	],
	['https://www.linkedin.com/in/JOSÉ-GARCÍA', 'https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa'],
	['https://www.linkedin.com/in/张伟', 'https://www.linkedin.com/in/%E5%BC%A0%E4%BC%9F'],
	[
		'https://www.linkedin.com/in/%E5%BC%A0%E4%BC%9F/',
		'https://www.linkedin.com/in/%E5%BC%A0%E4%BC%9F',
	],
	[
		'https://www.linkedin.com/in/дмитрий-иванов',
		'https://www.linkedin.com/in/%D0%B4%D0%BC%D0%B8%D1%82%D1%80%D0%B8%D0%B9-%D0%B8%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2',
	],
	[
		'https://www.linkedin.com/in/ДМИТРИЙ',
		'https://www.linkedin.com/in/%D0%B4%D0%BC%D0%B8%D1%82%D1%80%D0%B8%D0%B9',
	],
	['https://www.linkedin.com/in/محمد', 'https://www.linkedin.com/in/%D9%85%D8%AD%D9%85%D8%AF'],
	['https://www.linkedin.com/in/renée', 'https://www.linkedin.com/in/ren%C3%A9e'],
	['https://www.linkedin.com/in/s%C3%B8ren', 'https://www.linkedin.com/in/s%C3%B8ren'],
	['https://www.linkedin.com/in/ŁUKASZ', 'https://www.linkedin.com/in/%C5%82ukasz'],
];

type Rejected = [unknown, string];

const rejected: Rejected[] = [
	// Missing values.
	[undefined, 'missing_profile_url'],
	[null, 'missing_profile_url'],
	['', 'missing_profile_url'],
	['   ', 'missing_profile_url'],
	// Not text at all.
	[42, 'invalid_profile_url'],
	[true, 'invalid_profile_url'],
	[{ url: JANE }, 'invalid_profile_url'],
	[[JANE], 'invalid_profile_url'],
	// Not a web URL.
	['jane-doe', 'invalid_profile_url'],
	['not a url', 'invalid_profile_url'],
	['https://', 'invalid_profile_url'],
	['javascript:alert(document.cookie)', 'invalid_profile_url'],
	['JavaScript:alert(1)//www.linkedin.com/in/x', 'invalid_profile_url'],
	['data:text/html,<a href="https://www.linkedin.com/in/x">x</a>', 'invalid_profile_url'],
	['ftp://www.linkedin.com/in/jane-doe', 'invalid_profile_url'],
	['mailto:jane@linkedin.com', 'invalid_profile_url'],
	['https://www.linkedin.com/in/jane doe', 'invalid_profile_url'],
	['https://www.linkedin.com/in/jane\u0000doe', 'invalid_profile_url'],
	['https://www.linkedin.com/in/jane%ZZdoe', 'invalid_profile_url'],
	['https://www.linkedin.com/in/jane%2Fdoe', 'invalid_profile_url'],
	['https://www.linkedin.com/in/jane%3Cscript%3E', 'invalid_profile_url'],
	['https://www.linkedin.com/in/...', 'invalid_profile_url'],
	[`https://www.linkedin.com/in/${'a'.repeat(101)}`, 'invalid_profile_url'],
	[`https://www.linkedin.com/in/jane-doe?${'x'.repeat(5000)}`, 'invalid_profile_url'],
	// Look-alike and disguised hosts.
	['https://linkedin.com.evil.com/in/jane-doe', 'invalid_profile_url'],
	['https://www.linkedin.com.evil.com/in/jane-doe', 'invalid_profile_url'],
	['evil.com/linkedin.com/in/jane-doe', 'invalid_profile_url'],
	['https://evil.com/https://www.linkedin.com/in/jane-doe', 'invalid_profile_url'],
	['https://evil.com/?u=https://www.linkedin.com/in/jane-doe', 'invalid_profile_url'],
	['www.linkedin.com@evil.com/in/jane-doe', 'invalid_profile_url'],
	['https://www.linkedin.com@evil.com/in/jane-doe', 'invalid_profile_url'],
	['https://user:pass@www.linkedin.com/in/jane-doe', 'invalid_profile_url'],
	['https://linkedin.co/in/jane-doe', 'invalid_profile_url'],
	['https://linkedin.cn/in/jane-doe', 'invalid_profile_url'],
	['https://linked-in.com/in/jane-doe', 'invalid_profile_url'],
	['https://linkedln.com/in/jane-doe', 'invalid_profile_url'],
	['https://evillinkedin.com/in/jane-doe', 'invalid_profile_url'],
	['https://www.lіnkedin.com/in/jane-doe', 'invalid_profile_url'], // Cyrillic і
	['https://www.linkedіn.com/in/jane-doe', 'invalid_profile_url'], // Cyrillic і
	['https://xn--lnkedin-rog.com/in/jane-doe', 'invalid_profile_url'],
	['https://www.linkedin.com:8443/in/jane-doe', 'invalid_profile_url'],
	['https://127.0.0.1/in/jane-doe', 'invalid_profile_url'],
	['https://www.linkedin.com/in/', 'invalid_profile_url'],
	['https://www.linkedin.com/in', 'invalid_profile_url'],
	// LinkedIn, but not a person profile.
	['https://www.linkedin.com/company/acme/', 'unsupported_profile_url'],
	['https://www.linkedin.com/company/acme/posts/?feedView=all', 'unsupported_profile_url'],
	['https://www.linkedin.com/school/stanford-university/', 'unsupported_profile_url'],
	['https://www.linkedin.com/showcase/acme-labs/', 'unsupported_profile_url'],
	[
		'https://www.linkedin.com/posts/jane-doe_ai-activity-7100000000000000000-abcd',
		'unsupported_profile_url',
	],
	[
		'https://www.linkedin.com/feed/update/urn:li:activity:7100000000000000000/',
		'unsupported_profile_url',
	],
	['https://www.linkedin.com/feed/', 'unsupported_profile_url'],
	['https://www.linkedin.com/pulse/how-we-scaled-jane-doe/', 'unsupported_profile_url'],
	['https://www.linkedin.com/sales/lead/ACwAAAbCdEf,NAME_SEARCH,xyz', 'unsupported_profile_url'],
	['https://www.linkedin.com/sales/people/ACwAAAbCdEf,NAME_SEARCH', 'unsupported_profile_url'],
	['https://www.linkedin.com/talent/profile/AEMAAAbCdEf', 'unsupported_profile_url'],
	['https://www.linkedin.com/pub/jane-doe/12/345/678', 'unsupported_profile_url'],
	['https://www.linkedin.com/profile/view?id=12345', 'unsupported_profile_url'],
	['https://www.linkedin.com/groups/123456/', 'unsupported_profile_url'],
	['https://www.linkedin.com/jobs/view/3700000000/', 'unsupported_profile_url'],
	['https://www.linkedin.com/events/7100000000000000000/', 'unsupported_profile_url'],
	[
		'https://www.linkedin.com/newsletters/acme-weekly-7000000000000000000/',
		'unsupported_profile_url',
	],
	['https://www.linkedin.com/', 'unsupported_profile_url'],
	['linkedin.com', 'unsupported_profile_url'],
	['https://lnkd.in/dAbCdEf', 'unsupported_profile_url'],
	['https://business.linkedin.com/in/jane-doe', 'unsupported_profile_url'],
	['https://www.linkedin.com/mwlite/company/acme', 'unsupported_profile_url'],
];

describe('canonicalizeProfileUrl accepts', () => {
	it.each(accepted)('%j as %s', (input, expected) => {
		expect(canonicalizeProfileUrl(input)).toEqual({ ok: true, url: expected });
	});

	it('returns a canonical URL unchanged', () => {
		for (const [, canonical] of accepted) {
			expect(canonicalizeProfileUrl(canonical)).toEqual({
				ok: true,
				url: canonical,
			});
		}
	});
});

describe('canonicalizeProfileUrl rejects', () => {
	it.each(rejected)('%j with %s', (input, code) => {
		const result = canonicalizeProfileUrl(input);
		expect(result).toMatchObject({ ok: false, code });
		// Every message tells the user what would be accepted.
		expect(!result.ok && result.message).toContain('https://www.linkedin.com/in/jane-doe');
	});

	it('names the problem in the message', () => {
		const message = (input: unknown) => {
			const result = canonicalizeProfileUrl(input);
			return result.ok ? '' : result.message;
		};
		expect(message('https://www.linkedin.com/company/acme')).toMatch(/company page/);
		expect(message('https://linkedin.com.evil.com/in/x')).toMatch(
			/"linkedin\.com\.evil\.com", which is not linkedin\.com/,
		);
		expect(message('https://lnkd.in/x')).toMatch(/short link/);
		expect(message(42)).toMatch(/must be text, but a number \(42\) was given/);
		expect(message({})).toMatch(/but an object was given/);
		expect(message('javascript:alert(1)')).toMatch(/javascript: link/);
		expect(message('https://www.linkedin.com/pub/a/1/2/3')).toMatch(/\/pub\//);
		expect(message('https://user@www.linkedin.com/in/x')).toMatch(/user name/);
	});

	it.each([
		'https://user:hunter2@www.linkedin.com/in/x',
		'user:hunter2@www.linkedin.com/in/x',
		'https://user:hunter2@evil.com/in/x',
		'ftp://user:hunter2@www.linkedin.com/in/x',
		'https://user:hunter2@www.linkedin.com/in/x y',
	])('never echoes the password of %s', (input) => {
		const result = canonicalizeProfileUrl(input);
		expect(result.ok).toBe(false);
		expect(JSON.stringify(result)).not.toContain('hunter2');
	});

	it('keeps messages short when the input is huge', () => {
		const huge = `https://www.linkedin.com/in/${'x'.repeat(100_000)}`;
		const result = canonicalizeProfileUrl(huge);
		expect(result).toMatchObject({ ok: false, code: 'invalid_profile_url' });
		expect(!result.ok && result.message.length).toBeLessThan(300);
	});
});

it('covers at least 80 real-world forms', () => {
	expect(accepted.length + rejected.length).toBeGreaterThanOrEqual(80);
});

it('still accepts Unicode ids after thousands of calls (Node 20 URL.canParse regression)', () => {
	const results = new Set<string>();
	for (let n = 0; n < 20_000; n++) {
		const result = canonicalizeProfileUrl(
			n % 2 ? 'https://www.linkedin.com/in/josé' : `linkedin.com/in/p${n}`,
		);
		if (n % 2) results.add(result.ok ? result.url : result.code);
	}
	expect([...results]).toEqual(['https://www.linkedin.com/in/jos%C3%A9']);
});
