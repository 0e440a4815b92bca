import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	NodeExecutionHint,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TrigifyApi } from '../../credentials/TrigifyApi.credentials';
import { TrackLinkedInProfiles } from '../../nodes/TrackLinkedInProfiles/TrackLinkedInProfiles.node';

/**
 * A small stand-in for n8n's unpublished nodes-testing harness: real Workflow, real
 * WorkflowExecute, real parameter and expression resolution, real authenticated HTTP. Only the
 * credentials store and the outer n8n process are replaced. Expressions run on n8n-workflow's
 * default evaluator; a real n8n 2.41 uses its `vm` engine, which is slower per call, so timings
 * here understate what expressions cost in production (test/e2e runs the real thing).
 */
export const NODE_TYPE = 'n8n-nodes-trigify.trackLinkedInProfiles';
export const SOURCE = 'Source';
export const TRACK = 'Track LinkedIn Profiles';
const SOURCE_TYPE = 'test.source';
const URL_BASE = 'http://127.0.0.1:5678';

/** Stands for the trigger or CRM node upstream; its output is pinned per run. */
class SourceNode implements INodeType {
	description = {
		displayName: 'Source',
		name: SOURCE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Items for the test',
		defaults: { name: SOURCE },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[]];
	}
}

const types: Record<string, INodeType> = {
	[NODE_TYPE]: new TrackLinkedInProfiles(),
	[SOURCE_TYPE]: new SourceNode(),
};

const nodeTypes: INodeTypes = {
	getByName: (type) => types[type],
	getByNameAndVersion: (type) => types[type],
	getKnownTypes: () => ({}),
};

export interface TrigifyCredentials extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
}

const credentialType = new TrigifyApi();

/** Resolves `={{$credentials.x}}` in the credential's generic auth the way n8n's CLI does. */
class CredentialsHelper implements ICredentialsHelper {
	constructor(private readonly data: TrigifyCredentials) {}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(
			credentialType.authenticate.properties.headers ?? {},
		)) {
			headers[name] =
				workflow && node
					? workflow.expression.getSimpleParameterValue(
							node,
							value as string,
							'internal',
							{ $credentials: credentials },
							undefined,
							'',
						)
					: value;
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}) is not used by these tests`);
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}

export interface RunOptions {
	items: IDataObject[];
	parameters?: INodeParameters;
	credentials: TrigifyCredentials;
	continueOnFail?: boolean;
}

export interface RunOutput {
	/** One array per output of the Track node: [Created, Existing, Rejected] or [Results]. */
	outputs: INodeExecutionData[][];
	/** The node error, when the execution failed. */
	error?: Error & { description?: string | null; httpCode?: string | null };
	hints: NodeExecutionHint[];
	run: IRun;
}

function additionalData(
	executionId: string,
	workflowData: IWorkflowBase,
	credentials: TrigifyCredentials,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	return {
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		credentialsHelper: new CredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by these tests');
		},
		startRunnerTask: async () => {
			throw new Error('Task runners are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		// $execution.resumeUrl is built with new URL(): every base must be absolute.
		restApiUrl: `${URL_BASE}/rest`,
		instanceBaseUrl: URL_BASE,
		formBaseUrl: `${URL_BASE}/form`,
		formWaitingBaseUrl: `${URL_BASE}/form-waiting`,
		formTestBaseUrl: `${URL_BASE}/form-test`,
		webhookBaseUrl: `${URL_BASE}/webhook`,
		webhookWaitingBaseUrl: `${URL_BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${URL_BASE}/webhook-test`,
		mcpBaseUrl: `${URL_BASE}/mcp`,
		mcpTestBaseUrl: `${URL_BASE}/mcp-test`,
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executions = 0;

/** Runs Source -> Track LinkedIn Profiles through n8n-core's engine and returns the Track node's result. */
export async function runTrackNode(options: RunOptions): Promise<RunOutput> {
	const nodes: INode[] = [
		{
			id: 'source',
			name: SOURCE,
			type: SOURCE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'track',
			name: TRACK,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters ?? {},
			credentials: { trigifyApi: { id: 'cred-1', name: 'Trigify (sandbox)' } },
			continueOnFail: options.continueOnFail ?? false,
		},
	];
	const connections = { [SOURCE]: { main: [[{ node: TRACK, type: 'main' as const, index: 0 }]] } };
	const workflowData = {
		id: 'wf-1',
		name: 'engine test',
		nodes,
		connections,
		active: false,
		settings: {},
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({ id: 'wf-1', nodes, connections, active: false, nodeTypes });
	executions += 1;
	const executionId = `exec-${executions}`;
	const pinData = { [SOURCE]: options.items.map((json) => ({ json })) };
	const run = await new WorkflowExecute(
		additionalData(executionId, workflowData, options.credentials),
		'manual',
	).run({
		workflow,
		startNode: workflow.getNode(SOURCE) ?? undefined,
		pinData,
	});
	const task = run.data.resultData.runData[TRACK]?.[0];
	return {
		outputs: (task?.data?.main ?? []).map((output) => output ?? []),
		error: (task?.error ?? run.data.resultData.error) as RunOutput['error'],
		hints: task?.hints ?? [],
		run,
	};
}

/**
 * Runs the credential's connection test the way n8n's CredentialsTester does for request-based
 * tests (packages/cli/src/services/credentials-tester.service.ts): the test request becomes the
 * routing of a temporary node, run by n8n-core's RoutingNode, then the rules are applied.
 */
export async function testCredential(data: TrigifyCredentials): Promise<INodeCredentialTestResult> {
	const testRequest = credentialType.test;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { trigifyApi: { id: 'cred-1', name: 'Trigify' } },
	};
	const nodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'Temp',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'trigifyApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const testTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: testTypes,
	});
	const workflowData = {
		id: 'wf-test',
		name: 'credential test',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
	} as unknown as IWorkflowBase;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData('credential-test', workflowData, data),
		'internal',
		{ resultData: { runData: {} } } as never,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id: 'cred-1', name: 'Trigify', type: 'trigifyApi', data };
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as {
			message: string;
			cause?: { code?: string; response?: { status: number; statusText?: string } };
		};
		const status = error.cause?.response?.status;
		if (status !== undefined) {
			const rule = (testRequest.rules ?? []).find(
				(entry) => entry.type === 'responseCode' && entry.properties.value === status,
			);
			if (rule) return { status: 'Error', message: rule.properties.message };
			return {
				status: 'Error',
				message: error.cause?.response?.statusText || `Received HTTP status code: ${status}`,
			};
		}
		return { status: 'Error', message: error.cause?.code ?? error.message };
	}
	const body: unknown = response?.[0]?.[0]?.json;
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const value = rule.properties.key
			.split('.')
			.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
		if (value === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** Evaluates an expression of the credential (such as its test's Base URL) with n8n's evaluator. */
export function resolveWithCredentials(expression: string, data: TrigifyCredentials): unknown {
	const node: INode = {
		id: 'n',
		name: 'N',
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		expression,
		'internal',
		{ $credentials: data },
		undefined,
		'',
	);
}
