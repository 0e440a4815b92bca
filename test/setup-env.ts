import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its config file into the user folder on first use, and prints a stack for
// every node error unless its logger is silenced.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'trigify-n8n-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
