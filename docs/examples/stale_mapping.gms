# NEGATIVE. Under the no-invalidate-retry mutant the fault maps the page a
# punch has just truncated: a stale mapping the invariant catches at once.
policy mutant=no-invalidate-retry
vm.create vm type=sw_protected
gmem.create g vm=vm size=2M
memslot.set vm slot=0 gpa=4G size=2M gmem=g
attr.set vm gpa=4G size=2M private
spawn fault guest.write vm gpa=4G tag=data
step fault 2                              # begin, get_pfn
gmem.punch g offset=0 len=2M
finish fault => violation:stale-mapping
