# The series binds a memslot to its guest_memfd in two phases: prepare checks the file
# and points the slot at it, the arch's prepare runs, and only then commit publishes the
# binding (EEXIST for a range another slot binds, the slot undone). So a slot both past
# the arch's limit and overlapping a binding is refused by the arch (EINVAL) where
# mainline's kvm_gmem_bind() refuses the overlap first (EEXIST), and a failed commit
# leaves the file as it was: the first slot's binding and the range for a new one.
# Source: series v13 prerequisites in linux-next next-20260923: 83411f32b8ad "Split bind()
# into prepare()+commit() phases", 3fe5d2944e5a "Establish memslot<=>guest_memfd bindings
# *after* memslot is ready", e6ecb88711d9 (xarray errors undone).
policy convert=in-place
vm.create vm type=sw_protected
gmem.create g vm=vm size=8K flags=mmap
memslot.set vm slot=1 gpa=4G size=8K gmem=g
memslot.set vm slot=2 gpa=0xffffffffff000 size=8K gmem=g => EINVAL
memslot.set vm slot=2 gpa=8G size=8K gmem=g => EEXIST
memslot.set vm slot=2 gpa=8G size=4K gmem=g offset=4K => EEXIST
expect.gmem g bindings=1
guest.write vm gpa=4G tag=a
memslot.delete vm slot=1
memslot.set vm slot=2 gpa=8G size=8K gmem=g
guest.read vm gpa=8G => tag:a
