# A pinned page leaves the file on PUNCH_HOLE but is freed only at unpin; the mapping
# refaults a fresh zero page.
# Source: truncate_inode_pages_range() drops the page cache reference, not the pin.
vm.create vm
gmem.create g vm=vm size=16K flags=mmap,init_shared
gmem.mmap m gmem=g
host.write m offset=0 tag=pinned
host.pin m offset=0
gmem.punch g offset=0 len=16K
expect.page g offset=0 present=0
host.read m offset=0 => zero
host.unpin m offset=0
host.unpin m offset=0 => EINVAL
# a pin names a page by any address inside it, as the page GUP returned does
host.write m offset=4K tag=again
host.pin m offset=0x1010
host.unpin m offset=0x1ff8
host.unpin m offset=4K => EINVAL
gmem.munmap m
gmem.close g
vm.close vm
