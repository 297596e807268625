# A guest_memfd lifecycle: errno, content and state outcomes, a fault racing a
# hole punch, an op blocked by a task's lock, and a clean teardown.
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
gmem.create bad vm=vm size=3K => EINVAL   # the size must be page-aligned
gmem.close bad => EBADF                   # a failed creation's name passes fd -1
memslot.set vm slot=0 gpa=4G size=2M gmem=g offset=0
memslot.set vm slot=1 gpa=4G size=4K gmem=g offset=0 => EEXIST
attr.set vm gpa=4G size=2M private
guest.write vm gpa=4G tag=secret
guest.read vm gpa=4G => tag:secret
expect.page g offset=0 present=1 private=1 tag=secret

# Drop the mapping, then let a fault look its page up before a punch frees it:
# the fault sees mmu_invalidate_seq move, retries, and maps a fresh zero page.
memslot.delete vm slot=0
memslot.set vm slot=0 gpa=4G size=2M gmem=g
spawn fault guest.read vm gpa=4G
step fault 2                              # begin, get_pfn
gmem.punch g offset=0 len=2M
finish fault => zero

# A memslot delete holding slots_lock between its steps blocks other users.
spawn del memslot.delete vm slot=0
step del                                  # invalidate, under slots_lock
attr.set vm gpa=4G size=4K shared => blocked
finish del
expect.gmem g alive=1 bindings=0

gmem.close g
vm.close vm
expect.vm vm alive=0
check
