import { parseUrl } from './parse-url';
import { quote, readUrlText } from './text';
import type { Checked, Rejection, RejectionCode } from './types';

const MAX_PROFILE_URL_LENGTH = 2048;

const ACCEPTED =
	'Expected a LinkedIn person profile URL such as https://www.linkedin.com/in/jane-doe.';

const SCHEME = /^([a-z][a-z\d+.-]*):/i;
const LINKEDIN_DOMAIN = /(?:^|\.)linkedin\.com$/;
// Country and language subdomains (uk., de., fr. ...) serve the same profiles as www.
const PROFILE_HOST = /^(?:(?:www|m|[a-z]{2})\.)?linkedin\.com$/;
// Member ids (ACoAA..., ACwAA... from Sales Navigator) are case-sensitive; vanity names are not.
const MEMBER_ID = /^AC[ow]AA[\w-]+$/;
const PROFILE_ID = /^[\p{L}\p{M}\p{N}_.-]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MAX_PROFILE_ID_LENGTH = 100;

const NOT_A_PERSON: Record<string, string> = {
	company: 'a company page',
	school: 'a school page',
	showcase: 'a showcase page',
	posts: 'a post',
	feed: 'a feed post',
	pulse: 'an article',
	newsletters: 'a newsletter',
	groups: 'a group',
	events: 'an event',
	jobs: 'a job posting',
	sales: 'a Sales Navigator page',
	talent: 'a LinkedIn Recruiter page',
	learning: 'a LinkedIn Learning page',
	pub: 'an old /pub/ profile link, which LinkedIn no longer maps to a person reliably',
	profile: 'an old profile/view link',
};

function reject(code: RejectionCode, message: string): Rejection {
	return { ok: false, code, message };
}

function invalid(problem: string): Rejection {
	return reject('invalid_profile_url', `${problem} ${ACCEPTED}`);
}

function unsupported(problem: string): Rejection {
	return reject(
		'unsupported_profile_url',
		`${problem} Only person profiles (/in/) can be tracked. ${ACCEPTED}`,
	);
}

/** Parses with a missing scheme tolerated; anything but an http(s) URL is rejected. */
function parseWebUrl(text: string): URL | Rejection {
	const scheme = SCHEME.exec(text);
	// "linkedin.com:443/in/x" starts like a scheme but is a host and port.
	const hasScheme = scheme !== null && !/^\d/.test(text.slice(scheme[0].length));
	if (hasScheme) {
		const name = scheme[1].toLowerCase();
		if (name !== 'http' && name !== 'https') {
			return invalid(`${quote(text)} is a ${name}: link, not a web address.`);
		}
	}
	const candidate = hasScheme ? text : `https://${text.replace(/^\/\//, '')}`;
	return parseUrl(candidate) ?? invalid(`${quote(text)} is not a valid URL.`);
}

function checkHost(url: URL, text: string): Rejection | undefined {
	if (url.username !== '' || url.password !== '') {
		return invalid(`${quote(text)} hides its real host behind a user name, a common disguise.`);
	}
	const host = url.hostname.replace(/\.$/, '');
	if (host === 'lnkd.in') {
		return unsupported(
			`${quote(text)} is a lnkd.in short link; open it and use the profile URL it leads to.`,
		);
	}
	if (!LINKEDIN_DOMAIN.test(host)) {
		return invalid(`${quote(text)} points at ${quote(host)}, which is not linkedin.com.`);
	}
	if (!PROFILE_HOST.test(host)) {
		return unsupported(
			`${quote(text)} is on ${quote(host)}, which does not serve member profiles.`,
		);
	}
	if (url.port !== '') {
		return invalid(
			`${quote(text)} names port ${url.port}; LinkedIn is served on the standard port.`,
		);
	}
	return undefined;
}

function canonicalId(rawId: string, text: string): Checked<string> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(rawId);
	} catch {
		return invalid(`${quote(text)} has a broken percent-encoding in its profile id.`);
	}
	const id = decoded.normalize('NFC');
	const canonical = MEMBER_ID.test(id) ? id : id.toLowerCase().normalize('NFC');
	if (
		canonical.length > MAX_PROFILE_ID_LENGTH ||
		!PROFILE_ID.test(canonical) ||
		!HAS_LETTER_OR_DIGIT.test(canonical)
	) {
		return invalid(
			`The profile id ${quote(decoded)} in ${quote(text)} is not a LinkedIn profile id (letters, digits, hyphens, underscores and dots, at most ${MAX_PROFILE_ID_LENGTH}).`,
		);
	}
	return { ok: true, url: canonical };
}

/**
 * Maps any common way of writing a LinkedIn person profile URL to the one form Trigify stores,
 * `https://www.linkedin.com/in/<id>`, or says precisely why the value cannot be tracked.
 */
export function canonicalizeProfileUrl(input: unknown): Checked<string> {
	const read = readUrlText(input, 'profile URL', MAX_PROFILE_URL_LENGTH);
	if (read.state === 'absent') {
		return reject('missing_profile_url', `No profile URL was given. ${ACCEPTED}`);
	}
	if (read.state === 'invalid') return invalid(read.problem);
	const { text } = read;
	const url = parseWebUrl(text);
	if (!(url instanceof URL)) return url;
	const hostProblem = checkHost(url, text);
	if (hostProblem) return hostProblem;

	const segments = url.pathname.split('/').filter((segment) => segment !== '');
	// LinkedIn's lightweight mobile site prefixes profile paths with /mwlite.
	const start = segments[0]?.toLowerCase() === 'mwlite' ? 1 : 0;
	const section = segments[start]?.toLowerCase();
	if (section !== 'in') {
		const kind = section === undefined ? undefined : NOT_A_PERSON[section];
		return unsupported(`${quote(text)} is ${kind ?? 'not a person profile'}.`);
	}
	const rawId = segments[start + 1];
	if (rawId === undefined) {
		return invalid(`${quote(text)} has no profile id after /in/.`);
	}
	// Anything after the id (/details/..., /recent-activity/..., a locale such as /fr) is a
	// view of the same person, so it is dropped along with the query and fragment.
	const id = canonicalId(rawId, text);
	if (!id.ok) return id;
	return {
		ok: true,
		url: `https://www.linkedin.com/in/${encodeURIComponent(id.url)}`,
	};
}
