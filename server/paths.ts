import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder with package.json), found from this file whether it runs from source (tsx) or from dist/. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the project root (package.json)');
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();
export const DATA_DIR = path.join(PROJECT_ROOT, 'data');
export const CLIENT_DIST = path.join(PROJECT_ROOT, 'client', 'dist');
export const SEED_DIR = path.join(PROJECT_ROOT, 'server', 'seed');
