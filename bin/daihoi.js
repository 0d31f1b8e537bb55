#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npm run daihoi -- <command>` and the
// installed `daihoi` bin work right after `npm install`, without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
