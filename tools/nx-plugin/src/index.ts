/**
 * @unishyper/nx-plugin: every directory with a `unishyper.config.ts` is an
 * app, and gets three inferred targets that run the `unishyper` CLI of
 * @unishyper/codegen:
 *
 *   build  unishyper image <app>   the bootable image (ELF + raw binary), sizes
 *   qemu   unishyper qemu <app>    build, boot under QEMU, console on the terminal;
 *                                  exits with the app's status
 *   debug  unishyper debug <app>   build, QEMU with a gdb stub (-S), gdb-multiarch
 *                                  on the ELF (TypeScript source lines)
 *
 * Flags after the target go to the CLI unchanged:
 * `nx run hello:qemu --smp=4 --memory=512M --gic=3 --el2 --qemu-args="-d int"`.
 *
 * The project itself comes from the app's package.json (its "name" is the
 * project name); this plugin only adds targets. nx.json narrows the files it
 * looks at with "include" (apps/* by default there).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CreateNodesContextV2, CreateNodesResult, CreateNodesResultV2, CreateNodesV2, TargetConfiguration } from 'nx/src/devkit-exports';

export interface UnishyperPluginOptions {
  /** Name of the image target (default 'build'). */
  buildTargetName?: string;
  /** Name of the boot target (default 'qemu'). */
  qemuTargetName?: string;
  /** Name of the debug target (default 'debug'). */
  debugTargetName?: string;
  /** The unishyper CLI, relative to the workspace root (default tools/codegen/bin/unishyper.js). */
  cli?: string;
}

export const CONFIG_GLOB = '**/unishyper.config.ts';
export const DEFAULT_CLI = 'tools/codegen/bin/unishyper.js';

/** Machine flags shared by qemu and debug, as the CLI documents them. */
const MACHINE_FLAGS = '--smp=N --memory=SIZE --gic=2|3 --el2 --qemu-args="..." --no-build --no-disks --cc=gcc|clang';

/** The targets of one app, rooted at `projectRoot` (relative to the workspace root, '/'-separated). */
export function appTargets(projectRoot: string, options: UnishyperPluginOptions = {}): Record<string, TargetConfiguration> {
  const cli = options.cli ?? DEFAULT_CLI;
  const run = (sub: string) => `node ${cli} ${sub} ${projectRoot}`;
  const target = (sub: string, description: string, extra: Partial<TargetConfiguration>): TargetConfiguration => ({
    executor: 'nx:run-commands',
    options: { command: run(sub) },
    metadata: {
      technologies: ['unishyper'],
      description,
      help: { command: `node ${cli} --help`, example: {} },
    },
    ...extra,
  });
  return {
    [options.buildTargetName ?? 'build']: target('image', 'Build the bootable image (ELF + raw binary) and print its sizes. Flags: -o DIR, --cc=gcc|clang', {
      cache: true,
      // The image is compiled from the sources of the packages, not from
      // their dist/: nothing has to be built first.
      dependsOn: [],
      inputs: ['default', '^production'],
      outputs: ['{projectRoot}/build'],
    }),
    [options.qemuTargetName ?? 'qemu']: target('qemu', `Build and boot under QEMU, console on the terminal; exits with the app's status. Flags: ${MACHINE_FLAGS} --timeout=SECONDS`, {
      cache: false,
      dependsOn: [],
    }),
    [options.debugTargetName ?? 'debug']: target('debug', `Build, start QEMU stopped with a gdb stub, attach gdb-multiarch with the image's symbols. Flags: ${MACHINE_FLAGS} --port=N --gdb-batch=FILE --no-gdb`, {
      cache: false,
      dependsOn: [],
    }),
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The nx result for one unishyper.config.ts (relative to the workspace root). */
export function nodesForConfig(configFile: string, options: UnishyperPluginOptions | undefined, context: Pick<CreateNodesContextV2, 'workspaceRoot'>): CreateNodesResult {
  const projectRoot = toPosix(path.dirname(configFile));
  const abs = path.join(context.workspaceRoot, projectRoot);
  const hasPackageJson = fs.existsSync(path.join(abs, 'package.json'));
  const hasProjectJson = fs.existsSync(path.join(abs, 'project.json'));
  // Without a package.json or project.json nx would not know this project; name it after its directory.
  const name = hasPackageJson || hasProjectJson ? undefined : path.basename(abs);
  return {
    projects: {
      [projectRoot]: {
        root: projectRoot,
        ...(name ? { name } : {}),
        projectType: 'application',
        tags: ['unishyper:app'],
        targets: appTargets(projectRoot, options),
      },
    },
  };
}

export const createNodesV2: CreateNodesV2<UnishyperPluginOptions> = [
  CONFIG_GLOB,
  (configFiles: readonly string[], options: UnishyperPluginOptions | undefined, context: CreateNodesContextV2): CreateNodesResultV2 =>
    configFiles.map((f) => [f, nodesForConfig(f, options, context)] as const),
];

/** nx 22 reads the v2 signature from `createNodes` as well. */
export const createNodes = createNodesV2;

export const name = '@unishyper/nx-plugin';
