#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli.js');
process.exitCode = runCli(process.argv.slice(2), process.cwd(), (t) => process.stdout.write(t), (t) => process.stderr.write(t));
