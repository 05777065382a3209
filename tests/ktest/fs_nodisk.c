// The file server without a disk: booted with no drive on the channel,
// it cannot mount, says so once, and answers every request E_IO rather
// than leaving its clients waiting.
#include "storage.h"

int main(void)
{
    int32_t fd;
    start_storage();
    expect("open without a disk", fs_call_open("/x", O_RDONLY, &fd), E_IO);
    expect("mkdir without a disk", fs_call_mkdir("/d"), E_IO);
    finish("fs_nodisk");
    return 0;
}
