"""tools/mkfs and tools/fsck: the image layout byte for byte as xv6 lays
it out, and fsck's verdict on clean and on deliberately damaged images."""

import pathlib
import struct
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3"
BSIZE = 512
NDIRECT = 12
MAXFILE_BYTES = (12 + 128) * 512
SUPERBLOCK = struct.Struct("<7I")
DINODE = struct.Struct("<4hI13I")
DIRENT = struct.Struct("<H14s")
INODESTART, BMAPSTART, DATASTART = 32, 58, 59      # default image


def run(*cmd):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=60)


def mkfs(*args):
    return run(PYTHON, ROOT / "tools" / "mkfs", *args)


def fsck(*args):
    return run(PYTHON, ROOT / "tools" / "fsck", *args)


class Image:
    """Read and poke at an image's raw bytes."""

    def __init__(self, path):
        self.path = path
        self.data = bytearray(path.read_bytes())
        self.sb = SUPERBLOCK.unpack_from(self.data, BSIZE)

    def save(self):
        self.path.write_bytes(self.data)

    def inode_off(self, inum):
        return self.sb[5] * BSIZE + inum * 64

    def inode(self, inum):
        f = DINODE.unpack_from(self.data, self.inode_off(inum))
        return {"type": f[0], "major": f[1], "minor": f[2], "nlink": f[3], "size": f[4],
                "addrs": list(f[5:])}

    def set_inode(self, inum, **fields):
        ip = self.inode(inum)
        ip.update(fields)
        DINODE.pack_into(self.data, self.inode_off(inum), ip["type"], ip["major"], ip["minor"],
                         ip["nlink"], ip["size"], *ip["addrs"])

    def dirents(self, inum):
        ip = self.inode(inum)
        out = []
        for bno in ip["addrs"][:NDIRECT]:
            for off in range(0, BSIZE, 16):
                if bno:
                    n, name = DIRENT.unpack_from(self.data, bno * BSIZE + off)
                    if n:
                        out.append((n, name.rstrip(b"\0").decode()))
        return out

    def bit(self, bno):
        return self.data[self.sb[6] * BSIZE + bno // 8] >> (bno % 8) & 1

    def set_bit(self, bno, value):
        byte = self.sb[6] * BSIZE + bno // 8
        if value:
            self.data[byte] |= 1 << (bno % 8)
        else:
            self.data[byte] &= ~(1 << (bno % 8))


def make(tmp_path, files, *opts):
    paths = []
    for name, content in files.items():
        p = tmp_path / name
        p.write_bytes(content)
        paths.append(p)
    img = tmp_path / "fs.img"
    r = mkfs(*opts, img, *paths)
    assert r.returncode == 0, r.stderr
    return img


# --- mkfs -----------------------------------------------------------------

def test_default_layout_is_xv6s(tmp_path):
    img = Image(make(tmp_path, {}))
    assert len(img.data) == 1000 * BSIZE
    # size nblocks ninodes nlog logstart inodestart bmapstart, as xv6's mkfs prints them
    assert img.sb == (1000, 941, 200, 30, 2, INODESTART, BMAPSTART)
    root = img.inode(1)
    assert (root["type"], root["nlink"], root["size"]) == (1, 1, BSIZE)
    assert root["addrs"] == [DATASTART] + [0] * 12
    assert img.dirents(1) == [(1, "."), (1, "..")]
    assert [img.bit(b) for b in range(DATASTART + 2)] == [1] * (DATASTART + 1) + [0]


def test_files_are_named_and_placed_as_xv6_does(tmp_path):
    big = bytes(range(256)) * 26 + b"x"           # 6657 bytes: 14 blocks, so an indirect one
    img = Image(make(tmp_path, {"_cat": b"meow\n", "README": big}))
    assert img.dirents(1) == [(1, "."), (1, ".."), (2, "cat"), (3, "README")]
    cat, readme = img.inode(2), img.inode(3)
    assert (cat["type"], cat["nlink"], cat["size"]) == (2, 1, 5)
    assert cat["addrs"][0] == DATASTART + 1
    # Blocks in order; the indirect block is taken just before file block 12.
    first = DATASTART + 2
    assert readme["addrs"][:NDIRECT] == list(range(first, first + NDIRECT))
    indirect = readme["addrs"][NDIRECT]
    assert indirect == first + NDIRECT
    assert struct.unpack_from("<2I", img.data, indirect * BSIZE) == (indirect + 1, indirect + 2)
    assert img.data[first * BSIZE:first * BSIZE + 256] == bytes(range(256))
    last_used = indirect + 2
    assert all(img.bit(b) for b in range(last_used + 1))
    assert not any(img.bit(b) for b in range(last_used + 1, 1000))


def test_root_grows_a_block_between_files(tmp_path):
    # "." and ".." and 31 files make 33 entries: the root's second block
    # is taken when the 31st file's entry is added, before its data.
    files = {"f%02d" % i: b"x" for i in range(31)}
    img = Image(make(tmp_path, files))
    root = img.inode(1)
    last = img.inode(32)
    assert root["addrs"][1] == img.inode(31)["addrs"][0] + 1
    assert last["addrs"][0] == root["addrs"][1] + 1
    assert root["size"] == 2 * BSIZE


def test_root_ending_on_a_block_boundary_is_not_padded_further(tmp_path):
    # 32 entries fill one block exactly.  xv6's mkfs would claim a size of
    # two blocks with only one allocated; this mkfs keeps the size true.
    img = Image(make(tmp_path, {"f%02d" % i: b"x" for i in range(30)}))
    assert img.inode(1)["size"] == BSIZE
    assert img.inode(1)["addrs"][1] == 0


def test_size_and_inode_options(tmp_path):
    img = make(tmp_path, {"a": b"a"}, "--size", "4096", "--inodes", "500")
    # 500 / 8 + 1 = 63 inode blocks; 4096 / 4096 + 1 = 2 bitmap blocks
    assert Image(img).sb == (4096, 4096 - (2 + 30 + 63 + 2), 500, 30, 2, 32, 95)
    r = fsck(img)
    assert r.returncode == 0, r.stdout


def test_largest_file_fits_and_one_byte_more_does_not(tmp_path):
    (tmp_path / "max").write_bytes(b"m" * MAXFILE_BYTES)
    (tmp_path / "over").write_bytes(b"o" * (MAXFILE_BYTES + 1))
    assert mkfs(tmp_path / "a.img", tmp_path / "max").returncode == 0
    assert fsck(tmp_path / "a.img").returncode == 0
    r = mkfs(tmp_path / "b.img", tmp_path / "over")
    assert r.returncode == 1
    assert "file too big" in r.stderr


@pytest.mark.parametrize("names, opts, message", [
    (["abcdefghijklmno"], [], "longer than 14 bytes"),
    (["x", "sub/_x"], [], "already on the image"),
    (["a", "b", "c"], ["--inodes", "3"], "out of inodes"),
    (["missing"], [], "No such file"),
])
def test_mkfs_refuses(tmp_path, names, opts, message):
    paths = []
    for name in names:
        p = tmp_path / name
        if name != "missing":
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(b"data")
        paths.append(p)
    r = mkfs(*opts, tmp_path / "fs.img", *paths)
    assert r.returncode == 1
    assert message in r.stderr


def test_mkfs_refuses_a_size_without_data_blocks(tmp_path):
    r = mkfs("--size", "50", tmp_path / "fs.img")
    assert r.returncode == 2
    assert "leaves no data blocks" in r.stderr


# --- fsck -----------------------------------------------------------------

@pytest.fixture
def image(tmp_path):
    """A default image with a (2 blocks, inode 2) and b (1 block, inode 3)."""
    return Image(make(tmp_path, {"a": b"A" * 600, "b": b"B" * 100}))


def test_fsck_clean_image(image):
    r = fsck(image.path)
    assert r.returncode == 0
    assert r.stdout.splitlines() == [
        "%s: clean: 1000 blocks; inodes in use: 3 of 199 (directories 1, files 2, devices 0); "
        "data blocks in use: 4 of 941" % image.path]


def damage_double_reference(img):
    img.set_inode(3, addrs=[img.inode(2)["addrs"][0]] + [0] * 12)
    return ["block 60: referenced 2 times: inode 2 block 0, inode 3 block 0",
            "block 62: marked in use but no inode uses it"]


def damage_free_in_bitmap(img):
    img.set_bit(61, 0)
    return ["block 61: used by inode 2 block 1 but free in the bitmap"]


def damage_link_count(img):
    img.set_inode(2, nlink=2)
    return ["inode 2: link count 2 but 1 directory entries name it"]


def damage_dangling_entry(img):
    DIRENT.pack_into(img.data, DATASTART * BSIZE + 4 * 16, 9, b"ghost")
    return ["directory 1: entry 'ghost' names free inode 9"]


def damage_entry_out_of_range(img):
    DIRENT.pack_into(img.data, DATASTART * BSIZE + 4 * 16, 300, b"far")
    return ["directory 1: entry 'far' names inode 300, out of range"]


def damage_address_in_metadata(img):
    img.set_inode(3, addrs=[40] + [0] * 12)
    return ["inode 3: block 0 address 40 outside the data area [59, 1000)",
            "inode 3: size 100 but block 0 is missing",
            "block 62: marked in use but no inode uses it"]


def damage_address_past_the_end(img):
    img.set_inode(2, addrs=[60, 5000] + [0] * 11)
    return ["inode 2: block 1 address 5000 outside the data area [59, 1000)"]


def damage_size(img):
    img.set_inode(2, size=2000)
    return ["inode 2: size 2000 but block 2 is missing"]


def damage_block_beyond_size(img):
    img.set_inode(2, size=100)
    return ["inode 2: block 1 lies beyond its size 100"]


def damage_lost_inode(img):
    img.set_inode(9, type=2, nlink=1)
    return ["inode 9: link count 1 but 0 directory entries name it",
            "inode 9: file not reachable from the root"]


def damage_bad_type(img):
    img.set_inode(9, type=7)
    return ["inode 9: bad type 7"]


def damage_unused_block_marked(img):
    img.set_bit(900, 1)
    return ["block 900: marked in use but no inode uses it"]


def damage_dot(img):
    DIRENT.pack_into(img.data, DATASTART * BSIZE, 2, b".")
    return ["directory 1: '.' names inode 2, not itself"]


def damage_superblock(img):
    SUPERBLOCK.pack_into(img.data, BSIZE, 1000, 941, 5000, 30, 2, 32, 58)
    return ["superblock: 5000 inodes from block 32 run into the bitmap at 58"]


def damage_log_header(img):
    struct.pack_into("<i", img.data, 2 * BSIZE, 99)
    return ["log header: count 99 out of range"]


@pytest.mark.parametrize("damage", [
    damage_double_reference, damage_free_in_bitmap, damage_link_count, damage_dangling_entry,
    damage_entry_out_of_range, damage_address_in_metadata, damage_address_past_the_end,
    damage_size, damage_block_beyond_size, damage_lost_inode, damage_bad_type,
    damage_unused_block_marked, damage_dot, damage_superblock, damage_log_header,
], ids=lambda f: f.__name__[len("damage_"):])
def test_fsck_finds_damage(image, damage):
    expected = damage(image)
    image.save()
    r = fsck(image.path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    for line in expected:
        assert line in lines
    assert lines[-1] == "%s: %d problems" % (image.path, len(lines) - 1)


def write_log(img, targets_and_contents):
    struct.pack_into("<i", img.data, 2 * BSIZE, len(targets_and_contents))
    for i, (target, content) in enumerate(targets_and_contents):
        struct.pack_into("<i", img.data, 2 * BSIZE + 4 + 4 * i, target)
        img.data[(3 + i) * BSIZE:(4 + i) * BSIZE] = content


def test_fsck_reports_a_pending_log_and_replays_it(image):
    new_a = b"N" * BSIZE
    write_log(image, [(60, new_a)])
    image.save()
    r = fsck(image.path)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == "log not empty: recovery pending (blocks logged: 1)"
    assert Image(image.path).data[60 * BSIZE:61 * BSIZE] == b"A" * BSIZE    # only looked

    r = fsck("--replay", image.path)
    assert r.returncode == 0
    assert r.stdout.splitlines()[:2] == ["log not empty: recovery pending (blocks logged: 1)",
                                         "log replayed: blocks installed: 1"]
    after = Image(image.path)
    assert after.data[60 * BSIZE:61 * BSIZE] == new_a
    assert struct.unpack_from("<2i", after.data, 2 * BSIZE) == (0, 60)  # count cleared, as xv6 leaves it
    r = fsck(image.path)
    assert r.returncode == 0
    assert "log" not in r.stdout


def test_fsck_checks_the_image_as_recovery_will_leave_it(image):
    # On disk, block 61 is free in the bitmap although a uses it; the
    # committed log holds the bitmap block that marks it.
    bitmap = bytes(image.data[BMAPSTART * BSIZE:(BMAPSTART + 1) * BSIZE])
    image.set_bit(61, 0)
    write_log(image, [(BMAPSTART, bitmap)])
    image.save()
    r = fsck(image.path)
    assert r.returncode == 0, r.stdout
    struct.pack_into("<i", image.data, 2 * BSIZE, 0)     # without the log it is damage
    image.save()
    r = fsck(image.path)
    assert r.returncode == 1
    assert "block 61: used by inode 2 block 1 but free in the bitmap" in r.stdout.splitlines()
