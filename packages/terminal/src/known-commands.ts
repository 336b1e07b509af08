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
    case 'ls':
    case 'mkdir':
      return 'fs';
    case 'ps':
    case 'kill':
    case 'run':
      return 'threads';
    case 'free':
      return 'mm';
    case 'ping':
      return 'net';
    default:
      return '';
  }
}
