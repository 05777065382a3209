// Host unit tests of the user library (printf, malloc/free, strings,
// atoi, gets, stat) and of grep's matcher and the simple filters, run
// against the shims in shim.c under AddressSanitizer and UBSan.
// Usage: libtests GROUP, or libtests --list.

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "shim.h"

static int failures;

#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)

static void
check(int ok, const char *what, const char *file, int line)
{
  if(!ok){
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    failures++;
  }
}

// Did printf produce exactly want on fd 1, in one write?
#define PRINTS(want, ...) prints(want, __FILE__, __LINE__, __VA_ARGS__)
#define prints(want, file, line, ...) do { \
    shim_reset(); \
    xv6_printf(1, __VA_ARGS__); \
    if(strcmp(shim_output(1), want) != 0 || shim_writes() != 1){ \
      fprintf(stderr, "%s:%d: printf gave \"%s\" in %d writes, want \"%s\" in 1\n", \
              file, line, shim_output(1), shim_writes(), want); \
      failures++; \
    } \
  } while(0)

static void
test_printf(void)
{
  char big[1000];
  int i;

  PRINTS("plain text\n", "plain text\n");
  PRINTS("0 42 -42", "%d %d %d", 0, 42, -42);
  PRINTS("2147483647 -2147483648", "%d %d", INT_MAX, INT_MIN);
  PRINTS("0 ff deadbeef ffffffff", "%x %x %x %x", 0, 255, 0xdeadbeef, -1);
  PRINTS("0x1234 0x0", "%p %p", (void*)0x1234, (void*)0);
  PRINTS("[abc] [(null)] []", "[%s] [%s] [%s]", "abc", (char*)0, "");
  PRINTS("A%z", "%c%%z", 'A');
  PRINTS("%q", "%q");
  PRINTS("100%", "100%");
  PRINTS("pid 7: sh=1f!\n", "pid %d: %s=%x%c\n", 7, "sh", 31, '!');

  // The descriptor is passed through.
  shim_reset();
  xv6_printf(2, "err %d\n", 5);
  CHECK(strcmp(shim_output(2), "err 5\n") == 0);
  CHECK(shim_output(1)[0] == '\0');

  // Longer output than the buffer: several writes, nothing lost.
  for(i = 0; i < 999; i++)
    big[i] = 'a' + i % 26;
  big[999] = '\0';
  shim_reset();
  xv6_printf(1, "<%s>", big);
  CHECK(strlen(shim_output(1)) == 1001);
  CHECK(shim_output(1)[0] == '<' && shim_output(1)[1000] == '>');
  CHECK(memcmp(shim_output(1) + 1, big, 999) == 0);
  CHECK(shim_writes() > 1 && shim_writes() <= 4);
}

static void
test_malloc(void)
{
  enum { N = 300 };
  unsigned char *p[N];
  size_t used;
  int i, j;

  shim_reset();
  xv6_free(0);

  // Many blocks of different sizes: each keeps its own contents.
  for(i = 0; i < N; i++){
    p[i] = xv6_malloc(i * 7 % 200 + 1);
    CHECK(p[i] != 0);
    CHECK((uintptr_t)p[i] % 8 == 0);
    memset(p[i], i, i * 7 % 200 + 1);
  }
  for(i = 0; i < N; i += 2)
    xv6_free(p[i]);
  for(i = 0; i < N; i += 2){
    p[i] = xv6_malloc(i * 7 % 200 + 1);
    memset(p[i], i, i * 7 % 200 + 1);
  }
  for(i = 0; i < N; i++)
    for(j = 0; j < i * 7 % 200 + 1; j++)
      if(p[i][j] != (unsigned char)i){
        CHECK(!"block overwritten");
        return;
      }
  // Freed in an order that needs merging on both sides.
  for(i = 0; i < N; i += 3)
    xv6_free(p[i]);
  for(i = 2; i < N; i += 3)
    xv6_free(p[i]);
  for(i = 1; i < N; i += 3)
    xv6_free(p[i]);

  // Everything is free and merged: one block as large as all of them
  // fits without growing the heap.
  used = shim_heapused();
  p[0] = xv6_malloc(N * 100);
  CHECK(p[0] != 0);
  CHECK(shim_heapused() == used);
  xv6_free(p[0]);

  // Allocating and freeing in a loop does not grow the heap.
  for(i = 0; i < 10000; i++)
    xv6_free(xv6_malloc(100));
  CHECK(shim_heapused() == used);

  // Large blocks come from sbrk and go back to the free list.
  p[0] = xv6_malloc(1024*1024);
  CHECK(p[0] != 0);
  memset(p[0], 1, 1024*1024);
  xv6_free(p[0]);
  used = shim_heapused();
  p[0] = xv6_malloc(512*1024);
  p[1] = xv6_malloc(512*1024 - 64);
  CHECK(p[0] != 0 && p[1] != 0 && shim_heapused() == used);
  xv6_free(p[0]);
  xv6_free(p[1]);

  // Sizes that sbrk's int cannot express: 0 even with memory to spare.
  CHECK(xv6_malloc(0xffffffffu) == 0);
  CHECK(xv6_malloc(0x7fffffffu) == 0);

  // Out of memory: 0, and the heap still works.
  shim_heaplimit(shim_heapused());
  CHECK(xv6_malloc(4*1024*1024) == 0);
  p[0] = xv6_malloc(1000);
  CHECK(p[0] != 0);
  xv6_free(p[0]);
}

