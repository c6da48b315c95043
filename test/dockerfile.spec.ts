import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Docker cannot run on the build machines, so the Dockerfile's properties are checked statically. */
const text = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
const stages = text
  .split(/^FROM /m)
  .slice(1)
  .map((stage) => 'FROM ' + stage);
const runtime = stages[stages.length - 1];

describe('Dockerfile', () => {
  it('is multi-stage with a build stage that runs npm ci and the build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/RUN npm ci\b/);
    expect(stages[0]).toMatch(/RUN npm run build/);
  });

  it('runs on a pinned Node 24 LTS image', () => {
    const from = /^FROM (\S+)/.exec(runtime)![1];
    expect(from).toMatch(/^node:24(\.\d+){0,2}-/);
    expect(text).not.toMatch(/:latest\b/);
  });

  it('ships production dependencies only', () => {
    expect(text).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/RUN npm ci(?! --omit=dev)/);
  });

  it('runs as a non-root user with NODE_ENV=production', () => {
    const users = lines.filter((line) => line.startsWith('USER '));
    expect(users.at(-1)).toMatch(/^USER (node|\d{4,})$/);
    expect(runtime.indexOf('USER ')).toBeLessThan(runtime.indexOf('CMD '));
    expect(runtime).toMatch(/NODE_ENV=production/);
  });

  it('starts node directly with an exec-form CMD', () => {
    const cmd = lines.filter((line) => line.startsWith('CMD ')).at(-1)!;
    const argv = JSON.parse(cmd.slice(4)) as string[];
    expect(argv[0]).toBe('node');
    expect(argv).toContain('dist/main.js');
    expect(argv).not.toContain('npm');
  });

  it('has a .dockerignore that keeps node_modules and dist out of the context', () => {
    const ignore = readFileSync(new URL('../.dockerignore', import.meta.url), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });
});
