// Loaded with `--import` into a server process under test: records each module of server/src the process
// resolves into the file TX_TEST_MODULE_LOG names, so a test can tell what a process loaded before it exited.
import { register } from 'node:module'

if (process.env.TX_TEST_MODULE_LOG) register('./module-log-hooks.mjs', import.meta.url)
