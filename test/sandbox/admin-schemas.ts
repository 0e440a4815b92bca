import { z } from 'zod';

/** One line naming each problem and where it is, for a 400 or a CLI error. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
		.join('; ');
}

const Count = z.union([z.number().int().positive(), z.literal('always')]);
const LatencyMs = z.number().int().nonnegative().max(120_000);

/** Fields every fault accepts: how many bulk requests it hits, and a delay before it acts. */
const common = {
	count: Count.default(1),
	latency_ms: LatencyMs.default(0),
};

export const FaultSchema = z.discriminatedUnion('kind', [
	z
		.object({
			kind: z.literal('status'),
			status: z.number().int().min(400).max(599),
			retry_after: z.number().int().nonnegative().optional(),
			retry_after_format: z.enum(['seconds', 'date']).default('seconds'),
			...common,
		})
		.strict(),
	z.object({ kind: z.literal('latency'), ...common, latency_ms: LatencyMs.positive() }).strict(),
	z
		.object({
			kind: z.literal('drop'),
			phase: z
				.enum(['before-processing', 'after-processing', 'mid-response'])
				.default('before-processing'),
			...common,
		})
		.strict(),
	z.object({ kind: z.literal('malformed-json'), ...common }).strict(),
	z
		.object({
			kind: z.literal('missing-rows'),
			rows: z.number().int().positive().default(1),
			...common,
		})
		.strict(),
	z.object({ kind: z.literal('reorder'), ...common }).strict(),
	z
		.object({
			kind: z.literal('url-variant'),
			variant: z.enum(['trailing-slash', 'uppercase', 'http', 'no-www', 'mixed']).default('mixed'),
			...common,
		})
		.strict(),
]);

export const FaultListSchema = z.union([FaultSchema, z.array(FaultSchema).min(1)]);

export const ActiveFaultSchema = z
	.object({ id: z.number().int().positive(), remaining: Count, fault: FaultSchema })
	.strict();

export const MonitorSchema = z
	.object({
		id: z.string(),
		profile_url: z.string(),
		archived: z.boolean(),
		groups: z.array(z.string()),
		webhook_url: z.string().nullable(),
		created_at: z.string(),
		updated_at: z.string(),
	})
	.strict();

export const OrgMonitorSchema = MonitorSchema.extend({ org: z.string() });

export const ConnectionSchema = z.object({ id: z.string(), created_at: z.string() }).strict();

export const OrgSummarySchema = z
	.object({
		id: z.string(),
		connection: ConnectionSchema.nullable(),
		all_leads_group: z.object({ id: z.string(), name: z.string() }).strict(),
		monitors: z.number().int().nonnegative(),
		archived_monitors: z.number().int().nonnegative(),
	})
	.strict();

export const RequestLogEntrySchema = z
	.object({
		id: z.number().int().positive(),
		at: z.string(),
		method: z.string(),
		path: z.string(),
		key_fingerprint: z.string().nullable(),
		profile_count: z.number().int().nonnegative().nullable(),
		profile_urls: z.array(z.unknown()),
		status: z.number().int().nullable(),
		duration_ms: z.number().nonnegative(),
		fault: z.string().nullable(),
	})
	.strict();

export const RateLimitSchema = z.union([
	z.object({ enabled: z.literal(false) }).strict(),
	z
		.object({
			enabled: z.literal(true),
			limit: z.number().int().positive(),
			window_ms: z.number().int().positive(),
		})
		.strict(),
]);

export const PoisonInputSchema = z.object({ profile_urls: z.array(z.string()).min(1) }).strict();

export const ArchiveInputSchema = z
	.object({ profile_url: z.string(), org: z.string().optional() })
	.strict();

export type FaultInput = z.input<typeof FaultSchema>;
export type Fault = z.output<typeof FaultSchema>;
export type ActiveFault = z.output<typeof ActiveFaultSchema>;
export type Monitor = z.infer<typeof MonitorSchema>;
export type OrgMonitor = z.infer<typeof OrgMonitorSchema>;
export type Connection = z.infer<typeof ConnectionSchema>;
export type OrgSummary = z.infer<typeof OrgSummarySchema>;
export type RequestLogEntry = z.infer<typeof RequestLogEntrySchema>;
export type RateLimit = z.infer<typeof RateLimitSchema>;
