import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowImport, WorkflowNode } from '../runtime/n8n';
import { REPO_ROOT } from './package';

export const TRACK = 'Track LinkedIn Profiles';
export const CRM_ROWS = 'CRM rows';
export const NODE_TYPE = 'n8n-nodes-trigify.trackLinkedInProfiles';
/** Where each status leaves the node in split mode, and the example's node on that output. */
export const OUTPUTS = [
	{ status: 'created', label: 'Created', next: 'New monitors' },
	{ status: 'existing', label: 'Existing', next: 'Already tracked' },
	{ status: 'rejected', label: 'Rejected', next: 'Fix in CRM' },
] as const;

// The fixture has no id, so importing it twice would make two workflows: it gets a fixed one
// (n8n ids are up to 21 characters) that makes every import an update of the same workflow.
export const EXAMPLE_WORKFLOW_ID = 'trigifyExample01';
export const EXAMPLE_CREDENTIAL = { id: 'trigifySandbox01', name: 'Trigify (sandbox)' } as const;

/** test/fixtures/example-workflow.json, the workflow users import, with its fixed id. */
export function exampleWorkflow(): WorkflowImport {
	const file = join(REPO_ROOT, 'test', 'fixtures', 'example-workflow.json');
	const fixture = JSON.parse(readFileSync(file, 'utf8')) as Omit<WorkflowImport, 'id'>;
	return { ...fixture, id: EXAMPLE_WORKFLOW_ID };
}

function mapNodes(
	workflow: WorkflowImport,
	change: (node: WorkflowNode) => WorkflowNode,
): WorkflowImport {
	return { ...workflow, nodes: workflow.nodes.map(change) };
}

/** The same workflow under another id and name, so several variants can live side by side. */
export function renamed(workflow: WorkflowImport, id: string, name: string): WorkflowImport {
	return { ...workflow, id, name };
}

/** Replaces the example's CRM rows with `rows`, emitted by the Code node in that order. */
export function withRows(
	workflow: WorkflowImport,
	rows: Array<Record<string, unknown>>,
): WorkflowImport {
	const jsCode = `return ${JSON.stringify(rows)}.map((json) => ({ json }));`;
	return mapNodes(workflow, (node) =>
		node.name === CRM_ROWS ? { ...node, parameters: { ...node.parameters, jsCode } } : node,
	);
}

export function withTrackParameters(
	workflow: WorkflowImport,
	parameters: Record<string, unknown>,
): WorkflowImport {
	return mapNodes(workflow, (node) =>
		node.name === TRACK ? { ...node, parameters: { ...node.parameters, ...parameters } } : node,
	);
}

export function withCredential(
	workflow: WorkflowImport,
	credential: { id: string; name: string },
): WorkflowImport {
	return mapNodes(workflow, (node) =>
		node.name === TRACK ? { ...node, credentials: { trigifyApi: credential } } : node,
	);
}

/**
 * Turns the three no-op nodes after the outputs into Edit Fields (Set) nodes that copy fields of
 * the CRM row each item came from, through `$('CRM rows').item`: n8n resolves that through the
 * pairedItem chain, so the copied row is only right if the node paired every item correctly.
 */
export function withLineage(workflow: WorkflowImport, fields: string[]): WorkflowImport {
	const downstream = new Set<string>(OUTPUTS.map((output) => output.next));
	return mapNodes(workflow, (node) => {
		if (!downstream.has(node.name)) return node;
		const assignments = fields.map((field) => ({
			id: `crm-${field}`,
			name: `crm_${field}`,
			value: `={{ $('${CRM_ROWS}').item.json.${field} }}`,
			type: 'string',
		}));
		return {
			...node,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { assignments: { assignments }, includeOtherFields: true, options: {} },
		};
	});
}

/**
 * Output set to Single: one output, wired to the first downstream node; the other two stay on the
 * canvas unconnected, as they would after a user switches the option.
 */
export function withSingleOutput(workflow: WorkflowImport): WorkflowImport {
	const changed = withTrackParameters(workflow, { outputMode: 'single' });
	const first = { node: OUTPUTS[0].next, type: 'main', index: 0 };
	return {
		...changed,
		connections: { ...changed.connections, [TRACK]: { main: [[first]] } },
	};
}
