// @node-only: a PL031 real-time clock model for tests: RTCDR reads `seconds`. Not dialect code.
import type { AccessWidth, DeviceModel } from '@unishyper/rt/sim';

export class SimPl031 implements DeviceModel {
  constructor(public seconds: number) {}

  read(offset: number, _width: AccessWidth): number {
    return offset === 0 ? this.seconds >>> 0 : 0;
  }

  write(_offset: number, _width: AccessWidth, _value: bigint | number): void {}
}
