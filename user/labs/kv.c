// kv: the client of the key-value store (servers/kvstore, the kvstore
// lab, docs/labs/kvstore.md).  Each command is one call of a stub that
// tools/idlc made from idl/kvstore.idl:
//
//   kv put KEY VALUE   store VALUE under KEY
//   kv get KEY         print the value stored under KEY
//   kv del KEY         forget KEY
//   kv list            print every key
//   kv bad             the negative suite: send the store malformed
//                      requests, expect each refused with the right error,
//                      and check the store still answers afterwards
//   kv crash N         crash the store N times in a row (the restart lab,
//                      docs/labs/restart.md): after each crash, call it
//                      and say how many ticks it took to answer again
//
// Errors are printed as `kv: OP KEY: error` and the program goes on to
// exit like any xv6 program.
#include "types.h"
#include "user.h"
#include "procinfo.h"
#include "libipc.h"
#include "kvstore_client.h"

static void fail(const char *op, const char *key, int r)
{
  printf(2, "kv: %s %s: %s\n", op, key, ipc_strerror(r));
}

static void put(const char *key, const char *value)
{
  int r = kvstore_call_put(key, value, strlen(value));
  if(r < 0)
    fail("put", key, r);
}

static void get(const char *key)
{
  static char value[KVSTORE_VALLEN + 1];
  uint32_t len = KVSTORE_VALLEN;
  int r = kvstore_call_get(key, value, &len);
  if(r < 0){
    fail("get", key, r);
    return;
  }
  value[len] = 0;
  printf(1, "%s\n", value);
}

static void del(const char *key)
{
  int r = kvstore_call_del(key);
  if(r < 0)
    fail("del", key, r);
}

static void list(void)
{
  char key[KVSTORE_KEYLEN];
  uint32_t count = 0;
  int r = 0;
  for(uint32_t i = 0; (r = kvstore_call_key(i, key, &count)) == 0; i++)
    printf(1, "%s\n", key);
  if(r != E_NOENT)
    fail("list", "", r);
  printf(1, "kv: %d keys\n", count);
}

// ---- the negative suite ------------------------------------------------------

// Raw requests, built by hand as a buggy or hostile client would: the
// layouts are those of kvstore_wire.h (a put is w[0] = value length and
// the bytes key@0 value@KEYLEN; a get is w[0] = capacity and key@0, a
// del only the key; a string that ends the bytes ends at its NUL).
// What the generated dispatcher refuses, a handler never sees; the
// last four cases are the handlers' own to answer.
static char req[KVSTORE_KEYLEN + KVSTORE_VALLEN + 64];
static char rep[IPC_MAXBUF];
static struct ipc_msg m;

static int raw(uint32_t version, uint32_t op, uint32_t w0, uint32_t slen)
{
  memset(&m, 0, sizeof m);
  m.label = IPC_LABEL(KVSTORE_IFACE_ID, version, op);
  m.w[0] = w0;
  m.sbuf = slen ? req : 0;
  m.slen = slen;
  m.rbuf = rep;
  m.rlen = sizeof rep;
  int r = ipc_call(EP_KV, &m);
  return r < 0 ? r : (int)m.label;
}

static void key_in_req(const char *key)
{
  memset(req, 0, sizeof req);
  strcpy(req, key);
}

struct bad {
  const char *what;
  int want;
  int (*send)(void);
};

static int bad_op(void) { key_in_req("k"); return raw(KVSTORE_VERSION, 99, 0, KVSTORE_KEYLEN); }
static int bad_version(void) { key_in_req("k"); return raw(KVSTORE_VERSION + 1, KVSTORE_OP_GET, 8, KVSTORE_KEYLEN); }
static int no_nul(void) { memset(req, 'k', sizeof req); return raw(KVSTORE_VERSION, KVSTORE_OP_GET, 8, KVSTORE_KEYLEN); }
static int after_nul(void) { key_in_req("k"); return raw(KVSTORE_VERSION, KVSTORE_OP_GET, 8, 4); }
static int value_too_long(void) { key_in_req("k"); return raw(KVSTORE_VERSION, KVSTORE_OP_PUT, KVSTORE_VALLEN + 1, KVSTORE_KEYLEN + KVSTORE_VALLEN + 1); }
static int value_missing(void) { key_in_req("k"); return raw(KVSTORE_VERSION, KVSTORE_OP_PUT, 16, KVSTORE_KEYLEN); }
static int capacity_too_big(void) { key_in_req("k"); return raw(KVSTORE_VERSION, KVSTORE_OP_GET, KVSTORE_VALLEN + 1, KVSTORE_KEYLEN); }
static int empty_key(void) { key_in_req(""); return raw(KVSTORE_VERSION, KVSTORE_OP_PUT, 1, KVSTORE_KEYLEN + 1); }
static int absent_key(void) { key_in_req("kv-bad-absent"); return raw(KVSTORE_VERSION, KVSTORE_OP_DEL, 0, strlen(req) + 1); }

