// malloc and free over sbrk: a K&R-style free list.
// Free blocks form a circular list sorted by address, so free() can
// merge a block with its neighbours; malloc() takes the first block
// that fits, starting where the last search ended.

#include "types.h"
#include "user.h"

// Every block, free or in use, starts with a header.  Sizes are counted
// in header-sized units, which also keeps every block suitably aligned.
struct header {
  struct header *next;   // next free block (only while free)
  uint units;            // size of the block, header included
};

#define MINGROW 4096   // units asked of sbrk at least, to call it rarely

static struct header base;      // zero-sized block that starts the list
static struct header *freep;    // where the next search starts; 0 before the first malloc

void
free(void *ap)
{
  struct header *bp, *p;

  if(ap == 0)
    return;
  bp = (struct header*)ap - 1;
  // Find p, the free block right before bp in address order.  The list
  // wraps from the highest block back to the lowest: stop there if bp
  // lies beyond either end.
  for(p = freep; !(p < bp && bp < p->next); p = p->next)
    if(p >= p->next && (bp > p || bp < p->next))
      break;

  if(bp + bp->units == p->next){
    bp->units += p->next->units;
    bp->next = p->next->next;
  } else {
    bp->next = p->next;
  }
  if(p + p->units == bp){
    p->units += bp->units;
    p->next = bp->next;
  } else {
    p->next = bp;
  }
  freep = p;
}

// Grow the heap by at least units and put the new block on the free list.
static struct header*
morecore(uint units)
{
  struct header *h;
  char *p;

  if(units < MINGROW)
    units = MINGROW;
  p = sbrk(units * sizeof(struct header));
  if(p == (char*)-1)
    return 0;
  h = (struct header*)p;
  h->units = units;
  free(h + 1);
  return freep;
}

void*
malloc(uint nbytes)
{
  struct header *p, *prev;
  uint units;

  // Refuse sizes whose unit count would overflow or that sbrk's int
  // argument cannot express.
  if(nbytes > 0x7fffffff - 2 * sizeof(struct header))
    return 0;
  units = (nbytes + sizeof(struct header) - 1) / sizeof(struct header) + 1;
  if(freep == 0){
    base.next = freep = &base;
    base.units = 0;
  }
  prev = freep;
  for(p = prev->next; ; prev = p, p = p->next){
    if(p->units >= units){
      if(p->units == units){
        prev->next = p->next;
      } else {
        // Hand out the tail of the block; the head stays on the list.
        p->units -= units;
        p += p->units;
        p->units = units;
      }
      freep = prev;
      return p + 1;
    }
    if(p == freep && (p = morecore(units)) == 0)
      return 0;
  }
}
