/* Entry for dialect programs run under Linux user mode (qemu-aarch64): the
 * test target of the compiler. Aligns the stack, runs the program, exits. */
	.text
	.global _start
	.type _start, %function
_start:
	mov	x29, #0
	mov	x30, #0
	mov	x0, sp
	and	x0, x0, #~15
	mov	sp, x0
	bl	rt_app_main
	bl	rt_target_exit
1:	b	1b
	.size _start, . - _start
