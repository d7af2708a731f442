import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGitCommit, readGitDirty } from './git-commit';

const A = 'a'.repeat(40);
const B = '0123456789abcdef0123456789abcdef01234567';

/** A fresh folder with the given files (path → contents); returns its path. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lab-git-'));
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}

describe('readGitCommit', () => {
  it("follows HEAD to the branch's loose ref, from a folder below the working copy's root", () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n`, 'src/deep/file.txt': '' });
    expect(readGitCommit(join(root, 'src', 'deep'))).toBe(A);
  });

  it('reads packed-refs when the ref is not loose, and a detached HEAD as it is', () => {
    const packed = tree({
      '.git/HEAD': 'ref: refs/heads/topic\n',
      '.git/packed-refs': `# pack-refs with: peeled\n${A} refs/heads/main\n${B} refs/heads/topic\n`,
    });
    expect(readGitCommit(packed)).toBe(B);
    expect(readGitCommit(tree({ '.git/HEAD': `${B}\n` }))).toBe(B);
  });

  it("follows a worktree's .git file and its commondir", () => {
    const main = tree({
      '.git/refs/heads/feature': `${B}\n`,
      '.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
      '.git/worktrees/wt/commondir': '../..\n',
    });
    const worktree = tree({ '.git': `gitdir: ${join(main, '.git', 'worktrees', 'wt')}\n` });
    expect(readGitCommit(worktree)).toBe(B);
  });

  it('is undefined without a repository or with a ref that leads nowhere', () => {
    expect(readGitCommit(tree({ 'file.txt': '' }))).toBeUndefined();
    expect(readGitCommit(tree({ '.git/HEAD': 'ref: refs/heads/missing\n' }))).toBeUndefined();
    expect(readGitCommit(tree({ '.git/HEAD': 'garbage\n' }))).toBeUndefined();
  });
});

describe('readGitDirty', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=lab', '-c', 'user.email=lab@example.com', ...args], { cwd, stdio: 'ignore' });

  it('is true only while a tracked file has uncommitted changes, staged or not; untracked files do not count', () => {
    const root = tree({ 'tracked.txt': 'one\n' });
    git(root, 'init', '--quiet');
    git(root, 'add', 'tracked.txt');
    git(root, 'commit', '--quiet', '-m', 'first');
    expect(readGitDirty(root)).toBe(false);
    writeFileSync(join(root, 'untracked.txt'), 'output\n');
    expect(readGitDirty(root)).toBe(false);
    writeFileSync(join(root, 'tracked.txt'), 'two\n');
    expect(readGitDirty(root)).toBe(true);
    git(root, 'add', 'tracked.txt');
    expect(readGitDirty(root)).toBe(true);
    git(root, 'commit', '--quiet', '-m', 'second');
    expect(readGitDirty(root)).toBe(false);
  });

  it('is undefined outside a repository', () => {
    expect(readGitDirty(tree({ 'file.txt': '' }))).toBeUndefined();
  });
});
