import { z } from 'zod';

/** The contract's path; everything else outside the admin prefix answers 404. */
export const BULK_PATH = '/v1/profile/engagement/bulk';
export const ADMIN_PREFIX = '/__sandbox/';
export const MAX_PROFILES_PER_REQUEST = 100;
export const REQUIRED_PERMISSION = 'track:engagement:create';
export const ALLOWED_PLANS = ['ENTERPRISE', 'CUSTOM'] as const;

/** One row of the request as the spec documents it (what a well-behaved client sends). */
export const ProfileInputSchema = z
	.object({
		profile_url: z.string(),
		webhook_url: z.string().optional(),
	})
	.strict();

export const BulkRequestSchema = z
	.object({ profiles: z.array(ProfileInputSchema).min(1).max(MAX_PROFILES_PER_REQUEST) })
	.strict();

export const MonitorStatusSchema = z.enum(['created', 'existing']);
export const WebhookStatusSchema = z.enum(['created', 'updated', 'unchanged', 'none']);

export const BulkResultRowSchema = z
	.object({
		profile_url: z.string(),
		status: MonitorStatusSchema,
		webhook_status: WebhookStatusSchema,
	})
	.strict();

export const BulkSuccessSchema = z
	.object({
		success: z.literal(true),
		message: z.string(),
		data: z.array(BulkResultRowSchema),
	})
	.strict();

export const DetailCodeSchema = z.enum([
	'missing_profile_url',
	'invalid_profile_url',
	'unsupported_profile_url',
	'invalid_webhook_url',
	'webhook_conflict',
	'unknown_field',
	'invalid_row',
	'profile_rejected',
]);

/** A problem with one row of the request; `index` is the row's position in `profiles`. */
export const ErrorDetailSchema = z
	.object({
		index: z.number().int().nonnegative(),
		profile_url: z.unknown(),
		code: DetailCodeSchema,
		message: z.string(),
	})
	.strict();

/** Every non-2xx body: `{ message, error }` as the 401 in Trigify's docs, plus row details on 400. */
export const ErrorBodySchema = z
	.object({
		message: z.string(),
		error: z.string(),
		details: z.array(ErrorDetailSchema).optional(),
	})
	.strict();

export const BadRequestBodySchema = ErrorBodySchema.extend({
	message: z.literal('Bad Request'),
	details: z.array(ErrorDetailSchema),
});

export type ProfileInput = z.infer<typeof ProfileInputSchema>;
export type BulkRequest = z.infer<typeof BulkRequestSchema>;
export type BulkResultRow = z.infer<typeof BulkResultRowSchema>;
export type BulkSuccess = z.infer<typeof BulkSuccessSchema>;
export type MonitorStatus = z.infer<typeof MonitorStatusSchema>;
export type WebhookStatus = z.infer<typeof WebhookStatusSchema>;
export type DetailCode = z.infer<typeof DetailCodeSchema>;
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
