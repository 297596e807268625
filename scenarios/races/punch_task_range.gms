# A hole punch run as a task (spawned, then stepped) frees and zaps its own range
# only: the page before the hole keeps its content, the punched page is gone and
# reads zero after. The synchronous gmem.punch is tested the same way by
# fallocate/; this pins the task's range, which it computes at its first step.
# Source: kvm_gmem_punch_hole(): start = offset >> PAGE_SHIFT, end = (offset +
# len) >> PAGE_SHIFT, kvm_gmem_invalidate_begin(), truncate_inode_pages_range();
# selftest guest_memfd_test.c test_fallocate() punches inside a file.
vm.create vm type=sw_protected
gmem.create g vm=vm size=8K
memslot.set vm slot=1 gpa=4G size=8K gmem=g
attr.set vm gpa=4G size=8K private
guest.write vm gpa=4G tag=keep
guest.write vm gpa=0x100001000 tag=gone
spawn punch gmem.punch g offset=4K len=4K
finish punch
expect.page g offset=0 present=1
expect.page g offset=4K present=0
guest.read vm gpa=4G => tag:keep
guest.read vm gpa=0x100001000 => zero
