import { createHash } from 'node:crypto';
import { z } from 'zod';

import { ALLOWED_PLANS, REQUIRED_PERMISSION } from './schemas';
import type { ErrorBody } from './schemas';

export const ApiKeyConfigSchema = z
	.object({
		key: z
			.string()
			.regex(/^trig_[\w-]+$/, 'API keys start with trig_ and hold letters, digits, _ or -'),
		org: z.string().min(1),
		plan: z.string().min(1),
		permissions: z.array(z.string()),
	})
	.strict();
export type ApiKeyConfig = z.infer<typeof ApiKeyConfigSchema>;

export const DEFAULT_ORG = 'org_sandbox';

export const SANDBOX_KEYS = {
	enterprise: 'trig_sandbox_enterprise',
	wrongPlan: 'trig_sandbox_wrong_plan',
	noPermission: 'trig_sandbox_no_permission',
} as const;

export const DEFAULT_KEYS: readonly ApiKeyConfig[] = [
	{
		key: SANDBOX_KEYS.enterprise,
		org: DEFAULT_ORG,
		plan: 'ENTERPRISE',
		permissions: [REQUIRED_PERMISSION],
	},
	{
		key: SANDBOX_KEYS.wrongPlan,
		org: DEFAULT_ORG,
		plan: 'PRO',
		permissions: [REQUIRED_PERMISSION],
	},
	{ key: SANDBOX_KEYS.noPermission, org: DEFAULT_ORG, plan: 'ENTERPRISE', permissions: [] },
];

const UNAUTHORIZED: ErrorBody = { message: 'Unauthorized', error: 'Invalid or missing API key' };

export type AuthResult =
	| { ok: true; key: ApiKeyConfig }
	| { ok: false; status: 401 | 403; body: ErrorBody };

/** Identifies a key in the request log without ever storing the key itself. */
export function keyFingerprint(key: string): string {
	return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export function authenticate(
	keys: ReadonlyMap<string, ApiKeyConfig>,
	header: string | string[] | undefined,
): AuthResult {
	const config = typeof header === 'string' ? keys.get(header) : undefined;
	if (config === undefined) return { ok: false, status: 401, body: UNAUTHORIZED };
	if (!config.permissions.includes(REQUIRED_PERMISSION)) {
		return {
			ok: false,
			status: 403,
			body: {
				message: 'Forbidden',
				error: `This API key lacks the ${REQUIRED_PERMISSION} permission; use a key that has it.`,
			},
		};
	}
	if (!(ALLOWED_PLANS as readonly string[]).includes(config.plan)) {
		return {
			ok: false,
			status: 403,
			body: {
				message: 'Forbidden',
				error: `This endpoint needs an ${ALLOWED_PLANS.join(' or ')} plan; this key's organisation is on ${config.plan}.`,
			},
		};
	}
	return { ok: true, key: config };
}
