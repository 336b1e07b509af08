/**
 * @unishyper/terminal/testing: for tests under Node. Screen is a VT100
 * model that plays what the shell prints and throws on anything it may not
 * send; Console is a person at a booted image's serial console (QEMU through
 * @unishyper/codegen, an optional peer of this package).
 */
export { Screen } from './screen';
export { Console, Keys } from './console';
