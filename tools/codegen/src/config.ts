/**
 * The app configuration: `unishyper.config.ts` in each app is
 *
 *     import { defineApp } from '@unishyper/codegen/config';
 *     export default defineApp({ board: 'virt', features: ['mm'] });
 *
 * This file is the one place boards and features are declared; a wrong name
 * is a type error in the editor before it is a build error.
 */

/** Boards an image can target, and the package implementing each. */
export const BOARDS = {
  /** QEMU `virt` (-M virt -cpu cortex-a53): PL011, GICv2/v3, PSCI over HVC. */
  virt: '@unishyper/board-virt',
} as const;

/** Features an app can enable, and the package providing each. */
export const FEATURES = {
  /** Frame allocator and kernel heap with statistics (always linked: the kernel needs a heap). */
  mm: '@unishyper/mm',
} as const;

export type BoardName = keyof typeof BOARDS;
export type FeatureName = keyof typeof FEATURES;

export interface AppConfig {
  /** The board the image boots on. */
  board: BoardName;
  /** Kernel features linked into the image; each one's package must be a dependency of the app. */
  features?: FeatureName[];
}

export function defineApp(config: AppConfig): AppConfig {
  return config;
}
