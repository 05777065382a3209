// The handlers of idl/kvstore.idl, one per operation.  The generated
// dispatcher has already checked the message: key is NUL-terminated
// within KVSTORE_KEYLEN, value_len is at most KVSTORE_VALLEN, and an
// out value's capacity (*value_len) is at most KVSTORE_VALLEN.  What is
// left to check is what only the store knows.
#include "kvstore.h"

struct entry table[KVSTORE_NKEYS];

// LAB kvstore: begin
// LAB kvstore: stub // TODO(lab kvstore): keep keys and values in table (kvstore.h) and
// LAB kvstore: stub // answer each operation as idl/kvstore.idl says (docs/labs/kvstore.md).
// LAB kvstore: stub int kvstore_do_put(uint32_t client, const char *key, const void *value, uint32_t value_len)
// LAB kvstore: stub {
// LAB kvstore: stub     (void)client, (void)key, (void)value, (void)value_len;
// LAB kvstore: stub     return E_NOSYS;
// LAB kvstore: stub }
// LAB kvstore: stub 
// LAB kvstore: stub int kvstore_do_get(uint32_t client, const char *key, void *value, uint32_t *value_len)
// LAB kvstore: stub {
// LAB kvstore: stub     (void)client, (void)key, (void)value, (void)value_len;
// LAB kvstore: stub     return E_NOSYS;
// LAB kvstore: stub }
// LAB kvstore: stub 
// LAB kvstore: stub int kvstore_do_del(uint32_t client, const char *key)
// LAB kvstore: stub {
// LAB kvstore: stub     (void)client, (void)key;
// LAB kvstore: stub     return E_NOSYS;
// LAB kvstore: stub }
// LAB kvstore: stub 
// LAB kvstore: stub int kvstore_do_key(uint32_t client, uint32_t index, char key[KVSTORE_KEYLEN], uint32_t *count)
// LAB kvstore: stub {
// LAB kvstore: stub     (void)client, (void)index, (void)key, (void)count;
// LAB kvstore: stub     return E_NOSYS;
// LAB kvstore: stub }
static bool same(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static struct entry *find(const char *key)
{
    for (int i = 0; i < KVSTORE_NKEYS; i++)
        if (table[i].key[0] && same(table[i].key, key))
            return &table[i];
    return 0;
}

static struct entry *free_slot(void)
{
    for (int i = 0; i < KVSTORE_NKEYS; i++)
        if (!table[i].key[0])
            return &table[i];
    return 0;
}

int kvstore_do_put(uint32_t client, const char *key, const void *value, uint32_t value_len)
{
    (void)client;
    if (!key[0])
        return E_INVAL;
    struct entry *e = find(key);
    if (!e)
        e = free_slot();
    if (!e)
        return E_NOSPC;
    uint32_t n = 0;
    while ((e->key[n] = key[n]) != 0)
        n++;
    memcpy(e->value, value, value_len);
    e->len = value_len;
    return 0;
}

int kvstore_do_get(uint32_t client, const char *key, void *value, uint32_t *value_len)
{
    (void)client;
    if (!key[0])
        return E_INVAL;
    struct entry *e = find(key);
    if (!e)
        return E_NOENT;
    if (e->len > *value_len)
        return E_TOOBIG;
    memcpy(value, e->value, e->len);
    *value_len = e->len;
    return 0;
}

int kvstore_do_del(uint32_t client, const char *key)
{
    (void)client;
    if (!key[0])
        return E_INVAL;
    struct entry *e = find(key);
    if (!e)
        return E_NOENT;
    e->key[0] = 0;
    e->len = 0;
    return 0;
}

// The index-th slot in use, so that a client can list the keys.
int kvstore_do_key(uint32_t client, uint32_t index, char key[KVSTORE_KEYLEN], uint32_t *count)
{
    (void)client;
    uint32_t n = 0;
    struct entry *found = 0;
    for (int i = 0; i < KVSTORE_NKEYS; i++) {
        if (!table[i].key[0])
            continue;
        if (n == index)
            found = &table[i];
        n++;
    }
    *count = n;
    if (!found)
        return E_NOENT;
    memcpy(key, found->key, KVSTORE_KEYLEN);
    return 0;
}
// LAB kvstore: end
