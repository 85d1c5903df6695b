/** The lock file every install of ours holds, so two test files never run apt-get at once. */
export const APT_LOCK: string;

/** The shell script that installs Debian's `pkg` unless `binary` exists, retrying once. */
export function aptInstallScript(pkg: string, binary: string): string;

/** Whether `file` is an executable file. */
export function isExecutable(file: string): boolean;

/** Installs Debian's `pkg` under the shared lock unless `binary` exists; returns `binary`. */
export function aptInstall(pkg: string, binary: string): string;
