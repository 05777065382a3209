// sh: the shell.  Reads a line, parses it into a tree of commands and
// runs it.  Supports pipes (a | b), redirection (< file, > file), lists
// (a ; b), background jobs (a &), subshells ( ( ... ) ) and the built-in
// cd.  Errors in a line are reported and the shell reads the next one.

#include "types.h"
#include "fcntl.h"
#include "param.h"
#include "user.h"

#define MAXLINE   256
#define MAXARGS   (MAXARG-1)   // words of one command: as many as exec takes
#define MAXTOKENS MAXLINE
#define MAXNODES  64

// A parsed command is a tree of these.
enum { EXEC = 1, REDIR, PIPE, LIST, BACK, GROUP };

struct cmd {
  int type;
  int argc;                 // EXEC: the words
  char *argv[MAXARGS+1];
  char *file;               // REDIR: open file with mode as descriptor fd,
  int mode;                 //   then run left
  int fd;
  struct cmd *left;         // PIPE, LIST: both sides; REDIR, BACK, GROUP: the command
  struct cmd *right;
};

// A token is a word or one of the symbols < > | & ; ( ).
struct token {
  int kind;                 // WORD, a symbol character, or 0 at the end
  char *word;
};
#define WORD 'w'

static char line[MAXLINE];
static char words[2*MAXLINE];   // the words, NUL-terminated, copied out of line
static struct token tokens[MAXTOKENS+1];
static int ntok;                // parser position in tokens
static struct cmd nodes[MAXNODES];
static int nnodes;

static void runseq(struct cmd *c);

