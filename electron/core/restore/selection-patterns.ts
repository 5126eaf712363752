/** One selected archive path: a file (or link) is matched exactly, a folder with everything in it. */
export interface SelectedPath {
  path: string;
  folder: boolean;
}

// Characters a patterns-file line cannot carry as they are: line breaks end the line, and borg
// strips whitespace at both ends of a line. `?` is ambiguous: borg lists bytes that are not UTF-8
// as `?`, so a listed `?` may stand for any one character of the stored name.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000?]/;

function shellEscape(path: string): string {
  let out = '';
  for (const char of path) {
    if (char === '*' || char === '[') out += `[${char}]`;
    // Any one character (but `/`) in place of one that cannot be written or was lost in the listing.
    else if (UNSAFE.test(char)) out += '?';
    else out += char;
  }
  // borg strips whitespace at the end of a line: a `?` for each such character keeps the match.
  return out.replace(/\s+$/, (spaces) => '?'.repeat([...spaces].length));
}

/**
 * The `--patterns-from` lines that make `borg extract` restore exactly the selected paths: `pf:`
 * for plain files (borg looks them up in a dict, so 10,000 files cost no more than one), `pp:` for
 * folders, `sh:` with wildcards for names a pattern line cannot spell (line breaks, bytes that
 * are not UTF-8, trailing spaces), then an exclude of everything else.
 */
export function selectionPatterns(selection: readonly SelectedPath[]): string[] {
  const lines: string[] = [];
  for (const { path, folder } of selection) {
    const clean = path.replace(/^\/+/, '').replace(/\/+$/, '');
    if (clean === '') return []; // the whole archive: no pattern at all
    const awkward = UNSAFE.test(clean) || /\s$/.test(clean) || /^\s/.test(clean) || /(^|\/)\.{1,2}(\/|$)/.test(clean);
    if (awkward) lines.push(`+ sh:${shellEscape(clean)}`);
    else lines.push(folder ? `+ pp:${clean}` : `+ pf:${clean}`);
  }
  lines.push('- sh:**');
  return lines;
}
