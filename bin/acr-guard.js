#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli.js');
runCli(process.argv.slice(2), process.cwd(), (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then((code) => {
  process.exitCode = code;
});
