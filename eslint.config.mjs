import { config } from '@n8n/node-cli/eslint';

// n8n's strict mode would lint test/ with the n8n Cloud rules too; the sandbox, the tests and
// the scripts that drive a real n8n need process, timers, node: modules and child processes.
// Nothing under test/ ships: the package holds dist/ only.
export default [
	...config,
	{ ignores: ['coverage/**'] },
	{
		files: ['test/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
];
