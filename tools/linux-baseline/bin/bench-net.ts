// bench --net: the network baseline's table (or JSON); returns the exit status.
import { formatNetTable, LinuxBaselineError, netRates, runLinuxNetBaseline, type NetFigure, type NetOptions, type RunOptions } from '../src/index.js';

export async function runNetBench(opts: NetOptions, runOpts: Pick<RunOptions, 'refresh' | 'timeoutS' | 'onConsole'>, json: boolean): Promise<number> {
  try {
    const r = await runLinuxNetBaseline(opts, runOpts);
    if (!json) {
      console.log(formatNetTable(r));
      return 0;
    }
    const strip = ({ raw, empty: _e, ...f }: NetFigure) => ({ ...f, perCpu: raw.insnPerCpu, rates: netRates({ raw, empty: _e, ...f }) });
    console.log(JSON.stringify({ ...r, console: undefined, echo: strip(r.echo), bulk: strip(r.bulk), http: strip(r.http) }, null, 2));
    return 0;
  } catch (e) {
    console.error(`linux-baseline: ${(e as Error).message}`);
    return e instanceof LinuxBaselineError ? 1 : 2;
  }
}
