'use strict';
// Child process: Verdaccio from the e2e cache with the given config, listening on 127.0.0.1 on a
// port the OS picks; prints {"port": N} on stdout once it listens (Verdaccio's own `listen` setting
// cannot report the port it got).
//   node verdaccio-main.js <verdaccio package dir> <config.yaml>
const [verdaccioDir, configFile] = process.argv.slice(2);
const { runServer } = require(verdaccioDir);

runServer(configFile).then(
	(server) =>
		server.listen(0, '127.0.0.1', () => {
			process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
		}),
	(err) => {
		console.error(err);
		process.exit(1);
	},
);
