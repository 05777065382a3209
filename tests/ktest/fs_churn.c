// The log against a power cut at any moment: the test kills QEMU while
// this program changes the disk as fast as it can, then boots it again.
//
// Generation g is three log operations: /churn/data overwritten in place
// with three blocks of generation g (one write call; not O_TRUNC, which
// would empty the file in an operation of its own), /churn/n<g> created,
// and /churn/n<g-1> removed.  "churn: generation g done" is printed once the
// server has answered all three, so it is on the disk.  After a kill,
// whatever operation was in flight happened entirely or not at all:
// data holds one whole generation D, the last one printed or the one
// after, and the names are those of D and at most its neighbours.  Each
// boot first reports what it finds ("churn: found generation D, names
// ..."), then goes on for GENERATIONS more and powers off.
#include "storage.h"

#define DATA_BYTES (3 * 512)
#define GENERATIONS 400
#define MAXGEN 100000

static uint8_t data[DATA_BYTES], back[DATA_BYTES + 1];

// The generation data holds whole; 0 if there is no data yet, -1 if it
// is torn (bytes of two generations) or of the wrong size.
static int found_generation(void)
{
    int n = get_file("/churn/data", back, sizeof(back));
    if (n == E_NOENT || n == 0)
        return 0;
    if (n != DATA_BYTES)
        return -1;
    for (int g = 1; g < MAXGEN; g++)
        if (back[0] == pattern(0, g) && matches(back, DATA_BYTES, 0, g))
            return g;
    return -1;
}

static int name_exists(int g)
{
    char name[32];
    int32_t fd;
    snprintf_rt(name, sizeof(name), "/churn/n%d", g);
    if (fs_call_open(name, O_RDONLY, &fd) < 0)
        return 0;
    fs_call_close(fd);
    return 1;
}

static void overwrite_data(int g)
{
    int32_t fd;
    fill(data, DATA_BYTES, 0, g);
    must(fs_call_open("/churn/data", O_CREATE | O_WRONLY, &fd), "open data");
    must(write_all(fd, data, DATA_BYTES, DATA_BYTES), "write data");
    fs_call_close(fd);
}

static void generation(int g)
{
    char name[32];
    overwrite_data(g);
    snprintf_rt(name, sizeof(name), "/churn/n%d", g);
    must(put_file(name, data, 0), "create name");
    snprintf_rt(name, sizeof(name), "/churn/n%d", g - 1);
    int r = fs_call_unlink(name);
    if (r < 0 && r != E_NOENT)
        must(r, "remove name");
    cprintf("churn: generation %d done\n", g);
}

int main(void)
{
    start_storage();
    int r = fs_call_mkdir("/churn");
    if (r < 0 && r != E_EXIST)
        must(r, "mkdir /churn");
    int d = found_generation();
    cprintf("churn: found generation %d, names %d %d %d\n", d, name_exists(d - 1), name_exists(d),
            name_exists(d + 1));
    if (d < 0)
        sys_halt(1);
    for (int g = d + 1; g <= d + GENERATIONS; g++)
        generation(g);
    cprintf("churn: stopped\n");
    sys_halt(0);
    return 0;
}
