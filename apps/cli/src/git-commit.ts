import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The repository's git directory for `dir` or the nearest folder above it: `.git`, or where a `.git` file (a worktree) points. */
function findGitDir(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const dotGit = join(current, '.git');
    try {
      if (statSync(dotGit).isDirectory()) return dotGit;
      const pointer = /^gitdir: (.+)$/m.exec(read(dotGit) ?? '')?.[1];
      if (pointer !== undefined) return resolve(current, pointer.trim());
    } catch {
      // No .git here: look further up.
    }
    if (dirname(current) === current) return undefined;
  }
}

/** A ref's commit: a loose ref file, else a line of packed-refs. */
function resolveRef(dirs: readonly string[], ref: string): string | undefined {
  for (const dir of dirs) {
    const loose = read(join(dir, ref));
    if (loose !== undefined && COMMIT.test(loose)) return loose;
  }
  for (const dir of dirs) {
    for (const line of (read(join(dir, 'packed-refs')) ?? '').split('\n')) {
      const [commit, name] = line.trim().split(' ');
      if (name === ref && commit !== undefined && COMMIT.test(commit)) return commit;
    }
  }
  return undefined;
}

/**
 * The commit checked out in the git working copy that holds `dir`, read from the files in `.git`
 * (HEAD, then the branch's loose ref or packed-refs; worktrees through their `.git` file and
 * `commondir`) without running git. Undefined when there is no repository, or anything is not as
 * expected: a run record then simply has no commit.
 */
export function readGitCommit(dir: string): string | undefined {
  const gitDir = findGitDir(dir);
  if (gitDir === undefined) return undefined;
  const head = read(join(gitDir, 'HEAD'));
  if (head === undefined) return undefined;
  if (COMMIT.test(head)) return head;
  const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  if (ref === undefined) return undefined;
  const common = read(join(gitDir, 'commondir'));
  return resolveRef(common === undefined ? [gitDir] : [gitDir, resolve(gitDir, common)], ref);
}

/**
 * Whether the git working copy that holds `dir` has uncommitted changes to tracked files (staged or
 * not), from `git status --porcelain --untracked-files=no`: untracked files are left out, since run
 * outputs inside a repository are untracked and would make every run "dirty". Runs git without
 * optional locks (it does not refresh the index); undefined when git is not installed, fails or
 * takes longer than `timeoutMs`: a record then says nothing of it.
 */
export function readGitDirty(dir: string, timeoutMs = 5000): boolean | undefined {
  try {
    const status = execFileSync('git', ['--no-optional-locks', 'status', '--porcelain', '--untracked-files=no'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: timeoutMs,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return status.trim() !== '';
  } catch {
    return undefined;
  }
}

/**
 * A run's environment with the git commit of the working copy `cwd` is in, when there is one (a
 * record then says which code ran; without a repository it says nothing of it), and `gitDirty`
 * when git can tell whether tracked files had uncommitted changes (the commit alone is not the code
 * that ran then).
 */
export function withGitCommit<T extends object>(environment: T, cwd: string): T & { gitCommit?: string; gitDirty?: boolean } {
  const gitCommit = readGitCommit(cwd);
  if (gitCommit === undefined) return environment;
  const gitDirty = readGitDirty(cwd);
  return gitDirty === undefined ? { ...environment, gitCommit } : { ...environment, gitCommit, gitDirty };
}
