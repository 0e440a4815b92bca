export type RejectionCode =
	| 'missing_profile_url'
	| 'invalid_profile_url'
	| 'unsupported_profile_url'
	| 'invalid_webhook_url'
	| 'webhook_conflict'
	| 'api_rejected'
	| 'api_error';

export type Accepted<T> = { ok: true; url: T };

export type Rejection = { ok: false; code: RejectionCode; message: string };

export type Checked<T> = Accepted<T> | Rejection;

/** One input item as the planner sees it: raw values, straight from the node parameters. */
export interface PlanInput {
	itemIndex: number;
	profileUrl: unknown;
	webhookUrl: unknown;
}

/** A unique canonical profile to send, with every input item that asked for it. */
export interface PlannedRow {
	profileUrl: string;
	webhookUrl: string | null;
	itemIndexes: number[];
}

export interface RejectedItem {
	itemIndex: number;
	/** Canonical profile URL when it could be worked out, otherwise null. */
	profileUrl: string | null;
	webhookUrl: string | null;
	code: RejectionCode;
	message: string;
}

export interface Plan {
	rejected: RejectedItem[];
	rows: PlannedRow[];
	/** Rows split into request-sized groups, in first-seen order. */
	batches: PlannedRow[][];
}
