// The log against a power cut at an exact point.  A small task sits
// between the file server and the disk driver (the driver serves at
// EP_TEST2, the cutter at EP_BLK) and passes every block request on,
// until it is armed: then, at the next commit -- the write of the log
// header with a non-zero count -- it powers the machine off, either
// just before passing that write on or just after the disk has it.
//
// /cut holds three blocks written by one write call, so by one log
// operation, all bytes of one generation g.  The image says how far
// the test has got, and each boot does the next step:
//
//   generation 0 (no /cut): write generation 1; arm "before"; write 2.
//       The commit never reaches the disk: generation 1 must remain.
//   generation 1: arm "after"; write generation 2.  The commit is on
//       the disk, the blocks are not installed: recovery must finish
//       the write, giving generation 2 (fsck --replay does the same).
//   generation 2: the test is over.
#include "storage.h"

#define DATA_BYTES (3 * 512)    // one log operation's worth of file data
#define CUT_NONE 0
#define CUT_BEFORE 1
#define CUT_AFTER 2

static volatile int32_t *cut;   // shared with the cutter: when to power off
static uint8_t data[DATA_BYTES], back[DATA_BYTES + 1];

static void power_off(const char *when)
{
    cprintf("cut: power off %s the commit\n", when);
    sys_halt(0);
}

// Power off at the commit, just before it goes on to the disk or just
// after the disk has it, as armed.
static bool cut_at(bool commit, bool answered)
{
    if (commit && *cut == (answered ? CUT_AFTER : CUT_BEFORE))
        power_off(answered ? "after" : "before");
    return true;
}

static void cutter(uint32_t unused)
{
    (void)unused;
    relay_blk(cut_at);
}

static void start_with_cutter(void)
{
    cut = shared_page(0x10000000);
    start_ide(EP_TEST2);
    uint32_t c = fork_child(cutter, 0, CPU_ANY);
    must(sys_grant(c, RIGHT_PRIV), "grant halt");
    must(sys_ep_bind(EP_BLK, c), "bind cutter");
    start_fs();
}

// The generation /cut holds whole, 0 if there is none, -1 if torn.
static int found_generation(void)
{
    int n = get_file("/cut", back, sizeof(back));
    if (n == E_NOENT)
        return 0;
    if (n != DATA_BYTES)
        return -1;
    for (int g = 1; g <= 2; g++)
        if (matches(back, DATA_BYTES, 0, g))
            return g;
    return -1;
}

static void write_generation(int g)
{
    int32_t fd;
    uint32_t n;
    struct fs_devno dev;
    fill(data, DATA_BYTES, 0, g);
    must(fs_call_open("/cut", O_CREATE | O_WRONLY, &fd), "open /cut");
    cprintf("cut: writing generation %d\n", g);
    must(fs_call_write(fd, data, DATA_BYTES, &n, &dev), "write /cut");
    fs_call_close(fd);
}

int main(void)
{
    start_with_cutter();
    int g = found_generation();
    cprintf("cut: found generation %d\n", g);
    if (g == 0) {
        write_generation(1);
        *cut = CUT_BEFORE;
        write_generation(2);
    } else if (g == 1) {
        *cut = CUT_AFTER;
        write_generation(2);
    }
    cprintf("cut: %s\n", g == 2 ? "done" : "no power cut happened");
    sys_halt(g == 2 ? 0 : 1);
    return 0;
}
