// kvstore, a key-value store: the example server of the kvstore lab
// (docs/labs/kvstore.md).  proc starts it when its boot module is there
// and binds EP_KV to it; any program may call it.  It has nothing to
// set up: the table starts empty, and the generated loop receives each
// request, checks every field and calls the handler of its operation.
#include "kvstore.h"

int main(void)
{
    cprintf("kvstore: serving %d keys of up to %d bytes\n", KVSTORE_NKEYS, KVSTORE_VALLEN);
    kvstore_serve(0);
    return 0;
}
