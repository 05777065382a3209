// Functions the layers of the file-system core offer each other, one
// group per file, from the bottom up.
#ifndef FS_DEFS_H
#define FS_DEFS_H

#include "fs_rt.h"
#include "ondisk.h"

struct buf;
struct inode;
struct file;
struct client;

// mount.c
extern struct superblock sb;
int mount(void);

// bio.c
void binit(void);
struct buf *bread(uint32_t blockno);
int bcached_block(uint32_t blockno);
struct buf *bread_cached(uint32_t blockno);
struct buf *bread_zeroed(uint32_t blockno);
void bread_ahead(uint32_t blockno, uint32_t n);
void bwrite(struct buf *b);
void bwrite_to(struct buf *b, uint32_t blockno);
void bwrite_run(uint32_t blockno, uint32_t n, const void *data);
void bflush(void);
void brelse(struct buf *b);
void bpin(struct buf *b);
void bunpin(struct buf *b);
void bdirty(struct buf *b);
void bsync(void);

// log.c
int log_init(void);
void begin_op(void);
void end_op(void);
void log_write(struct buf *b);

// answer.c: its table lies in the log header block from LOG_HEAD_BYTES on
#define LOG_HEAD_BYTES 372
void answer_result(int result);
int answer_room(void);
void answer_clear(void);
void answer_seal(void);
void answer_put(uint8_t *tail);
void answer_get(const uint8_t *tail);

// balloc.c
uint32_t balloc(void);
void bfree(uint32_t blockno);

// inode.c
void iinit(void);
struct inode *ialloc(int16_t type);
struct inode *iget(uint32_t inum);
struct inode *ifind(uint32_t inum);
void iput(struct inode *ip);
void iupdate(struct inode *ip);
void itrunc(struct inode *ip);
int readi(struct inode *ip, void *dst, uint32_t off, uint32_t n);
int writei(struct inode *ip, const void *src, uint32_t off, uint32_t n);
void stati(struct inode *ip, struct fs_stat *st);
int ifree_orphans(void);

// dir.c
int namecmp(const char *a, const char *b);
struct inode *dirlookup(struct inode *dp, const char *name, uint32_t *poff);
int dirlink(struct inode *dp, const char *name, uint32_t inum);
void dirclear(struct inode *dp, uint32_t off);
int dir_isempty(struct inode *dp);

// path.c
int path_check(const char *path);
int namei(uint32_t cwd, const char *path, struct inode **ipp);
int nameiparent(uint32_t cwd, const char *path, char *name, struct inode **dpp);

// file.c
struct file *filealloc(void);
struct file *filedup(struct file *f);
void fileclose(struct file *f);
int fileindex(struct file *f);
int fileread(struct file *f, void *dst, int n);
int filewrite(struct file *f, const void *src, int n);
int filestat(struct file *f, struct fs_stat *st);
int fileready(struct file *f, int for_write);
int filedevice(struct file *f, int *major, int *minor);

// pipe.c
int pipealloc(void);
void pipeclose(int pi, int writable);
int piperead(int pi, void *dst, int n);
int pipewrite(int pi, const void *src, int n);
int pipe_ready(int pi, int for_write);
uint32_t pipe_count(int pi, int for_write);
int pipe_unread(int pi, uint32_t count);

// client.c
struct client *client_find(uint32_t id);
struct client *client_get(uint32_t id);
uint32_t client_cwd(uint32_t id);
int fdalloc(struct client *c, struct file *f);
struct file *fd_file(uint32_t id, int fd);
void fd_clear(struct client *c, int fd);

#endif
