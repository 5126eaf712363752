import { randomBytes } from 'node:crypto';

const MAX_ID_LENGTH = 64;

/** "Photos & Vidéos" → "photos-videos": a stable, readable id for the CLI and for keychain accounts. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, '');
}

/** The slug of `name`, with `-2`, `-3`… when taken, or `<fallback>-<random>` when the slug is empty. */
export function uniqueId(name: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set(taken);
  const base = slugify(name);
  if (base === '') {
    for (;;) {
      const id = `${fallback}-${randomBytes(4).toString('hex')}`;
      if (!used.has(id)) return id;
    }
  }
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used.has(id)) return id;
  }
}