static void
test_strings(void)
{
  char a[32], b[32];
  const char *hello = "hello";

  CHECK(xv6_strlen("") == 0);
  CHECK(xv6_strlen("hello") == 5);
  CHECK(xv6_strcpy(a, "copy") == a && strcmp(a, "copy") == 0);
  CHECK(xv6_strcmp("abc", "abc") == 0);
  CHECK(xv6_strcmp("abc", "abd") < 0);
  CHECK(xv6_strcmp("abd", "abc") > 0);
  CHECK(xv6_strcmp("ab", "abc") < 0);
  CHECK(xv6_strcmp("abc", "ab") > 0);
  CHECK(xv6_strcmp("\xff", "a") > 0);   // compared as unsigned
  CHECK(xv6_strchr(hello, 'l') == hello + 2);
  CHECK(xv6_strchr(hello, 'h') == hello);
  CHECK(xv6_strchr(hello, 'z') == 0);

  CHECK(xv6_memset(a, 'x', 10) == a);
  CHECK(memcmp(a, "xxxxxxxxxx", 10) == 0);
  xv6_memset(a, 0x1ff, 1);
  CHECK((unsigned char)a[0] == 0xff);

  strcpy(a, "0123456789");
  CHECK(xv6_memmove(a + 2, a, 5) == a + 2);
  CHECK(strcmp(a, "0101234789") == 0);
  strcpy(a, "0123456789");
  xv6_memmove(a, a + 3, 5);
  CHECK(strcmp(a, "3456756789") == 0);
  xv6_memmove(a, a, 10);
  CHECK(strcmp(a, "3456756789") == 0);

  CHECK(xv6_memcpy(b, "abcdef", 7) == b && strcmp(b, "abcdef") == 0);
  CHECK(xv6_memcmp("abc", "abc", 3) == 0);
  CHECK(xv6_memcmp("abc", "abd", 3) < 0);
  CHECK(xv6_memcmp("\x80", "\x01", 1) > 0);
  CHECK(xv6_memcmp("abX", "abY", 2) == 0);
  CHECK(xv6_memcmp("a", "b", 0) == 0);

  CHECK(xv6_atoi("0") == 0);
  CHECK(xv6_atoi("123") == 123);
  CHECK(xv6_atoi("-45") == -45);
  CHECK(xv6_atoi("+7") == 7);
  CHECK(xv6_atoi("12abc") == 12);
  CHECK(xv6_atoi("") == 0);
  CHECK(xv6_atoi("abc") == 0);
  CHECK(xv6_atoi("2147483647") == INT_MAX);
}

static void
test_gets(void)
{
  char buf[16];

  shim_reset();
  shim_input("hello\nworld", 100);
  CHECK(strcmp(xv6_gets(buf, sizeof(buf)), "hello\n") == 0);
  CHECK(strcmp(xv6_gets(buf, sizeof(buf)), "world") == 0);
  CHECK(strcmp(xv6_gets(buf, sizeof(buf)), "") == 0);

  // Stops at max-1 bytes; the rest stays for the next call.
  shim_input("abcdef\n", 100);
  CHECK(strcmp(xv6_gets(buf, 4), "abc") == 0);
  CHECK(strcmp(xv6_gets(buf, sizeof(buf)), "def\n") == 0);

  // A carriage return ends a line too.
  shim_input("cr\rnext\n", 100);
  CHECK(strcmp(xv6_gets(buf, sizeof(buf)), "cr\r") == 0);
  CHECK(strcmp(xv6_gets(buf, sizeof(buf)), "next\n") == 0);
}

static void
test_stat(void)
{
  struct xv6_stat st;

  shim_reset();
  shim_file("present", "twelve bytes");
  memset(&st, 0, sizeof(st));
  CHECK(xv6_stat("present", &st) == 0);
  CHECK(st.type == T_FILE && st.size == 12);
  CHECK(shim_openfiles() == 0);   // stat closed what it opened
  CHECK(xv6_stat("absent", &st) == -1);
  CHECK(shim_openfiles() == 0);
}

