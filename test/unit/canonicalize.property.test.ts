import fc from 'fast-check';

import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';
import { canonicalFor, FORM_COUNT, profileForm } from '../support/profile-forms';

const vanityId = fc.stringMatching(/^[a-z][a-z0-9-]{2,30}[a-z0-9]$/);
const CANONICAL_SHAPE = /^https:\/\/www\.linkedin\.com\/in\/[A-Za-z0-9%_.-]+$/;

const anyInput = fc.oneof(
	fc.anything(),
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.webUrl({ withQueryParameters: true, withFragments: true }),
	fc
		.tuple(
			fc.constantFrom(
				'https://www.linkedin.com/in/',
				'linkedin.com/in/',
				'https://uk.linkedin.com/mwlite/in/',
			),
			fc.string({ unit: 'binary' }),
		)
		.map(([prefix, tail]) => prefix + tail),
);

describe('canonicalizeProfileUrl, for any input', () => {
	it('never throws and answers ok or a coded rejection', () => {
		fc.assert(
			fc.property(anyInput, (input) => {
				const result = canonicalizeProfileUrl(input);
				if (result.ok) return;
				expect(['missing_profile_url', 'invalid_profile_url', 'unsupported_profile_url']).toContain(
					result.code,
				);
				expect(result.message.length).toBeGreaterThan(20);
			}),
			{ numRuns: 3000 },
		);
	});

	it('is idempotent and every accepted result has the canonical shape', () => {
		fc.assert(
			fc.property(anyInput, (input) => {
				const result = canonicalizeProfileUrl(input);
				if (!result.ok) return;
				expect(result.url).toMatch(CANONICAL_SHAPE);
				expect(canonicalizeProfileUrl(result.url)).toEqual(result);
			}),
			{ numRuns: 3000 },
		);
	});

	it('maps every common form of one profile to the same URL', () => {
		fc.assert(
			fc.property(vanityId, fc.nat({ max: FORM_COUNT * 2 }), (id, form) => {
				expect(canonicalizeProfileUrl(profileForm(id, form))).toEqual({
					ok: true,
					url: canonicalFor(id),
				});
			}),
			{ numRuns: 3000 },
		);
	});

	it('keeps the case of member ids in every form', () => {
		const memberId = fc.stringMatching(/^AC[ow]AA[A-Za-z0-9_-]{10,30}$/);
		fc.assert(
			fc.property(memberId, fc.nat({ max: FORM_COUNT }), (id, form) => {
				const written = profileForm(id, form).replace(/\/in\/[^/?#\s]+/i, `/in/${id}`);
				expect(canonicalizeProfileUrl(written)).toEqual({
					ok: true,
					url: canonicalFor(id),
				});
			}),
			{ numRuns: 2000 },
		);
	});

	it('is idempotent on Unicode profile ids', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (id) => {
				const result = canonicalizeProfileUrl(`https://www.linkedin.com/in/${id}`);
				if (!result.ok) return;
				expect(result.url).toMatch(CANONICAL_SHAPE);
				const decoded = decodeURIComponent(result.url.slice('https://www.linkedin.com/in/'.length));
				expect(decoded.normalize('NFC')).toBe(decoded);
				expect(canonicalizeProfileUrl(result.url)).toEqual(result);
			}),
			{ numRuns: 3000 },
		);
	});
});
