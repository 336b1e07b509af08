// A minimal little-endian ELF64 with a .modinfo section, standing in for a
// kernel module in tests (only the section table and .modinfo are read).
export function fakeModule(modinfo: string[]): Buffer {
  const shstr = Buffer.from('\0.shstrtab\0.modinfo\0', 'latin1');
  const info = Buffer.from(modinfo.map((s) => `${s}\0`).join(''), 'latin1');
  const shoff = 64 + shstr.length + info.length;
  const elf = Buffer.alloc(shoff + 3 * 64);
  elf.writeUInt32BE(0x7f454c46, 0);
  elf[4] = 2; // ELFCLASS64
  elf[5] = 1; // little-endian
  elf[6] = 1;
  elf.writeUInt16LE(1, 0x10); // ET_REL
  elf.writeUInt16LE(183, 0x12); // EM_AARCH64
  elf.writeBigUInt64LE(BigInt(shoff), 0x28);
  elf.writeUInt16LE(64, 0x34);
  elf.writeUInt16LE(64, 0x3a);
  elf.writeUInt16LE(3, 0x3c);
  elf.writeUInt16LE(1, 0x3e);
  shstr.copy(elf, 64);
  info.copy(elf, 64 + shstr.length);
  const sh = (i: number, name: number, type: number, offset: number, size: number) => {
    const o = shoff + i * 64;
    elf.writeUInt32LE(name, o);
    elf.writeUInt32LE(type, o + 4);
    elf.writeBigUInt64LE(BigInt(offset), o + 0x18);
    elf.writeBigUInt64LE(BigInt(size), o + 0x20);
  };
  sh(1, 1, 3 /* SHT_STRTAB */, 64, shstr.length);
  sh(2, 11, 1 /* SHT_PROGBITS */, 64 + shstr.length, info.length);
  return elf;
}
