// Contents survive a reboot.  Booted on an image without /keep, it
// makes a small tree there (directories, a file of several blocks, a
// file past the direct blocks, an empty file, a link) and says
// "persist: created".  Booted again on the same image, it finds the tree
// as it was left and says "persist: verified".
#include "storage.h"

#define BIG (14 * 512 + 100)    // past the 12 direct blocks

static uint8_t data[BIG], back[BIG];

static void create(void)
{
    expect("mkdir /keep", fs_call_mkdir("/keep"), 0);
    expect("mkdir /keep/sub", fs_call_mkdir("/keep/sub"), 0);
    fill(data, BIG, 0, 7);
    expect("write big", put_file("/keep/sub/big", data, BIG), BIG);
    expect("write small", put_file("/keep/small", (const uint8_t *)"survives", 8), 8);
    expect("write empty", put_file("/keep/empty", data, 0), 0);
    expect("link", fs_call_link("/keep/small", "/keep/sub/also"), 0);
    cprintf("persist: created\n");
}

static void verify(void)
{
    int32_t fd;
    struct fs_fileinfo st;
    expect("big read back", get_file("/keep/sub/big", back, sizeof(back)), BIG);
    expect("big intact", matches(back, BIG, 0, 7), 1);
    expect("small read back", get_file("/keep/small", back, sizeof(back)), 8);
    expect("small intact", memcmp(back, "survives", 8), 0);
    expect("empty", size_of("/keep/empty"), 0);
    expect("open link", fs_call_open("/keep/sub/also", O_RDONLY, &fd), 0);
    fs_call_fstat(fd, &st);
    fs_call_close(fd);
    expect("two links", st.nlink, 2);
    cprintf("persist: verified\n");
}

int main(void)
{
    int32_t fd;
    start_storage();
    if (fs_call_open("/keep", O_RDONLY, &fd) == E_NOENT) {
        create();
    } else {
        fs_call_close(fd);
        verify();
    }
    finish("fs_persist");
    return 0;
}
