// The page of state that survives a restart (state.h), and the records
// of client tasks kept in it.
//
// It is the first page of the state segment (state_segment, rt.h; at
// USTATE in user space, abi/vmlayout.h): when proc restarts a server
// it maps the old copy's state pages into the new copy at the same
// address before it runs.  A new copy checks
// what it finds there before trusting it; on a first start there is
// nothing, and it allocates the page and starts with no input and no
// clients.
#include "console.h"

struct console_state *state;

// Whether the page holds a state this version of the server can use.
// The indices are free-running, so only their distance can be checked;
// e is not, as the line it ends is dropped anyway.
static int state_valid(void)
{
    return state->magic == CONSOLE_STATE_MAGIC && state->version == CONSOLE_STATE_VERSION
        && state->w - state->r <= INPUT_BUF;
}

static void state_reset(void)
{
    memset(state, 0, sizeof(*state));
    state->version = CONSOLE_STATE_VERSION;
    state->magic = CONSOLE_STATE_MAGIC;     // last: a half-reset page stays invalid
}

// Find or make the state page, then drop the line that was being typed:
// the one thing a restart may lose.
void state_init(void)
{
    void *page;
    bool kept;
    int r = state_segment(sizeof(*state), &page, &kept);
    if (r < 0) {
        cprintf("console: no memory for the state page: %s\n", ipc_strerror(r));
        task_exit();
    }
    state = page;
    if (kept && state_valid()) {
        cprintf("console: kept %u bytes of unread input\n", state->w - state->r);
    } else {
        state_reset();
    }
    state->e = state->w;
}

// The record of task, made if there is none: a free slot or, when all
// are taken, the one used longest ago.  Losing a record costs little: a
// write retried after its record was reused is printed again, and the
// client's reads go back to COOKED.
struct console_client *client_get(uint32_t task)
{
    struct console_client *c, *oldest = &state->client[0];
    state->clock++;
    for (c = state->client; c < state->client + NCLIENT; c++) {
        if (c->task == task) {
            c->last_use = state->clock;
            return c;
        }
        if (c->last_use < oldest->last_use)
            oldest = c;
    }
    // Empty the slot before naming its owner, so a restart in between
    // leaves a free slot, never a stranger's record under this task's id.
    oldest->task = 0;
    oldest->mode = CONSOLE_MODE_COOKED;
    oldest->seq = oldest->len = oldest->sum = oldest->done = 0;
    oldest->last_use = state->clock;
    oldest->task = task;
    return oldest;
}
