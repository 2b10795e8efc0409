#!/usr/bin/env node
// The installed entry point: no logic here, only the hand-off to the built CLI.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
