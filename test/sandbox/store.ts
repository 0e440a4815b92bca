import { randomUUID } from 'node:crypto';
import { z } from 'zod';

import { ConnectionSchema, MonitorSchema } from './admin-schemas';
import type { Connection, Monitor, OrgMonitor, OrgSummary } from './admin-schemas';
import type { BulkResultRow, WebhookStatus } from './schemas';

/**
 * Every change to the state is one of these, applied the same way live and on replay, so the
 * journal cannot drift from what the server answered.
 */
export const StoreOpSchema = z.discriminatedUnion('op', [
	z.object({ op: z.literal('monitor'), org: z.string(), monitor: MonitorSchema }).strict(),
	z.object({ op: z.literal('connection'), org: z.string(), connection: ConnectionSchema }).strict(),
	z.object({ op: z.literal('reset') }).strict(),
]);
export type StoreOp = z.infer<typeof StoreOpSchema>;

/** A validated, canonical row ready to upsert. */
export interface UpsertRow {
	profileUrl: string;
	webhookUrl: string | null;
}

interface OrgState {
	connection: Connection | null;
	monitors: Map<string, Monitor>;
}

export function allLeadsGroupId(org: string): string {
	return `grp_all_leads_${org}`;
}

function webhookStatus(current: string | null, given: string | null): WebhookStatus {
	if (given === null) return 'none';
	if (current === null) return 'created';
	return current === given ? 'unchanged' : 'updated';
}

export class Store {
	private readonly orgs = new Map<string, OrgState>();

	apply(op: StoreOp): void {
		if (op.op === 'reset') {
			this.orgs.clear();
		} else if (op.op === 'connection') {
			this.org(op.org).connection = op.connection;
		} else {
			this.org(op.org).monitors.set(op.monitor.profile_url, op.monitor);
		}
	}

	/**
	 * Upserts rows that are already validated, canonical and unique. Synchronous on purpose: two
	 * concurrent requests for one profile are serialized by the event loop, so neither can miss
	 * the other's monitor.
	 */
	upsert(org: string, rows: UpsertRow[]): { results: BulkResultRow[]; ops: StoreOp[] } {
		const now = new Date().toISOString();
		const ops: StoreOp[] = [];
		const state = this.org(org);
		if (state.connection === null) {
			ops.push({
				op: 'connection',
				org,
				connection: { id: `conn_${randomUUID()}`, created_at: now },
			});
		}
		const group = allLeadsGroupId(org);
		const results = rows.map(({ profileUrl, webhookUrl }): BulkResultRow => {
			const current = state.monitors.get(profileUrl);
			const webhook_status = webhookStatus(current?.webhook_url ?? null, webhookUrl);
			if (current === undefined) {
				const monitor: Monitor = {
					id: `mon_${randomUUID()}`,
					profile_url: profileUrl,
					archived: false,
					groups: [group],
					webhook_url: webhookUrl,
					created_at: now,
					updated_at: now,
				};
				ops.push({ op: 'monitor', org, monitor });
				return { profile_url: profileUrl, status: 'created', webhook_status };
			}
			const groups = current.groups.includes(group) ? current.groups : [...current.groups, group];
			const changed =
				current.archived ||
				groups !== current.groups ||
				webhook_status === 'created' ||
				webhook_status === 'updated';
			if (changed) {
				const monitor: Monitor = {
					...current,
					archived: false,
					groups,
					webhook_url: webhookUrl ?? current.webhook_url,
					updated_at: now,
				};
				ops.push({ op: 'monitor', org, monitor });
			}
			return { profile_url: profileUrl, status: 'existing', webhook_status };
		});
		for (const op of ops) this.apply(op);
		return { results, ops };
	}

	/** Archiving takes the monitor out of its groups; re-uploading revives it and re-attaches it. */
	archive(org: string, profileUrl: string): { monitor: Monitor; ops: StoreOp[] } | undefined {
		const current = this.orgs.get(org)?.monitors.get(profileUrl);
		if (current === undefined) return undefined;
		const monitor: Monitor = {
			...current,
			archived: true,
			groups: [],
			updated_at: new Date().toISOString(),
		};
		const ops: StoreOp[] = [{ op: 'monitor', org, monitor }];
		this.apply(ops[0]);
		return { monitor, ops };
	}

	reset(): StoreOp[] {
		const ops: StoreOp[] = [{ op: 'reset' }];
		this.apply(ops[0]);
		return ops;
	}

	monitors(filter: { org?: string; profileUrl?: string } = {}): OrgMonitor[] {
		const found: OrgMonitor[] = [];
		for (const [org, state] of this.orgs) {
			if (filter.org !== undefined && filter.org !== org) continue;
			for (const monitor of state.monitors.values()) {
				if (filter.profileUrl === undefined || filter.profileUrl === monitor.profile_url) {
					found.push({ org, ...monitor });
				}
			}
		}
		return found;
	}

	/** Summaries for the given organisations plus any other that has state. */
	summaries(knownOrgs: Iterable<string>): OrgSummary[] {
		const ids = new Set([...knownOrgs, ...this.orgs.keys()]);
		return [...ids].map((id) => {
			const state = this.orgs.get(id);
			const monitors = state === undefined ? [] : [...state.monitors.values()];
			return {
				id,
				connection: state?.connection ?? null,
				all_leads_group: { id: allLeadsGroupId(id), name: 'All leads' },
				monitors: monitors.length,
				archived_monitors: monitors.filter((monitor) => monitor.archived).length,
			};
		});
	}

	/**
	 * The ops that rebuild the current state. Monitors and connections are replaced, never
	 * mutated, so the list stays a consistent picture while it is written out bit by bit.
	 */
	snapshotOps(): StoreOp[] {
		const ops: StoreOp[] = [];
		for (const [org, state] of this.orgs) {
			if (state.connection !== null)
				ops.push({ op: 'connection', org, connection: state.connection });
			for (const monitor of state.monitors.values()) ops.push({ op: 'monitor', org, monitor });
		}
		return ops;
	}

	private org(id: string): OrgState {
		let state = this.orgs.get(id);
		if (state === undefined) {
			state = { connection: null, monitors: new Map() };
			this.orgs.set(id, state);
		}
		return state;
	}
}
