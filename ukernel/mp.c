// Finding the CPUs and the IOAPIC in the BIOS's MP configuration table
// (Intel MultiProcessor Specification 1.4, chapter 4).  QEMU's SeaBIOS
// lists one processor entry per socket, so boot QEMU with
// -smp N,sockets=N.
#include "kernel.h"
#include "smp.h"
#include "mmu.h"
#include "x86.h"

struct mp_floating {            // MP floating pointer structure (4.1)
    char signature[4];          // "_MP_"
    uint32_t config_pa;
    uint8_t length;             // in 16-byte units
    uint8_t specrev;
    uint8_t checksum;
    uint8_t type;
    uint8_t imcrp;              // bit 7: the IMCR is present (PIC mode)
    uint8_t reserved[3];
};

struct mp_config {              // configuration table header (4.2)
    char signature[4];          // "PCMP"
    uint16_t length;
    uint8_t version;
    uint8_t checksum;
    char product[20];
    uint32_t oem_table;
    uint16_t oem_length;
    uint16_t entries;
    uint32_t lapic_pa;
    uint16_t xlength;
    uint8_t xchecksum;
    uint8_t reserved;
};

struct mp_processor {           // processor entry (4.3.1)
    uint8_t type;
    uint8_t apicid;
    uint8_t version;
    uint8_t flags;
    uint8_t signature[4];
    uint32_t feature;
    uint8_t reserved[8];
};

struct mp_ioapic {              // I/O APIC entry (4.3.3)
    uint8_t type;
    uint8_t apicno;
    uint8_t version;
    uint8_t flags;
    uint32_t addr;
};

_Static_assert(sizeof(struct mp_floating) == 16, "MP floating pointer");
_Static_assert(sizeof(struct mp_config) == 44, "MP config header");
_Static_assert(sizeof(struct mp_processor) == 20, "MP processor entry");

#define MPPROC    0
#define MPBUS     1
#define MPIOAPIC  2
#define MPIOINTR  3
#define MPLINTR   4
#define MPPROC_ENABLED 0x1
#define MPPROC_BSP     0x2
#define IMCR_PRESENT   0x80

// BIOS data area words giving the EBDA segment and the KiB of base memory.
#define BDA_EBDA_SEG   0x40E
#define BDA_BASEMEM_KB 0x413

struct cpu cpus[NCPU];
int ncpu;

static uint8_t checksum(const void *p, int len)
{
    uint8_t sum = 0;
    for (int i = 0; i < len; i++)
        sum += ((const uint8_t *)p)[i];
    return sum;
}

static struct mp_floating *search_range(uint32_t pa, int len)
{
    for (uint8_t *p = P2V(pa), *e = p + len; p < e; p += sizeof(struct mp_floating))
        if (memcmp(p, "_MP_", 4) == 0 && checksum(p, sizeof(struct mp_floating)) == 0)
            return (struct mp_floating *)p;
    return 0;
}

// The specification's three places (4.0): the first KiB of the EBDA, the
// last KiB of base memory, the BIOS ROM between 0xF0000 and 0xFFFFF.
static struct mp_floating *find_floating(void)
{
    uint32_t ebda = *(uint16_t *)P2V(BDA_EBDA_SEG) << 4;
    struct mp_floating *mp;
    if (ebda && (mp = search_range(ebda, 1024)))
        return mp;
    uint32_t basemem = *(uint16_t *)P2V(BDA_BASEMEM_KB) * 1024;
    if ((mp = search_range(basemem - 1024, 1024)))
        return mp;
    return search_range(0xF0000, 0x10000);
}

static void add_cpu(struct mp_processor *p)
{
    if (!(p->flags & MPPROC_ENABLED))
        return;
    struct cpu *c;
    if (p->flags & MPPROC_BSP)
        c = &cpus[0];           // the boot CPU already runs as cpus[0]
    else if (ncpu < NCPU)
        c = &cpus[ncpu++];
    else
        return;
    c->apicid = p->apicid;
    c->index = c - cpus;
}

void mp_init(void)
{
    struct mp_floating *mp = find_floating();
    if (!mp || !mp->config_pa)
        panic("mp_init: no MP configuration table (boot QEMU with -smp N,sockets=N)");
    struct mp_config *conf = P2V(mp->config_pa);
    if (memcmp(conf->signature, "PCMP", 4) != 0 || checksum(conf, conf->length) != 0)
        panic("mp_init: bad MP configuration table");
    lapic_base_pa = conf->lapic_pa;
    ncpu = 1;                   // cpus[0] is the boot CPU
    uint8_t *p = (uint8_t *)(conf + 1), *e = (uint8_t *)conf + conf->length;
    while (p < e) {
        switch (*p) {
        case MPPROC:
            add_cpu((struct mp_processor *)p);
            p += sizeof(struct mp_processor);
            break;
        case MPIOAPIC:
            ioapicid = ((struct mp_ioapic *)p)->apicno;
            ioapic_pa = ((struct mp_ioapic *)p)->addr;
            p += 8;
            break;
        case MPBUS:
        case MPIOINTR:
        case MPLINTR:
            p += 8;
            break;
        default:
            panic("mp_init: unknown MP table entry type %d", *p);
        }
    }
    if (mp->imcrp & IMCR_PRESENT) {
        // Route interrupts through the APICs instead of the 8259s (MP spec 3.6.2.1).
        outb(0x22, 0x70);
        outb(0x23, inb(0x23) | 1);
    }
}
