/**
 * The commands Unishyper's shell has when their packages are in the image,
 * with the app feature each needs. A command on this list that no package
 * registered is not a typo: the registry says which feature would bring it.
 * A package adding a command adds its name here.
 */

/** The feature that brings command `name`, or '' when it is not a known command. */
export function featureFor(name: string): string {
  switch (name) {
    case 'cat':
    case 'cd':
    case 'cp':
    case 'df':
    case 'echo':
    case 'ls':
    case 'mkdir':
    case 'mount':
    case 'mv':
    case 'pwd':
    case 'rm':
    case 'rmdir':
    case 'stat':
    case 'sync':
    case 'touch':
    case 'write':
      return 'fs';
    case 'date':
    case 'kill':
    case 'poweroff':
    case 'ps':
    case 'reboot':
    case 'run':
    case 'sleep':
    case 'uptime':
      return 'threads';
    case 'free':
      return 'mm';
    case 'ifconfig':
    case 'netstat':
    case 'ping':
      return 'net';
    default:
      return '';
  }
}
