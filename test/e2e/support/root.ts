import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's root, found from this file whether it runs as TypeScript under vitest
 * (test/e2e/support) or compiled under out/ (the UI benchmark).
 */
export const projectRoot: string = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'vite.config.ts'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no vite.config.ts above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
})();

/** Where the built renderer is served from. */
export const rendererOut = join(projectRoot, 'out', 'renderer');
