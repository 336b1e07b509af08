// Runs a command in a pseudo-terminal (util-linux `script`), as a person at
// a terminal would, and when the Unishyper shell's prompt shows, types the
// given lines one at a time, each after the prompt that follows the last.
// Everything the command prints goes to our stdout; exits with its status.
// An app without a shell simply runs to its end. .ci/run uses this for
// README's boot command, whose flagship waits at the prompt until
// `poweroff` (nx passes keystrokes on only from a terminal).
//
// Where no pseudo-terminal can be made (a chroot without /dev/pts), nothing
// can be typed through nx: the command then runs as it is, and reaching the
// prompt is the success; it is stopped there, and that is said.
// usage: node .ci/type-at-prompt.mjs '<command>' '<line>' ...
import { spawn, spawnSync } from 'node:child_process';

const [command, ...lines] = process.argv.slice(2);
const PROMPT = '☻ SHELL➜ ';
const KEY_PAUSE_MS = 20;

const canPty = spawnSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;
const child = canPty
  ? spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] })
  : spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
if (!canPty) process.stdout.write('[ci] no pseudo-terminal here: the boot runs untyped and is stopped at the prompt\n');

let held = '';
let promptsSeen = 0;
let linesTyped = 0;
let typing = false;
let stoppedAtPrompt = false;

/** Types the next line if a prompt came that no line answered yet. */
async function typeIfDue() {
  if (typing || lines.length === 0 || promptsSeen <= linesTyped) return;
  typing = true;
  linesTyped++;
  await new Promise((r) => setTimeout(r, 200)); // a moment for the prompt to be drawn whole
  for (const ch of `${lines.shift()}\r`) {
    child.stdin.write(ch);
    await new Promise((r) => setTimeout(r, KEY_PAUSE_MS));
  }
  typing = false;
  typeIfDue();
}

child.stdout.setEncoding('utf8').on('data', (d) => {
  process.stdout.write(d);
  // Only the tail that could hold the start of a prompt split across reads is kept.
  const text = held + d;
  promptsSeen += text.split(PROMPT).length - 1;
  const cut = text.lastIndexOf(PROMPT);
  const rest = cut >= 0 ? text.slice(cut + PROMPT.length) : text;
  held = rest.slice(-(PROMPT.length - 1));
  if (!canPty) {
    if (promptsSeen > 0 && !stoppedAtPrompt) {
      stoppedAtPrompt = true;
      process.stdout.write('\n[ci] the shell prompt is up; stopping the run (nothing can be typed without a terminal)\n');
      process.kill(-child.pid, 'SIGTERM');
    }
    return;
  }
  typeIfDue();
});
child.on('close', (code, signal) => {
  if (stoppedAtPrompt) process.exit(0);
  process.exit(code ?? (signal ? 128 : 1));
});
