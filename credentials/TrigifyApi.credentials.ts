import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	BULK_PATH,
	DEFAULT_BASE_URL,
	PLAIN_HTTP_TO_REMOTE_HOST,
} from '../nodes/TrackLinkedInProfiles/base-url';

export class TrigifyApi implements ICredentialType {
	name = 'trigifyApi';

	displayName = 'Trigify API';

	icon: Icon = {
		light: 'file:../nodes/TrackLinkedInProfiles/trigify.svg',
		dark: 'file:../nodes/TrackLinkedInProfiles/trigify.dark.svg',
	};

	documentationUrl = 'https://docs.trigify.io';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'trig_...',
			hint: 'Trigify API keys start with trig_',
			description:
				'Key with the track:engagement:create permission, on an ENTERPRISE or CUSTOM plan',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Leave as is for Trigify. Plain http is accepted only for a sandbox on this machine (localhost, 127.0.0.1 or [::1]), so the key never travels unencrypted.',
		},
		{
			displayName:
				'Plain http to another machine would send the API key unencrypted, so the node refuses this Base URL. Use https, or http only for localhost, 127.0.0.1 or [::1].',
			name: 'insecureBaseUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { baseUrl: [{ _cnd: { regex: PLAIN_HTTP_TO_REMOTE_HOST } }] },
			},
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	/**
	 * Tells a valid key (the API authenticates, then refuses the empty list with 400) from an unknown
	 * one (401) and one without the plan or permission (403), and creates nothing. A plain-http Base
	 * URL to a remote host is tested over https instead, so the key is never sent in clear.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ($credentials.baseUrl || "${DEFAULT_BASE_URL}").replace(new RegExp(${JSON.stringify(PLAIN_HTTP_TO_REMOTE_HOST)}, "i"), "https://").trim().replace(/\\/+$/, "") }}`,
			url: BULK_PATH,
			method: 'POST',
			body: { profiles: [] },
			ignoreHttpStatusErrors: {
				ignore: true,
				except: [401, 403, 404, 405, 429, 500, 502, 503, 504],
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Trigify does not know this API key. Copy it again from Trigify (it starts with trig_).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid but may not track profiles: it needs the track:engagement:create permission on an ENTERPRISE or CUSTOM plan.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `No Trigify API at this Base URL. Use ${DEFAULT_BASE_URL}, or the sandbox's URL.`,
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'Trigify is rate limiting this key. Try again in a minute.',
				},
			},
		],
	};
}
