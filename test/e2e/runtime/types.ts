// The parts of n8n's JSON shapes the tests read; n8n's own types would pull n8n-workflow into the
// runtime's node_modules, and these stay valid across the minor versions we pin to.

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface WorkflowImport {
	id: string;
	name: string;
	active?: boolean;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	/** Plain values; `import:credentials` encrypts them. */
	data: Record<string, unknown>;
}

export interface ExecutionItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
}

export interface NodeRun {
	executionStatus?: string;
	error?: { message: string; description?: string };
	data?: { main: Array<ExecutionItem[] | null> };
}

export interface ExecutionRun {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message: string };
		};
	};
}

export interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	[key: string]: unknown;
}
