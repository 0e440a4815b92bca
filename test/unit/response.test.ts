import {
	matchAnswers,
	readErrorText,
	readRowRejections,
	readSuccessBody,
} from '../../nodes/TrackLinkedInProfiles/response';

describe('readSuccessBody', () => {
	it('reads the rows of the spec example', () => {
		const body = {
			success: true,
			message: 'Tracked LinkedIn profiles uploaded successfully',
			data: [
				{
					profile_url: 'https://www.linkedin.com/in/amelia-chen',
					status: 'created',
					webhook_status: 'created',
				},
				{
					profile_url: 'https://www.linkedin.com/in/marco-alvarez',
					status: 'existing',
					webhook_status: 'none',
				},
			],
		};
		expect(readSuccessBody(body)).toEqual([
			{
				profileUrl: 'https://www.linkedin.com/in/amelia-chen',
				status: 'created',
				webhookStatus: 'created',
			},
			{
				profileUrl: 'https://www.linkedin.com/in/marco-alvarez',
				status: 'existing',
				webhookStatus: 'none',
			},
		]);
	});

	it('leaves out rows it cannot read instead of guessing', () => {
		const body = {
			data: [
				{ profile_url: 'https://www.linkedin.com/in/a', status: 'pending', webhook_status: 'none' },
				{
					profile_url: 'https://www.linkedin.com/in/b',
					status: 'created',
					webhook_status: 'deleted',
				},
				{ profile_url: 42, status: 'created', webhook_status: 'none' },
				'row',
				{ profile_url: 'https://www.linkedin.com/in/c', status: 'created', webhook_status: 'none' },
			],
		};
		expect(readSuccessBody(body)?.map((row) => row.profileUrl)).toEqual([
			'https://www.linkedin.com/in/c',
		]);
	});

	it.each([undefined, null, '{"data":', 'OK', [], { success: true }, { data: 'rows' }])(
		'refuses a body of %j',
		(body) => {
			expect(readSuccessBody(body)).toBeUndefined();
		},
	);
});

describe('readErrorText', () => {
	it('joins message and error of the documented 401 body', () => {
		expect(readErrorText({ message: 'Unauthorized', error: 'Invalid or missing API key' })).toBe(
			'Unauthorized: Invalid or missing API key',
		);
	});

	it('keeps a short piece of a text body and nothing of other shapes', () => {
		expect(readErrorText(`<html>${'x'.repeat(1000)}</html>`)?.length).toBe(500);
		expect(readErrorText({ code: 7 })).toBeUndefined();
		expect(readErrorText(undefined)).toBeUndefined();
	});
});

describe('readRowRejections', () => {
	it('takes the rows a 400 names within the request', () => {
		const body = {
			details: [
				{ index: 2, message: 'not a person profile' },
				{ index: 7, message: 'out of range' },
				{ index: -1, message: 'negative' },
				{ index: 1.5, message: 'not whole' },
				{ index: 0 },
			],
		};
		expect(readRowRejections(body, 5)).toEqual([
			{ index: 2, message: 'not a person profile' },
			{ index: 0, message: 'Refused by Trigify.' },
		]);
	});

	it('finds nothing in a body without details', () => {
		expect(readRowRejections({ message: 'Bad Request' }, 3)).toEqual([]);
	});
});

describe('matchAnswers', () => {
	const answer = (profileUrl: string) => ({
		profileUrl,
		status: 'created' as const,
		webhookStatus: 'none' as const,
	});

	it('finds each sent profile in an answer that spells it differently', () => {
		const sent = [
			'https://www.linkedin.com/in/amelia-chen',
			'https://www.linkedin.com/in/marco',
			'https://www.linkedin.com/in/ACoAAB1x',
		];
		const answers = [
			answer('http://LinkedIn.com/in/Amelia-Chen/'),
			answer('https://www.linkedin.com/in/marco'),
			answer('https://WWW.LINKEDIN.COM/IN/ACoAAB1x'),
		];
		const matched = matchAnswers(sent, answers);
		expect(sent.map((url) => matched.get(url)?.profileUrl)).toEqual([
			answers[0].profileUrl,
			answers[1].profileUrl,
			answers[2].profileUrl,
		]);
	});

	it('leaves a profile unmatched when no answer names it, and ignores answers for profiles not sent', () => {
		const matched = matchAnswers(
			['https://www.linkedin.com/in/a'],
			[answer('https://www.linkedin.com/in/b'), answer('not a url')],
		);
		expect(matched.size).toBe(0);
	});

	it('does not mistake a member id in other case for the same member', () => {
		const matched = matchAnswers(
			['https://www.linkedin.com/in/ACoAAB1x'],
			[answer('https://www.linkedin.com/in/ACOAAB1X')],
		);
		expect(matched.size).toBe(0);
	});
});
