import type { Environment } from '@lab/run-record';
import type { RootContent } from 'mdast';
import { type Cell, code, heading, paragraph, table } from './markdown';

/** The commit, and whether the working copy had uncommitted changes when the record says so. */
function gitCommitCell(commit: string, dirty: boolean | undefined): Cell {
  if (dirty === true) return [code(commit), ' with uncommitted changes to tracked files'];
  if (dirty === false) return [code(commit), ', no uncommitted changes'];
  return code(commit);
}

/**
 * The environment section: Node, platform, CPU, cores, the seed, the git commit when the record
 * has one (and whether tracked files had uncommitted changes, when recorded), and the version of
 * every @lab package that took part (sorted by name).
 */
export function environmentSection(environment: Environment, seed: number): RootContent[] {
  const packages = Object.entries(environment.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const nodes: RootContent[] = [
    heading(2, 'Environment'),
    table(
      [{ header: 'setting' }, { header: 'value' }],
      [
        ['Node', environment.node],
        ['platform', `${environment.platform} (${environment.arch})`],
        ['CPU', environment.cpu],
        ['cores', String(environment.cores)],
        ['seed', String(seed)],
        ...(environment.gitCommit === undefined ? [] : [['git commit', gitCommitCell(environment.gitCommit, environment.gitDirty)]]),
      ],
    ),
  ];
  if (packages.length === 0) nodes.push(paragraph('No package versions were recorded.'));
  else
    nodes.push(
      table(
        [{ header: 'package' }, { header: 'version' }],
        packages.map(([name, version]) => [code(name), version]),
      ),
    );
  return nodes;
}
