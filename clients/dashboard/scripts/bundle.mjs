// Bundles the pages (pages/<name>/main.tsx, with React, the kit and its clients) into
// dist/pages/<name>/, next to their static files. Everything comes from node_modules: no CDN.
import { build } from 'esbuild';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await rm(path.join(root, 'dist', 'pages'), { recursive: true, force: true });
for (const name of await readdir(path.join(root, 'pages'))) {
  const source = path.join(root, 'pages', name);
  const target = path.join(root, 'dist', 'pages', name);
  await mkdir(target, { recursive: true });
  await build({
    entryPoints: [path.join(source, 'main.tsx')],
    outfile: path.join(target, 'main.js'),
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  for (const file of await readdir(source)) {
    if (!file.endsWith('.tsx') && !file.endsWith('.ts')) await cp(path.join(source, file), path.join(target, file));
  }
}