static int
isblank(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

static int
issymbol(char c)
{
  return c != '\0' && strchr("<>|&;()", c) != 0;
}

// Split line into tokens.  The line has at most MAXLINE-1 characters,
// so tokens and words cannot overflow.
static void
tokenize(char *s)
{
  struct token *t = tokens;
  char *w = words;

  for(;;){
    while(isblank(*s))
      s++;
    if(*s == '\0')
      break;
    if(issymbol(*s)){
      t->kind = *s++;
    } else {
      t->kind = WORD;
      t->word = w;
      while(*s && !isblank(*s) && !issymbol(*s))
        *w++ = *s++;
      *w++ = '\0';
    }
    t++;
  }
  t->kind = 0;
  ntok = 0;
  nnodes = 0;
}

static int
peek(void)
{
  return tokens[ntok].kind;
}

// Report a parse error; returns 0 so that parsers can fail with it.
static struct cmd*
syntax(char *why)
{
  printf(2, "sh: %s\n", why);
  return 0;
}

static struct cmd*
node(int type, struct cmd *left, struct cmd *right)
{
  struct cmd *c;

  if(nnodes == MAXNODES){
    syntax("command too complex");
    return 0;
  }
  c = &nodes[nnodes++];
  memset(c, 0, sizeof(*c));
  c->type = type;
  c->left = left;
  c->right = right;
  return c;
}

static struct cmd *parselist(void);

// One "< file" or "> file".  It goes below the redirections before it
// in the tree, so it is applied after them and, as in other shells, the
// last redirection of a descriptor wins.  *slot is where the command
// being redirected hangs.
static struct cmd*
parseredir(struct cmd ***slot)
{
  int sym = tokens[ntok++].kind;
  struct cmd *r;

  if(peek() != WORD)
    return syntax("missing file name after redirection");
  if((r = node(REDIR, **slot, 0)) == 0)
    return 0;
  r->file = tokens[ntok++].word;
  r->fd = sym == '<' ? 0 : 1;
  r->mode = sym == '<' ? O_RDONLY : O_WRONLY|O_CREATE;
  **slot = r;
  *slot = &r->left;
  return r;
}

// words and redirections, or ( list ) followed by redirections.
static struct cmd*
parsecommand(void)
{
  struct cmd *top, *base, **slot;

  if(peek() == '('){
    ntok++;
    if((base = parselist()) == 0 || (base = node(GROUP, base, 0)) == 0)
      return 0;
    if(peek() != ')')
      return syntax("missing )");
    ntok++;
  } else if((base = node(EXEC, 0, 0)) == 0){
    return 0;
  }
  top = base;
  slot = &top;
  for(;;){
    if(peek() == '<' || peek() == '>'){
      if(!parseredir(&slot))
        return 0;
    } else if(peek() == WORD && base->type == EXEC){
      if(base->argc == MAXARGS)
        return syntax("too many arguments");
      base->argv[base->argc++] = tokens[ntok++].word;
    } else {
      break;
    }
  }
  if(base->type == EXEC && base->argc == 0)
    return syntax("missing command");
  return top;
}

static struct cmd*
parsepipe(void)
{
  struct cmd *left, *right;

  if((left = parsecommand()) == 0)
    return 0;
  if(peek() != '|')
    return left;
  ntok++;
  if((right = parsepipe()) == 0)
    return 0;
  return node(PIPE, left, right);
}

// Jobs separated by ; or &, each optionally ending in &.
static struct cmd*
parselist(void)
{
  struct cmd *left, *right;

  if((left = parsepipe()) == 0)
    return 0;
  if(peek() == '&'){
    ntok++;
    if((left = node(BACK, left, 0)) == 0)
      return 0;
  } else if(peek() == ';'){
    ntok++;
  } else {
    return left;
  }
  // A separator may end the list.
  if(peek() == 0 || peek() == ')')
    return left;
  if((right = parselist()) == 0)
    return 0;
  return node(LIST, left, right);
}

static struct cmd*
parseline(void)
{
  struct cmd *c;

  if(peek() == 0)
    return 0;
  if((c = parselist()) == 0)
    return 0;
  if(peek() != 0)
    return syntax("syntax error");
  return c;
}

static int
fork1(void)
{
  int pid = fork();

  if(pid < 0)
    printf(2, "sh: fork failed\n");
  return pid;
}

static void
waitfor(int pid)
{
  int w;

  while((w = wait()) >= 0 && w != pid)
    ;
}

// exec argv[0]; a bare name not found in the current directory is also
// looked for in / (an addition to xv6, where programs live in / only),
// so commands keep working after a cd.
static void
execute(char **argv)
{
  char path[MAXLINE+1];

  exec(argv[0], argv);
  if(strchr(argv[0], '/') == 0){
    path[0] = '/';
    strcpy(path + 1, argv[0]);
    exec(path, argv);
  }
  printf(2, "exec %s failed\n", argv[0]);
}

static int
iscd(struct cmd *c)
{
  return c->type == EXEC && strcmp(c->argv[0], "cd") == 0;
}

// cd must run in the shell's own process to change its directory.
static void
cd(struct cmd *c)
{
  char *dir = c->argc > 1 ? c->argv[1] : "/";

  if(c->argc > 2)
    printf(2, "usage: cd [dir]\n");
  else if(chdir(dir) < 0)
    printf(2, "cannot cd %s\n", dir);
}

// Run c in this process, which is a child of the shell; never returns.
static void __attribute__((noreturn))
runcmd(struct cmd *c)
{
  int p[2];

  switch(c->type){
  case EXEC:
    if(iscd(c))
      cd(c);
    else
      execute(c->argv);
    break;

  case REDIR:
    close(c->fd);
    if(open(c->file, c->mode) < 0){
      printf(2, "open %s failed\n", c->file);
      break;
    }
    runcmd(c->left);

  case PIPE:
    if(pipe(p) < 0){
      printf(2, "sh: pipe failed\n");
      break;
    }
    if(fork1() == 0){
      close(1);
      dup(p[1]);
      close(p[0]);
      close(p[1]);
      runcmd(c->left);
    }
    if(fork1() == 0){
      close(0);
      dup(p[0]);
      close(p[0]);
      close(p[1]);
      runcmd(c->right);
    }
    close(p[0]);
    close(p[1]);
    wait();
    wait();
    break;

  case GROUP:
    runseq(c->left);
    break;
  }
  exit();
}

// Run a list of jobs from the shell (or a subshell) itself, so that a cd
// in the list affects the commands after it.
static void
runseq(struct cmd *c)
{
  int pid;

  if(c->type == LIST){
    runseq(c->left);
    runseq(c->right);
  } else if(iscd(c)){
    cd(c);
  } else if(c->type == BACK){
    // The job runs in a grandchild that init adopts and reaps, so the
    // shell waits only for the short-lived child.
    if((pid = fork1()) == 0){
      if(fork1() == 0)
        runcmd(c->left);
      exit();
    }
    if(pid > 0)
      waitfor(pid);
  } else if((pid = fork1()) == 0){
    runcmd(c);
  } else if(pid > 0){
    waitfor(pid);
  }
}

// Read a line into line.  Returns 0 at end of input.  A line too long
// for the buffer is read to its end, reported and replaced by an empty one.
static int
readline(void)
{
  uint n;
  int toolong = 0;

  for(;;){
    gets(line, sizeof(line));
    n = strlen(line);
    if(n == 0 && !toolong)
      return 0;
    // Done at a line end, or at end of input (a short read without one).
    if(n == 0 || line[n-1] == '\n' || line[n-1] == '\r' || n < sizeof(line) - 1)
      break;
    toolong = 1;
  }
  if(toolong){
    printf(2, "sh: line too long (max %d characters)\n", MAXLINE - 2);
    line[0] = '\0';
  }
  return 1;
}

int
main(void)
{
  int fd;
  struct cmd *c;

  // Make sure descriptors 0, 1 and 2 are open, on the console if need be.
  while((fd = open("console", O_RDWR)) >= 0){
    if(fd >= 3){
      close(fd);
      break;
    }
  }
  for(;;){
    printf(2, "$ ");
    if(!readline())
      break;
    tokenize(line);
    if((c = parseline()) != 0)
      runseq(c);
  }
  exit();
}
