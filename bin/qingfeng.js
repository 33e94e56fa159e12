#!/usr/bin/env node
// The `qingfeng` command: runs the built server (npm run build makes dist/).
import '../dist/server/main.js';
