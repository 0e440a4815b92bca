// The owner and login flow of n8n 2.41's REST API, so tests can call authenticated endpoints and a
// browser test can open the editor already signed in.
//
// - A fresh instance has only a "shell" owner. POST /rest/owner/setup (no auth needed, accepted
//   once) turns it into a real account and answers with the auth cookie. The alternative is to
//   start n8n with N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true, N8N_INSTANCE_OWNER_EMAIL and
//   N8N_INSTANCE_OWNER_PASSWORD_HASH (a bcrypt hash), which (re)writes the owner at every start.
// - POST /rest/login takes { emailOrLdapLoginId, password } and sets the `n8n-auth` cookie.
// - The editor sends a `browser-id` header and n8n binds the cookie to it when one is sent at
//   login. Logging in without that header gives a cookie bound to no browser, which REST clients
//   and a browser (with the cookie injected for 127.0.0.1) can both use.

export const AUTH_COOKIE = 'n8n-auth';

export interface OwnerAccount {
	email: string;
	/** n8n wants 8+ characters with a number and a capital letter. */
	password: string;
	firstName: string;
	lastName: string;
}

export const TEST_OWNER: OwnerAccount = {
	email: 'owner@example.com',
	password: 'Trigify-e2e-1',
	firstName: 'Test',
	lastName: 'Owner',
};

export interface RestSession {
	baseUrl: string;
	/** The value of the `n8n-auth` cookie, e.g. to add to a browser context. */
	authToken: string;
	/** Calls /rest/<path> with the cookie and returns the response's `data`. */
	request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export class RestError extends Error {
	constructor(
		readonly status: number,
		readonly body: string,
		what: string,
	) {
		super(`${what} answered ${status}: ${body.slice(0, 500)}`);
	}
}

async function send(baseUrl: string, method: string, path: string, body: unknown, cookie?: string) {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = `${AUTH_COOKIE}=${cookie}`;
	const response = await fetch(`${baseUrl}/rest/${path.replace(/^\/+/, '')}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	if (!response.ok) throw new RestError(response.status, text, `${method} /rest/${path}`);
	return { response, text };
}

function sessionFrom(baseUrl: string, response: Response): RestSession {
	const prefix = `${AUTH_COOKIE}=`;
	const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith(prefix));
	if (!setCookie) throw new Error(`n8n set no ${AUTH_COOKIE} cookie`);
	const authToken = setCookie.slice(prefix.length).split(';')[0];
	return {
		baseUrl,
		authToken,
		request: async <T>(method: string, path: string, body?: unknown) => {
			const { text } = await send(baseUrl, method, path, body, authToken);
			return (JSON.parse(text) as { data: T }).data;
		},
	};
}

/** The session's cookie in the shape Playwright's `context.addCookies` takes. */
export function browserCookie(session: RestSession) {
	const { hostname } = new URL(session.baseUrl);
	return {
		name: AUTH_COOKIE,
		value: session.authToken,
		domain: hostname,
		path: '/',
		httpOnly: true,
		sameSite: 'Lax' as const,
	};
}

/** Creates the owner on a fresh instance and returns a session signed in as that owner. */
export async function setupOwner(baseUrl: string, owner = TEST_OWNER): Promise<RestSession> {
	const { response } = await send(baseUrl, 'POST', 'owner/setup', owner);
	return sessionFrom(baseUrl, response);
}

export async function login(baseUrl: string, owner = TEST_OWNER): Promise<RestSession> {
	const body = { emailOrLdapLoginId: owner.email, password: owner.password };
	const { response } = await send(baseUrl, 'POST', 'login', body);
	return sessionFrom(baseUrl, response);
}

/** Sets the owner up when the instance has none yet, then logs in: safe on a reused user folder. */
export async function ensureOwnerSession(
	baseUrl: string,
	owner = TEST_OWNER,
): Promise<RestSession> {
	const { text } = await send(baseUrl, 'GET', 'settings', undefined);
	const settings = JSON.parse(text) as {
		data: { userManagement?: { showSetupOnFirstLoad?: boolean } };
	};
	if (settings.data.userManagement?.showSetupOnFirstLoad) await setupOwner(baseUrl, owner);
	return await login(baseUrl, owner);
}
