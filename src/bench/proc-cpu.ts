import { readFileSync } from 'node:fs';

/*
 * CPU time of whole processes from Linux /proc (clock ticks of 10 ms): the benches measure the
 * real binary in its own process, so nothing of the bench harness (its heap, its other areas)
 * is counted. Elsewhere these return undefined and the benches say so.
 */

/** Fields after the command name in /proc/<pid>/stat (the name may contain spaces). */
function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** ms of CPU (user + system) a running process has used so far. */
export function processCpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  // state is field 3 of the file, so utime (14) and stime (15) sit at 11 and 12 here.
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) * 10;
}

/** ms of CPU of this process's waited-for children (cutime + cstime, fields 16 and 17). */
export function waitedChildrenCpuMs(): number | undefined {
  const fields = statFields('self');
  return fields === undefined ? undefined : (Number(fields[13]) + Number(fields[14])) * 10;
}