// A value longer than the capacity the client asked for.
static int small_capacity(void)
{
  int r = kvstore_call_put("kv-bad-long", "0123456789", 10);
  if(r < 0)
    return r;
  uint32_t len = 4;
  r = kvstore_call_get("kv-bad-long", rep, &len);
  kvstore_call_del("kv-bad-long");
  return r;
}

// Every key slot taken: a new key gets E_NOSPC.
static int full(void)
{
  char key[16] = "kv-bad-fill-00";
  int r = 0;
  for(int i = 0; i <= KVSTORE_NKEYS && r == 0; i++){
    key[12] = '0' + i / 10;
    key[13] = '0' + i % 10;
    r = kvstore_call_put(key, "x", 1);
  }
  for(int i = 0; i <= KVSTORE_NKEYS; i++){
    key[12] = '0' + i / 10;
    key[13] = '0' + i % 10;
    kvstore_call_del(key);
  }
  return r;
}

static const struct bad bads[] = {
  { "unknown operation", E_NOSYS, bad_op },
  { "wrong interface version", E_VERSION, bad_version },
  { "key without its NUL", E_BADMSG, no_nul },
  { "bytes after the key's NUL", E_BADMSG, after_nul },
  { "value longer than VALLEN", E_BADMSG, value_too_long },
  { "value shorter than its length word", E_BADMSG, value_missing },
  { "capacity larger than VALLEN", E_BADMSG, capacity_too_big },
  { "empty key", E_INVAL, empty_key },
  { "del of an absent key", E_NOENT, absent_key },
  { "value longer than the capacity", E_TOOBIG, small_capacity },
  { "a key too many", E_NOSPC, full },
};

static void negative_suite(void)
{
  int n = sizeof(bads) / sizeof(bads[0]), ok = 0;
  for(int i = 0; i < n; i++){
    int r = bads[i].send();
    int good = r == bads[i].want;
    ok += good;
    printf(1, "kv bad: %s: %s (%s expected): %s\n", bads[i].what, ipc_strerror(r),
           ipc_strerror(bads[i].want), good ? "ok" : "WRONG");
  }
  // After all that, the store must still work.
  char value[8];
  uint32_t len = sizeof value;
  int r = kvstore_call_put("kv-bad-after", "alive", 5);
  if(r == 0)
    r = kvstore_call_get("kv-bad-after", value, &len);
  kvstore_call_del("kv-bad-after");
  int alive = r == 0 && len == 5 && memcmp(value, "alive", 5) == 0;
  printf(1, "kv bad: %d of %d refused as expected; the store %s\n", ok, n,
         alive ? "still answers" : "no longer answers");
}

// ---- a server that keeps crashing ---------------------------------------------

// The call after a crash waits at the store's endpoint until proc has
// started the next copy, so its time is the restart's back-off (plus
// the start itself); once proc has given up, the call gets E_DEAD.  Any
// answer of the store's own (E_NOENT from an empty store, say) means
// it is back.
static void crash_loop(int rounds)
{
  char key[KVSTORE_KEYLEN];
  uint32_t count;
  for(int i = 1; i <= rounds; i++){
    int r = crash_server("kvstore");
    if(r < 0){
      printf(1, "kv crash: %d: crash refused: %s\n", i, ipc_strerror(r));
      return;
    }
    int t0 = uptime();
    r = kvstore_call_key(0, key, &count);
    if(idl_transport_error(r)){
      printf(1, "kv crash: %d: %s\n", i, ipc_strerror(r));
      return;
    }
    printf(1, "kv crash: %d: back after %d ticks\n", i, uptime() - t0);
  }
}

int
main(int argc, char *argv[])
{
  if(argc == 4 && strcmp(argv[1], "put") == 0)
    put(argv[2], argv[3]);
  else if(argc == 3 && strcmp(argv[1], "get") == 0)
    get(argv[2]);
  else if(argc == 3 && strcmp(argv[1], "del") == 0)
    del(argv[2]);
  else if(argc == 2 && strcmp(argv[1], "list") == 0)
    list();
  else if(argc == 2 && strcmp(argv[1], "bad") == 0)
    negative_suite();
  else if(argc == 3 && strcmp(argv[1], "crash") == 0)
    crash_loop(atoi(argv[2]));
  else
    printf(2, "usage: kv put KEY VALUE | get KEY | del KEY | list | bad | crash N\n");
  exit();
}
