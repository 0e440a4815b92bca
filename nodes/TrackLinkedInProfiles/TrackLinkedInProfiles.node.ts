import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { configuredOutputs, properties } from './description';
import { trackProfiles } from './execute';

export class TrackLinkedInProfiles implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Track LinkedIn Profiles',
		name: 'trackLinkedInProfiles',
		icon: { light: 'file:trigify.svg', dark: 'file:trigify.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["outputMode"] === "single" ? "Single output" : "Split by status" }}',
		description: 'Track LinkedIn person profiles for engagement with Trigify, in bulk',
		defaults: { name: 'Track LinkedIn Profiles' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{(${configuredOutputs})($parameter)}}`,
		credentials: [{ name: 'trigifyApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await trackProfiles(this);
	}
}
