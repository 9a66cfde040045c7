#!/usr/bin/env node
// Fails when a package's imports form a cycle, between files or between the folders of its source
// tree (DESIGN.md: "no folder cycles"). A folder cycle (training/ -> run/ -> training/) hides a
// library that should be split or a module in the wrong place, even when no two files loop.
//
// Usage: node scripts/check-import-cycles.mjs packages/<name> [...]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Every .ts/.tsx file below `dir`. */
function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The files of the package that `file` imports by relative path (`./x.js` is `./x.ts`). */
function localImports(file, known) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => {
      const base = resolve(dirname(file), name).replace(/\.js$/, '');
      return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => known.has(c));
    })
    .filter((target) => target !== undefined);
}

function isEntryOrTest(src, file) {
  const entry = dirname(file) === src && /^(index|node|testing)\.ts$/.test(relative(src, file));
  return entry || /\.(test|test-support|bench|e2e)\.tsx?$|\.e2e\.test\.ts$/.test(file);
}

/** Tarjan's strongly connected components with more than one member (or a self-loop). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const state = new Map();
  const found = [];
  const visit = (node) => {
    state.set(node, { index, low: index, onStack: true });
    index += 1;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!state.has(next)) {
        visit(next);
        state.get(node).low = Math.min(state.get(node).low, state.get(next).low);
      } else if (state.get(next).onStack) {
        state.get(node).low = Math.min(state.get(node).low, state.get(next).index);
      }
    }
    if (state.get(node).low === state.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        state.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

let failed = false;
for (const packageDir of process.argv.slice(2)) {
  const src = resolve(packageDir, 'src');
  const files = sourceFiles(src);
  const known = new Set(files);
  const fileGraph = new Map();
  const folderGraph = new Map();
  for (const file of files) {
    const targets = localImports(file, known);
    fileGraph.set(file, new Set(targets));
    // The public entries (src/index.ts, src/node.ts...) re-export every folder by design, and tests
    // reach into fixtures: neither is part of the folder structure being checked.
    if (isEntryOrTest(src, file)) continue;
    const from = relative(src, dirname(file));
    for (const target of targets) {
      if (isEntryOrTest(src, target)) continue;
      const to = relative(src, dirname(target));
      // src/ itself holds the entries and the package's small shared modules, which any folder may
      // use; its files are still checked file by file above.
      if (to === from || from === '' || to === '') continue;
      if (!folderGraph.has(from)) folderGraph.set(from, new Set());
      folderGraph.get(from).add(to);
    }
  }
  for (const component of cycles(fileGraph)) {
    failed = true;
    const names = component.map((file) => relative(packageDir, file));
    console.error(`${packageDir}: files import each other in a cycle: ${names.join(' -> ')}`);
  }
  for (const component of cycles(folderGraph)) {
    failed = true;
    console.error(
      `${packageDir}: folders of src/ import each other in a cycle: ${component.map((f) => `${f}/`).join(', ')}`,
    );
  }
}
process.exitCode = failed ? 1 : 0;
