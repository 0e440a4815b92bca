import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

import { canonicalizeProfileUrl } from '../../nodes/TrackLinkedInProfiles/canonicalize';
import {
	ArchiveInputSchema,
	FaultListSchema,
	PoisonInputSchema,
	RateLimitSchema,
	describeIssues,
} from './admin-schemas';
import type { SandboxContext } from './context';
import { errorBody, parseJson, readBody, sendJson } from './http-io';
import { ADMIN_PREFIX } from './schemas';

type Reply = { status: number; body: unknown };
type Handler = (ctx: SandboxContext, input: AdminInput) => Promise<Reply> | Reply;

interface AdminInput {
	query: URLSearchParams;
	body: () => Promise<unknown>;
}

class AdminError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

async function parseBody<T>(
	input: AdminInput,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): Promise<T> {
	const result = schema.safeParse(await input.body());
	if (!result.success) {
		throw new AdminError(400, describeIssues(result.error));
	}
	return result.data;
}

function canonical(url: string): string {
	const result = canonicalizeProfileUrl(url);
	if (!result.ok) throw new AdminError(400, result.message);
	return result.url;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

const routes: Record<string, Partial<Record<string, Handler>>> = {
	health: { GET: () => ok({ ok: true }) },
	orgs: {
		GET: (ctx) => {
			const known = [...ctx.keys.values()].map((key) => key.org);
			return ok({ orgs: ctx.store.summaries(known) });
		},
	},
	monitors: {
		GET: (ctx, { query }) => {
			const profileUrl = query.get('profile_url');
			const filter = {
				org: query.get('org') ?? undefined,
				profileUrl: profileUrl === null ? undefined : canonical(profileUrl),
			};
			return ok({ monitors: ctx.store.monitors(filter) });
		},
	},
	'monitors/archive': {
		POST: async (ctx, input) => {
			const { profile_url, org = ctx.defaultOrg } = await parseBody(input, ArchiveInputSchema);
			const archived = ctx.store.archive(org, canonical(profile_url));
			if (archived === undefined) {
				throw new AdminError(404, `Organisation ${org} has no monitor for ${profile_url}.`);
			}
			await ctx.persistence.append(archived.ops);
			return ok({ monitor: { org, ...archived.monitor } });
		},
	},
	requests: {
		GET: (ctx) => ok({ requests: ctx.log.list() }),
		DELETE: (ctx) => {
			ctx.log.clear();
			return ok({ ok: true });
		},
	},
	reset: {
		POST: async (ctx) => {
			const ops = ctx.store.reset();
			ctx.log.clear();
			ctx.faults.clear();
			ctx.poison.clear();
			ctx.rateLimiter.reset();
			await ctx.persistence.append(ops);
			return ok({ ok: true });
		},
	},
	faults: {
		GET: (ctx) => ok({ faults: ctx.faults.list() }),
		POST: async (ctx, input) => {
			const faults = await parseBody(input, FaultListSchema);
			return ok({ faults: ctx.faults.add(Array.isArray(faults) ? faults : [faults]) });
		},
		DELETE: (ctx) => {
			ctx.faults.clear();
			return ok({ ok: true });
		},
	},
	poison: {
		GET: (ctx) => ok({ profile_urls: [...ctx.poison] }),
		POST: async (ctx, input) => {
			const { profile_urls } = await parseBody(input, PoisonInputSchema);
			for (const url of profile_urls.map(canonical)) ctx.poison.add(url);
			return ok({ profile_urls: [...ctx.poison] });
		},
		DELETE: (ctx) => {
			ctx.poison.clear();
			return ok({ ok: true });
		},
	},
	'rate-limit': {
		GET: (ctx) => ok(ctx.rateLimiter.settings),
		PUT: async (ctx, input) => {
			ctx.rateLimiter.configure(await parseBody(input, RateLimitSchema));
			return ok(ctx.rateLimiter.settings);
		},
	},
};

/**
 * The admin API needs no key: the sandbox binds to loopback by default, and tests and demos
 * must be able to inspect and steer it without knowing which keys it was given.
 */
export async function handleAdmin(
	ctx: SandboxContext,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const name = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
	const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
	const method = req.method ?? '';
	if (route === undefined) {
		return sendJson(res, 404, errorBody(404, `No admin endpoint ${url.pathname}.`));
	}
	const handler = route[method];
	if (handler === undefined) {
		const allowed = Object.keys(route).join(', ');
		return sendJson(res, 405, errorBody(405, `${url.pathname} accepts ${allowed}.`), {
			allow: allowed,
		});
	}
	const input: AdminInput = {
		query: url.searchParams,
		// Admin calls are made with curl as often as with code, so the content type is not checked.
		body: async () => {
			const read = await readBody(req, ctx.maxBodyBytes);
			if (!read.ok) throw new AdminError(413, `The body is larger than ${ctx.maxBodyBytes} bytes.`);
			const json = parseJson(read.body);
			if (!json.ok) throw new AdminError(400, json.problem);
			return json.value;
		},
	};
	const reply = await Promise.resolve()
		.then(() => handler(ctx, input))
		.catch((error: unknown) =>
			error instanceof AdminError
				? { status: error.status, body: errorBody(error.status, error.message) }
				: Promise.reject(error),
		);
	sendJson(res, reply.status, reply.body);
}
