import { cpus } from 'node:os';
import type { Environment } from '@lab/run-record';

/**
 * The machine and software a run used, for the record's environment section.
 * @param packages - package name → version of the @lab packages that took part
 */
export function describeEnvironment(packages: Readonly<Record<string, string>>): Environment {
  const processors = cpus();
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: Math.max(1, processors.length),
    packages: { ...packages },
  };
}
