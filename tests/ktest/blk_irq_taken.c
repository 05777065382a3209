// A disk driver that cannot have its interrupt line, because another
// task holds it, must leave the line to that task.  The root task
// registers ide's line (IRQ 14) first; then a child calls the driver,
// whose start-up is refused the line (E_BUSY) and which answers E_IO,
// twice.
// In mono mode the driver runs in the child's thread, and the kernel
// hands a driver's lines to each task that goes into it
// (mono/resident.c, lines_follow): it must not count a line it never
// got.  The root then makes the drive interrupt (IDENTIFY, ATA-6
// 8.16) and must be the one notified.
#include "storage.h"
#include "port.h"

#define IDE_IRQ 14              // the primary channel's line (ISA)
#define IDE_BASE 0x1f0          // its command block registers
#define IDE_PORTS 8
#define IDE_CONTROL 0x3f6       // its device control register
#define REG_DRIVE 6
#define REG_COMMAND 7
#define DRIVE_SLAVE 0xb0        // device 1, the disk the test gives
#define CONTROL_IRQ_ON 0x00     // nIEN clear: the drive interrupts
#define ATA_IDENTIFY 0xec
#define ROOT_BIT 0x10
#define NOTIFY_WAIT 100         // ticks

static void child_calls(uint32_t unused)
{
    uint32_t nblocks, bsize;
    (void)unused;
    // The first call runs the start-up; the second goes into a driver
    // that has tried to register its line.
    check("the driver without its line answers", blk_call_info(FS_DISK, &nblocks, &bsize), E_IO);
    check("and answers again", blk_call_info(FS_DISK, &nblocks, &bsize), E_IO);
}

static void drive_interrupts(void)
{
    outb(IDE_CONTROL, CONTROL_IRQ_ON);
    outb(IDE_BASE + REG_DRIVE, DRIVE_SLAVE);
    outb(IDE_BASE + REG_COMMAND, ATA_IDENTIFY);
}

int main(void)
{
    struct task_info info;
    must(sys_ioport_grant(0, IDE_BASE, IDE_PORTS), "ports");
    must(sys_ioport_grant(0, IDE_CONTROL, 1), "control port");
    must(sys_irq_grant(0, IDE_IRQ), "irq grant");
    expect("the root takes ide's line", sys_irq_register(IDE_IRQ, ROOT_BIT), 0);
    start_ide(EP_BLK);
    uint32_t child = fork_child(child_calls, 0, CPU_ANY);
    while (sys_task_info(child, &info) == 0)
        sys_yield();
    drive_interrupts();
    expect("the drive's interrupt comes to the root", ipc_wait_notify(NOTIFY_WAIT), ROOT_BIT);
    finish("blk_irq_taken");
    return 0;
}
