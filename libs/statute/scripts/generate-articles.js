#!/usr/bin/env node
// Regenerates src/generated/regulation-2024.articles.ts from the shared Markdown:
//   node libs/statute/scripts/generate-articles.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { readSharedFile, parseRegulation, renderModule, SHARED_DIR } = require('./regulation-source');

const SOURCE = 'statute/regulation-2024.zh.md';
const markdown = readSharedFile(SOURCE);
if (markdown === null) {
  console.error(`no ${SOURCE} under ${SHARED_DIR}: nothing to generate`);
  process.exit(1);
}
const parsed = parseRegulation(markdown);
const out = path.join(__dirname, '..', 'src', 'generated', 'regulation-2024.articles.ts');
fs.writeFileSync(out, renderModule(parsed, `../shared/${SOURCE}`));
console.log(`wrote ${parsed.articles.length} articles to ${path.relative(process.cwd(), out)}`);
