#!/usr/bin/env node
// A throwaway npm registry for the packaging check: Verdaccio with the config file given as the
// first argument, listening on a free port of 127.0.0.1. Started with child_process.fork by
// check-packaging.mjs, it sends { port } over the IPC channel once it listens, and exits when told
// to (SIGTERM, SIGINT) or when that channel closes — so it cannot outlive the check, even when the
// check itself is killed with SIGKILL.
import { createRequire } from 'node:module';

const configPath = process.argv[2];
if (configPath === undefined || process.send === undefined) {
  process.stderr.write('local-registry: start me with child_process.fork(path, [config.yaml])\n');
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => process.exit(0));

const { runServer } = createRequire(import.meta.url)('verdaccio');
const app = await runServer(configPath);
const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
server.on('error', (error) => {
  process.stderr.write(`local-registry: ${error.message}\n`);
  process.exit(1);
});
