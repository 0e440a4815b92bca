import { z } from 'zod';

import {
	ActiveFaultSchema,
	OrgMonitorSchema,
	OrgSummarySchema,
	RateLimitSchema,
	RequestLogEntrySchema,
} from './admin-schemas';
import type {
	ActiveFault,
	FaultInput,
	OrgMonitor,
	OrgSummary,
	RateLimit,
	RequestLogEntry,
} from './admin-schemas';
import { ADMIN_PREFIX } from './schemas';

const Done = z.object({ ok: z.literal(true) });
const Poison = z.object({ profile_urls: z.array(z.string()) });

/**
 * Typed access to the sandbox's admin API over HTTP, so a suite drives an in-process sandbox
 * and one in a child process the same way. Every answer is checked against its schema.
 */
export class SandboxAdminClient {
	constructor(private readonly baseUrl: string) {}

	async monitors(filter: { org?: string; profileUrl?: string } = {}): Promise<OrgMonitor[]> {
		const query = new URLSearchParams();
		if (filter.org !== undefined) query.set('org', filter.org);
		if (filter.profileUrl !== undefined) query.set('profile_url', filter.profileUrl);
		const suffix = query.toString() === '' ? '' : `?${query}`;
		const body = await this.call(
			'GET',
			`monitors${suffix}`,
			z.object({ monitors: z.array(OrgMonitorSchema) }),
		);
		return body.monitors;
	}

	async orgs(): Promise<OrgSummary[]> {
		return (await this.call('GET', 'orgs', z.object({ orgs: z.array(OrgSummarySchema) }))).orgs;
	}

	async archive(profileUrl: string, org?: string): Promise<OrgMonitor> {
		const body = { profile_url: profileUrl, ...(org === undefined ? {} : { org }) };
		return (
			await this.call('POST', 'monitors/archive', z.object({ monitor: OrgMonitorSchema }), body)
		).monitor;
	}

	async requests(): Promise<RequestLogEntry[]> {
		const schema = z.object({ requests: z.array(RequestLogEntrySchema) });
		return (await this.call('GET', 'requests', schema)).requests;
	}

	async clearRequests(): Promise<void> {
		await this.call('DELETE', 'requests', Done);
	}

	/** Forgets monitors, connections, the request log, faults, poison and rate-limit counters. */
	async reset(): Promise<void> {
		await this.call('POST', 'reset', Done);
	}

	async faults(): Promise<ActiveFault[]> {
		return (await this.call('GET', 'faults', z.object({ faults: z.array(ActiveFaultSchema) })))
			.faults;
	}

	/** Queues faults; they hit the next bulk requests in order, each for its `count` requests. */
	async addFaults(...faults: FaultInput[]): Promise<ActiveFault[]> {
		const schema = z.object({ faults: z.array(ActiveFaultSchema) });
		return (await this.call('POST', 'faults', schema, faults)).faults;
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', 'faults', Done);
	}

	async poison(): Promise<string[]> {
		return (await this.call('GET', 'poison', Poison)).profile_urls;
	}

	async addPoison(...profileUrls: string[]): Promise<string[]> {
		return (await this.call('POST', 'poison', Poison, { profile_urls: profileUrls })).profile_urls;
	}

	async clearPoison(): Promise<void> {
		await this.call('DELETE', 'poison', Done);
	}

	async rateLimit(): Promise<RateLimit> {
		return this.call('GET', 'rate-limit', RateLimitSchema);
	}

	async setRateLimit(rateLimit: RateLimit): Promise<RateLimit> {
		return this.call('PUT', 'rate-limit', RateLimitSchema, rateLimit);
	}

	private async call<T>(
		method: string,
		path: string,
		schema: z.ZodType<T, z.ZodTypeDef, unknown>,
		body?: unknown,
	): Promise<T> {
		const response = await fetch(`${this.baseUrl}${ADMIN_PREFIX}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) {
			throw new Error(`Sandbox admin ${method} ${path} answered ${response.status}: ${text}`);
		}
		return schema.parse(JSON.parse(text));
	}
}