static void
test_match(void)
{
  CHECK(match("", "anything"));
  CHECK(match("", ""));
  CHECK(match("abc", "xxabcxx"));
  CHECK(!match("abc", "ab"));
  CHECK(match("^abc", "abcd"));
  CHECK(!match("^abc", "xabc"));
  CHECK(match("abc$", "xxabc"));
  CHECK(!match("abc$", "abcx"));
  CHECK(match("^$", ""));
  CHECK(!match("^$", "x"));
  CHECK(match("a.c", "abc"));
  CHECK(!match("a.c", "ac"));
  CHECK(match("a*b", "b"));
  CHECK(match("^a*b", "aaab"));
  CHECK(match("^ab*c$", "ac"));
  CHECK(match("^ab*c$", "abbbc"));
  CHECK(!match("^ab*c$", "abbd"));
  CHECK(match("^a*$", ""));
  CHECK(!match("^a*$", "aab"));
  CHECK(match(".*", ""));
  CHECK(match("^.*x$", "aaaax"));
  CHECK(!match("^.*x$", "aaaxa"));
  CHECK(match("x*y*z", "zzz"));
  CHECK(match("^.*a.*b", "ccacccb"));
  CHECK(!match("^.*a.*b", "cccbcca"));
}

// grep, wc, echo and cat run whole, with scripted input and files.
static void
test_programs(void)
{
  char *grep1[] = { "grep", "ab*c", 0 };
  char *grep2[] = { "grep", "^x", "f1", "f2", 0 };
  char *grep3[] = { "grep", "x", "missing", 0 };
  char *wc1[] = { "wc", 0 };
  char *wc2[] = { "wc", "f1", 0 };
  char *echo1[] = { "echo", "hello", "", "world", 0 };
  char *echo0[] = { "echo", 0 };
  char *cat1[] = { "cat", "f1", "f2", 0 };
  char *cat0[] = { "cat", 0 };
  static char longline[3000];
  static char text[4000];
  int chunk;

  // Lines split over reads of every size come out whole; a last line
  // without a newline counts.
  for(chunk = 1; chunk < 12; chunk++){
    shim_reset();
    shim_input("ac\nxyz\nabbbc and more\nnope\nlast abc", chunk);
    shim_run(grep_main, grep1);
    CHECK(strcmp(shim_output(1), "ac\nabbbc and more\nlast abc\n") == 0);
  }

  // A line longer than grep's buffer is skipped whole, the rest is not.
  memset(longline, 'a', sizeof(longline) - 1);
  longline[1500] = 'c';
  snprintf(text, sizeof(text), "abc1\n%s\nabc2\n", longline);
  shim_reset();
  shim_input(text, 700);
  shim_run(grep_main, grep1);
  CHECK(strcmp(shim_output(1), "abc1\nabc2\n") == 0);

  shim_reset();
  shim_file("f1", "x1\ny1\n");
  shim_file("f2", "y2\nx2\n");
  shim_run(grep_main, grep2);
  CHECK(strcmp(shim_output(1), "x1\nx2\n") == 0);
  CHECK(shim_openfiles() == 0);

  shim_reset();
  shim_run(grep_main, grep3);
  CHECK(strcmp(shim_output(2), "grep: cannot open missing\n") == 0);

  shim_reset();
  shim_input("one two\n  three\t four \n\nfive", 3);
  shim_run(wc_main, wc1);
  CHECK(strcmp(shim_output(1), "3 5 28 \n") == 0);

  shim_reset();
  shim_file("f1", "a b\nc\n");
  shim_run(wc_main, wc2);
  CHECK(strcmp(shim_output(1), "2 3 6 f1\n") == 0);

  shim_reset();
  shim_run(echo_main, echo1);
  CHECK(strcmp(shim_output(1), "hello  world\n") == 0);
  CHECK(shim_writes() == 1);
  shim_reset();
  shim_run(echo_main, echo0);
  CHECK(strcmp(shim_output(1), "\n") == 0);

  shim_reset();
  shim_file("f1", "first\n");
  shim_file("f2", "second\n");
  shim_run(cat_main, cat1);
  CHECK(strcmp(shim_output(1), "first\nsecond\n") == 0);
  CHECK(shim_openfiles() == 0);
  shim_reset();
  shim_input("from stdin\n", 4);
  shim_run(cat_main, cat0);
  CHECK(strcmp(shim_output(1), "from stdin\n") == 0);
}

static struct {
  const char *name;
  void (*run)(void);
} groups[] = {
  { "printf", test_printf },
  { "malloc", test_malloc },
  { "strings", test_strings },
  { "gets", test_gets },
  { "stat", test_stat },
  { "match", test_match },
  { "programs", test_programs },
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

int
main(int argc, char *argv[])
{
  size_t i;

  if(argc != 2){
    fprintf(stderr, "usage: libtests GROUP | --list\n");
    return 2;
  }
  for(i = 0; i < NGROUPS; i++){
    if(strcmp(argv[1], "--list") == 0){
      printf("%s\n", groups[i].name);
    } else if(strcmp(argv[1], groups[i].name) == 0){
      groups[i].run();
      printf("%s: %d failed checks\n", groups[i].name, failures);
      return failures != 0;
    }
  }
  if(strcmp(argv[1], "--list") == 0)
    return 0;
  fprintf(stderr, "libtests: no group %s\n", argv[1]);
  return 2;
}
