import { describe, expect, it } from 'vitest';
import { classifyExit } from '../../../electron/core/borg/exit.js';

describe('classifyExit', () => {
  it('reads borg 1.2 exit codes: 0 ok, 1 warning, 2 error', () => {
    expect(classifyExit(0, null)).toBe('ok');
    expect(classifyExit(1, null)).toBe('warning');
    expect(classifyExit(2, null)).toBe('error');
  });

  it('calls signals and 128+N codes (borg exits 143 on SIGTERM itself) killed', () => {
    expect(classifyExit(null, 'SIGKILL')).toBe('killed');
    expect(classifyExit(143, null)).toBe('killed');
    expect(classifyExit(130, null)).toBe('killed');
  });

  it('calls a run we cancelled cancelled, whatever error or signal ended it', () => {
    expect(classifyExit(2, null, true)).toBe('cancelled');
    expect(classifyExit(143, null, true)).toBe('cancelled');
    expect(classifyExit(null, 'SIGKILL', true)).toBe('cancelled');
  });

  it('keeps the result of a cancelled run that finished anyway', () => {
    expect(classifyExit(0, null, true)).toBe('ok');
    expect(classifyExit(1, null, true)).toBe('warning');
  });
});
